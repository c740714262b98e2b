//! `apps/v1` kinds: Deployment, ReplicaSet, DaemonSet, StatefulSet, ControllerRevision.
//!
//! Shapes follow k8s.io/api v1.31 `apps/v1/types.go`, with the serialisation rules described
//! in [`super::core`]: `omitempty` fields are skipped when empty, Go value types are always
//! written (`strategy: {}`, `status: {}`), value-type times are `null` when unset. Pointer
//! fields the API server defaults (`replicas`, `revisionHistoryLimit`, …) are `Option`s so that
//! defaulting can tell "unset" from zero.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::core::{PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeClaimStatus, PodTemplateSpec};
use super::meta::{impl_object, is_default, null_default, IntOrString, LabelSelector, ObjectMeta};
use crate::time::Time;

// =============================================================================================
// Deployment

/// apps/v1 Deployment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deployment {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: DeploymentSpec,
    #[serde(default)]
    pub status: DeploymentStatus,
}

impl_object!(Deployment, "Deployment", "apps/v1");

/// apps/v1 DeploymentSpec. `selector` has no `omitempty` upstream (`null` when unset).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    #[serde(default)]
    pub selector: Option<LabelSelector>,
    #[serde(default)]
    pub template: PodTemplateSpec,
    /// A Go value type: always written, `strategy: {}` when empty.
    #[serde(default)]
    pub strategy: DeploymentStrategy,
    #[serde(default, skip_serializing_if = "is_default")]
    pub min_ready_seconds: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i32>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub paused: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_deadline_seconds: Option<i32>,
}

/// apps/v1 DeploymentStrategy (`RollingUpdate` or `Recreate`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentStrategy {
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "type")]
    pub type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateDeployment>,
}

/// apps/v1 RollingUpdateDeployment (`maxUnavailable`, `maxSurge`: a count or a percentage).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RollingUpdateDeployment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<IntOrString>,
}

/// apps/v1 DeploymentStatus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentStatus {
    #[serde(default, skip_serializing_if = "is_default")]
    pub observed_generation: i64,
    #[serde(default, skip_serializing_if = "is_default")]
    pub replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub updated_replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub ready_replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub available_replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub unavailable_replicas: i32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<DeploymentCondition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collision_count: Option<i32>,
}

/// apps/v1 DeploymentCondition (`Available`, `Progressing`, `ReplicaFailure`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentCondition {
    #[serde(default, rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub last_update_time: Option<Time>,
    #[serde(default)]
    pub last_transition_time: Option<Time>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

// =============================================================================================
// ReplicaSet

/// apps/v1 ReplicaSet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicaSet {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: ReplicaSetSpec,
    #[serde(default)]
    pub status: ReplicaSetStatus,
}

impl_object!(ReplicaSet, "ReplicaSet", "apps/v1");

/// apps/v1 ReplicaSetSpec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicaSetSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub min_ready_seconds: i32,
    #[serde(default)]
    pub selector: Option<LabelSelector>,
    #[serde(default)]
    pub template: PodTemplateSpec,
}

/// apps/v1 ReplicaSetStatus. `replicas` is always written (`replicas: 0`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicaSetStatus {
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
    pub conditions: Vec<ReplicaSetCondition>,
}

/// apps/v1 ReplicaSetCondition; DaemonSetCondition and StatefulSetCondition have the same shape.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicaSetCondition {
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

/// apps/v1 DaemonSetCondition (same fields as [`ReplicaSetCondition`]).
pub type DaemonSetCondition = ReplicaSetCondition;
/// apps/v1 StatefulSetCondition (same fields as [`ReplicaSetCondition`]).
pub type StatefulSetCondition = ReplicaSetCondition;

// =============================================================================================
// DaemonSet

/// apps/v1 DaemonSet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSet {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: DaemonSetSpec,
    #[serde(default)]
    pub status: DaemonSetStatus,
}

impl_object!(DaemonSet, "DaemonSet", "apps/v1");

/// apps/v1 DaemonSetSpec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSetSpec {
    #[serde(default)]
    pub selector: Option<LabelSelector>,
    #[serde(default)]
    pub template: PodTemplateSpec,
    #[serde(default)]
    pub update_strategy: DaemonSetUpdateStrategy,
    #[serde(default, skip_serializing_if = "is_default")]
    pub min_ready_seconds: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i32>,
}

/// apps/v1 DaemonSetUpdateStrategy (`RollingUpdate` or `OnDelete`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSetUpdateStrategy {
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "type")]
    pub type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateDaemonSet>,
}

/// apps/v1 RollingUpdateDaemonSet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RollingUpdateDaemonSet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<IntOrString>,
}

/// apps/v1 DaemonSetStatus. The four scheduling counts are always written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSetStatus {
    #[serde(default)]
    pub current_number_scheduled: i32,
    #[serde(default)]
    pub number_misscheduled: i32,
    #[serde(default)]
    pub desired_number_scheduled: i32,
    #[serde(default)]
    pub number_ready: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub observed_generation: i64,
    #[serde(default, skip_serializing_if = "is_default")]
    pub updated_number_scheduled: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub number_available: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub number_unavailable: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collision_count: Option<i32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<DaemonSetCondition>,
}

// =============================================================================================
// StatefulSet

/// apps/v1 StatefulSet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatefulSet {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: StatefulSetSpec,
    #[serde(default)]
    pub status: StatefulSetStatus,
}

impl_object!(StatefulSet, "StatefulSet", "apps/v1");

/// apps/v1 StatefulSetSpec. `serviceName` is always written (required in v1.31).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatefulSetSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    #[serde(default)]
    pub selector: Option<LabelSelector>,
    #[serde(default)]
    pub template: PodTemplateSpec,
    /// Served with `apiVersion: v1` and `kind: PersistentVolumeClaim` on each entry, as the
    /// API server shows them.
    #[serde(
        default,
        deserialize_with = "deserialize_claim_templates",
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "serialize_claim_templates"
    )]
    pub volume_claim_templates: Vec<PersistentVolumeClaim>,
    #[serde(default)]
    pub service_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pod_management_policy: String,
    #[serde(default)]
    pub update_strategy: StatefulSetUpdateStrategy,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i32>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub min_ready_seconds: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persistent_volume_claim_retention_policy: Option<StatefulSetPersistentVolumeClaimRetentionPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinals: Option<StatefulSetOrdinals>,
}

/// A volume claim template as served: the claim with its apiVersion and kind.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TypedClaim<'a> {
    api_version: &'static str,
    kind: &'static str,
    metadata: &'a ObjectMeta,
    spec: &'a PersistentVolumeClaimSpec,
    status: &'a PersistentVolumeClaimStatus,
}

#[allow(clippy::ptr_arg)]
fn serialize_claim_templates<S: Serializer>(claims: &Vec<PersistentVolumeClaim>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(claims.iter().map(|c| TypedClaim {
        api_version: "v1",
        kind: "PersistentVolumeClaim",
        metadata: &c.metadata,
        spec: &c.spec,
        status: &c.status,
    }))
}

/// Claim templates always carry their type when served, so what the manifest said is dropped
/// (a template decoded from a served object equals the one it was served from).
fn deserialize_claim_templates<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PersistentVolumeClaim>, D::Error> {
    let mut claims: Vec<PersistentVolumeClaim> = null_default(d)?;
    for c in &mut claims {
        c.api_version.clear();
        c.kind.clear();
    }
    Ok(claims)
}

/// apps/v1 StatefulSetUpdateStrategy (`RollingUpdate` or `OnDelete`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatefulSetUpdateStrategy {
    #[serde(default, skip_serializing_if = "String::is_empty", rename = "type")]
    pub type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateStatefulSetStrategy>,
}

/// apps/v1 RollingUpdateStatefulSetStrategy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RollingUpdateStatefulSetStrategy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
}

/// apps/v1 StatefulSetPersistentVolumeClaimRetentionPolicy (`Retain` or `Delete`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatefulSetPersistentVolumeClaimRetentionPolicy {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub when_deleted: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub when_scaled: String,
}

/// apps/v1 StatefulSetOrdinals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatefulSetOrdinals {
    #[serde(default, skip_serializing_if = "is_default")]
    pub start: i32,
}

/// apps/v1 StatefulSetStatus. `replicas` and `availableReplicas` are always written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatefulSetStatus {
    #[serde(default, skip_serializing_if = "is_default")]
    pub observed_generation: i64,
    #[serde(default)]
    pub replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub ready_replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub current_replicas: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub updated_replicas: i32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub current_revision: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub update_revision: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collision_count: Option<i32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<StatefulSetCondition>,
    #[serde(default)]
    pub available_replicas: i32,
}

// =============================================================================================
// ControllerRevision

/// apps/v1 ControllerRevision: a snapshot of a DaemonSet's or StatefulSet's template.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControllerRevision {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// runtime.RawExtension: any JSON (a strategic-merge patch of the template).
    #[serde(default)]
    pub data: serde_json::Value,
    #[serde(default)]
    pub revision: i64,
}

impl_object!(ControllerRevision, "ControllerRevision", "apps/v1");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{IntOrString, Object, Quantity};
    use serde_json::json;

    use crate::api::test_decode as decode;

    /// kubernetes.io "Deployments" (nginx-deployment), with probes, resources, env and volumes
    /// from the task pages added.
    fn deployment_manifest() -> serde_json::Value {
        json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "nginx-deployment", "labels": {"app": "nginx"}},
            "spec": {
                "replicas": 3,
                "selector": {"matchLabels": {"app": "nginx"},
                             "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["cache"]}]},
                "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}},
                "revisionHistoryLimit": 10,
                "progressDeadlineSeconds": 600,
                "minReadySeconds": 5,
                "template": {
                    "metadata": {"labels": {"app": "nginx"}},
                    "spec": {
                        "containers": [{
                            "name": "nginx",
                            "image": "nginx:1.14.2",
                            "ports": [{"containerPort": 80}],
                            "env": [{"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
                            "resources": {"requests": {"memory": "64Mi", "cpu": "250m"}, "limits": {"memory": "128Mi", "cpu": "500m"}},
                            "livenessProbe": {"httpGet": {"path": "/", "port": 80}, "initialDelaySeconds": 3, "periodSeconds": 3},
                            "readinessProbe": {"exec": {"command": ["cat", "/tmp/healthy"]}, "initialDelaySeconds": 5},
                            "volumeMounts": [{"name": "html", "mountPath": "/usr/share/nginx/html"}]
                        }],
                        "volumes": [{"name": "html", "emptyDir": {}}]
                    }
                }
            }
        })
    }

    #[test]
    fn deployment_decodes() {
        let d: Deployment = decode(deployment_manifest());
        assert_eq!(d.api_version, "apps/v1");
        assert_eq!(d.spec.replicas, Some(3));
        let sel = d.spec.selector.as_ref().unwrap();
        assert_eq!(sel.match_labels["app"], "nginx");
        assert_eq!(sel.match_expressions[0].operator, "NotIn");
        let ru = d.spec.strategy.rolling_update.as_ref().unwrap();
        assert_eq!(ru.max_unavailable, Some(IntOrString::String("25%".into())));
        assert_eq!(ru.max_surge, Some(IntOrString::Int(1)));
        assert_eq!(d.spec.revision_history_limit, Some(10));
        assert_eq!(d.spec.progress_deadline_seconds, Some(600));
        assert_eq!(d.spec.min_ready_seconds, 5);
        let c = &d.spec.template.spec.containers[0];
        assert_eq!(c.resources.requests["cpu"], Quantity::from("250m"));
        assert_eq!(c.liveness_probe.as_ref().unwrap().period_seconds, 3);
        assert_eq!(c.readiness_probe.as_ref().unwrap().exec.as_ref().unwrap().command, ["cat", "/tmp/healthy"]);
        assert_eq!(d.spec.template.spec.volumes[0].empty_dir, Some(Default::default()));
        assert_eq!(<Deployment as Object>::API_VERSION, "apps/v1");
        assert_eq!(<Deployment as Object>::KIND, "Deployment");

        let v = serde_json::to_value(&d).unwrap();
        assert_eq!(v["spec"]["template"]["spec"]["volumes"][0]["emptyDir"], json!({}));
        assert_eq!(v["spec"]["template"]["metadata"]["creationTimestamp"], serde_json::Value::Null);
        assert_eq!(v["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"], "25%");
        assert_eq!(v["status"], json!({}));
        let again: Deployment = decode(v);
        assert_eq!(again.spec, d.spec);
    }

    #[test]
    fn deployment_rejects_typos() {
        let mut m = deployment_manifest();
        m["spec"]["template"]["spec"]["containers"][0]["imagee"] = json!("nginx");
        let err = serde_json::from_value::<Deployment>(m).unwrap_err().to_string();
        assert!(err.contains("unknown field `imagee`"), "{err}");
        let mut m = deployment_manifest();
        m["spec"]["replica"] = json!(2);
        assert!(serde_json::from_value::<Deployment>(m).is_err());
        let mut m = deployment_manifest();
        m["spec"]["selector"]["matchLabel"] = json!({"app": "nginx"});
        assert!(serde_json::from_value::<Deployment>(m).is_err());
    }

    #[test]
    fn deployment_dry_run_shape() {
        // `kubectl create deployment web --image=nginx --dry-run=client -o json`, minus
        // apiVersion/kind.
        let labels: std::collections::BTreeMap<String, String> = [("app".to_string(), "web".to_string())].into();
        let d = Deployment {
            metadata: ObjectMeta { name: "web".into(), labels: labels.clone(), ..Default::default() },
            spec: DeploymentSpec {
                replicas: Some(1),
                selector: Some(LabelSelector { match_labels: labels.clone(), ..Default::default() }),
                template: PodTemplateSpec {
                    metadata: ObjectMeta { labels, ..Default::default() },
                    spec: crate::api::PodSpec {
                        containers: vec![crate::api::Container { name: "nginx".into(), image: "nginx".into(), ..Default::default() }],
                        ..Default::default()
                    },
                },
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&d).unwrap(),
            json!({
                "metadata": {"name": "web", "creationTimestamp": null, "labels": {"app": "web"}},
                "spec": {
                    "replicas": 1,
                    "selector": {"matchLabels": {"app": "web"}},
                    "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                                 "spec": {"containers": [{"name": "nginx", "image": "nginx", "resources": {}}]}},
                    "strategy": {}
                },
                "status": {}
            })
        );
    }

    #[test]
    fn replica_set_and_daemon_set() {
        let rs: ReplicaSet = decode(json!({
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "frontend"},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"tier": "frontend"}},
                     "template": {"metadata": {"labels": {"tier": "frontend"}},
                                  "spec": {"containers": [{"name": "php-redis", "image": "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5"}]}}},
            "status": {"replicas": 3, "fullyLabeledReplicas": 3, "readyReplicas": 3, "availableReplicas": 3, "observedGeneration": 1}
        }));
        assert_eq!(rs.spec.selector.as_ref().unwrap().match_labels["tier"], "frontend");
        assert_eq!(rs.status.available_replicas, 3);
        let scaled_down = ReplicaSet { status: ReplicaSetStatus { observed_generation: 2, ..Default::default() }, ..Default::default() };
        assert_eq!(serde_json::to_value(&scaled_down).unwrap()["status"], json!({"replicas": 0, "observedGeneration": 2}));

        // kubernetes.io "DaemonSet" (fluentd-elasticsearch).
        let ds: DaemonSet = decode(json!({
            "apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": {"name": "fluentd-elasticsearch", "namespace": "kube-system", "labels": {"k8s-app": "fluentd-logging"}},
            "spec": {
                "selector": {"matchLabels": {"name": "fluentd-elasticsearch"}},
                "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}},
                "template": {"metadata": {"labels": {"name": "fluentd-elasticsearch"}}, "spec": {
                    "tolerations": [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}],
                    "containers": [{"name": "fluentd-elasticsearch", "image": "quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
                        "resources": {"limits": {"memory": "200Mi"}, "requests": {"cpu": "100m", "memory": "200Mi"}},
                        "volumeMounts": [{"name": "varlog", "mountPath": "/var/log"}]}],
                    "terminationGracePeriodSeconds": 30,
                    "volumes": [{"name": "varlog", "hostPath": {"path": "/var/log"}}]}}
            }
        }));
        assert_eq!(ds.spec.update_strategy.rolling_update.as_ref().unwrap().max_unavailable, Some(IntOrString::Int(1)));
        assert_eq!(ds.spec.template.spec.tolerations[0].effect, "NoSchedule");
        assert_eq!(
            serde_json::to_value(&ds).unwrap()["status"],
            json!({"currentNumberScheduled": 0, "numberMisscheduled": 0, "desiredNumberScheduled": 0, "numberReady": 0})
        );
    }

    #[test]
    fn stateful_set_with_volume_claim_templates() {
        // kubernetes.io "StatefulSets" (web).
        let sts: StatefulSet = decode(json!({
            "apiVersion": "apps/v1",
            "kind": "StatefulSet",
            "metadata": {"name": "web"},
            "spec": {
                "selector": {"matchLabels": {"app": "nginx"}},
                "serviceName": "nginx",
                "replicas": 3,
                "minReadySeconds": 10,
                "podManagementPolicy": "Parallel",
                "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 2}},
                "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Delete"},
                "ordinals": {"start": 1},
                "template": {
                    "metadata": {"labels": {"app": "nginx"}},
                    "spec": {
                        "terminationGracePeriodSeconds": 10,
                        "containers": [{"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.24",
                            "ports": [{"containerPort": 80, "name": "web"}],
                            "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]
                    }
                },
                "volumeClaimTemplates": [{
                    "metadata": {"name": "www"},
                    "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "my-storage-class",
                             "resources": {"requests": {"storage": "1Gi"}}}
                }]
            }
        }));
        assert_eq!(sts.spec.service_name, "nginx");
        assert_eq!(sts.spec.pod_management_policy, "Parallel");
        assert_eq!(sts.spec.update_strategy.rolling_update.as_ref().unwrap().partition, Some(2));
        assert_eq!(sts.spec.persistent_volume_claim_retention_policy.as_ref().unwrap().when_scaled, "Delete");
        assert_eq!(sts.spec.ordinals.as_ref().unwrap().start, 1);
        let claim = &sts.spec.volume_claim_templates[0];
        assert_eq!(claim.metadata.name, "www");
        assert_eq!(claim.spec.resources.requests["storage"], "1Gi");
        assert_eq!(claim.spec.storage_class_name.as_deref(), Some("my-storage-class"));

        let v = serde_json::to_value(&sts).unwrap();
        let t = &v["spec"]["volumeClaimTemplates"][0];
        assert_eq!(t["apiVersion"], "v1");
        assert_eq!(t["kind"], "PersistentVolumeClaim");
        assert_eq!(t["metadata"], json!({"name": "www", "creationTimestamp": null}));
        assert_eq!(v["status"], json!({"replicas": 0, "availableReplicas": 0}));
        let again: StatefulSet = decode(v);
        assert_eq!(again.spec, sts.spec);
    }

    #[test]
    fn controller_revision() {
        let cr: ControllerRevision = decode(json!({
            "apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": {"name": "web-6c5d9b7f8", "namespace": "default"},
            "data": {"spec": {"template": {"$patch": "replace", "metadata": {"labels": {"app": "nginx"}}}}},
            "revision": 2
        }));
        assert_eq!(cr.revision, 2);
        assert_eq!(cr.data["spec"]["template"]["$patch"], "replace");
        assert_eq!(serde_json::to_value(&cr).unwrap()["revision"], 2);
    }
}
