//! `core/v1` kinds. Only Node is modelled so far; the rest arrive with the API server.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::meta::{Object, ObjectMeta};
use crate::time::Time;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: NodeSpec,
    #[serde(default)]
    pub status: NodeStatus,
}

impl Object for Node {
    const KIND: &'static str = "Node";
    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }
    fn meta_mut(&mut self) -> &mut ObjectMeta {
        &mut self.metadata
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSpec {
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "podCIDR")]
    pub pod_cidr: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "podCIDRs")]
    pub pod_cidrs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unschedulable: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Taint {
    pub key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    pub effect: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_added: Option<Time>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub capacity: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub allocatable: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<NodeCondition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<NodeAddress>,
    #[serde(default)]
    pub node_info: NodeSystemInfo,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeCondition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_heartbeat_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Time>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeAddress {
    #[serde(rename = "type")]
    pub type_: String,
    pub address: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSystemInfo {
    #[serde(default)]
    pub architecture: String,
    #[serde(default, rename = "bootID")]
    pub boot_id: String,
    #[serde(default)]
    pub container_runtime_version: String,
    #[serde(default)]
    pub kernel_version: String,
    #[serde(default)]
    pub kube_proxy_version: String,
    #[serde(default)]
    pub kubelet_version: String,
    #[serde(default, rename = "machineID")]
    pub machine_id: String,
    #[serde(default)]
    pub operating_system: String,
    #[serde(default)]
    pub os_image: String,
    #[serde(default, rename = "systemUUID")]
    pub system_uuid: String,
}

impl Node {
    /// The `Ready` condition's status (`True`, `False`, `Unknown`), if the node has one.
    pub fn ready_status(&self) -> Option<&str> {
        self.status.conditions.iter().find(|c| c.type_ == "Ready").map(|c| c.status.as_str())
    }

    /// The address of the given type (`InternalIP`, `ExternalIP`, `Hostname`).
    pub fn address(&self, type_: &str) -> Option<&str> {
        self.status.addresses.iter().find(|a| a.type_ == type_).map(|a| a.address.as_str())
    }
}
