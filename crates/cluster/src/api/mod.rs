//! API object types, hand-written serde structs shaped like the upstream `k8s.io/api` v1.31 types
//! (field names and JSON/YAML layout as the API server serves them).
//!
//! - [`meta`]: ObjectMeta, OwnerReference, LabelSelector, the [`Object`] trait, Time/MicroTime,
//!   IntOrString, Quantity, base64.
//! - [`core`]: `v1` kinds (Node, Namespace, Pod, ReplicationController, Service, Endpoints,
//!   Event, ConfigMap, Secret, ServiceAccount, PersistentVolumeClaim, PersistentVolume).
//! - [`apps`]: `apps/v1` (Deployment, ReplicaSet, DaemonSet, StatefulSet, ControllerRevision).
//! - [`batch`]: `batch/v1` (Job, CronJob).
//! - [`storage`]: `storage.k8s.io/v1` (StorageClass).
//!
//! Top-level kinds are decoded strictly (`deny_unknown_fields`, so a typo such as `imagee` is an
//! error) and accept but never write `apiVersion`/`kind`: the API layer adds those from
//! [`Object::API_VERSION`] and [`Object::KIND`].

pub mod apps;
pub mod batch;
pub mod core;
pub mod meta;
pub mod storage;

pub use self::apps::*;
pub use self::batch::*;
pub use self::core::*;
pub use self::meta::*;
pub use self::storage::*;

/// Decodes a JSON object as the API server does (explicit nulls mean "unset"), for tests.
#[cfg(test)]
pub(crate) fn test_decode<T: serde::de::DeserializeOwned>(mut v: serde_json::Value) -> T {
    crate::object::strip_nulls(&mut v);
    match serde_json::from_value(v) {
        Ok(t) => t,
        Err(e) => panic!("decode failed: {e}"),
    }
}
