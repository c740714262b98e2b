//! The event recorder (client-go `tools/record`): components report what happened to an object;
//! identical reports (same source, object, type, reason and message) are aggregated into one
//! Event whose `count` and `lastTimestamp` grow, so `describe` can print `(x3 over 20s)`.
//! Events expire one hour after their last update, as the API server's `--event-ttl=1h`.

use std::collections::BTreeMap;

use crate::api::{Event, EventSource, ObjectMeta, ObjectReference};
use crate::cluster::{Cluster, Timer};
use crate::object::{Kind, Object};
use crate::store::ObjectKey;
use crate::time::Duration;

/// The API server's `--event-ttl`.
pub const EVENT_TTL: Duration = Duration::from_secs(3600);

/// Who reports an event: `kubelet` on `node-1`, `default-scheduler`, `replicaset-controller`, …
#[derive(Clone, Copy, Debug)]
pub struct Reporter<'a> {
    pub component: &'a str,
    /// The node for kubelet events, else empty.
    pub host: &'a str,
}

/// What identifies "the same event" for aggregation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct EventKey {
    component: String,
    host: String,
    object_uid: String,
    field_path: String,
    type_: String,
    reason: String,
    message: String,
}

/// The recorder's cache: aggregation key → the Event's (namespace, name).
#[derive(Clone, Debug, Default)]
pub(crate) struct EventCache {
    by_key: BTreeMap<EventKey, (String, String)>,
    /// Events named in the current millisecond, to keep names unique.
    seq: u64,
}

/// A reference to `obj` as events (and ownerless references) carry it.
pub fn object_reference(obj: &Object, field_path: &str) -> ObjectReference {
    let m = obj.meta();
    ObjectReference {
        kind: obj.kind().name().into(),
        namespace: m.namespace.clone(),
        name: m.name.clone(),
        uid: m.uid.clone(),
        api_version: obj.kind().api_version().into(),
        resource_version: m.resource_version.clone(),
        field_path: field_path.into(),
    }
}

impl Cluster {
    /// Records an event about `obj` (`type_` is `Normal` or `Warning`).
    pub fn record_event(&mut self, obj: &Object, field_path: &str, type_: &str, reason: &str, message: &str, by: Reporter) {
        let now = self.now();
        let involved = object_reference(obj, field_path);
        // Events about cluster-scoped objects live in `default`.
        let namespace = if involved.namespace.is_empty() { "default".to_string() } else { involved.namespace.clone() };
        let key = EventKey {
            component: by.component.into(),
            host: by.host.into(),
            object_uid: involved.uid.clone(),
            field_path: field_path.into(),
            type_: type_.into(),
            reason: reason.into(),
            message: message.into(),
        };
        if let Some((ns, name)) = self.events_cache().by_key.get(&key).cloned() {
            if let Some(mut e) = self.store.events.get(&ns, &name).cloned() {
                e.count += 1;
                e.last_timestamp = Some(now);
                e.metadata.resource_version.clear();
                if self.update(e.into()).is_ok() {
                    return;
                }
            }
        }
        let cache = self.events_cache_mut();
        cache.seq += 1;
        let nanos = now.0 as i128 * 1_000_000 + (cache.seq % 1_000_000) as i128;
        let name = format!("{}.{:x}", involved.name, nanos);
        let event = Event {
            metadata: ObjectMeta { name: name.clone(), namespace: namespace.clone(), ..Default::default() },
            involved_object: involved,
            reason: reason.into(),
            message: message.into(),
            source: EventSource { component: by.component.into(), host: by.host.into() },
            first_timestamp: Some(now),
            last_timestamp: Some(now),
            count: 1,
            type_: type_.into(),
            reporting_component: by.component.into(),
            reporting_instance: by.host.into(),
            ..Default::default()
        };
        if let Ok(created) = self.create(event.into()) {
            self.events_cache_mut().by_key.insert(key, (namespace.clone(), name.clone()));
            let key = ObjectKey { kind: Kind::Event, namespace, name };
            self.schedule(EVENT_TTL, Timer::EventExpired { key, uid: created.meta().uid.clone() });
        }
    }

    /// The events about the object with `uid`, oldest first (what `describe` lists).
    pub fn events_for(&self, uid: &str) -> Vec<&Event> {
        let mut v: Vec<&Event> = self.store.events.iter().filter(|e| e.involved_object.uid == uid).collect();
        v.sort_by_key(|e| (e.first_timestamp, e.metadata.name.clone()));
        v
    }

    /// An event's TTL ran out: delete it, unless it was updated since (then wait again).
    pub(crate) fn expire_event(&mut self, key: ObjectKey, uid: String) {
        let Some(e) = self.store.events.get(&key.namespace, &key.name) else { return };
        if e.metadata.uid != uid {
            return;
        }
        let due = e.last_timestamp.unwrap_or(self.now()) + EVENT_TTL;
        if due > self.now() {
            let wait = due - self.now();
            self.schedule(wait, Timer::EventExpired { key, uid });
            return;
        }
        // The event carries everything its aggregation key is made of.
        let cache_key = EventKey {
            component: e.source.component.clone(),
            host: e.source.host.clone(),
            object_uid: e.involved_object.uid.clone(),
            field_path: e.involved_object.field_path.clone(),
            type_: e.type_.clone(),
            reason: e.reason.clone(),
            message: e.message.clone(),
        };
        let by_key = &mut self.events_cache_mut().by_key;
        if by_key.get(&cache_key).is_some_and(|(ns, name)| *ns == key.namespace && *name == key.name) {
            by_key.remove(&cache_key);
        }
        let _ = self.delete(Kind::Event, &key.namespace, &key.name, Default::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ConfigMap;

    fn cm(c: &mut Cluster) -> Object {
        c.create(ConfigMap { metadata: ObjectMeta { name: "cfg".into(), ..Default::default() }, ..Default::default() }.into()).unwrap()
    }

    #[test]
    fn identical_events_aggregate_and_different_ones_do_not() {
        let mut c = Cluster::default();
        let obj = cm(&mut c);
        let kubelet = Reporter { component: "kubelet", host: "node-1" };
        c.record_event(&obj, "", "Warning", "Unhealthy", "Liveness probe failed: x", kubelet);
        c.advance(Duration::from_secs(10));
        c.record_event(&obj, "", "Warning", "Unhealthy", "Liveness probe failed: x", kubelet);
        c.advance(Duration::from_secs(10));
        c.record_event(&obj, "", "Warning", "Unhealthy", "Liveness probe failed: x", kubelet);
        c.record_event(&obj, "", "Normal", "Killing", "Stopping container x", kubelet);
        let events = c.events_for(&obj.meta().uid);
        assert_eq!(events.len(), 2);
        let unhealthy = events.iter().find(|e| e.reason == "Unhealthy").unwrap();
        assert_eq!(unhealthy.count, 3);
        assert_eq!(unhealthy.last_timestamp.unwrap() - unhealthy.first_timestamp.unwrap(), Duration::from_secs(20));
        assert!(unhealthy.metadata.name.starts_with("cfg."), "{}", unhealthy.metadata.name);
        assert_eq!(unhealthy.involved_object.kind, "ConfigMap");
    }

    #[test]
    fn events_expire_an_hour_after_their_last_update() {
        let mut c = Cluster::default();
        let obj = cm(&mut c);
        let by = Reporter { component: "test", host: "" };
        c.record_event(&obj, "", "Normal", "A", "first", by);
        c.advance(Duration::from_secs(1800));
        c.record_event(&obj, "", "Normal", "A", "first", by);
        c.advance(Duration::from_secs(1800));
        assert_eq!(c.store.events.len(), 1, "updated 30 minutes ago: still there");
        c.advance(Duration::from_secs(1800));
        assert_eq!(c.store.events.len(), 0);
        // A new report after expiry starts a new event.
        c.record_event(&obj, "", "Normal", "A", "first", by);
        assert_eq!(c.store.events.iter().next().unwrap().count, 1);
    }
}
