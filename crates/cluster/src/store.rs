//! The in-memory store behind the API server (etcd's role): typed tables, a cluster-wide
//! resourceVersion, indexes by uid and by owner, and a change log that controllers drain
//! (the watch stream). Only the API server writes here; everyone may read.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;

use crate::object::{Kind, Object, Tables};

/// Objects of one kind, ordered by namespace then name (the order `kubectl get` prints).
#[derive(Clone, Debug)]
pub struct Table<T> {
    items: BTreeMap<(String, String), T>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table { items: BTreeMap::new() }
    }
}

impl<T: crate::api::Object> Table<T> {
    pub fn get(&self, namespace: &str, name: &str) -> Option<&T> {
        self.items.get(&(namespace.to_string(), name.to_string()))
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.values()
    }

    /// The objects of one namespace, in name order.
    pub fn in_namespace<'a>(&'a self, namespace: &'a str) -> impl Iterator<Item = &'a T> + 'a {
        self.items
            .range((namespace.to_string(), String::new())..)
            .take_while(move |((ns, _), _)| ns == namespace)
            .map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub(crate) fn keys(&self, namespace: Option<&str>) -> Vec<(String, String)> {
        match namespace {
            None => self.items.keys().cloned().collect(),
            Some(ns) => self.in_namespace(ns).map(|o| (ns.to_string(), o.meta().name.clone())).collect(),
        }
    }

    pub(crate) fn put(&mut self, obj: T) -> Option<T> {
        let m = obj.meta();
        self.items.insert((m.namespace.clone(), m.name.clone()), obj)
    }

    pub(crate) fn remove(&mut self, namespace: &str, name: &str) -> Option<T> {
        self.items.remove(&(namespace.to_string(), name.to_string()))
    }
}

/// Identifies one stored object.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectKey {
    pub kind: Kind,
    pub namespace: String,
    pub name: String,
}

impl ObjectKey {
    pub fn of(obj: &Object) -> ObjectKey {
        ObjectKey { kind: obj.kind(), namespace: obj.meta().namespace.clone(), name: obj.meta().name.clone() }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeType {
    Added,
    Modified,
    Deleted,
}

/// One entry of the watch stream. `uid` and `owners` are the object's at the time of the
/// change (for a deletion, what it had when it went).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub key: ObjectKey,
    pub change: ChangeType,
    pub uid: String,
    pub owners: Vec<String>,
}

/// Every object in the cluster.
#[derive(Clone, Debug, Default)]
pub struct Store {
    resource_version: u64,
    tables: Tables,
    by_uid: BTreeMap<String, ObjectKey>,
    /// owner uid → objects that list it in their ownerReferences.
    dependents: BTreeMap<String, BTreeSet<ObjectKey>>,
    changes: Vec<Change>,
    count: usize,
    /// An open watch (`kubectl get -w`): the kind it watches and the events since last taken.
    watch: Option<(Kind, Vec<WatchEvent>)>,
}

/// What a watcher sees: every write of a watched kind, with the object as written (for a
/// deletion, as it was when it went).
#[derive(Clone, Debug, PartialEq)]
pub struct WatchEvent {
    pub change: ChangeType,
    pub object: Object,
}

impl Deref for Store {
    type Target = Tables;
    fn deref(&self) -> &Tables {
        &self.tables
    }
}

impl Store {
    /// Stores `obj` (insert or replace) under a fresh resourceVersion; returns the stored copy.
    pub(crate) fn write(&mut self, mut obj: Object) -> Object {
        self.resource_version += 1;
        obj.meta_mut().resource_version = self.resource_version.to_string();
        let key = ObjectKey::of(&obj);
        let uid = obj.meta().uid.clone();
        let owners: Vec<String> = obj.meta().owner_references.iter().map(|o| o.uid.clone()).collect();
        let old = self.tables.put(obj.clone());
        if let Some(old) = &old {
            self.unindex(&key, old);
        } else {
            self.count += 1;
        }
        self.by_uid.insert(uid, key.clone());
        for o in owners {
            self.dependents.entry(o).or_default().insert(key.clone());
        }
        let change = if old.is_some() { ChangeType::Modified } else { ChangeType::Added };
        self.record_watch(change, &obj);
        let owners = obj.meta().owner_references.iter().map(|o| o.uid.clone()).collect();
        self.changes.push(Change { key, change, uid: obj.meta().uid.clone(), owners });
        obj
    }

    /// Removes an object for good (after its finalizers are gone).
    pub(crate) fn remove(&mut self, key: &ObjectKey) -> Option<Object> {
        let old = self.tables.remove(key.kind, &key.namespace, &key.name)?;
        self.resource_version += 1;
        self.count -= 1;
        self.unindex(key, &old);
        self.record_watch(ChangeType::Deleted, &old);
        let owners = old.meta().owner_references.iter().map(|o| o.uid.clone()).collect();
        self.changes.push(Change { key: key.clone(), change: ChangeType::Deleted, uid: old.meta().uid.clone(), owners });
        Some(old)
    }

    fn record_watch(&mut self, change: ChangeType, obj: &Object) {
        if let Some((kind, events)) = &mut self.watch {
            if *kind == obj.kind() {
                events.push(WatchEvent { change, object: obj.clone() });
            }
        }
    }

    /// Opens a watch on one kind (replacing any open one).
    pub fn watch(&mut self, kind: Kind) {
        self.watch = Some((kind, Vec::new()));
    }

    /// The watch's events since the last call.
    pub fn take_watch_events(&mut self) -> Vec<WatchEvent> {
        self.watch.as_mut().map(|(_, e)| std::mem::take(e)).unwrap_or_default()
    }

    pub fn stop_watch(&mut self) {
        self.watch = None;
    }

    fn unindex(&mut self, key: &ObjectKey, old: &Object) {
        self.by_uid.remove(&old.meta().uid);
        for o in &old.meta().owner_references {
            if let Some(set) = self.dependents.get_mut(&o.uid) {
                set.remove(key);
                if set.is_empty() {
                    self.dependents.remove(&o.uid);
                }
            }
        }
    }

    pub fn get_key(&self, key: &ObjectKey) -> Option<Object> {
        self.tables.get(key.kind, &key.namespace, &key.name)
    }

    /// The object with this uid, if it still exists.
    pub fn key_of_uid(&self, uid: &str) -> Option<&ObjectKey> {
        self.by_uid.get(uid)
    }

    /// Objects whose ownerReferences name `owner_uid`.
    pub fn dependents_of(&self, owner_uid: &str) -> Vec<ObjectKey> {
        self.dependents.get(owner_uid).map(|s| s.iter().cloned().collect()).unwrap_or_default()
    }

    /// Takes the changes recorded since the last call (the watch stream).
    pub(crate) fn drain_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }

    pub(crate) fn has_changes(&self) -> bool {
        !self.changes.is_empty()
    }

    /// The latest resourceVersion handed out.
    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    /// Objects of every kind.
    pub fn object_count(&self) -> usize {
        self.count
    }
}
