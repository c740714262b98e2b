//! Discovery: the resource types the API server serves, as `kubectl api-resources` lists them,
//! and how a name typed on the command line (`po`, `pods`, `pod`, `cronjobs.batch`,
//! `deploy.apps`) or a manifest's `kind` resolves to one.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceType {
    /// Plural resource name, e.g. `deployments`.
    pub plural: &'static str,
    pub singular: &'static str,
    pub short_names: &'static [&'static str],
    /// API group, empty for the core group.
    pub group: &'static str,
    pub version: &'static str,
    pub kind: &'static str,
    pub namespaced: bool,
}

impl ResourceType {
    /// `group/version`, or just `version` for the core group.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// The GroupVersionResource as client-go prints it: `/v1, Resource=pods`.
    pub fn gvr(&self) -> String {
        format!("{}/{}, Resource={}", self.group, self.version, self.plural)
    }

    /// How kubectl names the resource in messages: `pods`, `deployments.apps`.
    pub fn qualified_plural(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }
}

macro_rules! rt {
    ($plural:literal, $singular:literal, [$($short:literal),*], $group:literal, $version:literal, $kind:literal, $ns:literal) => {
        ResourceType { plural: $plural, singular: $singular, short_names: &[$($short),*], group: $group, version: $version, kind: $kind, namespaced: $ns }
    };
}

/// The kinds kubeplay models, in `kubectl api-resources` order (core group first, then by group).
pub const RESOURCE_TYPES: &[ResourceType] = &[
    rt!("configmaps", "configmap", ["cm"], "", "v1", "ConfigMap", true),
    rt!("endpoints", "endpoints", ["ep"], "", "v1", "Endpoints", true),
    rt!("events", "event", ["ev"], "", "v1", "Event", true),
    rt!("namespaces", "namespace", ["ns"], "", "v1", "Namespace", false),
    rt!("nodes", "node", ["no"], "", "v1", "Node", false),
    rt!("persistentvolumeclaims", "persistentvolumeclaim", ["pvc"], "", "v1", "PersistentVolumeClaim", true),
    rt!("persistentvolumes", "persistentvolume", ["pv"], "", "v1", "PersistentVolume", false),
    rt!("pods", "pod", ["po"], "", "v1", "Pod", true),
    rt!("replicationcontrollers", "replicationcontroller", ["rc"], "", "v1", "ReplicationController", true),
    rt!("secrets", "secret", [], "", "v1", "Secret", true),
    rt!("serviceaccounts", "serviceaccount", ["sa"], "", "v1", "ServiceAccount", true),
    rt!("services", "service", ["svc"], "", "v1", "Service", true),
    rt!("daemonsets", "daemonset", ["ds"], "apps", "v1", "DaemonSet", true),
    rt!("deployments", "deployment", ["deploy"], "apps", "v1", "Deployment", true),
    rt!("replicasets", "replicaset", ["rs"], "apps", "v1", "ReplicaSet", true),
    rt!("statefulsets", "statefulset", ["sts"], "apps", "v1", "StatefulSet", true),
    rt!("cronjobs", "cronjob", ["cj"], "batch", "v1", "CronJob", true),
    rt!("jobs", "job", [], "batch", "v1", "Job", true),
    rt!("controllerrevisions", "controllerrevision", [], "apps", "v1", "ControllerRevision", true),
    rt!("storageclasses", "storageclass", ["sc"], "storage.k8s.io", "v1", "StorageClass", false),
];

/// The resource type serving `kind` (exact, case-sensitive, as in a manifest's `kind:`).
pub fn for_kind(kind: &str) -> Option<&'static ResourceType> {
    RESOURCE_TYPES.iter().find(|r| r.kind == kind)
}

/// API versions that served `kind` in older releases and are gone in v1.31, with the version
/// that replaced them: textbooks still print them, so a manifest using one gets a hint.
pub fn removed_version(api_version: &str, kind: &str) -> Option<&'static str> {
    let replacement = match (api_version, kind) {
        ("extensions/v1beta1" | "apps/v1beta1" | "apps/v1beta2", "Deployment" | "DaemonSet" | "ReplicaSet" | "StatefulSet") => "apps/v1",
        ("extensions/v1beta1", "Ingress") => "networking.k8s.io/v1",
        ("batch/v1beta1" | "batch/v2alpha1", "CronJob") => "batch/v1",
        ("batch/v1beta1" | "batch/v2alpha1", "Job") => "batch/v1",
        ("storage.k8s.io/v1beta1", "StorageClass") => "storage.k8s.io/v1",
        _ => return None,
    };
    Some(replacement)
}

/// Resolves a resource name as typed on the command line. Matching is case-insensitive on the
/// plural, singular, short names and kind, optionally qualified by group (`jobs.batch`) or by
/// version and group (`deployments.v1.apps`).
pub fn lookup(typed: &str) -> Option<&'static ResourceType> {
    let lower = typed.to_ascii_lowercase();
    let (name, qualifier) = match lower.split_once('.') {
        Some((n, q)) => (n.to_string(), Some(q.to_string())),
        None => (lower.clone(), None),
    };
    RESOURCE_TYPES.iter().find(|r| {
        let name_matches = r.plural == name
            || r.singular == name
            || r.short_names.contains(&name.as_str())
            || r.kind.eq_ignore_ascii_case(&name);
        name_matches
            && match &qualifier {
                None => true,
                Some(q) => *q == r.group || *q == format!("{}.{}", r.version, r.group) || (r.group.is_empty() && *q == r.version),
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_short_names_kinds_and_groups_resolve() {
        for typed in ["po", "pod", "pods", "Pod", "PODS", "pods.v1"] {
            assert_eq!(lookup(typed).map(|r| r.kind), Some("Pod"), "{typed}");
        }
        for typed in ["cronjobs.batch", "cj", "CronJob", "cronjob.v1.batch"] {
            assert_eq!(lookup(typed).map(|r| r.kind), Some("CronJob"), "{typed}");
        }
        assert_eq!(lookup("deploy.apps").map(|r| r.qualified_plural()), Some("deployments.apps".into()));
        assert_eq!(lookup("jobs.apps"), None);
        assert_eq!(lookup("foo"), None);
        assert_eq!(lookup("no").unwrap().api_version(), "v1");
        assert!(!lookup("nodes").unwrap().namespaced);
    }

    #[test]
    fn kinds_and_removed_versions() {
        assert_eq!(for_kind("ReplicaSet").map(|r| r.api_version()), Some("apps/v1".into()));
        assert_eq!(for_kind("replicaset"), None, "manifest kinds are case-sensitive");
        assert_eq!(removed_version("apps/v1beta2", "ReplicaSet"), Some("apps/v1"));
        assert_eq!(removed_version("extensions/v1beta1", "DaemonSet"), Some("apps/v1"));
        assert_eq!(removed_version("batch/v1beta1", "CronJob"), Some("batch/v1"));
        assert_eq!(removed_version("v1", "Pod"), None);
    }
}
