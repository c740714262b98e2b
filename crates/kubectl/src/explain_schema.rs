//! The schema `kubectl explain` walks: every type of the modelled kinds, with its fields, their
//! JSON names, types and descriptions, as the API server's OpenAPI v3 document would describe
//! them. Only what the typed structs in `cluster::api` model is listed (a unit test holds the two
//! together), and the descriptions are kubeplay's own, short, learner-oriented texts.
//!
//! The data is a flat table of [`Type`]s, each with a static list of [`Field`]s; types refer to
//! one another by name, so shared types (PodSpec, Container, Probe, ObjectMeta, LabelSelector…)
//! are written once. A field's type is a small string:
//!
//! ```text
//! [!][[]|map[string]]BASE[=ENUM1,ENUM2,…]
//! ```
//!
//! `!` marks a required field; BASE is `string`, `integer`, `boolean` or a type's name; the
//! prefix makes it a list or a map; `=` lists the allowed values (an empty one is `""`).

/// A named type: a kind, an object type, or a named scalar (Time, Quantity, IntOrString).
pub(crate) struct Type {
    pub name: &'static str,
    pub desc: &'static str,
    /// The properties, in any order (explain sorts them).
    pub fields: &'static [Field],
    /// A named type whose OpenAPI schema is `type: string` (Time): explain prints `<string>`.
    pub string: bool,
}

/// A property of a type.
pub(crate) struct Field {
    pub name: &'static str,
    /// See the module docs.
    pub ty: &'static str,
    pub desc: &'static str,
}

/// A field's parsed type string.
pub(crate) struct FieldType {
    pub required: bool,
    /// `""`, `"[]"` or `"map[string]"`.
    pub shape: &'static str,
    /// `string`, `integer`, `boolean` or a type's name.
    pub base: &'static str,
    /// The allowed values, comma-separated.
    pub enums: Option<&'static str>,
}

impl Field {
    pub(crate) fn parse(&self) -> FieldType {
        let (required, rest) = match self.ty.strip_prefix('!') {
            Some(r) => (true, r),
            None => (false, self.ty),
        };
        let (ty, enums) = match rest.split_once('=') {
            Some((t, e)) => (t, Some(e)),
            None => (rest, None),
        };
        let shape_len = if ty.starts_with("[]") {
            2
        } else if ty.starts_with("map[string]") {
            11
        } else {
            0
        };
        FieldType { required, shape: &ty[..shape_len], base: &ty[shape_len..], enums }
    }
}

impl FieldType {
    /// The named type of the field (of its items or values for a list or map), if any.
    pub(crate) fn named(&self) -> Option<&'static Type> {
        lookup(self.base)
    }

    /// The type as explain prints it between `<` and `>`: `string`, `[]Container`,
    /// `map[string]Quantity`, `ObjectMeta`; a named string type prints as `string`.
    pub(crate) fn display(&self) -> String {
        let base = match self.named() {
            Some(t) if t.string => "string",
            _ => self.base,
        };
        format!("{}{base}", self.shape)
    }
}

/// The type with this name.
pub(crate) fn lookup(name: &str) -> Option<&'static Type> {
    TYPES.iter().find(|t| t.name == name)
}

const fn t(name: &'static str, desc: &'static str, fields: &'static [Field]) -> Type {
    Type { name, desc, fields, string: false }
}

const fn f(name: &'static str, ty: &'static str, desc: &'static str) -> Field {
    Field { name, ty, desc }
}

// Descriptions several types share.
const API_VERSION: Field = f(
    "apiVersion",
    "string",
    "The versioned schema of this object, such as v1 or apps/v1. The server sets it on the objects it returns.",
);
const KIND: Field = f("kind", "string", "The type of this object in CamelCase, such as Pod or Deployment. Cannot be updated.");
const METADATA: Field = f("metadata", "ObjectMeta", "Standard object metadata: name, namespace, labels, annotations and the fields the server maintains.");
const NAME_REF: &str = "Name of the referent.";
const OPTIONAL_REF: &str = "If true, a missing referent (or key) is not an error.";
const MODE: &str = "Permission bits of the file, 0000 to 0777 (decimal 0 to 511 in JSON). Defaults to the volume's defaultMode.";
const ITEMS: &str = "Keys to project and the paths of their files. Without items, every key becomes a file named after it.";
const DEFAULT_MODE: &str = "Default permission bits of the created files, 0000 to 0777 (decimal 0 to 511 in JSON). Defaults to 0644.";
const READ_ONLY: &str = "Mount the volume read-only. Defaults to false.";
const MIN_READY: &str = "Seconds a new pod must be ready, without any of its containers crashing, to count as available. Defaults to 0.";
const REPLICAS: &str = "Desired number of pods. Defaults to 1.";
const HISTORY: &str = "Number of old revisions kept to allow a rollback. Defaults to 10.";
const OBSERVED_GEN: &str = "The generation of the spec the controller last acted on.";
const COLLISION: &str = "Counter the controller uses to avoid hash collisions in revision names.";
const SELECTOR: &str = "Label query over the pods this controller manages. Must match the template's labels; cannot be changed.";
const TEMPLATE: &str = "Template of the pods the controller creates.";
const MAX_UNAVAILABLE: &str = "Pods that may be unavailable during the update: a number, or a percentage of the desired pods rounded down.";
const MAX_SURGE: &str = "Pods that may be created above the desired number during the update: a number, or a percentage rounded up.";
const CONDITIONS: &str = "The latest observations of the object's state.";
const LAST_TRANSITION: &str = "Last time the condition changed from one status to another.";
const COND_MESSAGE: &str = "Human-readable details of the last transition.";
const COND_REASON: &str = "One-word CamelCase reason for the last transition.";
const COND_STATUS: &str = "Status of the condition: True, False or Unknown.";
const COND_TYPE: &str = "Type of the condition.";
const IP: &str = "The IP address.";
const PROTOCOL: &str = "Protocol of the port: TCP (the default), UDP or SCTP.";
const APP_PROTOCOL: &str = "Application protocol of the port, such as http or kubernetes.io/h2c. Informational.";
const MATCH_LABEL_KEYS: &str = "Pod label keys whose values, taken from the incoming pod, are added to labelSelector as In requirements.";
const ACCESS_MODES: &str = "How the volume can be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.";
const VOLUME_MODE: &str = "Whether the volume holds a filesystem (Filesystem, the default) or is a raw block device (Block).";
const VAC: &str = "Name of the VolumeAttributesClass to apply to the volume.";
const CLASS_NAME: &str = "Name of the StorageClass the volume belongs to.";
const RECLAIM: &str = "What happens to a volume when its claim is released: Retain, Delete or Recycle (deprecated).";
const SPEC: &str = "The desired state of the object.";
const STATUS: &str = "The most recently observed state of the object, written by the system. Read-only.";
const LOCALHOST_PROFILE: &str = "The profile on the node to use. Required, and only allowed, when type is Localhost.";
const PROFILE_TYPE: &str = "!string=Localhost,RuntimeDefault,Unconfined";

const COND_FIELDS: &[Field] = &[
    f("lastTransitionTime", "Time", LAST_TRANSITION),
    f("message", "string", COND_MESSAGE),
    f("reason", "string", COND_REASON),
    f("status", "!string", COND_STATUS),
    f("type", "!string", COND_TYPE),
];

const PROBED_COND_FIELDS: &[Field] = &[
    f("lastProbeTime", "Time", "Last time the condition was probed."),
    f("lastTransitionTime", "Time", LAST_TRANSITION),
    f("message", "string", COND_MESSAGE),
    f("reason", "string", COND_REASON),
    f("status", "!string", COND_STATUS),
    f("type", "!string", COND_TYPE),
];

const KEY_SELECTOR: &[Field] = &[
    f("key", "!string", "The key to select."),
    f("name", "string", NAME_REF),
    f("optional", "boolean", OPTIONAL_REF),
];

const ENV_SOURCE: &[Field] = &[f("name", "string", NAME_REF), f("optional", "boolean", OPTIONAL_REF)];

const PROJECTION: &[Field] = &[
    f("items", "[]KeyToPath", ITEMS),
    f("name", "string", NAME_REF),
    f("optional", "boolean", OPTIONAL_REF),
];

const POD_AFFINITY: &[Field] = &[
    f(
        "preferredDuringSchedulingIgnoredDuringExecution",
        "[]WeightedPodAffinityTerm",
        "Terms the scheduler tries to satisfy: a node scores the sum of the weights of the terms it satisfies.",
    ),
    f(
        "requiredDuringSchedulingIgnoredDuringExecution",
        "[]PodAffinityTerm",
        "Terms that must all be satisfied for the pod to be scheduled onto a node. Not re-checked once the pod runs.",
    ),
];

const ROLLING_UPDATE: &[Field] = &[f("maxSurge", "IntOrString", MAX_SURGE), f("maxUnavailable", "IntOrString", MAX_UNAVAILABLE)];

const SELINUX_FIELDS: &[Field] = &[
    f("level", "string", "SELinux level label."),
    f("role", "string", "SELinux role label."),
    f("type", "string", "SELinux type label."),
    f("user", "string", "SELinux user label."),
];

const RS_STATUS: &[Field] = &[
    f("availableReplicas", "integer", "Pods ready for at least minReadySeconds."),
    f("conditions", "[]ReplicaSetCondition", CONDITIONS),
    f("fullyLabeledReplicas", "integer", "Pods whose labels match the template's labels."),
    f("observedGeneration", "integer", OBSERVED_GEN),
    f("readyReplicas", "integer", "Pods whose Ready condition is True."),
    f("replicas", "!integer", "Most recently observed number of pods."),
];

/// Every type explain can show, kinds first.
pub(crate) static TYPES: &[Type] = &[
    // ---------------------------------------------------------------------------------------
    // Kinds
    t(
        "Pod",
        "Pod is the smallest deployable unit: one or more containers that share storage and a network identity and are scheduled together onto a node.",
        &[API_VERSION, KIND, METADATA, f("spec", "PodSpec", SPEC), f("status", "PodStatus", STATUS)],
    ),
    t(
        "Node",
        "Node is a worker machine in the cluster, registered by its kubelet, that runs pods.",
        &[API_VERSION, KIND, METADATA, f("spec", "NodeSpec", SPEC), f("status", "NodeStatus", STATUS)],
    ),
    t(
        "Namespace",
        "Namespace is a scope for names: most objects live in one, and names need only be unique within it.",
        &[API_VERSION, KIND, METADATA, f("spec", "NamespaceSpec", SPEC), f("status", "NamespaceStatus", STATUS)],
    ),
    t(
        "ReplicationController",
        "ReplicationController keeps a number of pod replicas running. It is superseded by Deployment and ReplicaSet.",
        &[API_VERSION, KIND, METADATA, f("spec", "ReplicationControllerSpec", SPEC), f("status", "ReplicationControllerStatus", STATUS)],
    ),
    t(
        "Service",
        "Service gives a set of pods, chosen by a label selector, a stable virtual IP address and DNS name, and load-balances traffic across them.",
        &[API_VERSION, KIND, METADATA, f("spec", "ServiceSpec", SPEC), f("status", "ServiceStatus", STATUS)],
    ),
    t(
        "Endpoints",
        "Endpoints lists the addresses and ports behind a service; the endpoints controller keeps it in step with the ready pods.",
        &[API_VERSION, KIND, METADATA, f("subsets", "[]EndpointSubset", "Groups of addresses that expose the same ports.")],
    ),
    t(
        "Event",
        "Event reports something that happened to an object, such as a scheduling decision or an image pull. Events are kept for one hour.",
        &[
            API_VERSION,
            KIND,
            f("action", "string", "What was done, or failed, such as Binding or Killing."),
            f("count", "integer", "Number of times the event has occurred."),
            f("eventTime", "MicroTime", "When the event was first observed (events recorded through events.k8s.io)."),
            f("firstTimestamp", "Time", "When the event was first recorded."),
            f("involvedObject", "!ObjectReference", "The object the event is about."),
            f("lastTimestamp", "Time", "When the event was most recently recorded."),
            f("message", "string", "Human-readable description of what happened."),
            f("metadata", "!ObjectMeta", METADATA.desc),
            f("reason", "string", "Short CamelCase reason, such as Scheduled, Pulled or BackOff."),
            f("related", "ObjectReference", "A second object involved, if any."),
            f("reportingComponent", "string", "Component that emitted the event, such as kubelet."),
            f("reportingInstance", "string", "Instance of the component, such as the node's name."),
            f("series", "EventSeries", "Data about a series of repeated events, if this is one."),
            f("source", "EventSource", "The component reporting the event."),
            f("type", "string", "Type of the event: Normal or Warning."),
        ],
    ),
    t(
        "ConfigMap",
        "ConfigMap holds non-confidential configuration data as key/value pairs, for pods to use as environment variables or files.",
        &[
            API_VERSION,
            KIND,
            METADATA,
            f("binaryData", "map[string]string", "Binary values, base64-encoded. A key must not also appear in data."),
            f("data", "map[string]string", "The configuration data. Keys consist of alphanumerics, '-', '_' and '.'."),
            f("immutable", "boolean", "If true, data and binaryData cannot be changed; the object can only be deleted and recreated."),
        ],
    ),
    t(
        "Secret",
        "Secret holds a small amount of sensitive data, such as a password, a token or a key. Values are base64-encoded, not encrypted.",
        &[
            API_VERSION,
            KIND,
            METADATA,
            f("data", "map[string]string", "The secret data, each value base64-encoded. Keys consist of alphanumerics, '-', '_' and '.'."),
            f("immutable", "boolean", "If true, the data cannot be changed; the object can only be deleted and recreated."),
            f("stringData", "map[string]string", "Plain-text values, a write-only convenience: they are merged into data and never returned."),
            f("type", "string", "Used to handle the data programmatically, such as Opaque (the default) or kubernetes.io/tls."),
        ],
    ),
    t(
        "ServiceAccount",
        "ServiceAccount is an identity for processes that run in pods, with credentials to authenticate to the API server.",
        &[
            API_VERSION,
            KIND,
            METADATA,
            f("automountServiceAccountToken", "boolean", "Whether pods using this account get an API token mounted. A pod's own setting wins."),
            f("imagePullSecrets", "[]LocalObjectReference", "Registry credentials added to every pod that uses this account."),
            f("secrets", "[]ObjectReference", "Secrets pods using this account may use. Not used for tokens any more."),
        ],
    ),
    t(
        "PersistentVolumeClaim",
        "PersistentVolumeClaim is a request for storage by a user, bound to a PersistentVolume that satisfies it.",
        &[
            API_VERSION,
            KIND,
            METADATA,
            f("spec", "PersistentVolumeClaimSpec", SPEC),
            f("status", "PersistentVolumeClaimStatus", STATUS),
        ],
    ),
    t(
        "PersistentVolume",
        "PersistentVolume is a piece of storage in the cluster, provisioned by an administrator or dynamically through a StorageClass.",
        &[API_VERSION, KIND, METADATA, f("spec", "PersistentVolumeSpec", SPEC), f("status", "PersistentVolumeStatus", STATUS)],
    ),
    t(
        "Deployment",
        "Deployment manages ReplicaSets to run a number of identical pods, and rolls out changes to their template at a controlled rate.",
        &[API_VERSION, KIND, METADATA, f("spec", "DeploymentSpec", SPEC), f("status", "DeploymentStatus", STATUS)],
    ),
    t(
        "ReplicaSet",
        "ReplicaSet keeps a set number of identical pods running. Deployments create and manage ReplicaSets.",
        &[API_VERSION, KIND, METADATA, f("spec", "ReplicaSetSpec", SPEC), f("status", "ReplicaSetStatus", STATUS)],
    ),
    t(
        "DaemonSet",
        "DaemonSet runs a copy of a pod on every node, or on every node its template selects.",
        &[API_VERSION, KIND, METADATA, f("spec", "DaemonSetSpec", SPEC), f("status", "DaemonSetStatus", STATUS)],
    ),
    t(
        "StatefulSet",
        "StatefulSet manages pods with stable identities: each gets an ordinal name, a stable network name and its own persistent volume claims.",
        &[API_VERSION, KIND, METADATA, f("spec", "StatefulSetSpec", SPEC), f("status", "StatefulSetStatus", STATUS)],
    ),
    t(
        "ControllerRevision",
        "ControllerRevision is an immutable snapshot of a DaemonSet's or StatefulSet's pod template, used for rollbacks.",
        &[
            API_VERSION,
            KIND,
            METADATA,
            f("data", "RawExtension", "The serialized state of the revision."),
            f("revision", "!integer", "Revision number of the state in data."),
        ],
    ),
    t(
        "Job",
        "Job creates pods and retries them until a number of them complete successfully.",
        &[API_VERSION, KIND, METADATA, f("spec", "JobSpec", SPEC), f("status", "JobStatus", STATUS)],
    ),
    t(
        "CronJob",
        "CronJob creates Jobs on a repeating schedule.",
        &[API_VERSION, KIND, METADATA, f("spec", "CronJobSpec", SPEC), f("status", "CronJobStatus", STATUS)],
    ),
    t(
        "StorageClass",
        "StorageClass describes a class of storage: the provisioner and parameters used to create PersistentVolumes on demand.",
        &[
            API_VERSION,
            KIND,
            METADATA,
            f("allowVolumeExpansion", "boolean", "Whether claims of this class may be resized."),
            f("allowedTopologies", "[]TopologySelectorTerm", "Topology domains where volumes may be provisioned. Empty allows any."),
            f("mountOptions", "[]string", "Mount options of the provisioned volumes, such as ro. Not validated."),
            f("parameters", "map[string]string", "Parameters for the provisioner."),
            f("provisioner", "!string", "Name of the volume plugin that provisions the volumes."),
            f("reclaimPolicy", "string=Delete,Recycle,Retain", "Reclaim policy of the provisioned volumes. Defaults to Delete."),
            f(
                "volumeBindingMode",
                "string=Immediate,WaitForFirstConsumer",
                "When claims are bound and provisioned: Immediate (the default) or when a pod using the claim is scheduled.",
            ),
        ],
    ),
    // ---------------------------------------------------------------------------------------
    // meta/v1 and value types
    t(
        "ObjectMeta",
        "ObjectMeta is the metadata every persisted object has: its name and namespace, labels and annotations, and bookkeeping the server maintains.",
        &[
            f("annotations", "map[string]string", "Non-identifying key/value data for tools and controllers. Not used to select objects."),
            f("creationTimestamp", "Time", "When the object was created, set by the server. Read-only."),
            f(
                "deletionGracePeriodSeconds",
                "integer",
                "Seconds the object is allowed to terminate gracefully, set along with deletionTimestamp. Read-only.",
            ),
            f(
                "deletionTimestamp",
                "Time",
                "When the object is to be deleted, set by the server when deletion is requested. The object stays until its finalizers are gone. Read-only.",
            ),
            f("finalizers", "[]string", "Keys that must all be removed before the object is deleted; each controller removes its own after cleanup."),
            f("generateName", "string", "Prefix used to generate a unique name when name is empty: the server appends a random suffix."),
            f("generation", "integer", "Sequence number of the desired state, incremented by the server when the spec changes. Read-only."),
            f("labels", "map[string]string", "Key/value pairs that organize and select objects, for example with the selectors of services and controllers."),
            f("name", "string", "Name of the object, unique within its namespace (or the cluster for cluster-scoped kinds). Cannot be updated."),
            f("namespace", "string", "Namespace of the object. Empty for cluster-scoped kinds; defaults to the namespace of the request."),
            f("ownerReferences", "[]OwnerReference", "Objects this one depends on. When every owner is gone, the garbage collector deletes it."),
            f("resourceVersion", "string", "Opaque value that changes on every write, used for optimistic concurrency and watches. Read-only."),
            f("uid", "string", "Unique ID generated by the server, never reused. Read-only."),
        ],
    ),
    t(
        "OwnerReference",
        "OwnerReference identifies an owner of an object. The owner must be in the same namespace, or be cluster-scoped.",
        &[
            f("apiVersion", "!string", "API version of the owner."),
            f("blockOwnerDeletion", "boolean", "If true, a foreground deletion of the owner waits until this dependent is deleted."),
            f("controller", "boolean", "If true, the owner is the managing controller. At most one owner may be."),
            f("kind", "!string", "Kind of the owner."),
            f("name", "!string", "Name of the owner."),
            f("uid", "!string", "UID of the owner."),
        ],
    ),
    t(
        "LabelSelector",
        "A label selector: matchLabels and matchExpressions, ANDed. An empty selector matches every object, a null one none.",
        &[
            f("matchExpressions", "[]LabelSelectorRequirement", "Requirements on labels, ANDed."),
            f("matchLabels", "map[string]string", "Labels that must all be present with these values (each one an In requirement)."),
        ],
    ),
    t(
        "LabelSelectorRequirement",
        "A requirement a label must satisfy: a key, an operator and values.",
        &[
            f("key", "!string", "The label key the requirement applies to."),
            f("operator", "!string", "How the key relates to the values: In, NotIn, Exists or DoesNotExist."),
            f("values", "[]string", "Values to compare with: non-empty for In and NotIn, empty for Exists and DoesNotExist."),
        ],
    ),
    Type { name: "Time", desc: "Time is a timestamp written in RFC 3339 form, in UTC, such as 2024-01-01T00:00:00Z.", fields: &[], string: true },
    Type {
        name: "MicroTime",
        desc: "MicroTime is a timestamp with microseconds, such as 2024-01-01T00:00:00.000000Z.",
        fields: &[],
        string: true,
    },
    t(
        "Quantity",
        "Quantity is a number with an optional suffix: binary (Ki, Mi, Gi, Ti), decimal (k, M, G, T), or m for thousandths. CPU 250m is a quarter core; memory 64Mi is 64 mebibytes.",
        &[],
    ),
    t("IntOrString", "IntOrString holds an integer or a string, such as a port number or name, or a count or percentage like 25%.", &[]),
    t("RawExtension", "RawExtension holds an arbitrary embedded object.", &[]),
    // ---------------------------------------------------------------------------------------
    // Pod
    t(
        "PodTemplateSpec",
        "PodTemplateSpec describes the pods a controller creates.",
        &[f("metadata", "ObjectMeta", "Metadata of the created pods, such as the labels the selector matches."), f("spec", "PodSpec", "Desired behavior of the pods.")],
    ),
    t(
        "PodSpec",
        "PodSpec describes a pod: its containers, volumes and how it is scheduled and run.",
        &[
            f(
                "activeDeadlineSeconds",
                "integer",
                "Seconds the pod may run, counted from its start, before the kubelet marks it failed and kills its containers. Must be positive.",
            ),
            f("affinity", "Affinity", "Scheduling constraints: node affinity, pod affinity and pod anti-affinity."),
            f("automountServiceAccountToken", "boolean", "Whether the service account's API token is mounted into the containers."),
            f("containers", "![]Container", "The containers of the pod; at least one. Containers cannot be added or removed later."),
            f("dnsConfig", "PodDNSConfig", "DNS settings merged into the resolver configuration made from dnsPolicy."),
            f(
                "dnsPolicy",
                "string=ClusterFirst,ClusterFirstWithHostNet,Default,None",
                "How the pod's DNS is set up. Defaults to ClusterFirst (the cluster DNS); None uses dnsConfig alone.",
            ),
            f("enableServiceLinks", "boolean", "Whether environment variables about services are injected, like Docker links. Defaults to true."),
            f("hostAliases", "[]HostAlias", "Entries added to the pod's /etc/hosts file."),
            f("hostIPC", "boolean", "Use the node's IPC namespace. Defaults to false."),
            f("hostNetwork", "boolean", "Use the node's network namespace: the pod gets the node's IP address. Defaults to false."),
            f("hostPID", "boolean", "Use the node's process ID namespace. Defaults to false."),
            f("hostUsers", "boolean", "Use the node's user namespace. Defaults to true; false gives the pod a user namespace of its own."),
            f("hostname", "string", "Hostname of the pod. Defaults to the pod's name."),
            f("imagePullSecrets", "[]LocalObjectReference", "Secrets in the pod's namespace with registry credentials for pulling its images."),
            f(
                "initContainers",
                "[]Container",
                "Containers run in order, each to completion, before the app containers start. One with restartPolicy Always is a sidecar that keeps running.",
            ),
            f("nodeName", "string", "The node the pod runs on, set by the scheduler. Setting it yourself bypasses the scheduler."),
            f("nodeSelector", "map[string]string", "Labels a node must have for the pod to be scheduled onto it."),
            f("os", "PodOS", "Operating system the containers need; some fields are only allowed for one OS."),
            f("overhead", "map[string]Quantity", "Resources the pod's sandbox uses on top of the containers' requests, set from its RuntimeClass."),
            f(
                "preemptionPolicy",
                "string=Never,PreemptLowerPriority",
                "Whether the pod may evict lower-priority pods to be scheduled. Defaults to PreemptLowerPriority.",
            ),
            f("priority", "integer", "Priority of the pod, set from priorityClassName on admission. Higher is more important."),
            f("priorityClassName", "string", "The PriorityClass that gives the pod its priority. Without one the default priority, zero, applies."),
            f("readinessGates", "[]PodReadinessGate", "Extra conditions that must all be True for the pod to be Ready."),
            f("restartPolicy", "string=Always,Never,OnFailure", "When the kubelet restarts the pod's containers after they exit. Defaults to Always."),
            f("runtimeClassName", "string", "The RuntimeClass used to run the pod. Empty uses the default runtime handler."),
            f("schedulerName", "string", "The scheduler that places the pod. Defaults to default-scheduler."),
            f("schedulingGates", "[]PodSchedulingGate", "Gates that keep the pod from being scheduled while any remain. They can only be removed."),
            f("securityContext", "PodSecurityContext", "Security settings for the pod, some also defaults for its containers."),
            f("serviceAccount", "string", "Deprecated alias of serviceAccountName."),
            f("serviceAccountName", "string", "The ServiceAccount the pod runs as. Defaults to default."),
            f("setHostnameAsFQDN", "boolean", "Set the pod's hostname to its fully qualified domain name. Defaults to false."),
            f("shareProcessNamespace", "boolean", "Share one process namespace between all containers, so they see each other's processes. Defaults to false."),
            f("subdomain", "string", "Subdomain of the pod: its FQDN becomes <hostname>.<subdomain>.<namespace>.svc.<cluster domain>."),
            f(
                "terminationGracePeriodSeconds",
                "integer",
                "Seconds the containers get to stop after SIGTERM before they are killed. Defaults to 30; 0 kills them at once.",
            ),
            f("tolerations", "[]Toleration", "Taints the pod tolerates, letting it run on nodes that have them."),
            f("topologySpreadConstraints", "[]TopologySpreadConstraint", "How matching pods are spread across zones, nodes or other topology domains."),
            f("volumes", "[]Volume", "Volumes the containers can mount."),
        ],
    ),
    t(
        "Container",
        "A container to run in a pod.",
        &[
            f("args", "[]string", "Arguments to the entrypoint, replacing the image's CMD. $(VAR) references to the container's variables are expanded."),
            f("command", "[]string", "Entrypoint, replacing the image's ENTRYPOINT; not run in a shell. $(VAR) references are expanded."),
            f("env", "[]EnvVar", "Environment variables to set in the container."),
            f("envFrom", "[]EnvFromSource", "ConfigMaps and Secrets whose keys all become environment variables. Variables in env win."),
            f("image", "string", "Image to run, such as nginx:1.27."),
            f(
                "imagePullPolicy",
                "string=Always,IfNotPresent,Never",
                "When to pull the image. Defaults to Always for the latest tag or no tag, IfNotPresent otherwise.",
            ),
            f("lifecycle", "Lifecycle", "Actions run right after the container starts and right before it stops."),
            f("livenessProbe", "Probe", "Periodic check that the container is alive; the container is restarted when it fails."),
            f("name", "!string", "Name of the container, a DNS label unique within the pod. Cannot be updated."),
            f("ports", "[]ContainerPort", "Ports the container exposes. Informational: any port the process listens on is reachable."),
            f("readinessProbe", "Probe", "Periodic check that the container can serve; while it fails the pod gets no service traffic."),
            f("resizePolicy", "[]ContainerResizePolicy", "How the container reacts when its resources are resized."),
            f("resources", "ResourceRequirements", "CPU and memory the container requests and its limits."),
            f("restartPolicy", "string", "Only for init containers: Always makes it a sidecar that runs alongside the app containers."),
            f("securityContext", "SecurityContext", "Security settings of the container; they override the pod's."),
            f(
                "startupProbe",
                "Probe",
                "Check that must succeed before the liveness and readiness probes start; the container is restarted if it fails.",
            ),
            f("stdin", "boolean", "Keep a stdin buffer open for the container. Defaults to false."),
            f("stdinOnce", "boolean", "Close stdin after the first attach session ends. Defaults to false."),
            f("terminationMessagePath", "string", "File whose contents become the termination message. Defaults to /dev/termination-log."),
            f(
                "terminationMessagePolicy",
                "string=FallbackToLogsOnError,File",
                "Where the termination message comes from. Defaults to File; FallbackToLogsOnError uses the log tail if the file is empty.",
            ),
            f("tty", "boolean", "Allocate a TTY; needs stdin. Defaults to false."),
            f("volumeDevices", "[]VolumeDevice", "Raw block devices to expose in the container."),
            f("volumeMounts", "[]VolumeMount", "Pod volumes to mount into the container's filesystem."),
            f("workingDir", "string", "Working directory. Defaults to the image's."),
        ],
    ),
    t(
        "ContainerPort",
        "A network port of a container.",
        &[
            f("containerPort", "!integer", "Port number on the pod's IP address, 1 to 65535."),
            f("hostIP", "string", "Node IP address to bind the host port to."),
            f("hostPort", "integer", "Port number to open on the node. Most containers do not need one."),
            f("name", "string", "Name of the port, up to 15 characters and unique in the pod. Services can refer to it."),
            f("protocol", "string=SCTP,TCP,UDP", PROTOCOL),
        ],
    ),
    t(
        "EnvVar",
        "An environment variable of a container.",
        &[
            f("name", "!string", "Name of the variable."),
            f("value", "string", "Value of the variable. $(VAR) references to variables defined earlier are expanded. Defaults to \"\"."),
            f("valueFrom", "EnvVarSource", "Where the value comes from. Not allowed when value is set."),
        ],
    ),
    t(
        "EnvVarSource",
        "Where an environment variable's value comes from: exactly one of the fields.",
        &[
            f("configMapKeyRef", "ConfigMapKeySelector", "A key of a ConfigMap in the pod's namespace."),
            f("fieldRef", "ObjectFieldSelector", "A field of the pod, such as metadata.name, spec.nodeName or status.podIP."),
            f("resourceFieldRef", "ResourceFieldSelector", "A resource limit or request of a container, such as limits.memory."),
            f("secretKeyRef", "SecretKeySelector", "A key of a Secret in the pod's namespace."),
        ],
    ),
    t(
        "ObjectFieldSelector",
        "Selects a field of an object.",
        &[
            f("apiVersion", "string", "API version the path is written in. Defaults to v1."),
            f("fieldPath", "!string", "Path of the field to select."),
        ],
    ),
    t(
        "ResourceFieldSelector",
        "Selects a resource limit or request of a container.",
        &[
            f("containerName", "string", "The container; required for volumes, optional for environment variables."),
            f("divisor", "Quantity", "Unit the value is expressed in, such as 1m or 1Mi. Defaults to 1."),
            f("resource", "!string", "The resource: limits.cpu, limits.memory, requests.cpu, requests.memory and so on."),
        ],
    ),
    t("ConfigMapKeySelector", "Selects a key of a ConfigMap.", KEY_SELECTOR),
    t("SecretKeySelector", "Selects a key of a Secret.", KEY_SELECTOR),
    t(
        "EnvFromSource",
        "A source of a whole set of environment variables.",
        &[
            f("configMapRef", "ConfigMapEnvSource", "A ConfigMap whose keys become variables."),
            f("prefix", "string", "Prefix added to every variable name."),
            f("secretRef", "SecretEnvSource", "A Secret whose keys become variables."),
        ],
    ),
    t("ConfigMapEnvSource", "A ConfigMap whose key/value pairs become environment variables.", ENV_SOURCE),
    t("SecretEnvSource", "A Secret whose key/value pairs become environment variables.", ENV_SOURCE),
    t(
        "ResourceRequirements",
        "Compute resources of a container, such as cpu and memory.",
        &[
            f(
                "limits",
                "map[string]Quantity",
                "The most the container may use: CPU above the limit is throttled, memory above it gets the container killed.",
            ),
            f(
                "requests",
                "map[string]Quantity",
                "What the container needs: the scheduler only picks a node with this much unreserved. Defaults to the limits.",
            ),
        ],
    ),
    t(
        "ContainerResizePolicy",
        "What happens when a resource of a container is resized.",
        &[
            f("resourceName", "!string", "The resource: cpu or memory."),
            f("restartPolicy", "!string", "NotRequired (resize the running container) or RestartContainer."),
        ],
    ),
    t(
        "VolumeMount",
        "A volume mounted into a container.",
        &[
            f("mountPath", "!string", "Path in the container to mount the volume at. Must not contain ':'."),
            f(
                "mountPropagation",
                "string=Bidirectional,HostToContainer,None",
                "How mounts propagate between the node and the container. Defaults to None.",
            ),
            f("name", "!string", "Name of the pod volume."),
            f("readOnly", "boolean", READ_ONLY),
            f("recursiveReadOnly", "string", "Whether a read-only mount is read-only recursively: Disabled, IfPossible or Enabled."),
            f("subPath", "string", "Path within the volume to mount instead of its root."),
            f("subPathExpr", "string", "Like subPath, with $(VAR) references to the container's variables expanded. Not with subPath."),
        ],
    ),
    t(
        "VolumeDevice",
        "A raw block volume mapped into a container.",
        &[f("devicePath", "!string", "Path of the device in the container."), f("name", "!string", "Name of a persistentVolumeClaim volume of the pod.")],
    ),
    t(
        "Probe",
        "A check the kubelet runs against a container: exactly one of exec, grpc, httpGet and tcpSocket.",
        &[
            f("exec", "ExecAction", "Run a command in the container; exit code 0 is success."),
            f("failureThreshold", "integer", "Consecutive failures for the probe to count as failed. Defaults to 3."),
            f("grpc", "GRPCAction", "Call the gRPC health checking service."),
            f("httpGet", "HTTPGetAction", "Send an HTTP GET request; a status from 200 to 399 is success."),
            f("initialDelaySeconds", "integer", "Seconds after the container starts before the first probe. Defaults to 0."),
            f("periodSeconds", "integer", "Seconds between probes. Defaults to 10."),
            f(
                "successThreshold",
                "integer",
                "Consecutive successes after a failure for the probe to count as successful. Defaults to 1; must be 1 for liveness and startup probes.",
            ),
            f("tcpSocket", "TCPSocketAction", "Open a TCP connection; success if it is accepted."),
            f(
                "terminationGracePeriodSeconds",
                "integer",
                "Grace period when a failing probe kills the container, overriding the pod's terminationGracePeriodSeconds.",
            ),
            f("timeoutSeconds", "integer", "Seconds after which the probe times out. Defaults to 1."),
        ],
    ),
    t(
        "ExecAction",
        "A command run in a container.",
        &[f(
            "command",
            "[]string",
            "The command line, run in the container's root directory and not in a shell: use sh -c for shell syntax.",
        )],
    ),
    t(
        "HTTPGetAction",
        "An HTTP GET request.",
        &[
            f("host", "string", "Host to connect to. Defaults to the pod IP; to set the Host header use httpHeaders."),
            f("httpHeaders", "[]HTTPHeader", "Headers to send with the request."),
            f("path", "string", "Path to request."),
            f("port", "!IntOrString", "Number or name of the container port to connect to."),
            f("scheme", "string=HTTP,HTTPS", "Scheme to connect with. Defaults to HTTP."),
        ],
    ),
    t(
        "HTTPHeader",
        "A header of an HTTP request.",
        &[f("name", "!string", "Name of the header."), f("value", "!string", "Value of the header.")],
    ),
    t(
        "TCPSocketAction",
        "A TCP connection attempt.",
        &[
            f("host", "string", "Host to connect to. Defaults to the pod IP."),
            f("port", "!IntOrString", "Number or name of the container port to connect to."),
        ],
    ),
    t(
        "GRPCAction",
        "A call to the gRPC health checking service.",
        &[
            f("port", "!integer", "Port of the gRPC service, 1 to 65535."),
            f("service", "string", "Service name sent in the health check request. Empty asks about the server as a whole."),
        ],
    ),
    t(
        "Lifecycle",
        "Actions run in response to container lifecycle events.",
        &[
            f(
                "postStart",
                "LifecycleHandler",
                "Runs right after the container is created. If it fails, the container is killed and restarted as its restart policy says.",
            ),
            f("preStop", "LifecycleHandler", "Runs before the container is stopped; it must finish within the termination grace period."),
        ],
    ),
    t(
        "LifecycleHandler",
        "An action of a lifecycle hook: exactly one of the fields.",
        &[
            f("exec", "ExecAction", "Run a command in the container."),
            f("httpGet", "HTTPGetAction", "Send an HTTP GET request."),
            f("sleep", "SleepAction", "Wait a number of seconds."),
            f("tcpSocket", "TCPSocketAction", "Deprecated: accepted for compatibility and does nothing."),
        ],
    ),
    t("SleepAction", "A pause.", &[f("seconds", "!integer", "Seconds to sleep.")]),
    t(
        "SecurityContext",
        "Security settings of a container. A setting made here overrides the same one in the pod's securityContext.",
        &[
            f("allowPrivilegeEscalation", "boolean", "Whether a process may gain more privileges than its parent. Always true when privileged."),
            f("appArmorProfile", "AppArmorProfile", "The AppArmor profile to use."),
            f("capabilities", "Capabilities", "Linux capabilities to add to or drop from the runtime's default set."),
            f("privileged", "boolean", "Run as privileged, which is about the same as root on the node. Defaults to false."),
            f("procMount", "string=Default,Unmasked", "How /proc is mounted. Defaults to Default, which masks and makes parts read-only."),
            f("readOnlyRootFilesystem", "boolean", "Mount the container's root filesystem read-only. Defaults to false."),
            f("runAsGroup", "integer", "GID to run the entrypoint as. Defaults to the runtime's default."),
            f("runAsNonRoot", "boolean", "If true, the kubelet refuses to start the container if it would run as UID 0."),
            f("runAsUser", "integer", "UID to run the entrypoint as. Defaults to the user the image names."),
            f("seLinuxOptions", "SELinuxOptions", "SELinux labels to apply. Defaults to a random context from the runtime."),
            f("seccompProfile", "SeccompProfile", "The seccomp profile to use."),
        ],
    ),
    t(
        "Capabilities",
        "Linux capabilities added to or dropped from a container.",
        &[f("add", "[]string", "Capabilities to add, such as NET_ADMIN."), f("drop", "[]string", "Capabilities to drop, such as ALL.")],
    ),
    t("SELinuxOptions", "SELinux labels applied to a container.", SELINUX_FIELDS),
    t(
        "SeccompProfile",
        "A seccomp profile.",
        &[
            f("localhostProfile", "string", LOCALHOST_PROFILE),
            f("type", PROFILE_TYPE, "Kind of profile: Localhost (a file on the node), RuntimeDefault or Unconfined."),
        ],
    ),
    t(
        "AppArmorProfile",
        "An AppArmor profile.",
        &[
            f("localhostProfile", "string", LOCALHOST_PROFILE),
            f("type", PROFILE_TYPE, "Kind of profile: Localhost (loaded on the node), RuntimeDefault or Unconfined."),
        ],
    ),
    t(
        "PodSecurityContext",
        "Security settings for a whole pod. Some are also defaults that a container's securityContext can override.",
        &[
            f("appArmorProfile", "AppArmorProfile", "The AppArmor profile of the containers."),
            f("fsGroup", "integer", "A supplemental group for every container; volumes that support ownership management become owned and writable by it."),
            f("fsGroupChangePolicy", "string=Always,OnRootMismatch", "When to change the ownership of volumes to fsGroup. Defaults to Always."),
            f("runAsGroup", "integer", "GID to run the containers' entrypoints as."),
            f("runAsNonRoot", "boolean", "If true, the kubelet refuses to start any container that would run as UID 0."),
            f("runAsUser", "integer", "UID to run the containers' entrypoints as. Defaults to the user the image names."),
            f("seLinuxOptions", "SELinuxOptions", "SELinux labels of all containers."),
            f("seccompProfile", "SeccompProfile", "The seccomp profile of the containers."),
            f("supplementalGroups", "[]integer", "GIDs added to the first process of every container, besides its primary GID."),
            f("sysctls", "[]Sysctl", "Namespaced kernel parameters set for the pod."),
        ],
    ),
    t(
        "Sysctl",
        "A kernel parameter.",
        &[f("name", "!string", "Name of the parameter, such as net.core.somaxconn."), f("value", "!string", "Value to set.")],
    ),
    t("LocalObjectReference", "A reference to an object in the same namespace.", &[f("name", "string", NAME_REF)]),
    t(
        "HostAlias",
        "An entry of the pod's /etc/hosts file.",
        &[f("hostnames", "[]string", "Host names for the address."), f("ip", "!string", IP)],
    ),
    t(
        "PodDNSConfig",
        "DNS settings of a pod, merged with those dnsPolicy produces.",
        &[
            f("nameservers", "[]string", "IP addresses of DNS servers."),
            f("options", "[]PodDNSConfigOption", "Resolver options."),
            f("searches", "[]string", "DNS search domains for host-name lookups."),
        ],
    ),
    t(
        "PodDNSConfigOption",
        "A resolver option.",
        &[f("name", "string", "Name of the option, such as ndots."), f("value", "string", "Value of the option.")],
    ),
    t("PodReadinessGate", "A condition the pod's readiness depends on.", &[f("conditionType", "!string", "Type of a condition in the pod's status.")]),
    t("PodOS", "The operating system of a pod.", &[f("name", "!string", "Name of the operating system: linux or windows.")]),
    t("PodSchedulingGate", "A gate that keeps a pod from being scheduled.", &[f("name", "!string", "Name of the gate, unique in the pod.")]),
    t(
        "TopologySpreadConstraint",
        "Spreads matching pods evenly across the domains of a topology, such as zones or nodes.",
        &[
            f("labelSelector", "LabelSelector", "Selects the pods counted in each domain."),
            f("matchLabelKeys", "[]string", MATCH_LABEL_KEYS),
            f("maxSkew", "!integer", "Largest allowed difference in the number of matching pods between two domains. At least 1."),
            f("minDomains", "integer", "Minimum number of eligible domains; if fewer exist, the global minimum counts as 0. DoNotSchedule only."),
            f("nodeAffinityPolicy", "string=Honor,Ignore", "Whether the pod's node affinity and nodeSelector limit the domains counted. Defaults to Honor."),
            f("nodeTaintsPolicy", "string=Honor,Ignore", "Whether node taints limit the domains counted. Defaults to Ignore."),
            f("topologyKey", "!string", "Node label whose values are the domains, such as topology.kubernetes.io/zone."),
            f(
                "whenUnsatisfiable",
                "!string=DoNotSchedule,ScheduleAnyway",
                "What to do with a pod that would break maxSkew: leave it unscheduled, or schedule it while minimizing the skew.",
            ),
        ],
    ),
    t(
        "Toleration",
        "Lets a pod be scheduled onto (or stay on) nodes with a matching taint.",
        &[
            f("effect", "string=NoExecute,NoSchedule,PreferNoSchedule", "Taint effect to match. Empty matches all effects."),
            f("key", "string", "Taint key to match. Empty, with operator Exists, matches every taint."),
            f("operator", "string=Equal,Exists", "How the key relates to the value. Defaults to Equal; Exists matches any value."),
            f("tolerationSeconds", "integer", "For NoExecute: seconds the pod may stay after the taint is added. Unset means forever."),
            f("value", "string", "Taint value to match; empty with Exists."),
        ],
    ),
    t(
        "Affinity",
        "Scheduling constraints of a pod.",
        &[
            f("nodeAffinity", "NodeAffinity", "Rules about the nodes the pod may run on."),
            f("podAffinity", "PodAffinity", "Rules to run the pod near other pods."),
            f("podAntiAffinity", "PodAntiAffinity", "Rules to keep the pod away from other pods."),
        ],
    ),
    t(
        "NodeAffinity",
        "Rules about the nodes a pod may run on.",
        &[
            f(
                "preferredDuringSchedulingIgnoredDuringExecution",
                "[]PreferredSchedulingTerm",
                "Preferences: a node scores the sum of the weights of the terms it matches.",
            ),
            f(
                "requiredDuringSchedulingIgnoredDuringExecution",
                "NodeSelector",
                "Requirements a node must meet for the pod to be scheduled onto it. Not re-checked once the pod runs.",
            ),
        ],
    ),
    t(
        "NodeSelector",
        "Node selector terms, ORed: a node matches if it matches any term.",
        &[f("nodeSelectorTerms", "![]NodeSelectorTerm", "The terms.")],
    ),
    t(
        "NodeSelectorTerm",
        "Requirements on a node, ANDed. An empty term matches no node.",
        &[
            f("matchExpressions", "[]NodeSelectorRequirement", "Requirements on the node's labels."),
            f("matchFields", "[]NodeSelectorRequirement", "Requirements on the node's fields (metadata.name only)."),
        ],
    ),
    t(
        "NodeSelectorRequirement",
        "A requirement on a node label or field.",
        &[
            f("key", "!string", "The label or field the requirement applies to."),
            f("operator", "!string=DoesNotExist,Exists,Gt,In,Lt,NotIn", "How the key relates to the values."),
            f(
                "values",
                "[]string",
                "Values to compare with: non-empty for In and NotIn, empty for Exists and DoesNotExist, one integer for Gt and Lt.",
            ),
        ],
    ),
    t(
        "PreferredSchedulingTerm",
        "A weighted node preference.",
        &[f("preference", "!NodeSelectorTerm", "The nodes preferred."), f("weight", "!integer", "Weight of the term, 1 to 100.")],
    ),
    t("PodAffinity", "Rules to schedule a pod onto nodes near other pods.", POD_AFFINITY),
    t("PodAntiAffinity", "Rules to keep a pod off nodes near other pods.", POD_AFFINITY),
    t(
        "PodAffinityTerm",
        "A set of pods, and the topology in which the pod must (affinity) or must not (anti-affinity) run alongside them.",
        &[
            f("labelSelector", "LabelSelector", "Selects the pods."),
            f("matchLabelKeys", "[]string", MATCH_LABEL_KEYS),
            f(
                "mismatchLabelKeys",
                "[]string",
                "Pod label keys whose values, taken from the incoming pod, are added to labelSelector as NotIn requirements.",
            ),
            f("namespaceSelector", "LabelSelector", "Selects the namespaces to look in. An empty selector selects every namespace."),
            f("namespaces", "[]string", "Namespaces to look in, besides those namespaceSelector selects. Neither means the pod's own."),
            f("topologyKey", "!string", "Node label that defines co-location, such as kubernetes.io/hostname or topology.kubernetes.io/zone."),
        ],
    ),
    t(
        "WeightedPodAffinityTerm",
        "A pod affinity term with a weight.",
        &[f("podAffinityTerm", "!PodAffinityTerm", "The term."), f("weight", "!integer", "Weight of the term, 1 to 100.")],
    ),
    // Volumes
    t(
        "Volume",
        "A named volume of a pod, which its containers can mount. Exactly one source must be set.",
        &[
            f("configMap", "ConfigMapVolumeSource", "The keys of a ConfigMap, as files."),
            f("downwardAPI", "DownwardAPIVolumeSource", "Fields of the pod, as files."),
            f("emptyDir", "EmptyDirVolumeSource", "An empty directory that lives as long as the pod."),
            f("hostPath", "HostPathVolumeSource", "A file or directory on the node. A security risk; use with care."),
            f("name", "!string", "Name of the volume, a DNS label unique in the pod."),
            f("nfs", "NFSVolumeSource", "An NFS share."),
            f("persistentVolumeClaim", "PersistentVolumeClaimVolumeSource", "A PersistentVolumeClaim in the pod's namespace."),
            f("projected", "ProjectedVolumeSource", "Several sources projected into one directory."),
            f("secret", "SecretVolumeSource", "The keys of a Secret, as files."),
        ],
    ),
    t(
        "HostPathVolumeSource",
        "A file or directory of the node, mounted into a pod.",
        &[
            f("path", "!string", "Path on the node; a symlink is followed."),
            f(
                "type",
                "string=,BlockDevice,CharDevice,Directory,DirectoryOrCreate,File,FileOrCreate,Socket",
                "What must exist at the path before mounting. Defaults to \"\", no check.",
            ),
        ],
    ),
    t(
        "EmptyDirVolumeSource",
        "An empty directory created for the pod and deleted with it.",
        &[
            f("medium", "string", "Storage medium: empty for the node's default, or Memory for a tmpfs."),
            f("sizeLimit", "Quantity", "Largest size of the volume; the pod is evicted when it is exceeded."),
        ],
    ),
    t(
        "KeyToPath",
        "A key projected to a file.",
        &[
            f("key", "!string", "The key."),
            f("mode", "integer", MODE),
            f("path", "!string", "Relative path of the file. Must not contain '..'."),
        ],
    ),
    t(
        "ConfigMapVolumeSource",
        "The keys of a ConfigMap, projected as files.",
        &[
            f("defaultMode", "integer", DEFAULT_MODE),
            f("items", "[]KeyToPath", ITEMS),
            f("name", "string", NAME_REF),
            f("optional", "boolean", OPTIONAL_REF),
        ],
    ),
    t(
        "SecretVolumeSource",
        "The keys of a Secret, projected as files.",
        &[
            f("defaultMode", "integer", DEFAULT_MODE),
            f("items", "[]KeyToPath", ITEMS),
            f("optional", "boolean", OPTIONAL_REF),
            f("secretName", "string", "Name of the Secret in the pod's namespace."),
        ],
    ),
    t(
        "NFSVolumeSource",
        "An NFS share.",
        &[
            f("path", "!string", "Path the server exports."),
            f("readOnly", "boolean", READ_ONLY),
            f("server", "!string", "Host name or IP address of the NFS server."),
        ],
    ),
    t(
        "PersistentVolumeClaimVolumeSource",
        "A reference to a PersistentVolumeClaim in the pod's namespace.",
        &[f("claimName", "!string", "Name of the claim."), f("readOnly", "boolean", READ_ONLY)],
    ),
    t(
        "DownwardAPIVolumeSource",
        "Fields of the pod, as files.",
        &[f("defaultMode", "integer", DEFAULT_MODE), f("items", "[]DownwardAPIVolumeFile", "The files.")],
    ),
    t(
        "DownwardAPIVolumeFile",
        "A file holding a field of the pod.",
        &[
            f("fieldRef", "ObjectFieldSelector", "Field of the pod: metadata.name, metadata.namespace, metadata.labels, metadata.annotations or metadata.uid."),
            f("mode", "integer", MODE),
            f("path", "!string", "Relative path of the file."),
            f("resourceFieldRef", "ResourceFieldSelector", "A resource limit or request of a container."),
        ],
    ),
    t(
        "ProjectedVolumeSource",
        "Several volume sources projected into one directory.",
        &[f("defaultMode", "integer", DEFAULT_MODE), f("sources", "[]VolumeProjection", "The sources.")],
    ),
    t(
        "VolumeProjection",
        "A source of a projected volume: exactly one of the fields.",
        &[
            f("configMap", "ConfigMapProjection", "Keys of a ConfigMap."),
            f("downwardAPI", "DownwardAPIProjection", "Fields of the pod."),
            f("secret", "SecretProjection", "Keys of a Secret."),
            f("serviceAccountToken", "ServiceAccountTokenProjection", "A token of the pod's service account."),
        ],
    ),
    t("ConfigMapProjection", "The keys of a ConfigMap, projected as files.", PROJECTION),
    t("SecretProjection", "The keys of a Secret, projected as files.", PROJECTION),
    t("DownwardAPIProjection", "Fields of the pod, as files.", &[f("items", "[]DownwardAPIVolumeFile", "The files.")]),
    t(
        "ServiceAccountTokenProjection",
        "A token of the pod's service account, written to a file and refreshed by the kubelet.",
        &[
            f("audience", "string", "Intended audience of the token. Defaults to the API server."),
            f("expirationSeconds", "integer", "Requested lifetime of the token. Defaults to 1 hour; at least 10 minutes."),
            f("path", "!string", "Relative path of the file."),
        ],
    ),
    // Pod status
    t(
        "PodStatus",
        "The observed state of a pod. It may trail the actual state of the system.",
        &[
            f("conditions", "[]PodCondition", "Conditions of the pod: PodScheduled, Initialized, ContainersReady and Ready."),
            f("containerStatuses", "[]ContainerStatus", "One entry per app container."),
            f("hostIP", "string", "IP address of the node the pod is assigned to."),
            f("hostIPs", "[]HostIP", "IP addresses of the node, one per IP family."),
            f("initContainerStatuses", "[]ContainerStatus", "One entry per init container."),
            f("message", "string", "Human-readable message about the pod's state."),
            f("nominatedNodeName", "string", "Node the pod should run on once the preemption of lower-priority pods completes."),
            f("phase", "string=Failed,Pending,Running,Succeeded,Unknown", "Where the pod is in its lifecycle."),
            f("podIP", "string", "IP address of the pod, routable within the cluster. Empty until one is allocated."),
            f("podIPs", "[]PodIP", "IP addresses of the pod, one per IP family; the first is podIP."),
            f("qosClass", "string=BestEffort,Burstable,Guaranteed", "Quality of service class, derived from the containers' requests and limits."),
            f("reason", "string", "One-word CamelCase reason for the pod's state, such as Evicted."),
            f("startTime", "Time", "When the kubelet accepted the pod, before its images were pulled."),
        ],
    ),
    t("PodCondition", "A condition of a pod.", PROBED_COND_FIELDS),
    t("HostIP", "An IP address of a pod's node.", &[f("ip", "!string", IP)]),
    t("PodIP", "An IP address of a pod.", &[f("ip", "!string", IP)]),
    t(
        "ContainerStatus",
        "The state of a container.",
        &[
            f("containerID", "string", "ID of the container, as <runtime>://<id>."),
            f("image", "!string", "The image the container runs."),
            f("imageID", "!string", "ID of the image, usually with its digest."),
            f("lastState", "ContainerState", "The container's last termination, which explains its latest restart."),
            f("name", "!string", "Name of the container, as in the pod's spec."),
            f("ready", "!boolean", "Whether the container passes its readiness probe."),
            f("restartCount", "!integer", "Number of times the container has been restarted."),
            f("started", "boolean", "Whether the container has finished starting (passed its startup probe)."),
            f("state", "ContainerState", "The container's current state."),
            f("volumeMounts", "[]VolumeMountStatus", "The container's volume mounts."),
        ],
    ),
    t(
        "ContainerState",
        "A container's state: one of waiting, running and terminated. With none set it is waiting.",
        &[
            f("running", "ContainerStateRunning", "The container is running."),
            f("terminated", "ContainerStateTerminated", "The container has exited."),
            f("waiting", "ContainerStateWaiting", "The container is not running yet."),
        ],
    ),
    t(
        "ContainerStateWaiting",
        "A container that is waiting to run.",
        &[
            f("message", "string", "Why the container is not running yet."),
            f("reason", "string", "Short reason, such as ContainerCreating, ErrImagePull or CrashLoopBackOff."),
        ],
    ),
    t("ContainerStateRunning", "A running container.", &[f("startedAt", "Time", "When the container last (re)started.")]),
    t(
        "ContainerStateTerminated",
        "A container that has exited.",
        &[
            f("containerID", "string", "ID of the container, as <runtime>://<id>."),
            f("exitCode", "!integer", "Exit code of the container."),
            f("finishedAt", "Time", "When the container exited."),
            f("message", "string", "Message about the exit."),
            f("reason", "string", "Short reason, such as Completed, Error or OOMKilled."),
            f("signal", "integer", "Signal that stopped the container."),
            f("startedAt", "Time", "When the container started."),
        ],
    ),
    t(
        "VolumeMountStatus",
        "A mounted volume of a container.",
        &[
            f("mountPath", "!string", "Path of the mount in the container."),
            f("name", "!string", "Name of the volume mount."),
            f("readOnly", "boolean", "Whether the mount is read-only."),
            f("recursiveReadOnly", "string", "Whether the mount is read-only recursively: Disabled or Enabled."),
        ],
    ),
    t(
        "TopologySelectorTerm",
        "A topology requirement; its expressions are ANDed.",
        &[f("matchLabelExpressions", "[]TopologySelectorLabelRequirement", "Requirements on topology labels.")],
    ),
    t(
        "TopologySelectorLabelRequirement",
        "A topology label and the values it may have.",
        &[f("key", "!string", "The label key."), f("values", "![]string", "Values, one of which must match.")],
    ),
    // ---------------------------------------------------------------------------------------
    // Node, Namespace
    t(
        "NodeSpec",
        "How a node is set up.",
        &[
            f("podCIDR", "string", "IP range assigned to the node's pods."),
            f("podCIDRs", "[]string", "IP ranges assigned to the node's pods, one per IP family; the first is podCIDR."),
            f("taints", "[]Taint", "Taints that repel pods which do not tolerate them."),
            f("unschedulable", "boolean", "If true, no new pods are scheduled onto the node (kubectl cordon)."),
        ],
    ),
    t(
        "Taint",
        "A taint: pods that do not tolerate it are affected as its effect says.",
        &[
            f("effect", "!string=NoExecute,NoSchedule,PreferNoSchedule", "What happens to pods that do not tolerate the taint."),
            f("key", "!string", "The taint key."),
            f("timeAdded", "Time", "When a NoExecute taint was added."),
            f("value", "string", "The taint value."),
        ],
    ),
    t(
        "NodeStatus",
        "The observed state of a node.",
        &[
            f("addresses", "[]NodeAddress", "Addresses of the node: InternalIP, ExternalIP, Hostname."),
            f("allocatable", "map[string]Quantity", "Resources available to pods: capacity minus what the system reserves."),
            f("capacity", "map[string]Quantity", "Total resources of the node: cpu, memory, pods."),
            f("conditions", "[]NodeCondition", "Conditions of the node, such as Ready and MemoryPressure."),
            f("nodeInfo", "NodeSystemInfo", "Versions and IDs reported by the node."),
        ],
    ),
    t(
        "NodeCondition",
        "A condition of a node.",
        &[
            f("lastHeartbeatTime", "Time", "Last time the kubelet reported the condition."),
            f("lastTransitionTime", "Time", LAST_TRANSITION),
            f("message", "string", COND_MESSAGE),
            f("reason", "string", COND_REASON),
            f("status", "!string", COND_STATUS),
            f("type", "!string", COND_TYPE),
        ],
    ),
    t(
        "NodeAddress",
        "An address of a node.",
        &[f("address", "!string", "The address."), f("type", "!string", "Type of the address: Hostname, InternalIP or ExternalIP.")],
    ),
    t(
        "NodeSystemInfo",
        "IDs and versions a node reports.",
        &[
            f("architecture", "!string", "CPU architecture, such as amd64."),
            f("bootID", "!string", "ID of the node's current boot."),
            f("containerRuntimeVersion", "!string", "Container runtime and version, such as containerd://1.7.18."),
            f("kernelVersion", "!string", "Kernel version."),
            f("kubeProxyVersion", "!string", "Deprecated: version of kube-proxy."),
            f("kubeletVersion", "!string", "Version of the kubelet."),
            f("machineID", "!string", "Machine ID of the node."),
            f("operatingSystem", "!string", "Operating system, such as linux."),
            f("osImage", "!string", "OS image, such as Debian GNU/Linux 12 (bookworm)."),
            f("systemUUID", "!string", "System UUID of the node."),
        ],
    ),
    t(
        "NamespaceSpec",
        "The desired state of a namespace.",
        &[f("finalizers", "[]string", "Values that must be removed before the namespace is deleted from storage.")],
    ),
    t(
        "NamespaceStatus",
        "The observed state of a namespace.",
        &[
            f("conditions", "[]NamespaceCondition", CONDITIONS),
            f("phase", "string=Active,Terminating", "Active, or Terminating once deletion has started."),
        ],
    ),
    t("NamespaceCondition", "A condition of a namespace.", COND_FIELDS),
    // ---------------------------------------------------------------------------------------
    // ReplicationController, Service, Endpoints, Event
    t(
        "ReplicationControllerSpec",
        "The desired state of a replication controller.",
        &[
            f("minReadySeconds", "integer", MIN_READY),
            f("replicas", "integer", REPLICAS),
            f("selector", "map[string]string", "Labels of the pods counted as replicas. Defaults to the template's labels."),
            f("template", "PodTemplateSpec", TEMPLATE),
        ],
    ),
    t(
        "ReplicationControllerStatus",
        "The observed state of a replication controller.",
        &[
            f("availableReplicas", "integer", "Pods ready for at least minReadySeconds."),
            f("conditions", "[]ReplicationControllerCondition", CONDITIONS),
            f("fullyLabeledReplicas", "integer", "Pods whose labels match the template's labels."),
            f("observedGeneration", "integer", OBSERVED_GEN),
            f("readyReplicas", "integer", "Pods whose Ready condition is True."),
            f("replicas", "!integer", "Most recently observed number of pods."),
        ],
    ),
    t("ReplicationControllerCondition", "A condition of a replication controller.", COND_FIELDS),
    t(
        "ServiceSpec",
        "How a service is exposed and which pods it sends traffic to.",
        &[
            f("allocateLoadBalancerNodePorts", "boolean", "Whether a LoadBalancer service gets node ports. Defaults to true."),
            f(
                "clusterIP",
                "string",
                "Virtual IP of the service, usually allocated by the system. None makes a headless service. Cannot be changed.",
            ),
            f("clusterIPs", "[]string", "Virtual IPs of the service, one per IP family; the first is clusterIP."),
            f("externalIPs", "[]string", "Further IP addresses the nodes accept traffic for the service on."),
            f("externalName", "string", "DNS name an ExternalName service is an alias (CNAME) for."),
            f(
                "externalTrafficPolicy",
                "string=Cluster,Local",
                "Where external traffic goes: any ready endpoint (Cluster) or only endpoints on the receiving node, keeping the client's IP (Local).",
            ),
            f("healthCheckNodePort", "integer", "Node port for load balancer health checks, with externalTrafficPolicy Local."),
            f("internalTrafficPolicy", "string=Cluster,Local", "Where traffic from inside the cluster goes. Defaults to Cluster."),
            f("ipFamilies", "[]string", "IP families of the service: IPv4, IPv6 or both."),
            f(
                "ipFamilyPolicy",
                "string=PreferDualStack,RequireDualStack,SingleStack",
                "Whether the service gets one IP family or two. Defaults to SingleStack.",
            ),
            f("loadBalancerClass", "string", "Load balancer implementation to use. Unset uses the cloud provider's."),
            f("loadBalancerIP", "string", "Deprecated: the IP address requested for the load balancer."),
            f("loadBalancerSourceRanges", "[]string", "Client IP ranges (CIDRs) the load balancer lets through."),
            f("ports", "[]ServicePort", "Ports the service exposes."),
            f("publishNotReadyAddresses", "boolean", "Publish the addresses of pods that are not ready too."),
            f(
                "selector",
                "map[string]string",
                "Traffic goes to the pods with these labels. Without a selector the endpoints are managed by hand.",
            ),
            f("sessionAffinity", "string=ClientIP,None", "ClientIP sends a client's connections to the same pod. Defaults to None."),
            f("sessionAffinityConfig", "SessionAffinityConfig", "Settings of session affinity."),
            f("trafficDistribution", "string", "Preference for sending traffic to close endpoints, such as PreferClose."),
            f(
                "type",
                "string=ClusterIP,ExternalName,LoadBalancer,NodePort",
                "How the service is exposed. Defaults to ClusterIP; NodePort adds a port on every node, LoadBalancer an external load balancer.",
            ),
        ],
    ),
    t(
        "ServicePort",
        "A port a service exposes.",
        &[
            f("appProtocol", "string", APP_PROTOCOL),
            f("name", "string", "Name of the port; required when the service has several."),
            f(
                "nodePort",
                "integer",
                "Port opened on every node for NodePort and LoadBalancer services. Allocated from 30000-32767 if unset.",
            ),
            f("port", "!integer", "Port the service listens on."),
            f("protocol", "string=SCTP,TCP,UDP", PROTOCOL),
            f("targetPort", "IntOrString", "Number or name of the port on the pods. Defaults to port."),
        ],
    ),
    t(
        "SessionAffinityConfig",
        "Settings of session affinity.",
        &[f("clientIP", "ClientIPConfig", "Settings of ClientIP affinity.")],
    ),
    t(
        "ClientIPConfig",
        "Settings of ClientIP affinity.",
        &[f("timeoutSeconds", "integer", "Seconds a client sticks to a pod, 1 to 86400. Defaults to 10800 (3 hours).")],
    ),
    t("ServiceStatus", "The observed state of a service.", &[f("loadBalancer", "LoadBalancerStatus", "The service's load balancer, if any.")]),
    t("LoadBalancerStatus", "The state of a load balancer.", &[f("ingress", "[]LoadBalancerIngress", "Addresses of the load balancer.")]),
    t(
        "LoadBalancerIngress",
        "An address of a load balancer.",
        &[
            f("hostname", "string", "DNS name of the load balancer."),
            f("ip", "string", "IP address of the load balancer."),
            f("ipMode", "string", "How traffic to the IP is handled: VIP (to the nodes directly) or Proxy."),
            f("ports", "[]PortStatus", "The service's ports and their state."),
        ],
    ),
    t(
        "PortStatus",
        "The state of a service port on a load balancer.",
        &[
            f("error", "string", "CamelCase problem with the port, if any."),
            f("port", "!integer", "Port number."),
            f("protocol", "!string=SCTP,TCP,UDP", "Protocol of the port."),
        ],
    ),
    t(
        "EndpointSubset",
        "Addresses that share the same ports.",
        &[
            f("addresses", "[]EndpointAddress", "Addresses of ready endpoints."),
            f("notReadyAddresses", "[]EndpointAddress", "Addresses of endpoints that are not ready."),
            f("ports", "[]EndpointPort", "Ports of the addresses."),
        ],
    ),
    t(
        "EndpointAddress",
        "An address of an endpoint.",
        &[
            f("hostname", "string", "Hostname of the endpoint."),
            f("ip", "!string", "IP address of the endpoint."),
            f("nodeName", "string", "Node hosting the endpoint."),
            f("targetRef", "ObjectReference", "The object behind the address, usually a pod."),
        ],
    ),
    t(
        "EndpointPort",
        "A port of an endpoint.",
        &[
            f("appProtocol", "string", APP_PROTOCOL),
            f("name", "string", "Name of the port, as in the service."),
            f("port", "!integer", "Port number."),
            f("protocol", "string=SCTP,TCP,UDP", PROTOCOL),
        ],
    ),
    t(
        "ObjectReference",
        "A reference to an object.",
        &[
            f("apiVersion", "string", "API version of the referent."),
            f("fieldPath", "string", "A part of the referent, such as spec.containers{web}."),
            f("kind", "string", "Kind of the referent."),
            f("name", "string", NAME_REF),
            f("namespace", "string", "Namespace of the referent."),
            f("resourceVersion", "string", "resourceVersion of the referent, if a specific version is meant."),
            f("uid", "string", "UID of the referent."),
        ],
    ),
    t(
        "EventSource",
        "The component that reported an event.",
        &[f("component", "string", "The component, such as kubelet."), f("host", "string", "Node the component runs on.")],
    ),
    t(
        "EventSeries",
        "Data about a series of repeated events.",
        &[
            f("count", "integer", "Number of occurrences in the series so far."),
            f("lastObservedTime", "MicroTime", "When the last occurrence was observed."),
        ],
    ),
    // ---------------------------------------------------------------------------------------
    // Storage
    t(
        "PersistentVolumeClaimSpec",
        "What a claim asks for.",
        &[
            f("accessModes", "[]string", ACCESS_MODES),
            f("resources", "VolumeResourceRequirements", "How much storage the claim needs."),
            f("selector", "LabelSelector", "Labels of the volumes the claim may bind to."),
            f(
                "storageClassName",
                "string",
                "Name of the StorageClass. Unset uses the default class; an empty string asks for a volume without a class.",
            ),
            f("volumeAttributesClassName", "string", VAC),
            f("volumeMode", "string=Block,Filesystem", VOLUME_MODE),
            f("volumeName", "string", "Name of the PersistentVolume to bind to."),
        ],
    ),
    t(
        "VolumeResourceRequirements",
        "Storage a claim needs.",
        &[
            f("limits", "map[string]Quantity", "The most storage that may be used."),
            f("requests", "map[string]Quantity", "The least storage the volume must have, such as storage: 1Gi."),
        ],
    ),
    t(
        "PersistentVolumeClaimStatus",
        "The observed state of a claim.",
        &[
            f("accessModes", "[]string", "Access modes of the bound volume."),
            f("capacity", "map[string]Quantity", "Resources of the bound volume."),
            f("phase", "string=Bound,Lost,Pending", "Pending until the claim is bound; Lost if its volume is gone."),
        ],
    ),
    t(
        "PersistentVolumeSpec",
        "A volume's capacity, access modes and source.",
        &[
            f("accessModes", "[]string", ACCESS_MODES),
            f("capacity", "map[string]Quantity", "Capacity of the volume, such as storage: 10Gi."),
            f("claimRef", "ObjectReference", "The claim bound to the volume."),
            f("hostPath", "HostPathVolumeSource", "A directory on one node; for single-node testing only."),
            f("local", "LocalVolumeSource", "A disk or directory on one node; needs nodeAffinity."),
            f("mountOptions", "[]string", "Mount options, such as ro. Not validated."),
            f("nfs", "NFSVolumeSource", "An NFS share."),
            f("nodeAffinity", "VolumeNodeAffinity", "The nodes the volume can be used from."),
            f("persistentVolumeReclaimPolicy", "string=Delete,Recycle,Retain", RECLAIM),
            f("storageClassName", "string", CLASS_NAME),
            f("volumeAttributesClassName", "string", VAC),
            f("volumeMode", "string=Block,Filesystem", VOLUME_MODE),
        ],
    ),
    t(
        "LocalVolumeSource",
        "A disk, partition or directory of a node.",
        &[
            f("fsType", "string", "Filesystem to format a block device with."),
            f("path", "!string", "Path of the directory or device on the node."),
        ],
    ),
    t("VolumeNodeAffinity", "The nodes a volume can be used from.", &[f("required", "NodeSelector", "Nodes the volume is reachable from.")]),
    t(
        "PersistentVolumeStatus",
        "The observed state of a volume.",
        &[
            f("lastPhaseTransitionTime", "Time", "When the volume last changed phase."),
            f("message", "string", "Human-readable message about the volume's state."),
            f("phase", "string=Available,Bound,Failed,Pending,Released", "Where the volume is in its lifecycle."),
            f("reason", "string", "One-word CamelCase reason for a failure."),
        ],
    ),
    // ---------------------------------------------------------------------------------------
    // apps/v1
    t(
        "DeploymentSpec",
        "The desired state of a Deployment.",
        &[
            f("minReadySeconds", "integer", MIN_READY),
            f("paused", "boolean", "Stops rollouts: changes to the template are not rolled out until it is false again."),
            f(
                "progressDeadlineSeconds",
                "integer",
                "Seconds a rollout may go without progress before it is reported as failed (ProgressDeadlineExceeded). Defaults to 600.",
            ),
            f("replicas", "integer", REPLICAS),
            f("revisionHistoryLimit", "integer", HISTORY),
            f("selector", "!LabelSelector", SELECTOR),
            f("strategy", "DeploymentStrategy", "How old pods are replaced by new ones."),
            f("template", "!PodTemplateSpec", TEMPLATE),
        ],
    ),
    t(
        "DeploymentStrategy",
        "How a Deployment replaces its pods.",
        &[
            f("rollingUpdate", "RollingUpdateDeployment", "Settings of a rolling update."),
            f(
                "type",
                "string=Recreate,RollingUpdate",
                "Recreate deletes all old pods before creating new ones; RollingUpdate, the default, replaces them gradually.",
            ),
        ],
    ),
    t(
        "RollingUpdateDeployment",
        "Settings of a rolling update. maxSurge and maxUnavailable both default to 25% and cannot both be 0.",
        ROLLING_UPDATE,
    ),
    t(
        "DeploymentStatus",
        "The observed state of a Deployment.",
        &[
            f("availableReplicas", "integer", "Pods ready for at least minReadySeconds."),
            f("collisionCount", "integer", COLLISION),
            f("conditions", "[]DeploymentCondition", "Conditions of the Deployment: Available, Progressing and ReplicaFailure."),
            f("observedGeneration", "integer", OBSERVED_GEN),
            f("readyReplicas", "integer", "Pods whose Ready condition is True."),
            f("replicas", "integer", "Pods of all the Deployment's ReplicaSets."),
            f("unavailableReplicas", "integer", "Pods still needed for the Deployment to be fully available."),
            f("updatedReplicas", "integer", "Pods created from the current template."),
        ],
    ),
    t(
        "DeploymentCondition",
        "A condition of a Deployment.",
        &[
            f("lastTransitionTime", "Time", LAST_TRANSITION),
            f("lastUpdateTime", "Time", "Last time the condition was updated."),
            f("message", "string", COND_MESSAGE),
            f("reason", "string", COND_REASON),
            f("status", "!string", COND_STATUS),
            f("type", "!string", COND_TYPE),
        ],
    ),
    t(
        "ReplicaSetSpec",
        "The desired state of a ReplicaSet.",
        &[
            f("minReadySeconds", "integer", MIN_READY),
            f("replicas", "integer", REPLICAS),
            f("selector", "!LabelSelector", SELECTOR),
            f("template", "PodTemplateSpec", TEMPLATE),
        ],
    ),
    t("ReplicaSetStatus", "The observed state of a ReplicaSet.", RS_STATUS),
    t("ReplicaSetCondition", "A condition of a ReplicaSet.", COND_FIELDS),
    t(
        "DaemonSetSpec",
        "The desired state of a DaemonSet.",
        &[
            f("minReadySeconds", "integer", MIN_READY),
            f("revisionHistoryLimit", "integer", HISTORY),
            f("selector", "!LabelSelector", SELECTOR),
            f("template", "!PodTemplateSpec", "Template of the pod run on each node."),
            f("updateStrategy", "DaemonSetUpdateStrategy", "How pods are replaced when the template changes."),
        ],
    ),
    t(
        "DaemonSetUpdateStrategy",
        "How a DaemonSet replaces its pods.",
        &[
            f("rollingUpdate", "RollingUpdateDaemonSet", "Settings of a rolling update."),
            f(
                "type",
                "string=OnDelete,RollingUpdate",
                "RollingUpdate, the default, replaces pods gradually; OnDelete only when they are deleted.",
            ),
        ],
    ),
    t(
        "RollingUpdateDaemonSet",
        "Settings of a DaemonSet's rolling update. maxUnavailable defaults to 1 and maxSurge to 0.",
        ROLLING_UPDATE,
    ),
    t(
        "DaemonSetStatus",
        "The observed state of a DaemonSet.",
        &[
            f("collisionCount", "integer", COLLISION),
            f("conditions", "[]DaemonSetCondition", CONDITIONS),
            f("currentNumberScheduled", "!integer", "Nodes running at least one daemon pod that should."),
            f("desiredNumberScheduled", "!integer", "Nodes that should run the daemon pod."),
            f("numberAvailable", "integer", "Nodes whose daemon pod is available."),
            f("numberMisscheduled", "!integer", "Nodes running the daemon pod that should not."),
            f("numberReady", "!integer", "Nodes whose daemon pod is ready."),
            f("numberUnavailable", "integer", "Nodes whose daemon pod is missing or not available."),
            f("observedGeneration", "integer", OBSERVED_GEN),
            f("updatedNumberScheduled", "integer", "Nodes running the current template's pod."),
        ],
    ),
    t("DaemonSetCondition", "A condition of a DaemonSet.", COND_FIELDS),
    t(
        "StatefulSetSpec",
        "The desired state of a StatefulSet.",
        &[
            f("minReadySeconds", "integer", MIN_READY),
            f("ordinals", "StatefulSetOrdinals", "Numbering of the replicas."),
            f(
                "persistentVolumeClaimRetentionPolicy",
                "StatefulSetPersistentVolumeClaimRetentionPolicy",
                "What happens to the claims from volumeClaimTemplates when the StatefulSet is deleted or scaled down.",
            ),
            f(
                "podManagementPolicy",
                "string=OrderedReady,Parallel",
                "OrderedReady (the default) creates pods one at a time in order and deletes them in reverse; Parallel does all at once.",
            ),
            f("replicas", "integer", REPLICAS),
            f("revisionHistoryLimit", "integer", HISTORY),
            f("selector", "!LabelSelector", SELECTOR),
            f(
                "serviceName",
                "!string",
                "Headless service that gives each pod a DNS name: <pod>.<serviceName>.<namespace>.svc.cluster.local.",
            ),
            f("template", "!PodTemplateSpec", "Template of the pods; each gets the name <statefulset>-<ordinal>."),
            f("updateStrategy", "StatefulSetUpdateStrategy", "How pods are replaced when the template changes."),
            f(
                "volumeClaimTemplates",
                "[]PersistentVolumeClaim",
                "Claims every pod gets, named <template>-<pod>, and mounts as a volume of the same name.",
            ),
        ],
    ),
    t(
        "StatefulSetUpdateStrategy",
        "How a StatefulSet replaces its pods.",
        &[
            f("rollingUpdate", "RollingUpdateStatefulSetStrategy", "Settings of a rolling update."),
            f(
                "type",
                "string=OnDelete,RollingUpdate",
                "RollingUpdate, the default, replaces pods one at a time from the highest ordinal; OnDelete only when they are deleted.",
            ),
        ],
    ),
    t(
        "RollingUpdateStatefulSetStrategy",
        "Settings of a StatefulSet's rolling update.",
        &[
            f("maxUnavailable", "IntOrString", "Pods that may be unavailable during the update. Defaults to 1."),
            f("partition", "integer", "Only pods with an ordinal of at least this are updated, for staged rollouts. Defaults to 0."),
        ],
    ),
    t(
        "StatefulSetPersistentVolumeClaimRetentionPolicy",
        "What happens to a StatefulSet's claims. Each field is Retain (the default) or Delete.",
        &[
            f("whenDeleted", "string", "What happens to the claims when the StatefulSet is deleted."),
            f("whenScaled", "string", "What happens to a pod's claims when scaling down removes the pod."),
        ],
    ),
    t("StatefulSetOrdinals", "Numbering of a StatefulSet's replicas.", &[f("start", "integer", "Number of the first replica. Defaults to 0.")]),
    t(
        "StatefulSetStatus",
        "The observed state of a StatefulSet.",
        &[
            f("availableReplicas", "integer", "Pods ready for at least minReadySeconds."),
            f("collisionCount", "integer", COLLISION),
            f("conditions", "[]StatefulSetCondition", CONDITIONS),
            f("currentReplicas", "integer", "Pods created from the currentRevision."),
            f("currentRevision", "string", "Revision the pods up to currentReplicas were created from."),
            f("observedGeneration", "integer", OBSERVED_GEN),
            f("readyReplicas", "integer", "Pods whose Ready condition is True."),
            f("replicas", "!integer", "Number of pods the controller created."),
            f("updateRevision", "string", "Revision of the current template."),
            f("updatedReplicas", "integer", "Pods created from the updateRevision."),
        ],
    ),
    t("StatefulSetCondition", "A condition of a StatefulSet.", COND_FIELDS),
    // ---------------------------------------------------------------------------------------
    // batch/v1
    t(
        "JobSpec",
        "What a Job runs and when it is done.",
        &[
            f("activeDeadlineSeconds", "integer", "Seconds the Job may run, from its start, before it is failed and its pods killed."),
            f("backoffLimit", "integer", "Retries before the Job is marked failed. Defaults to 6."),
            f("backoffLimitPerIndex", "integer", "Retries of each index of an Indexed Job before that index fails."),
            f(
                "completionMode",
                "string=Indexed,NonIndexed",
                "NonIndexed (the default): done after completions successes. Indexed: each pod gets an index, done when each index succeeded.",
            ),
            f("completions", "integer", "Successful pods needed for the Job to be complete. Defaults to 1."),
            f("managedBy", "string", "Controller that manages the Job. Defaults to the built-in job controller."),
            f("manualSelector", "boolean", "If true, you supply the selector instead of the system generating one. Rarely needed."),
            f("maxFailedIndexes", "integer", "Failed indexes after which an Indexed Job is marked failed."),
            f("parallelism", "integer", "Most pods to run at the same time. Defaults to 1."),
            f("podFailurePolicy", "PodFailurePolicy", "How pod failures count against backoffLimit."),
            f("podReplacementPolicy", "string=Failed,TerminatingOrFailed", "When a replacement pod is created for a failed one."),
            f("selector", "LabelSelector", "Label query over the Job's pods. Normally generated by the system."),
            f("successPolicy", "SuccessPolicy", "When an Indexed Job can be declared succeeded early."),
            f("suspend", "boolean", "If true, no pods are created and running ones are deleted. Defaults to false."),
            f("template", "!PodTemplateSpec", "Template of the pods; restartPolicy must be Never or OnFailure."),
            f(
                "ttlSecondsAfterFinished",
                "integer",
                "Seconds after the Job finishes before it is deleted automatically. Unset keeps it.",
            ),
        ],
    ),
    t(
        "PodFailurePolicy",
        "How pod failures are handled.",
        &[f("rules", "![]PodFailurePolicyRule", "Rules checked in order; the first that matches a failed pod applies.")],
    ),
    t(
        "PodFailurePolicyRule",
        "An action to take for failed pods that match.",
        &[
            f(
                "action",
                "!string=Count,FailIndex,FailJob,Ignore",
                "FailJob fails the Job, FailIndex the index, Ignore does not count the failure, Count counts it (the default handling).",
            ),
            f("onExitCodes", "PodFailurePolicyOnExitCodesRequirement", "Matches on containers' exit codes."),
            f("onPodConditions", "[]PodFailurePolicyOnPodConditionsPattern", "Matches on the pod's conditions."),
        ],
    ),
    t(
        "PodFailurePolicyOnExitCodesRequirement",
        "A requirement on the exit codes of containers.",
        &[
            f("containerName", "string", "Only check this container. Defaults to every container."),
            f("operator", "!string=In,NotIn", "Whether an exit code must be in the values, or not."),
            f("values", "![]integer", "Exit codes to compare with."),
        ],
    ),
    t(
        "PodFailurePolicyOnPodConditionsPattern",
        "A pod condition to match.",
        &[f("status", "!string", "Status of the condition. Defaults to True."), f("type", "!string", "Type of the condition, such as DisruptionTarget.")],
    ),
    t(
        "SuccessPolicy",
        "When an Indexed Job is declared succeeded.",
        &[f("rules", "![]SuccessPolicyRule", "The Job succeeds as soon as one rule is met.")],
    ),
    t(
        "SuccessPolicyRule",
        "A success rule of an Indexed Job.",
        &[
            f("succeededCount", "integer", "Number of succeeded indexes, among succeededIndexes if set, that is enough."),
            f("succeededIndexes", "string", "Indexes that must succeed, such as 0,2-4."),
        ],
    ),
    t(
        "JobStatus",
        "The observed state of a Job.",
        &[
            f("active", "integer", "Pods running (not yet terminating)."),
            f("completedIndexes", "string", "Completed indexes of an Indexed Job, such as 1,3-5."),
            f("completionTime", "Time", "When the Job completed successfully."),
            f("conditions", "[]JobCondition", "Conditions of the Job, such as Complete, Failed and Suspended."),
            f("failed", "integer", "Pods that failed."),
            f("failedIndexes", "string", "Failed indexes of an Indexed Job."),
            f("ready", "integer", "Pods whose Ready condition is True."),
            f("startTime", "Time", "When the Job controller started processing the Job."),
            f("succeeded", "integer", "Pods that succeeded."),
            f("terminating", "integer", "Pods terminating or being deleted."),
            f("uncountedTerminatedPods", "UncountedTerminatedPods", "Finished pods not counted yet."),
        ],
    ),
    t(
        "UncountedTerminatedPods",
        "UIDs of finished pods not yet counted in the Job's status.",
        &[f("failed", "[]string", "UIDs of failed pods."), f("succeeded", "[]string", "UIDs of succeeded pods.")],
    ),
    t("JobCondition", "A condition of a Job.", PROBED_COND_FIELDS),
    t(
        "JobTemplateSpec",
        "The Jobs a CronJob creates.",
        &[f("metadata", "ObjectMeta", "Metadata of the created Jobs."), f("spec", "JobSpec", "Spec of the created Jobs.")],
    ),
    t(
        "CronJobSpec",
        "The schedule of a CronJob and the Jobs it creates.",
        &[
            f(
                "concurrencyPolicy",
                "string=Allow,Forbid,Replace",
                "What to do when a run is due while the previous Job still runs: Allow (the default), Forbid (skip) or Replace.",
            ),
            f("failedJobsHistoryLimit", "integer", "Failed Jobs to keep. Defaults to 1."),
            f("jobTemplate", "!JobTemplateSpec", "Template of the Jobs."),
            f("schedule", "!string", "Schedule in cron format, such as */5 * * * * (every five minutes)."),
            f("startingDeadlineSeconds", "integer", "Seconds after a missed run during which it may still start."),
            f("successfulJobsHistoryLimit", "integer", "Successful Jobs to keep. Defaults to 3."),
            f("suspend", "boolean", "If true, no new runs start. Defaults to false."),
            f("timeZone", "string", "Time zone of the schedule, such as Etc/UTC. Defaults to the controller manager's."),
        ],
    ),
    t(
        "CronJobStatus",
        "The observed state of a CronJob.",
        &[
            f("active", "[]ObjectReference", "The Jobs running now."),
            f("lastScheduleTime", "Time", "When a Job was last scheduled."),
            f("lastSuccessfulTime", "Time", "When a Job last completed successfully."),
        ],
    ),
];

#[cfg(test)]
mod tests {
    //! The schema against the real types: a tracing deserializer walks every `cluster::api`
    //! struct a kind reaches (serde tells it each struct's JSON field names), and a sample
    //! object built from the schema must decode strictly.
    use super::*;
    use std::cell::RefCell;
    use std::collections::{BTreeMap, BTreeSet};
    use std::fmt;

    use cluster::api;
    use cluster::discovery::RESOURCE_TYPES;
    use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::{json, Value};

    /// Field names by dotted path (`spec.template.spec`); lists add nothing to the path.
    type Paths = BTreeMap<String, BTreeSet<String>>;

    #[derive(Debug)]
    struct TraceError(String);

    impl fmt::Display for TraceError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for TraceError {}

    impl de::Error for TraceError {
        fn custom<T: fmt::Display>(msg: T) -> Self {
            TraceError(msg.to_string())
        }
    }

    /// Feeds a type one plausible value of everything it asks for: a single list item, an empty
    /// map, `Some` for options, every field of a struct (recording their names).
    struct Tracer<'a> {
        path: String,
        seen: &'a RefCell<Paths>,
    }

    impl<'a> Tracer<'a> {
        fn child(&self, field: &str) -> Tracer<'a> {
            let path = if self.path.is_empty() { field.to_string() } else { format!("{}.{field}", self.path) };
            Tracer { path, seen: self.seen }
        }
    }

    macro_rules! ints {
        ($($m:ident)*) => {$(
            fn $m<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
                v.visit_i64(1)
            }
        )*};
    }

    impl<'de> Deserializer<'de> for Tracer<'_> {
        type Error = TraceError;

        // Quantity, IntOrString and RawExtension ask for anything: a string suits them all.
        fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_str("1")
        }
        ints!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64);
        fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_bool(true)
        }
        fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_f64(1.0)
        }
        fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_f64(1.0)
        }
        fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_char('x')
        }
        // Plain strings, and Time, which parses its string.
        fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_str("2024-01-01T00:00:00Z")
        }
        fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_str("2024-01-01T00:00:00Z")
        }
        fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_bytes(b"x")
        }
        fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_bytes(b"x")
        }
        fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_some(self)
        }
        fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_unit()
        }
        fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, TraceError> {
            v.visit_unit()
        }
        fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, TraceError> {
            v.visit_newtype_struct(self)
        }
        fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_seq(OneItem(Some(self)))
        }
        fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, TraceError> {
            v.visit_seq(OneItem(Some(self)))
        }
        fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, v: V) -> Result<V::Value, TraceError> {
            v.visit_seq(OneItem(Some(self)))
        }
        // Maps hold strings and quantities only: nothing to find inside.
        fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_map(Fields { tracer: self, names: &[], next: 0 })
        }
        fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, names: &'static [&'static str], v: V) -> Result<V::Value, TraceError> {
            let set = names.iter().map(|n| n.to_string()).collect();
            self.seen.borrow_mut().insert(self.path.clone(), set);
            v.visit_map(Fields { tracer: self, names, next: 0 })
        }
        fn deserialize_enum<V: Visitor<'de>>(self, name: &'static str, _: &'static [&'static str], _: V) -> Result<V::Value, TraceError> {
            Err(TraceError(format!("{}: enum {name} is not expected in the API types", self.path)))
        }
        fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_str("")
        }
        fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
            v.visit_unit()
        }
    }

    struct OneItem<'a>(Option<Tracer<'a>>);

    impl<'de> SeqAccess<'de> for OneItem<'_> {
        type Error = TraceError;
        fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, TraceError> {
            self.0.take().map(|t| seed.deserialize(t)).transpose()
        }
    }

    struct Fields<'a> {
        tracer: Tracer<'a>,
        names: &'static [&'static str],
        next: usize,
    }

    impl<'de> MapAccess<'de> for Fields<'_> {
        type Error = TraceError;
        fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, TraceError> {
            let Some(name) = self.names.get(self.next) else { return Ok(None) };
            seed.deserialize(IntoDeserializer::<TraceError>::into_deserializer(*name)).map(Some)
        }
        fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, TraceError> {
            let name = self.names[self.next];
            self.next += 1;
            seed.deserialize(self.tracer.child(name))
        }
    }

    /// The struct fields `T` reaches, by path.
    fn trace<T: DeserializeOwned>() -> Paths {
        let seen = RefCell::new(Paths::new());
        if let Err(e) = T::deserialize(Tracer { path: String::new(), seen: &seen }) {
            panic!("tracing {}: {e}", std::any::type_name::<T>());
        }
        seen.into_inner()
    }

    /// The object fields the schema lists for a kind, by path.
    fn schema_paths(kind: &Type) -> Paths {
        fn walk(t: &Type, path: &str, out: &mut Paths) {
            out.insert(path.to_string(), t.fields.iter().map(|f| f.name.to_string()).collect());
            for f in t.fields {
                if let Some(inner) = f.parse().named().filter(|n| !n.fields.is_empty()) {
                    let p = if path.is_empty() { f.name.to_string() } else { format!("{path}.{}", f.name) };
                    walk(inner, &p, out);
                }
            }
        }
        let mut out = Paths::new();
        walk(kind, "", &mut out);
        out
    }

    fn traced_kinds() -> Vec<(&'static str, Paths)> {
        vec![
            ("ConfigMap", trace::<api::ConfigMap>()),
            ("Endpoints", trace::<api::Endpoints>()),
            ("Event", trace::<api::Event>()),
            ("Namespace", trace::<api::Namespace>()),
            ("Node", trace::<api::Node>()),
            ("PersistentVolumeClaim", trace::<api::PersistentVolumeClaim>()),
            ("PersistentVolume", trace::<api::PersistentVolume>()),
            ("Pod", trace::<api::Pod>()),
            ("ReplicationController", trace::<api::ReplicationController>()),
            ("Secret", trace::<api::Secret>()),
            ("ServiceAccount", trace::<api::ServiceAccount>()),
            ("Service", trace::<api::Service>()),
            ("DaemonSet", trace::<api::DaemonSet>()),
            ("Deployment", trace::<api::Deployment>()),
            ("ReplicaSet", trace::<api::ReplicaSet>()),
            ("StatefulSet", trace::<api::StatefulSet>()),
            ("CronJob", trace::<api::CronJob>()),
            ("Job", trace::<api::Job>()),
            ("ControllerRevision", trace::<api::ControllerRevision>()),
            ("StorageClass", trace::<api::StorageClass>()),
        ]
    }

    #[test]
    fn the_schema_has_exactly_the_fields_of_the_typed_structs() {
        let traced = traced_kinds();
        let kinds: BTreeSet<&str> = traced.iter().map(|(k, _)| *k).collect();
        let served: BTreeSet<&str> = RESOURCE_TYPES.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, served, "every kind discovery serves is traced");
        let mut problems = Vec::new();
        for (kind, mut want) in traced {
            // Decoding drops apiVersion and kind before the struct sees them; explain lists them.
            let top = want.entry(String::new()).or_default();
            top.insert("apiVersion".into());
            top.insert("kind".into());
            let have = schema_paths(lookup(kind).unwrap_or_else(|| panic!("no schema type {kind}")));
            for path in want.keys().chain(have.keys()).collect::<BTreeSet<_>>() {
                let (w, h) = (want.get(path), have.get(path));
                let empty = BTreeSet::new();
                let missing: Vec<_> = w.unwrap_or(&empty).difference(h.unwrap_or(&empty)).collect();
                let invented: Vec<_> = h.unwrap_or(&empty).difference(w.unwrap_or(&empty)).collect();
                if w.is_none() || h.is_none() || !missing.is_empty() || !invented.is_empty() {
                    problems.push(format!(
                        "{kind} {path:?}: struct {}, schema {}; missing from the schema {missing:?}, not in the struct {invented:?}",
                        if w.is_some() { "has it" } else { "does not" },
                        if h.is_some() { "has it" } else { "does not" },
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// A value for every field of `t`, of the type the schema says.
    fn sample(t: &Type, depth: usize) -> Value {
        assert!(depth < 20, "{} nests too deep", t.name);
        let fields = t.fields.iter().map(|f| {
            let ty = f.parse();
            let first_enum = ty.enums.and_then(|e| e.split(',').find(|v| !v.is_empty()));
            let one = match ty.base {
                // Valid base64 too, for Secret.data and ConfigMap.binaryData.
                "string" => json!(first_enum.unwrap_or("eA==")),
                "integer" => json!(1),
                "boolean" => json!(true),
                "Time" | "MicroTime" => json!("2024-01-01T00:00:00Z"),
                "Quantity" => json!("1"),
                "IntOrString" => json!(1),
                "RawExtension" => json!({"a": 1}),
                name => sample(lookup(name).unwrap_or_else(|| panic!("{}.{}: no type {name}", t.name, f.name)), depth + 1),
            };
            let v = match ty.shape {
                "[]" => json!([one]),
                "map[string]" => json!({ "k": one }),
                _ => one,
            };
            (f.name.to_string(), v)
        });
        Value::Object(fields.collect())
    }

    #[test]
    fn every_schema_field_decodes_strictly_with_its_type() {
        for rt in RESOURCE_TYPES {
            let kind = cluster::Kind::from_name(rt.kind).unwrap();
            let value = sample(lookup(rt.kind).unwrap(), 0);
            if let Err(e) = cluster::Object::from_value(kind, value) {
                panic!("{}: {e:?}", rt.kind);
            }
        }
    }

    #[test]
    fn type_strings_are_well_formed_and_types_unique() {
        let mut names = BTreeSet::new();
        for t in TYPES {
            assert!(names.insert(t.name), "{} twice", t.name);
            let mut fields = BTreeSet::new();
            for f in t.fields {
                assert!(fields.insert(f.name), "{}.{} twice", t.name, f.name);
                let ty = f.parse();
                assert!(
                    matches!(ty.base, "string" | "integer" | "boolean") || ty.named().is_some(),
                    "{}.{}: unknown type {}",
                    t.name,
                    f.name,
                    f.ty
                );
                assert!(ty.enums.is_none() || ty.base == "string", "{}.{}", t.name, f.name);
                assert!(!f.desc.is_empty() && !f.desc.contains('\n') && f.desc.is_ascii(), "{}.{}", t.name, f.name);
            }
        }
    }

    /// The schema's text (every distinct string once): it ships in the wasm page.
    #[test]
    fn schema_data_stays_small() {
        let mut strings = BTreeSet::new();
        for t in TYPES {
            strings.insert(t.name);
            strings.insert(t.desc);
            for f in t.fields {
                strings.extend([f.name, f.ty, f.desc]);
            }
        }
        let bytes: usize = strings.iter().map(|s| s.len()).sum();
        let fields: usize = TYPES.iter().map(|t| t.fields.len()).sum();
        println!("explain schema: {} types, {fields} fields, {bytes} bytes of text", TYPES.len());
        assert!(bytes < 60_000, "{bytes} bytes");
    }
}
