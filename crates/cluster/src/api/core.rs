//! `core/v1` kinds: Node, Namespace, Pod (and everything a pod spec holds),
//! ReplicationController, Service, Endpoints, Event, ConfigMap, Secret, ServiceAccount,
//! PersistentVolumeClaim, PersistentVolume.
//!
//! Shapes follow k8s.io/api v1.31 `core/v1/types.go`. Serialisation mirrors Go's json tags: a
//! field tagged `omitempty` is skipped when empty; a Go value-type struct (`resources`,
//! `status`, `lastState`, …) is always written (`resources: {}`), and a Go value-type
//! `metav1.Time` is written as `null` when unset (`lastProbeTime: null`).
//!
//! Top-level kinds carry `api_version` and `kind` only so that strict decoding accepts
//! manifests; they are never serialised (the API layer writes them).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::meta::{
    base64_map, impl_object, is_default, quantity_string_map, vec_or_null,
    IntOrString, LabelSelector, MicroTime, ObjectMeta, Quantity,
};
use crate::time::Time;

/// A resource list (`cpu: 100m`, `memory: 64Mi`): corev1.ResourceList.
pub type ResourceList = BTreeMap<String, Quantity>;

// =============================================================================================
// Node

/// core/v1 Node.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: NodeSpec,
    #[serde(default)]
    pub status: NodeStatus,
}

impl_object!(Node, "Node", "v1");

/// core/v1 NodeSpec.
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

/// core/v1 Taint.
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

/// core/v1 NodeStatus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "quantity_string_map")]
    pub capacity: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "quantity_string_map")]
    pub allocatable: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<NodeCondition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<NodeAddress>,
    #[serde(default)]
    pub node_info: NodeSystemInfo,
}

/// core/v1 NodeCondition.
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

/// core/v1 NodeAddress.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeAddress {
    #[serde(rename = "type")]
    pub type_: String,
    pub address: String,
}

/// core/v1 NodeSystemInfo.
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

// =============================================================================================
// Namespace

/// core/v1 Namespace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Namespace {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: NamespaceSpec,
    #[serde(default)]
    pub status: NamespaceStatus,
}

impl_object!(Namespace, "Namespace", "v1");

/// core/v1 NamespaceSpec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NamespaceSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub finalizers: Vec<String>,
}

/// core/v1 NamespaceStatus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NamespaceStatus {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phase: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<NamespaceCondition>,
}

/// core/v1 NamespaceCondition.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NamespaceCondition {
    #[serde(default, rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub last_transition_time: Option<Time>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

// =============================================================================================
// Pod

/// core/v1 Pod.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pod {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PodSpec,
    #[serde(default)]
    pub status: PodStatus,
}

impl_object!(Pod, "Pod", "v1");

/// core/v1 PodTemplateSpec: the pod a workload controller stamps out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodTemplateSpec {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PodSpec,
}

/// core/v1 PodSpec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<Volume>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<Container>,
    #[serde(default, serialize_with = "vec_or_null")]
    pub containers: Vec<Container>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub restart_policy: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_grace_period_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dns_policy: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub node_selector: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub service_account_name: String,
    /// The deprecated alias of `serviceAccountName` (Go: `DeprecatedServiceAccount`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub service_account: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automount_service_account_token: Option<bool>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub node_name: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub host_network: bool,
    #[serde(default, skip_serializing_if = "is_default", rename = "hostPID")]
    pub host_pid: bool,
    #[serde(default, skip_serializing_if = "is_default", rename = "hostIPC")]
    pub host_ipc: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_process_namespace: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_context: Option<PodSecurityContext>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub image_pull_secrets: Vec<LocalObjectReference>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hostname: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subdomain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Affinity>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scheduler_name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tolerations: Vec<Toleration>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub host_aliases: Vec<HostAlias>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub priority_class_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_config: Option<PodDnsConfig>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readiness_gates: Vec<PodReadinessGate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_class_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_service_links: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preemption_policy: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overhead: ResourceList,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topology_spread_constraints: Vec<TopologySpreadConstraint>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "setHostnameAsFQDN")]
    pub set_hostname_as_fqdn: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<PodOs>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_users: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scheduling_gates: Vec<PodSchedulingGate>,
}

/// core/v1 Container (also used for init containers).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Container {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub working_dir: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ContainerPort>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env_from: Vec<EnvFromSource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<EnvVar>,
    /// A Go value type: always written, `resources: {}` when empty.
    #[serde(default)]
    pub resources: ResourceRequirements,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resize_policy: Vec<ContainerResizePolicy>,
    /// Only `Always`, on an init container (a sidecar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volume_mounts: Vec<VolumeMount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volume_devices: Vec<VolumeDevice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liveness_probe: Option<Probe>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness_probe: Option<Probe>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub startup_probe: Option<Probe>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Lifecycle>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub termination_message_path: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub termination_message_policy: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image_pull_policy: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_context: Option<SecurityContext>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub stdin: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub stdin_once: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub tty: bool,
}

/// core/v1 ContainerPort.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerPort {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub host_port: i32,
    #[serde(default)]
    pub container_port: i32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "hostIP")]
    pub host_ip: String,
}

/// core/v1 EnvVar.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnvVar {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_from: Option<EnvVarSource>,
}

/// core/v1 EnvVarSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnvVarSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_ref: Option<ObjectFieldSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_field_ref: Option<ResourceFieldSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map_key_ref: Option<ConfigMapKeySelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_key_ref: Option<SecretKeySelector>,
}

/// core/v1 ObjectFieldSelector (`fieldRef: {fieldPath: metadata.name}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectFieldSelector {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    #[serde(default)]
    pub field_path: String,
}

/// core/v1 ResourceFieldSelector (`resourceFieldRef: {resource: limits.cpu}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceFieldSelector {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub container_name: String,
    #[serde(default)]
    pub resource: String,
    /// A Go value type: always written, `"0"` when unset.
    #[serde(default)]
    pub divisor: Quantity,
}

/// core/v1 ConfigMapKeySelector.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigMapKeySelector {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default)]
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// core/v1 SecretKeySelector.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecretKeySelector {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default)]
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// core/v1 EnvFromSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnvFromSource {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map_ref: Option<ConfigMapEnvSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<SecretEnvSource>,
}

/// core/v1 ConfigMapEnvSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigMapEnvSource {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// core/v1 SecretEnvSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecretEnvSource {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// core/v1 ResourceRequirements (`limits`, `requests`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceRequirements {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: ResourceList,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub requests: ResourceList,
}

/// core/v1 ContainerResizePolicy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerResizePolicy {
    #[serde(default)]
    pub resource_name: String,
    #[serde(default)]
    pub restart_policy: String,
}

/// core/v1 VolumeMount.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VolumeMount {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub read_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recursive_read_only: Option<String>,
    #[serde(default)]
    pub mount_path: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sub_path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount_propagation: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sub_path_expr: String,
}

/// core/v1 VolumeDevice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VolumeDevice {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub device_path: String,
}

/// core/v1 Probe (the ProbeHandler fields are inlined, as upstream).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Probe {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<ExecAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_get: Option<HttpGetAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_socket: Option<TcpSocketAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<GrpcAction>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub initial_delay_seconds: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub timeout_seconds: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub period_seconds: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub success_threshold: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub failure_threshold: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_grace_period_seconds: Option<i64>,
}

/// core/v1 ExecAction.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExecAction {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
}

/// core/v1 HTTPGetAction.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpGetAction {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    #[serde(default)]
    pub port: IntOrString,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scheme: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub http_headers: Vec<HttpHeader>,
}

/// core/v1 HTTPHeader.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpHeader {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub value: String,
}

/// core/v1 TCPSocketAction.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TcpSocketAction {
    #[serde(default)]
    pub port: IntOrString,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host: String,
}

/// core/v1 GRPCAction. `service` has no `omitempty` upstream (it defaults to `""`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrpcAction {
    #[serde(default)]
    pub port: i32,
    #[serde(default)]
    pub service: Option<String>,
}

/// core/v1 Lifecycle (`postStart`, `preStop`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lifecycle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_start: Option<LifecycleHandler>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_stop: Option<LifecycleHandler>,
}

/// core/v1 LifecycleHandler.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LifecycleHandler {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<ExecAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_get: Option<HttpGetAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_socket: Option<TcpSocketAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sleep: Option<SleepAction>,
}

/// core/v1 SleepAction.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SleepAction {
    #[serde(default)]
    pub seconds: i64,
}

/// core/v1 SecurityContext (container level; Windows options not modelled).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityContext {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<Capabilities>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileged: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub se_linux_options: Option<SeLinuxOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_as_user: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_as_group: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_as_non_root: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only_root_filesystem: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_privilege_escalation: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proc_mount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seccomp_profile: Option<SeccompProfile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_armor_profile: Option<AppArmorProfile>,
}

/// core/v1 Capabilities.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Capabilities {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop: Vec<String>,
}

/// core/v1 SELinuxOptions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeLinuxOptions {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "type")]
    pub type_: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub level: String,
}

/// core/v1 SeccompProfile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeccompProfile {
    #[serde(default, rename = "type")]
    pub type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localhost_profile: Option<String>,
}

/// core/v1 AppArmorProfile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppArmorProfile {
    #[serde(default, rename = "type")]
    pub type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localhost_profile: Option<String>,
}

/// core/v1 PodSecurityContext (pod level; Windows options not modelled).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodSecurityContext {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub se_linux_options: Option<SeLinuxOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_as_user: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_as_group: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_as_non_root: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supplemental_groups: Vec<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fs_group: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sysctls: Vec<Sysctl>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fs_group_change_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seccomp_profile: Option<SeccompProfile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_armor_profile: Option<AppArmorProfile>,
}

/// core/v1 Sysctl.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Sysctl {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub value: String,
}

/// core/v1 LocalObjectReference (`{name: …}`, e.g. imagePullSecrets).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocalObjectReference {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// core/v1 HostAlias (an /etc/hosts entry).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HostAlias {
    #[serde(default)]
    pub ip: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hostnames: Vec<String>,
}

/// core/v1 PodDNSConfig.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodDnsConfig {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nameservers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub searches: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<PodDnsConfigOption>,
}

/// core/v1 PodDNSConfigOption.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodDnsConfigOption {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// core/v1 PodReadinessGate.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodReadinessGate {
    #[serde(default)]
    pub condition_type: String,
}

/// core/v1 PodOS.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodOs {
    #[serde(default)]
    pub name: String,
}

/// core/v1 PodSchedulingGate.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodSchedulingGate {
    #[serde(default)]
    pub name: String,
}

/// core/v1 TopologySpreadConstraint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TopologySpreadConstraint {
    #[serde(default)]
    pub max_skew: i32,
    #[serde(default)]
    pub topology_key: String,
    #[serde(default)]
    pub when_unsatisfiable: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_domains: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_affinity_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_taints_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_label_keys: Vec<String>,
}

/// core/v1 Toleration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Toleration {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub operator: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub effect: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toleration_seconds: Option<i64>,
}

/// core/v1 Affinity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Affinity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<NodeAffinity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_affinity: Option<PodAffinity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_anti_affinity: Option<PodAntiAffinity>,
}

/// core/v1 NodeAffinity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeAffinity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_during_scheduling_ignored_during_execution: Option<NodeSelector>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preferred_during_scheduling_ignored_during_execution: Vec<PreferredSchedulingTerm>,
}

/// core/v1 NodeSelector: terms ORed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSelector {
    #[serde(default, serialize_with = "vec_or_null")]
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

/// core/v1 NodeSelectorTerm: requirements ANDed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSelectorTerm {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<NodeSelectorRequirement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_fields: Vec<NodeSelectorRequirement>,
}

/// core/v1 NodeSelectorRequirement (operators In, NotIn, Exists, DoesNotExist, Gt, Lt).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSelectorRequirement {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub operator: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// core/v1 PreferredSchedulingTerm.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreferredSchedulingTerm {
    #[serde(default)]
    pub weight: i32,
    #[serde(default)]
    pub preference: NodeSelectorTerm,
}

/// core/v1 PodAffinity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodAffinity {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_during_scheduling_ignored_during_execution: Vec<PodAffinityTerm>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preferred_during_scheduling_ignored_during_execution: Vec<WeightedPodAffinityTerm>,
}

/// core/v1 PodAntiAffinity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodAntiAffinity {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_during_scheduling_ignored_during_execution: Vec<PodAffinityTerm>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preferred_during_scheduling_ignored_during_execution: Vec<WeightedPodAffinityTerm>,
}

/// core/v1 PodAffinityTerm.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodAffinityTerm {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
    #[serde(default)]
    pub topology_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace_selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_label_keys: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mismatch_label_keys: Vec<String>,
}

/// core/v1 WeightedPodAffinityTerm.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WeightedPodAffinityTerm {
    #[serde(default)]
    pub weight: i32,
    #[serde(default)]
    pub pod_affinity_term: PodAffinityTerm,
}

// ---------------------------------------------------------------------------------------------
// Volumes

/// core/v1 Volume: a name plus one source (VolumeSource inlined). Only the sources learners
/// meet are modelled: emptyDir, hostPath, configMap, secret, persistentVolumeClaim,
/// downwardAPI, projected, nfs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Volume {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_path: Option<HostPathVolumeSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty_dir: Option<EmptyDirVolumeSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<SecretVolumeSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nfs: Option<NfsVolumeSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persistent_volume_claim: Option<PersistentVolumeClaimVolumeSource>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "downwardAPI")]
    pub downward_api: Option<DownwardApiVolumeSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map: Option<ConfigMapVolumeSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projected: Option<ProjectedVolumeSource>,
}

/// core/v1 HostPathVolumeSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HostPathVolumeSource {
    #[serde(default)]
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub type_: Option<String>,
}

/// core/v1 EmptyDirVolumeSource (`emptyDir: {}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmptyDirVolumeSource {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub medium: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_limit: Option<Quantity>,
}

/// core/v1 KeyToPath (a projected key of a ConfigMap or Secret).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyToPath {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<i32>,
}

/// core/v1 ConfigMapVolumeSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigMapVolumeSource {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<KeyToPath>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_mode: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// core/v1 SecretVolumeSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecretVolumeSource {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub secret_name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<KeyToPath>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_mode: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// core/v1 NFSVolumeSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NfsVolumeSource {
    #[serde(default)]
    pub server: String,
    #[serde(default)]
    pub path: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub read_only: bool,
}

/// core/v1 PersistentVolumeClaimVolumeSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeClaimVolumeSource {
    #[serde(default)]
    pub claim_name: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub read_only: bool,
}

/// core/v1 DownwardAPIVolumeSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DownwardApiVolumeSource {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<DownwardApiVolumeFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_mode: Option<i32>,
}

/// core/v1 DownwardAPIVolumeFile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DownwardApiVolumeFile {
    #[serde(default)]
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_ref: Option<ObjectFieldSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_field_ref: Option<ResourceFieldSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<i32>,
}

/// core/v1 ProjectedVolumeSource (e.g. the `kube-api-access-*` token volume).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectedVolumeSource {
    #[serde(default, serialize_with = "vec_or_null")]
    pub sources: Vec<VolumeProjection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_mode: Option<i32>,
}

/// core/v1 VolumeProjection (clusterTrustBundle not modelled).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VolumeProjection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<SecretProjection>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "downwardAPI")]
    pub downward_api: Option<DownwardApiProjection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map: Option<ConfigMapProjection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account_token: Option<ServiceAccountTokenProjection>,
}

/// core/v1 SecretProjection.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecretProjection {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<KeyToPath>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// core/v1 ConfigMapProjection.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigMapProjection {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<KeyToPath>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// core/v1 DownwardAPIProjection.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DownwardApiProjection {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<DownwardApiVolumeFile>,
}

/// core/v1 ServiceAccountTokenProjection.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceAccountTokenProjection {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub audience: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_seconds: Option<i64>,
    #[serde(default)]
    pub path: String,
}

// ---------------------------------------------------------------------------------------------
// Pod status

/// core/v1 PodStatus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodStatus {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phase: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<PodCondition>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nominated_node_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "hostIP")]
    pub host_ip: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "hostIPs")]
    pub host_ips: Vec<HostIp>,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "podIP")]
    pub pod_ip: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "podIPs")]
    pub pod_ips: Vec<PodIp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init_container_statuses: Vec<ContainerStatus>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub container_statuses: Vec<ContainerStatus>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub qos_class: String,
}

/// core/v1 PodCondition. Both times are Go value types: `null` when unset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodCondition {
    #[serde(default, rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub last_probe_time: Option<Time>,
    #[serde(default)]
    pub last_transition_time: Option<Time>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// core/v1 HostIP.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HostIp {
    #[serde(default)]
    pub ip: String,
}

/// core/v1 PodIP.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodIp {
    #[serde(default)]
    pub ip: String,
}

/// core/v1 ContainerStatus. `ready`, `restartCount`, `image`, `imageID` are always written;
/// `state` and `lastState` are Go value types (`lastState: {}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerStatus {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub state: ContainerState,
    #[serde(default)]
    pub last_state: ContainerState,
    #[serde(default)]
    pub ready: bool,
    #[serde(default)]
    pub restart_count: i32,
    #[serde(default)]
    pub image: String,
    #[serde(default, rename = "imageID")]
    pub image_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "containerID")]
    pub container_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volume_mounts: Vec<VolumeMountStatus>,
}

/// core/v1 ContainerState: at most one of waiting, running, terminated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<ContainerStateWaiting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running: Option<ContainerStateRunning>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminated: Option<ContainerStateTerminated>,
}

/// core/v1 ContainerStateWaiting.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerStateWaiting {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// core/v1 ContainerStateRunning.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerStateRunning {
    #[serde(default)]
    pub started_at: Option<Time>,
}

/// core/v1 ContainerStateTerminated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerStateTerminated {
    #[serde(default)]
    pub exit_code: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub signal: i32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    #[serde(default)]
    pub started_at: Option<Time>,
    #[serde(default)]
    pub finished_at: Option<Time>,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "containerID")]
    pub container_id: String,
}

/// core/v1 VolumeMountStatus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VolumeMountStatus {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub mount_path: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub read_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recursive_read_only: Option<String>,
}

/// core/v1 TopologySelectorTerm (StorageClass `allowedTopologies`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TopologySelectorTerm {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_label_expressions: Vec<TopologySelectorLabelRequirement>,
}

/// core/v1 TopologySelectorLabelRequirement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TopologySelectorLabelRequirement {
    #[serde(default)]
    pub key: String,
    #[serde(default, serialize_with = "vec_or_null")]
    pub values: Vec<String>,
}

// =============================================================================================
// ReplicationController

/// core/v1 ReplicationController.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicationController {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: ReplicationControllerSpec,
    #[serde(default)]
    pub status: ReplicationControllerStatus,
}

impl_object!(ReplicationController, "ReplicationController", "v1");

/// core/v1 ReplicationControllerSpec. The selector is a plain label map.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicationControllerSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub min_ready_seconds: i32,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub selector: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<PodTemplateSpec>,
}

/// core/v1 ReplicationControllerStatus. `replicas` is always written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicationControllerStatus {
    #[serde(default)]
    pub replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub fully_labeled_replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub ready_replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub available_replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub observed_generation: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ReplicationControllerCondition>,
}

/// core/v1 ReplicationControllerCondition.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicationControllerCondition {
    #[serde(default, rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub last_transition_time: Option<Time>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

// =============================================================================================
// Service, Endpoints

/// core/v1 Service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: ServiceSpec,
    #[serde(default)]
    pub status: ServiceStatus,
}

impl_object!(Service, "Service", "v1");

/// core/v1 ServiceSpec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ServicePort>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub selector: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "clusterIP")]
    pub cluster_ip: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "clusterIPs")]
    pub cluster_ips: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "type")]
    pub type_: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "externalIPs")]
    pub external_ips: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub session_affinity: String,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "loadBalancerIP")]
    pub load_balancer_ip: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancer_source_ranges: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_traffic_policy: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub health_check_node_port: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub publish_not_ready_addresses: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_affinity_config: Option<SessionAffinityConfig>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ip_families: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_family_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocate_load_balancer_node_ports: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_class: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_traffic_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic_distribution: Option<String>,
}

/// core/v1 ServicePort. `targetPort` may be a number or a container port's name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServicePort {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_protocol: Option<String>,
    #[serde(default)]
    pub port: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_port: Option<IntOrString>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub node_port: i32,
}

/// core/v1 SessionAffinityConfig.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionAffinityConfig {
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "clientIP")]
    pub client_ip: Option<ClientIpConfig>,
}

/// core/v1 ClientIPConfig.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientIpConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i32>,
}

/// core/v1 ServiceStatus. `loadBalancer` is a Go value type (`loadBalancer: {}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceStatus {
    #[serde(default)]
    pub load_balancer: LoadBalancerStatus,
}

/// core/v1 LoadBalancerStatus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadBalancerStatus {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<LoadBalancerIngress>,
}

/// core/v1 LoadBalancerIngress.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadBalancerIngress {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ip: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hostname: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<PortStatus>,
}

/// core/v1 PortStatus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortStatus {
    #[serde(default)]
    pub port: i32,
    #[serde(default)]
    pub protocol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// core/v1 Endpoints.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Endpoints {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsets: Vec<EndpointSubset>,
}

impl_object!(Endpoints, "Endpoints", "v1");

/// core/v1 EndpointSubset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointSubset {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<EndpointAddress>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_ready_addresses: Vec<EndpointAddress>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<EndpointPort>,
}

/// core/v1 EndpointAddress.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointAddress {
    #[serde(default)]
    pub ip: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hostname: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ref: Option<ObjectReference>,
}

/// core/v1 EndpointPort.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointPort {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default)]
    pub port: i32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_protocol: Option<String>,
}

/// core/v1 ObjectReference.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectReference {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field_path: String,
}

// =============================================================================================
// Event

/// core/v1 Event. `firstTimestamp`, `lastTimestamp` and `eventTime` are Go value types (`null`
/// when unset); `reportingComponent` and `reportingInstance` are always written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Event {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub involved_object: ObjectReference,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    #[serde(default)]
    pub source: EventSource,
    #[serde(default)]
    pub first_timestamp: Option<Time>,
    #[serde(default)]
    pub last_timestamp: Option<Time>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub count: i32,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub event_time: Option<MicroTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<EventSeries>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<ObjectReference>,
    #[serde(default)]
    pub reporting_component: String,
    #[serde(default)]
    pub reporting_instance: String,
}

impl_object!(Event, "Event", "v1");

/// core/v1 EventSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventSource {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub component: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host: String,
}

/// core/v1 EventSeries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventSeries {
    #[serde(default, skip_serializing_if = "is_default")]
    pub count: i32,
    #[serde(default)]
    pub last_observed_time: Option<MicroTime>,
}

// =============================================================================================
// ConfigMap, Secret, ServiceAccount

/// core/v1 ConfigMap. `binaryData` values are base64, validated and canonicalised on decoding.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigMap {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immutable: Option<bool>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "base64_map")]
    pub binary_data: BTreeMap<String, String>,
}

impl_object!(ConfigMap, "ConfigMap", "v1");

/// core/v1 Secret. `data` values are base64 strings, validated (Go's `illegal base64 data at
/// input byte N`) and canonicalised on decoding; `stringData` is write-only plain text that the
/// API server merges into `data`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Secret {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immutable: Option<bool>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "base64_map")]
    pub data: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub string_data: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "type")]
    pub type_: String,
}

impl_object!(Secret, "Secret", "v1");

/// core/v1 ServiceAccount.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceAccount {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<ObjectReference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub image_pull_secrets: Vec<LocalObjectReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automount_service_account_token: Option<bool>,
}

impl_object!(ServiceAccount, "ServiceAccount", "v1");

// =============================================================================================
// PersistentVolumeClaim, PersistentVolume

/// core/v1 PersistentVolumeClaim.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeClaim {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PersistentVolumeClaimSpec,
    #[serde(default)]
    pub status: PersistentVolumeClaimStatus,
}

impl_object!(PersistentVolumeClaim, "PersistentVolumeClaim", "v1");

/// core/v1 PersistentVolumeClaimSpec (dataSource/dataSourceRef not modelled).
/// `storageClassName` is `None` when unset (the default class applies) and `Some("")` for
/// "no class".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeClaimSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    /// A Go value type: always written.
    #[serde(default)]
    pub resources: VolumeResourceRequirements,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub volume_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_attributes_class_name: Option<String>,
}

/// core/v1 VolumeResourceRequirements (`requests: {storage: 1Gi}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VolumeResourceRequirements {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: ResourceList,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub requests: ResourceList,
}

/// core/v1 PersistentVolumeClaimStatus (conditions and resize status not modelled).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeClaimStatus {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phase: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub capacity: ResourceList,
}

/// core/v1 PersistentVolume.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolume {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PersistentVolumeSpec,
    #[serde(default)]
    pub status: PersistentVolumeStatus,
}

impl_object!(PersistentVolume, "PersistentVolume", "v1");

/// core/v1 PersistentVolumeSpec (sources: hostPath, nfs, local; cloud and CSI sources not
/// modelled). Unlike a PVC's, `storageClassName` here is a plain string.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeSpec {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub capacity: ResourceList,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_path: Option<HostPathVolumeSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nfs: Option<NfsVolumeSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<LocalVolumeSource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_ref: Option<ObjectReference>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub persistent_volume_reclaim_policy: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub storage_class_name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mount_options: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<VolumeNodeAffinity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_attributes_class_name: Option<String>,
}

/// core/v1 LocalVolumeSource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocalVolumeSource {
    #[serde(default)]
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fs_type: Option<String>,
}

/// core/v1 VolumeNodeAffinity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VolumeNodeAffinity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<NodeSelector>,
}

/// core/v1 PersistentVolumeStatus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeStatus {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phase: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_phase_transition_time: Option<Time>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::api::test_decode as decode;

    /// From kubernetes.io "Configure Liveness, Readiness and Startup Probes" and
    /// "Distribute Credentials Securely Using Secrets", combined.
    fn pod_manifest() -> serde_json::Value {
        json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "goproxy", "labels": {"app": "goproxy"}},
            "spec": {
                "initContainers": [{"name": "init-myservice", "image": "busybox:1.28",
                    "command": ["sh", "-c", "until nslookup myservice; do sleep 2; done"]}],
                "containers": [{
                    "name": "goproxy",
                    "image": "registry.k8s.io/goproxy:0.1",
                    "ports": [{"containerPort": 8080, "name": "http"}],
                    "env": [
                        {"name": "SECRET_USERNAME", "valueFrom": {"secretKeyRef": {"name": "backend-user", "key": "backend-username"}}},
                        {"name": "MY_NODE_NAME", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}},
                        {"name": "MY_CPU_LIMIT", "valueFrom": {"resourceFieldRef": {"containerName": "goproxy", "resource": "limits.cpu"}}},
                        {"name": "GREETING", "value": "hello"}
                    ],
                    "envFrom": [{"configMapRef": {"name": "special-config"}, "prefix": "CFG_"}],
                    "resources": {"requests": {"cpu": 0.25, "memory": "64Mi"}, "limits": {"cpu": 1, "memory": "128Mi"}},
                    "readinessProbe": {"tcpSocket": {"port": 8080}, "initialDelaySeconds": 15, "periodSeconds": 10},
                    "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http",
                        "httpHeaders": [{"name": "Custom-Header", "value": "Awesome"}]}, "failureThreshold": 1},
                    "startupProbe": {"grpc": {"port": 2379}, "failureThreshold": 30},
                    "lifecycle": {"preStop": {"exec": {"command": ["/bin/sh", "-c", "nginx -s quit"]}},
                                  "postStart": {"sleep": {"seconds": 5}}},
                    "securityContext": {"allowPrivilegeEscalation": false, "runAsNonRoot": true,
                        "capabilities": {"add": ["NET_ADMIN"], "drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}},
                    "volumeMounts": [{"name": "cache", "mountPath": "/cache"}, {"name": "cfg", "mountPath": "/etc/cfg", "readOnly": true}],
                    "imagePullPolicy": "IfNotPresent",
                    "stdin": true,
                    "tty": true
                }],
                "volumes": [
                    {"name": "cache", "emptyDir": {"sizeLimit": "500Mi"}},
                    {"name": "cfg", "configMap": {"name": "special-config", "items": [{"key": "k", "path": "p"}], "defaultMode": 420}},
                    {"name": "creds", "secret": {"secretName": "backend-user", "optional": true}},
                    {"name": "data", "persistentVolumeClaim": {"claimName": "task-pv-claim"}},
                    {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}},
                    {"name": "info", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}}
                ],
                "nodeSelector": {"disktype": "ssd"},
                "tolerations": [{"key": "example-key", "operator": "Exists", "effect": "NoSchedule"}],
                "affinity": {
                    "nodeAffinity": {
                        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                            {"matchExpressions": [{"key": "topology.kubernetes.io/zone", "operator": "In", "values": ["antarctica-east1"]}]}]},
                        "preferredDuringSchedulingIgnoredDuringExecution": [
                            {"weight": 1, "preference": {"matchExpressions": [{"key": "another-node-label-key", "operator": "In", "values": ["v"]}]}}]
                    },
                    "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {
                        "labelSelector": {"matchExpressions": [{"key": "security", "operator": "In", "values": ["S2"]}]},
                        "topologyKey": "topology.kubernetes.io/zone"}}]}
                },
                "restartPolicy": "Always",
                "terminationGracePeriodSeconds": 30,
                "securityContext": {"runAsUser": 1000, "runAsGroup": 3000, "fsGroup": 2000},
                "serviceAccountName": "build-robot",
                "hostNetwork": false,
                "priority": 0,
                "enableServiceLinks": true
            }
        })
    }

    #[test]
    fn pod_decodes() {
        let pod: Pod = decode(pod_manifest());
        assert_eq!(pod.kind, "Pod");
        assert_eq!(pod.metadata.name, "goproxy");
        let c = &pod.spec.containers[0];
        assert_eq!(c.ports[0].container_port, 8080);
        assert_eq!(c.resources.requests["cpu"], "250m");
        assert_eq!(c.resources.limits["cpu"], "1");
        assert_eq!(c.resources.limits["memory"], "128Mi");
        let live = c.liveness_probe.as_ref().unwrap();
        assert_eq!(live.http_get.as_ref().unwrap().port, IntOrString::String("http".into()));
        assert_eq!(live.failure_threshold, 1);
        assert_eq!(c.readiness_probe.as_ref().unwrap().tcp_socket.as_ref().unwrap().port, IntOrString::Int(8080));
        assert_eq!(c.startup_probe.as_ref().unwrap().grpc.as_ref().unwrap().port, 2379);
        assert_eq!(c.env[0].value_from.as_ref().unwrap().secret_key_ref.as_ref().unwrap().key, "backend-username");
        assert_eq!(c.env_from[0].config_map_ref.as_ref().unwrap().name, "special-config");
        assert_eq!(c.security_context.as_ref().unwrap().capabilities.as_ref().unwrap().drop, ["ALL"]);
        assert!(c.lifecycle.as_ref().unwrap().pre_stop.as_ref().unwrap().exec.is_some());
        assert!(c.stdin && c.tty);
        assert_eq!(pod.spec.init_containers[0].name, "init-myservice");
        let vols = &pod.spec.volumes;
        assert_eq!(vols[0].empty_dir.as_ref().unwrap().size_limit, Some(Quantity::from("500Mi")));
        assert_eq!(vols[1].config_map.as_ref().unwrap().default_mode, Some(420));
        assert_eq!(vols[2].secret.as_ref().unwrap().secret_name, "backend-user");
        assert_eq!(vols[3].persistent_volume_claim.as_ref().unwrap().claim_name, "task-pv-claim");
        assert_eq!(vols[4].host_path.as_ref().unwrap().type_.as_deref(), Some("Directory"));
        assert!(vols[5].downward_api.is_some());
        let aff = pod.spec.affinity.as_ref().unwrap();
        let req = aff.node_affinity.as_ref().unwrap().required_during_scheduling_ignored_during_execution.as_ref().unwrap();
        assert_eq!(req.node_selector_terms[0].match_expressions[0].values, ["antarctica-east1"]);
        let anti = aff.pod_anti_affinity.as_ref().unwrap();
        assert_eq!(anti.preferred_during_scheduling_ignored_during_execution[0].pod_affinity_term.topology_key, "topology.kubernetes.io/zone");
        assert_eq!(pod.spec.tolerations[0].operator, "Exists");
        assert_eq!(pod.spec.termination_grace_period_seconds, Some(30));
        assert_eq!(pod.spec.priority, Some(0));
        assert_eq!(pod.spec.security_context.as_ref().unwrap().fs_group, Some(2000));

        // Round trip: what we write decodes to the same thing.
        let again: Pod = decode(serde_json::to_value(&pod).unwrap());
        assert_eq!(again.spec, pod.spec);
    }

    #[test]
    fn pod_serialises_like_the_api_server() {
        let pod: Pod = decode(pod_manifest());
        let v = serde_json::to_value(&pod).unwrap();
        // apiVersion/kind are the API layer's to write.
        assert!(v.get("apiVersion").is_none() && v.get("kind").is_none());
        let c = &v["spec"]["containers"][0];
        assert_eq!(c["resources"]["requests"]["cpu"], "250m");
        assert_eq!(c["env"][2]["valueFrom"]["resourceFieldRef"]["divisor"], "0");
        assert_eq!(c["livenessProbe"]["httpGet"]["port"], "http");
        assert!(c["livenessProbe"].get("initialDelaySeconds").is_none());
        assert_eq!(c["startupProbe"]["grpc"]["service"], serde_json::Value::Null);
        assert_eq!(v["spec"]["volumes"][1]["configMap"]["defaultMode"], 420);
        assert!(v["spec"].get("hostNetwork").is_none());
        assert_eq!(v["spec"]["priority"], 0);
        assert_eq!(v["status"], json!({}));
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let mut m = pod_manifest();
        m["spec"]["containers"][0]["imagee"] = json!("nginx");
        let err = serde_json::from_value::<Pod>(m).unwrap_err().to_string();
        assert!(err.contains("unknown field `imagee`"), "{err}");

        let mut m = pod_manifest();
        m["spec"]["restartPolicyy"] = json!("Never");
        assert!(serde_json::from_value::<Pod>(m).is_err());

        let mut m = pod_manifest();
        m["spec"]["containers"][0]["resources"]["requests"]["memory"] = json!("64MB");
        let err = serde_json::from_value::<Pod>(m).unwrap_err().to_string();
        assert!(err.starts_with("quantities must match the regular expression"), "{err}");
    }

    #[test]
    fn null_means_unset_as_in_go() {
        // YAML such as `env:` with nothing after it decodes to null; Go leaves the zero value.
        let pod: Pod = decode(json!({
            "metadata": {"name": "p", "labels": null, "annotations": null},
            "spec": {"containers": [{"name": "c", "image": "nginx", "env": null, "ports": null, "args": null,
                                     "resources": null, "stdin": null}],
                     "volumes": null, "nodeSelector": null, "restartPolicy": null, "priority": null},
            "status": null
        }));
        assert!(pod.spec.containers[0].env.is_empty());
        assert_eq!(pod.spec.containers[0].resources, ResourceRequirements::default());
        assert_eq!(pod.spec.priority, None);
        let s: Secret = decode(json!({"metadata": {"name": "s"}, "data": null}));
        assert!(s.data.is_empty());
    }

    #[test]
    fn default_heavy_objects_omit_empty_fields() {
        let pod = Pod {
            metadata: ObjectMeta { name: "nginx".into(), ..Default::default() },
            spec: PodSpec {
                containers: vec![Container { name: "nginx".into(), image: "nginx".into(), ..Default::default() }],
                ..Default::default()
            },
            ..Default::default()
        };
        // Exactly `kubectl run nginx --image=nginx --dry-run=client -o json` minus apiVersion,
        // kind and the run label.
        assert_eq!(
            serde_json::to_value(&pod).unwrap(),
            json!({
                "metadata": {"name": "nginx", "creationTimestamp": null},
                "spec": {"containers": [{"name": "nginx", "image": "nginx", "resources": {}}]},
                "status": {}
            })
        );

        let status = ContainerStatus {
            name: "nginx".into(),
            state: ContainerState { waiting: Some(ContainerStateWaiting { reason: "ContainerCreating".into(), ..Default::default() }), ..Default::default() },
            image: "nginx".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&status).unwrap(),
            json!({"name": "nginx", "state": {"waiting": {"reason": "ContainerCreating"}}, "lastState": {},
                   "ready": false, "restartCount": 0, "image": "nginx", "imageID": ""})
        );

        let cond = PodCondition { type_: "PodScheduled".into(), status: "True".into(), last_transition_time: Some(Time(0)), ..Default::default() };
        assert_eq!(
            serde_json::to_value(&cond).unwrap(),
            json!({"type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": "1970-01-01T00:00:00Z"})
        );

        let svc = Service::default();
        assert_eq!(
            serde_json::to_value(&svc).unwrap(),
            json!({"metadata": {"creationTimestamp": null}, "spec": {}, "status": {"loadBalancer": {}}})
        );
    }

    #[test]
    fn pod_status_decodes() {
        let status: PodStatus = decode(json!({
            "phase": "Running",
            "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2024-01-01T00:00:10Z"}],
            "hostIP": "172.18.0.2", "hostIPs": [{"ip": "172.18.0.2"}],
            "podIP": "10.244.1.5", "podIPs": [{"ip": "10.244.1.5"}],
            "startTime": "2024-01-01T00:00:00Z",
            "containerStatuses": [{
                "name": "nginx", "ready": true, "restartCount": 1, "started": true,
                "image": "docker.io/library/nginx:latest", "imageID": "docker.io/library/nginx@sha256:abc",
                "containerID": "containerd://123",
                "state": {"running": {"startedAt": "2024-01-01T00:00:05Z"}},
                "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled", "startedAt": "2024-01-01T00:00:01Z",
                              "finishedAt": "2024-01-01T00:00:04Z", "containerID": "containerd://122"}},
                "volumeMounts": [{"name": "kube-api-access-x", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                                  "readOnly": true, "recursiveReadOnly": "Disabled"}]
            }],
            "qosClass": "BestEffort"
        }));
        assert_eq!(status.host_ip, "172.18.0.2");
        assert_eq!(status.pod_ips[0].ip, "10.244.1.5");
        let cs = &status.container_statuses[0];
        assert_eq!(cs.image_id, "docker.io/library/nginx@sha256:abc");
        assert_eq!(cs.last_state.terminated.as_ref().unwrap().exit_code, 137);
        assert!(cs.state.running.as_ref().unwrap().started_at.is_some());
        assert_eq!(status.qos_class, "BestEffort");
        assert_eq!(status.conditions[0].last_probe_time, None);
        let v = serde_json::to_value(&status).unwrap();
        assert_eq!(v["hostIP"], "172.18.0.2");
        assert_eq!(v["containerStatuses"][0]["containerID"], "containerd://123");
    }

    #[test]
    fn service_with_named_target_port() {
        // kubernetes.io "Service": "Port definitions in Pods have names…".
        let svc: Service = decode(json!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "nginx-service"},
            "spec": {
                "selector": {"app.kubernetes.io/name": "proxy"},
                "ports": [{"name": "name-of-service-port", "protocol": "TCP", "port": 80, "targetPort": "http-web-svc"},
                          {"name": "metrics", "port": 9090, "targetPort": 9091, "nodePort": 30007}],
                "type": "NodePort",
                "clusterIP": "10.96.12.34",
                "clusterIPs": ["10.96.12.34"],
                "externalIPs": ["198.51.100.32"],
                "sessionAffinity": "ClientIP",
                "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}},
                "ipFamilies": ["IPv4"],
                "ipFamilyPolicy": "SingleStack",
                "internalTrafficPolicy": "Cluster",
                "externalTrafficPolicy": "Cluster"
            },
            "status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.127"}]}}
        }));
        assert_eq!(svc.spec.ports[0].target_port, Some(IntOrString::String("http-web-svc".into())));
        assert_eq!(svc.spec.ports[1].target_port, Some(IntOrString::Int(9091)));
        assert_eq!(svc.spec.ports[1].node_port, 30007);
        assert_eq!(svc.spec.type_, "NodePort");
        assert_eq!(svc.spec.cluster_ip, "10.96.12.34");
        assert_eq!(svc.spec.external_ips, ["198.51.100.32"]);
        assert_eq!(svc.status.load_balancer.ingress[0].ip, "192.0.2.127");
        let v = serde_json::to_value(&svc).unwrap();
        assert_eq!(v["spec"]["ports"][0]["targetPort"], "http-web-svc");
        assert_eq!(v["spec"]["clusterIPs"], json!(["10.96.12.34"]));
        assert_eq!(v["spec"]["sessionAffinityConfig"]["clientIP"]["timeoutSeconds"], 10800);

        let bad = json!({"metadata": {"name": "s"}, "spec": {"ports": [{"port": 80, "targetport": 8080}]}});
        assert!(serde_json::from_value::<Service>(bad).is_err());
    }

    #[test]
    fn secret_data_is_base64() {
        // kubernetes.io "Managing Secrets using Configuration File".
        let s: Secret = decode(json!({
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "mysecret"},
            "type": "Opaque",
            "data": {"username": "YWRtaW4=", "password": "MWYyZDFlMmU2N2Rm"},
            "stringData": {"config.yaml": "apiUrl: \"https://my.api.com/api/v1\"\n"},
            "immutable": true
        }));
        assert_eq!(s.type_, "Opaque");
        assert_eq!(s.data["username"], "YWRtaW4=");
        assert_eq!(s.string_data["config.yaml"], "apiUrl: \"https://my.api.com/api/v1\"\n");
        assert_eq!(s.immutable, Some(true));
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["data"]["password"], "MWYyZDFlMmU2N2Rm");
        assert_eq!(v["type"], "Opaque");

        let err = serde_json::from_value::<Secret>(json!({"metadata": {"name": "s"}, "data": {"password": "my-password"}}))
            .unwrap_err()
            .to_string();
        assert_eq!(err, "illegal base64 data at input byte 2");

        let cm: ConfigMap = decode(json!({
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "game-demo"},
            "data": {"player_initial_lives": "3", "game.properties": "enemy.types=aliens,monsters\n"},
            "binaryData": {"blob": "AAEC"}
        }));
        assert_eq!(cm.data["player_initial_lives"], "3");
        assert_eq!(cm.binary_data["blob"], "AAEC");
    }

    #[test]
    fn pvc_and_pv() {
        // kubernetes.io "Configure a Pod to Use a PersistentVolume for Storage".
        let pvc: PersistentVolumeClaim = decode(json!({
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": {"name": "task-pv-claim"},
            "spec": {"storageClassName": "manual", "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "3Gi"}}}
        }));
        assert_eq!(pvc.spec.storage_class_name.as_deref(), Some("manual"));
        assert_eq!(pvc.spec.access_modes, ["ReadWriteOnce"]);
        assert_eq!(pvc.spec.resources.requests["storage"], "3Gi");
        assert_eq!(
            serde_json::to_value(&pvc).unwrap(),
            json!({"metadata": {"name": "task-pv-claim", "creationTimestamp": null},
                   "spec": {"storageClassName": "manual", "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "3Gi"}}},
                   "status": {}})
        );
        let no_class: PersistentVolumeClaim = decode(json!({"metadata": {"name": "c"}, "spec": {"storageClassName": ""}}));
        assert_eq!(no_class.spec.storage_class_name.as_deref(), Some(""));

        let pv: PersistentVolume = decode(json!({
            "apiVersion": "v1",
            "kind": "PersistentVolume",
            "metadata": {"name": "task-pv-volume", "labels": {"type": "local"}},
            "spec": {"storageClassName": "manual", "capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteOnce"],
                     "hostPath": {"path": "/mnt/data"}, "persistentVolumeReclaimPolicy": "Retain",
                     "claimRef": {"kind": "PersistentVolumeClaim", "namespace": "default", "name": "task-pv-claim", "uid": "u"},
                     "nodeAffinity": {"required": {"nodeSelectorTerms": [{"matchExpressions": [
                         {"key": "kubernetes.io/hostname", "operator": "In", "values": ["kind-worker"]}]}]}}},
            "status": {"phase": "Bound", "lastPhaseTransitionTime": "2024-01-01T00:00:00Z"}
        }));
        assert_eq!(pv.spec.capacity["storage"], "10Gi");
        assert_eq!(pv.spec.host_path.as_ref().unwrap().path, "/mnt/data");
        assert_eq!(pv.spec.claim_ref.as_ref().unwrap().name, "task-pv-claim");
        assert_eq!(pv.status.phase, "Bound");
    }

    #[test]
    fn other_core_kinds_decode() {
        let ns: Namespace = decode(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"},
            "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}));
        assert_eq!(ns.spec.finalizers, ["kubernetes"]);
        assert_eq!(ns.status.phase, "Active");

        let rc: ReplicationController = decode(json!({
            "apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "nginx"},
            "spec": {"replicas": 3, "selector": {"app": "nginx"}, "template": {"metadata": {"labels": {"app": "nginx"}},
                "spec": {"containers": [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80}]}]}}}
        }));
        assert_eq!(rc.spec.replicas, Some(3));
        assert_eq!(rc.spec.selector["app"], "nginx");
        assert_eq!(serde_json::to_value(&rc).unwrap()["status"], json!({"replicas": 0}));

        let ep: Endpoints = decode(json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "my-service"},
            "subsets": [{"addresses": [{"ip": "10.244.1.2", "nodeName": "kind-worker",
                "targetRef": {"kind": "Pod", "name": "web-0", "namespace": "default", "uid": "u"}}],
                "notReadyAddresses": [{"ip": "10.244.2.3"}],
                "ports": [{"name": "http", "port": 9376, "protocol": "TCP"}]}]}));
        assert_eq!(ep.subsets[0].addresses[0].target_ref.as_ref().unwrap().name, "web-0");
        assert_eq!(ep.subsets[0].ports[0].port, 9376);

        let ev: Event = decode(json!({"apiVersion": "v1", "kind": "Event",
            "metadata": {"name": "nginx.17a", "namespace": "default"},
            "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": "nginx", "namespace": "default", "fieldPath": "spec.containers{nginx}"},
            "reason": "Pulled", "message": "Successfully pulled image", "source": {"component": "kubelet", "host": "kind-worker"},
            "firstTimestamp": "2024-01-01T00:00:00Z", "lastTimestamp": "2024-01-01T00:00:00Z", "count": 1, "type": "Normal",
            "eventTime": null, "reportingComponent": "kubelet", "reportingInstance": "kind-worker"}));
        assert_eq!(ev.involved_object.field_path, "spec.containers{nginx}");
        assert_eq!(ev.source.component, "kubelet");
        let v = serde_json::to_value(&ev).unwrap();
        assert_eq!(v["eventTime"], serde_json::Value::Null);
        let scheduler_style = Event { event_time: Some(MicroTime(Time(1_704_067_200_250))), ..Default::default() };
        let v = serde_json::to_value(&scheduler_style).unwrap();
        assert_eq!(v["eventTime"], "2024-01-01T00:00:00.250000Z");
        assert_eq!(v["firstTimestamp"], serde_json::Value::Null);
        assert_eq!(v["source"], json!({}));
        assert_eq!(v["reportingComponent"], "");

        let sa: ServiceAccount = decode(json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "build-robot"},
            "automountServiceAccountToken": false, "imagePullSecrets": [{"name": "regcred"}]}));
        assert_eq!(sa.image_pull_secrets[0].name, "regcred");
    }

    #[test]
    fn node_accepts_numeric_capacity() {
        let n: Node = decode(json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"},
            "status": {"capacity": {"cpu": 4, "pods": 110, "memory": "8Gi"}}}));
        assert_eq!(n.status.capacity["cpu"], "4");
        assert_eq!(n.status.capacity["pods"], "110");
        assert_eq!(<Node as crate::api::Object>::API_VERSION, "v1");
    }
}
