//! `batch/v1` kinds: Job and CronJob.
//!
//! Shapes follow k8s.io/api v1.31 `batch/v1/types.go`, with the serialisation rules described
//! in [`super::core`].

use serde::{Deserialize, Serialize};

use super::core::{ObjectReference, PodTemplateSpec};
use super::meta::{impl_object, is_default, vec_or_null, LabelSelector, ObjectMeta};
use crate::time::Time;

// =============================================================================================
// Job

/// batch/v1 Job.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Job {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: JobSpec,
    #[serde(default)]
    pub status: JobStatus,
}

impl_object!(Job, "Job", "batch/v1");

/// batch/v1 JobSpec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completions: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_failure_policy: Option<PodFailurePolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_policy: Option<SuccessPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_limit: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_limit_per_index: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_failed_indexes: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual_selector: Option<bool>,
    #[serde(default)]
    pub template: PodTemplateSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_seconds_after_finished: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspend: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_replacement_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
}

/// batch/v1 PodFailurePolicy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodFailurePolicy {
    #[serde(default, serialize_with = "vec_or_null")]
    pub rules: Vec<PodFailurePolicyRule>,
}

/// batch/v1 PodFailurePolicyRule (`FailJob`, `FailIndex`, `Ignore`, `Count`). Neither
/// requirement has `omitempty` upstream, so the unused one is written as `null`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodFailurePolicyRule {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub on_exit_codes: Option<PodFailurePolicyOnExitCodesRequirement>,
    #[serde(default, serialize_with = "vec_or_null")]
    pub on_pod_conditions: Vec<PodFailurePolicyOnPodConditionsPattern>,
}

/// batch/v1 PodFailurePolicyOnExitCodesRequirement (`containerName` is `null` for all
/// containers).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodFailurePolicyOnExitCodesRequirement {
    #[serde(default)]
    pub container_name: Option<String>,
    #[serde(default)]
    pub operator: String,
    #[serde(default, serialize_with = "vec_or_null")]
    pub values: Vec<i32>,
}

/// batch/v1 PodFailurePolicyOnPodConditionsPattern.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodFailurePolicyOnPodConditionsPattern {
    #[serde(default, rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub status: String,
}

/// batch/v1 SuccessPolicy (Indexed jobs).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuccessPolicy {
    #[serde(default, serialize_with = "vec_or_null")]
    pub rules: Vec<SuccessPolicyRule>,
}

/// batch/v1 SuccessPolicyRule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuccessPolicyRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub succeeded_indexes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub succeeded_count: Option<i32>,
}

/// batch/v1 JobStatus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobStatus {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<JobCondition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_time: Option<Time>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub active: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub succeeded: i32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub failed: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminating: Option<i32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub completed_indexes: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_indexes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncounted_terminated_pods: Option<UncountedTerminatedPods>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<i32>,
}

/// batch/v1 UncountedTerminatedPods (pod UIDs).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UncountedTerminatedPods {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub succeeded: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
}

/// batch/v1 JobCondition (`Complete`, `Failed`, `Suspended`, `FailureTarget`, `SuccessCriteriaMet`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobCondition {
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

/// batch/v1 JobTemplateSpec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobTemplateSpec {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: JobSpec,
}

// =============================================================================================
// CronJob

/// batch/v1 CronJob.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CronJob {
    #[serde(default, skip_serializing)]
    pub api_version: String,
    #[serde(default, skip_serializing)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: CronJobSpec,
    #[serde(default)]
    pub status: CronJobStatus,
}

impl_object!(CronJob, "CronJob", "batch/v1");

/// batch/v1 CronJobSpec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CronJobSpec {
    #[serde(default)]
    pub schedule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starting_deadline_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub concurrency_policy: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspend: Option<bool>,
    #[serde(default)]
    pub job_template: JobTemplateSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successful_jobs_history_limit: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_jobs_history_limit: Option<i32>,
}

/// batch/v1 CronJobStatus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CronJobStatus {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub active: Vec<ObjectReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_schedule_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_successful_time: Option<Time>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Object;
    use serde_json::json;

    use crate::api::test_decode as decode;

    #[test]
    fn cron_job_decodes() {
        // kubernetes.io "Running Automated Tasks with a CronJob" (hello).
        let cj: CronJob = decode(json!({
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "metadata": {"name": "hello"},
            "spec": {
                "schedule": "* * * * *",
                "timeZone": "Etc/UTC",
                "concurrencyPolicy": "Forbid",
                "startingDeadlineSeconds": 200,
                "successfulJobsHistoryLimit": 3,
                "failedJobsHistoryLimit": 1,
                "suspend": false,
                "jobTemplate": {
                    "spec": {
                        "template": {
                            "spec": {
                                "containers": [{"name": "hello", "image": "busybox:1.28", "imagePullPolicy": "IfNotPresent",
                                    "command": ["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"]}],
                                "restartPolicy": "OnFailure"
                            }
                        }
                    }
                }
            },
            "status": {"active": [{"apiVersion": "batch/v1", "kind": "Job", "name": "hello-28417140", "namespace": "default", "uid": "u",
                                   "resourceVersion": "123"}],
                       "lastScheduleTime": "2024-01-01T00:00:00Z"}
        }));
        assert_eq!(cj.spec.schedule, "* * * * *");
        assert_eq!(cj.spec.time_zone.as_deref(), Some("Etc/UTC"));
        assert_eq!(cj.spec.concurrency_policy, "Forbid");
        assert_eq!(cj.spec.starting_deadline_seconds, Some(200));
        assert_eq!(cj.spec.suspend, Some(false));
        assert_eq!(cj.spec.successful_jobs_history_limit, Some(3));
        let pod = &cj.spec.job_template.spec.template.spec;
        assert_eq!(pod.restart_policy, "OnFailure");
        assert_eq!(pod.containers[0].command[2], "date; echo Hello from the Kubernetes cluster");
        assert_eq!(cj.status.active[0].name, "hello-28417140");
        assert!(cj.status.last_schedule_time.is_some());
        assert_eq!(<CronJob as Object>::API_VERSION, "batch/v1");

        let v = serde_json::to_value(&cj).unwrap();
        assert_eq!(v["spec"]["jobTemplate"]["metadata"], json!({"creationTimestamp": null}));
        assert_eq!(v["spec"]["suspend"], false);
        let again: CronJob = decode(v);
        assert_eq!(again.spec, cj.spec);

        let mut bad = serde_json::to_value(&cj).unwrap();
        bad["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["imagee"] = json!("x");
        assert!(serde_json::from_value::<CronJob>(bad).is_err());
        let bad = json!({"metadata": {"name": "c"}, "spec": {"schedule": "@daily", "jobTemplate": {}, "suspended": true}});
        assert!(serde_json::from_value::<CronJob>(bad).is_err());
    }

    #[test]
    fn job_decodes() {
        // kubernetes.io "Jobs" (pi, and the pod failure policy example).
        let job: Job = decode(json!({
            "apiVersion": "batch/v1",
            "kind": "Job",
            "metadata": {"name": "job-pod-failure-policy-example"},
            "spec": {
                "completions": 12,
                "parallelism": 3,
                "backoffLimit": 6,
                "activeDeadlineSeconds": 100,
                "ttlSecondsAfterFinished": 100,
                "completionMode": "Indexed",
                "podReplacementPolicy": "Failed",
                "template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "main", "image": "docker.io/library/bash:5",
                    "command": ["bash"], "args": ["-c", "echo \"Hello world!\" && sleep 5 && exit 42"]}]}},
                "podFailurePolicy": {"rules": [
                    {"action": "FailJob", "onExitCodes": {"containerName": "main", "operator": "In", "values": [42]}},
                    {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}
                ]},
                "successPolicy": {"rules": [{"succeededIndexes": "0,2-3", "succeededCount": 1}]}
            },
            "status": {
                "conditions": [{"type": "Complete", "status": "True", "lastProbeTime": "2024-01-01T00:01:00Z",
                                "lastTransitionTime": "2024-01-01T00:01:00Z"}],
                "startTime": "2024-01-01T00:00:00Z", "completionTime": "2024-01-01T00:01:00Z",
                "succeeded": 12, "ready": 0, "terminating": 0, "completedIndexes": "0-11",
                "uncountedTerminatedPods": {}
            }
        }));
        assert_eq!(job.spec.completions, Some(12));
        assert_eq!(job.spec.parallelism, Some(3));
        assert_eq!(job.spec.backoff_limit, Some(6));
        assert_eq!(job.spec.active_deadline_seconds, Some(100));
        assert_eq!(job.spec.completion_mode.as_deref(), Some("Indexed"));
        let rules = &job.spec.pod_failure_policy.as_ref().unwrap().rules;
        assert_eq!(rules[0].on_exit_codes.as_ref().unwrap().values, [42]);
        assert_eq!(rules[0].on_exit_codes.as_ref().unwrap().container_name.as_deref(), Some("main"));
        assert_eq!(rules[1].on_pod_conditions[0].type_, "DisruptionTarget");
        assert_eq!(job.spec.success_policy.as_ref().unwrap().rules[0].succeeded_count, Some(1));
        assert_eq!(job.status.succeeded, 12);
        assert_eq!(job.status.ready, Some(0));
        assert_eq!(job.status.completed_indexes, "0-11");
        assert_eq!(job.status.uncounted_terminated_pods, Some(UncountedTerminatedPods::default()));

        let v = serde_json::to_value(&job).unwrap();
        assert_eq!(v["spec"]["podFailurePolicy"]["rules"][0]["onPodConditions"], serde_json::Value::Null);
        assert_eq!(v["spec"]["podFailurePolicy"]["rules"][1]["onExitCodes"], serde_json::Value::Null);
        assert_eq!(v["status"]["uncountedTerminatedPods"], json!({}));
        assert_eq!(v["status"]["ready"], 0);
        assert!(v["status"].get("active").is_none());
        let again: Job = decode(v);
        assert_eq!(again, Job { api_version: String::new(), kind: String::new(), ..job });
    }
}
