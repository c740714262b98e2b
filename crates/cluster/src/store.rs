//! The in-memory object store behind the API server: one table per kind, keyed by
//! (namespace, name) so listings come out in kubectl's order, and a cluster-wide
//! resourceVersion counter.

use std::collections::BTreeMap;

use crate::api::{Node, Object};

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

impl<T: Object> Table<T> {
    pub fn get(&self, namespace: &str, name: &str) -> Option<&T> {
        self.items.get(&(namespace.to_string(), name.to_string()))
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.values()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn put(&mut self, obj: T) {
        let m = obj.meta();
        self.items.insert((m.namespace.clone(), m.name.clone()), obj);
    }
}

/// Every object in the cluster.
#[derive(Clone, Debug, Default)]
pub struct Store {
    resource_version: u64,
    pub nodes: Table<Node>,
}

impl Store {
    /// Stores `obj` under a fresh resourceVersion and returns that version.
    pub fn insert_node(&mut self, mut obj: Node) -> u64 {
        self.resource_version += 1;
        obj.meta_mut().resource_version = self.resource_version.to_string();
        self.nodes.put(obj);
        self.resource_version
    }

    /// The latest resourceVersion handed out.
    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }
}
