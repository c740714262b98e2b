//! Namespaces: the namespace controller (`pkg/controller/namespace`) empties a namespace being
//! deleted and then lets it go; the ServiceAccount controller and the root-CA publisher give
//! every new namespace its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap.

use crate::api::{ConfigMap, ObjectMeta, ServiceAccount};
use crate::apiserver::{DeleteOptions, Propagation};
use crate::cluster::Cluster;
use crate::object::{Kind, Object};
use crate::store::{Change, ChangeType};

/// What a pod reads at /var/run/secrets/kubernetes.io/serviceaccount/ca.crt (not a real CA).
const ROOT_CA: &str = "-----BEGIN CERTIFICATE-----\nMIIBkubeplaySimulatedClusterRootCA\n-----END CERTIFICATE-----\n";

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    let key = &change.key;
    if key.kind == Kind::Namespace {
        match c.store.namespaces.get("", &key.name).cloned() {
            Some(ns) if ns.metadata.deletion_timestamp.is_some() => sync_deleting(c, &key.name),
            Some(_) if change.change == ChangeType::Added => populate(c, &key.name),
            _ => {}
        }
    } else if change.change == ChangeType::Deleted
        && matches!((key.kind, key.name.as_str()), (Kind::ConfigMap, "kube-root-ca.crt") | (Kind::ServiceAccount, "default"))
        && c.store.namespaces.get("", &key.namespace).is_some_and(|n| n.metadata.deletion_timestamp.is_none())
    {
        // The root-CA publisher and the ServiceAccount controller put them back at once.
        populate(c, &key.namespace);
    } else if change.change == ChangeType::Deleted
        && key.kind.namespaced()
        && c.store.namespaces.get("", &key.namespace).is_some_and(|n| n.metadata.deletion_timestamp.is_some())
    {
        sync_deleting(c, &key.namespace);
    }
}

fn populate(c: &mut Cluster, ns: &str) {
    let meta = |name: &str| ObjectMeta { name: name.into(), namespace: ns.into(), ..Default::default() };
    if c.store.serviceaccounts.get(ns, "default").is_none() {
        let _ = c.create(ServiceAccount { metadata: meta("default"), ..Default::default() }.into());
    }
    if c.store.configmaps.get(ns, "kube-root-ca.crt").is_none() {
        let mut cm = ConfigMap { metadata: meta("kube-root-ca.crt"), ..Default::default() };
        cm.metadata.annotations.insert("kubernetes.io/description".into(), "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.".into());
        cm.data.insert("ca.crt".into(), ROOT_CA.into());
        let _ = c.create(cm.into());
    }
}

/// Deletes everything in a terminating namespace; once it is empty, finalizes it.
fn sync_deleting(c: &mut Cluster, ns: &str) {
    for kind in Kind::ALL.iter().copied().filter(|k| k.namespaced()) {
        for (_, name) in c.store.keys(kind, Some(ns)) {
            let deleting = c.store.get(kind, ns, &name).is_some_and(|o| o.meta().deletion_timestamp.is_some());
            if !deleting {
                let _ = c.delete(kind, ns, &name, DeleteOptions { propagation: Some(Propagation::Background), ..Default::default() });
            }
        }
    }
    let empty = Kind::ALL.iter().filter(|k| k.namespaced()).all(|k| c.store.keys(*k, Some(ns)).is_empty());
    if empty {
        if let Some(Object::Namespace(mut n)) = c.store.get(Kind::Namespace, "", ns) {
            n.spec.finalizers.clear();
            n.metadata.resource_version.clear();
            let _ = c.update(n.into());
        }
    }
}
