//! `storage.k8s.io/v1` kinds: StorageClass.
//!
//! Shapes follow k8s.io/api v1.31 `storage/v1/types.go`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::core::TopologySelectorTerm;
use super::meta::{impl_object, ObjectMeta};

/// storage.k8s.io/v1 StorageClass. It has no spec: its fields sit at the top level.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StorageClass {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub provisioner: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reclaim_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mount_options: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_volume_expansion: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_binding_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_topologies: Vec<TopologySelectorTerm>,
}

impl_object!(StorageClass, "StorageClass", "storage.k8s.io/v1");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Object;
    use serde_json::json;

    #[test]
    fn storage_class_decodes() {
        // kind's default class, and kubernetes.io "Storage Classes" (allowedTopologies).
        let sc: StorageClass = serde_json::from_value(json!({
            "apiVersion": "storage.k8s.io/v1",
            "kind": "StorageClass",
            "metadata": {"name": "standard", "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
            "provisioner": "rancher.io/local-path",
            "reclaimPolicy": "Delete",
            "volumeBindingMode": "WaitForFirstConsumer",
            "allowVolumeExpansion": true,
            "mountOptions": ["debug"],
            "parameters": {"type": "pd-standard"},
            "allowedTopologies": [{"matchLabelExpressions": [{"key": "topology.kubernetes.io/zone", "values": ["us-central-1a"]}]}]
        }))
        .unwrap();
        assert_eq!(sc.provisioner, "rancher.io/local-path");
        assert_eq!(sc.reclaim_policy.as_deref(), Some("Delete"));
        assert_eq!(sc.volume_binding_mode.as_deref(), Some("WaitForFirstConsumer"));
        assert_eq!(sc.allow_volume_expansion, Some(true));
        assert_eq!(sc.allowed_topologies[0].match_label_expressions[0].values, ["us-central-1a"]);
        assert_eq!(<StorageClass as Object>::API_VERSION, "storage.k8s.io/v1");

        let minimal = StorageClass { provisioner: "example.com/p".into(), ..Default::default() };
        assert_eq!(
            serde_json::to_value(&minimal).unwrap(),
            json!({"metadata": {"creationTimestamp": null}, "provisioner": "example.com/p"})
        );
        assert!(serde_json::from_value::<StorageClass>(json!({"provisioner": "p", "reclaimPolicyy": "Retain"})).is_err());
    }
}
