//! The garbage collector (`pkg/controller/garbagecollector`): deletes objects whose owners are
//! all gone, strips references to owners deleted with `orphan`, and completes `foreground`
//! deletions once the blocking dependents are gone.

use crate::api::OwnerReference;
use crate::apiserver::{DeleteOptions, Propagation, FINALIZER_FOREGROUND, FINALIZER_ORPHAN};
use crate::cluster::Cluster;
use crate::object::Object;
use crate::store::{Change, ChangeType, ObjectKey};

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    match change.change {
        ChangeType::Deleted => {
            // The owner is gone: its dependents may now be dangling.
            for dep in c.store.dependents_of(&change.uid) {
                attempt_to_delete(c, &dep);
            }
            // A dependent is gone: owners waiting in foreground deletion may be done.
            for owner in &change.owners {
                if let Some(key) = c.store.key_of_uid(owner).cloned() {
                    process_deleting_owner(c, &key);
                }
            }
        }
        ChangeType::Added | ChangeType::Modified => {
            process_deleting_owner(c, &change.key);
            if !change.owners.is_empty() {
                attempt_to_delete(c, &change.key);
            }
        }
    }
}

/// `attemptToDeleteItem`: an object all of whose owners are gone is deleted (in the background,
/// or in the foreground when an owner was foreground-deleting); references to some gone owners
/// are removed.
fn attempt_to_delete(c: &mut Cluster, key: &ObjectKey) {
    let Some(obj) = c.store.get_key(key) else { return };
    let refs = &obj.meta().owner_references;
    if refs.is_empty() || obj.meta().deletion_timestamp.is_some() {
        return;
    }
    let (alive, dangling): (Vec<&OwnerReference>, Vec<&OwnerReference>) =
        refs.iter().partition(|r| c.store.key_of_uid(&r.uid).is_some());
    if dangling.is_empty() {
        // Owners that are being deleted in the foreground take their dependents with them.
        let foreground = alive.iter().any(|r| {
            let owner = c.store.key_of_uid(&r.uid).cloned().and_then(|k| c.store.get_key(&k));
            r.block_owner_deletion == Some(true) || owner.as_ref().is_some_and(|o| is_deleting_with(o, FINALIZER_FOREGROUND))
        }) && alive.iter().all(|r| {
            c.store.key_of_uid(&r.uid).cloned().and_then(|k| c.store.get_key(&k)).is_some_and(|o| is_deleting_with(&o, FINALIZER_FOREGROUND))
        });
        if foreground {
            let propagation = if c.store.dependents_of(&obj.meta().uid).is_empty() { Propagation::Background } else { Propagation::Foreground };
            let _ = c.delete(key.kind, &key.namespace, &key.name, DeleteOptions { propagation: Some(propagation), ..Default::default() });
        }
        return;
    }
    if alive.is_empty() {
        let _ = c.delete(key.kind, &key.namespace, &key.name, DeleteOptions { propagation: Some(Propagation::Background), ..Default::default() });
    } else {
        let keep: Vec<OwnerReference> = alive.into_iter().cloned().collect();
        let mut o = obj.clone();
        o.meta_mut().owner_references = keep;
        o.meta_mut().resource_version.clear();
        let _ = c.update(o);
    }
}

fn is_deleting_with(obj: &Object, finalizer: &str) -> bool {
    obj.meta().deletion_timestamp.is_some() && obj.meta().finalizers.iter().any(|f| f == finalizer)
}

/// An owner being deleted with the `orphan` or `foregroundDeletion` finalizer.
fn process_deleting_owner(c: &mut Cluster, key: &ObjectKey) {
    let Some(obj) = c.store.get_key(key) else { return };
    if obj.meta().deletion_timestamp.is_none() {
        return;
    }
    let uid = obj.meta().uid.clone();
    if is_deleting_with(&obj, FINALIZER_ORPHAN) {
        for dep in c.store.dependents_of(&uid) {
            if let Some(mut d) = c.store.get_key(&dep) {
                d.meta_mut().owner_references.retain(|r| r.uid != uid);
                d.meta_mut().resource_version.clear();
                let _ = c.update(d);
            }
        }
        remove_finalizer(c, key, FINALIZER_ORPHAN);
    } else if is_deleting_with(&obj, FINALIZER_FOREGROUND) {
        let deps = c.store.dependents_of(&uid);
        let mut blocking = false;
        for dep in &deps {
            let Some(d) = c.store.get_key(dep) else { continue };
            let blocks = d.meta().owner_references.iter().any(|r| r.uid == uid && r.block_owner_deletion == Some(true));
            blocking |= blocks;
            if d.meta().deletion_timestamp.is_none() {
                attempt_to_delete(c, dep);
            }
        }
        if !blocking || c.store.dependents_of(&uid).is_empty() {
            remove_finalizer(c, key, FINALIZER_FOREGROUND);
        }
    }
}

fn remove_finalizer(c: &mut Cluster, key: &ObjectKey, finalizer: &str) {
    if let Some(mut o) = c.store.get_key(key) {
        o.meta_mut().finalizers.retain(|f| f != finalizer);
        o.meta_mut().resource_version.clear();
        let _ = c.update(o);
    }
}
