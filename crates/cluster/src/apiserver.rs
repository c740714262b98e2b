//! The API server: every write to the store goes through here, with upstream's registry steps
//! (generateName, namespace checks, admission defaults, defaulting, validation, generation,
//! finalizers, graceful deletion) and the sandbox's limits. Errors carry upstream's reasons and
//! messages; kubectl formats them (`Error from server (NotFound): …`).

use std::fmt;

use crate::cluster::Cluster;
use crate::object::{Kind, Object};
use crate::registry;
use crate::store::ObjectKey;
use crate::validation::FieldError;

/// At most this many objects may exist at once; creating more is refused with a clear message.
pub const MAX_OBJECTS: usize = 100_000;

/// An error as the API server reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// `pods "web" not found`
    NotFound { resource: String, name: String },
    /// `pods "web" already exists`
    AlreadyExists { resource: String, name: String },
    /// Validation failed: `Pod "web" is invalid: …`.
    Invalid { kind: &'static str, name: String, causes: Vec<FieldError> },
    BadRequest(String),
    Conflict(String),
    Forbidden(String),
    /// A sandbox limit (object count, replicas, …): not an upstream error, says which limit.
    TooLarge(String),
}

impl ApiError {
    /// The `reason` kubectl shows in `Error from server (<reason>)`.
    pub fn reason(&self) -> &'static str {
        match self {
            ApiError::NotFound { .. } => "NotFound",
            ApiError::AlreadyExists { .. } => "AlreadyExists",
            ApiError::Invalid { .. } => "Invalid",
            ApiError::BadRequest(_) => "BadRequest",
            ApiError::Conflict(_) => "Conflict",
            ApiError::Forbidden(_) => "Forbidden",
            ApiError::TooLarge(_) => "RequestEntityTooLarge",
        }
    }

    pub fn not_found(kind: Kind, name: &str) -> ApiError {
        ApiError::NotFound { resource: kind.resource().qualified_plural(), name: name.to_string() }
    }
}

impl fmt::Display for ApiError {
    /// The status message (what follows `Error from server (<reason>): `).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotFound { resource, name } => write!(f, "{resource} \"{name}\" not found"),
            ApiError::AlreadyExists { resource, name } => write!(f, "{resource} \"{name}\" already exists"),
            ApiError::Invalid { kind, name, causes } => {
                write!(f, "{kind} \"{name}\" is invalid: ")?;
                if let [one] = causes.as_slice() {
                    write!(f, "{one}")
                } else {
                    let all: Vec<String> = causes.iter().map(|c| c.to_string()).collect();
                    write!(f, "[{}]", all.join(", "))
                }
            }
            ApiError::BadRequest(m) | ApiError::Conflict(m) | ApiError::Forbidden(m) | ApiError::TooLarge(m) => f.write_str(m),
        }
    }
}

/// How dependents are treated when their owner is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Propagation {
    Background,
    Foreground,
    Orphan,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeleteOptions {
    pub grace_period_seconds: Option<i64>,
    pub propagation: Option<Propagation>,
}

pub const FINALIZER_ORPHAN: &str = "orphan";
pub const FINALIZER_FOREGROUND: &str = "foregroundDeletion";

impl Cluster {
    pub fn get(&self, kind: Kind, namespace: &str, name: &str) -> Result<Object, ApiError> {
        self.store.get(kind, ns_for(kind, namespace), name).ok_or_else(|| ApiError::not_found(kind, name))
    }

    /// Creates an object. A namespaced object without a namespace goes into `default`.
    pub fn create(&mut self, mut obj: Object) -> Result<Object, ApiError> {
        let kind = obj.kind();
        if kind.namespaced() {
            if obj.meta().namespace.is_empty() {
                obj.meta_mut().namespace = "default".into();
            }
            let ns = obj.meta().namespace.clone();
            match self.store.namespaces.get("", &ns) {
                None => return Err(ApiError::not_found(Kind::Namespace, &ns)),
                Some(n) if n.metadata.deletion_timestamp.is_some() => {
                    return Err(ApiError::Forbidden(format!(
                        "{} \"{}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                        kind.resource().qualified_plural(),
                        display_name(&obj)
                    )))
                }
                Some(_) => {}
            }
        } else {
            obj.meta_mut().namespace.clear();
        }
        if obj.meta().name.is_empty() && !obj.meta().generate_name.is_empty() {
            let name = format!("{}{}", obj.meta().generate_name, self.rng_mut().name_suffix(5));
            obj.meta_mut().name = name;
        }
        registry::defaults(&mut obj);
        registry::admit(self, &mut obj);
        let mut causes = registry::validate_meta(&obj);
        causes.extend(registry::validate(&obj));
        if !causes.is_empty() {
            return Err(ApiError::Invalid { kind: kind.name(), name: display_name(&obj), causes });
        }
        let key = ObjectKey::of(&obj);
        if self.store.get_key(&key).is_some() {
            return Err(ApiError::AlreadyExists { resource: kind.resource().qualified_plural(), name: key.name });
        }
        if self.store.object_count() >= MAX_OBJECTS {
            return Err(ApiError::TooLarge(format!(
                "kubeplay holds at most {MAX_OBJECTS} objects; delete some before creating more"
            )));
        }
        let now = self.now();
        let uid = self.rng_mut().uuid();
        let m = obj.meta_mut();
        m.uid = uid;
        m.creation_timestamp = Some(now);
        m.deletion_timestamp = None;
        m.deletion_grace_period_seconds = None;
        m.generation = if registry::tracks_generation(kind) { 1 } else { 0 };
        registry::prepare_for_create(&mut obj, now);
        Ok(self.store.write(obj))
    }

    /// Replaces an object's user-settable parts (metadata and spec). Status is kept from the
    /// stored object, as for any resource with a status subresource; `generation` moves when the
    /// spec changes.
    pub fn update(&mut self, obj: Object) -> Result<Object, ApiError> {
        self.update_with(obj, false)
    }

    /// The `pods/binding` subresource: assigns a pod to a node (`spec.nodeName`) and marks it
    /// `PodScheduled=True`.
    pub fn bind(&mut self, namespace: &str, name: &str, node: &str) -> Result<Object, ApiError> {
        let Some(mut pod) = self.store.pods.get(namespace, name).cloned() else {
            return Err(ApiError::not_found(Kind::Pod, name));
        };
        if pod.metadata.deletion_timestamp.is_some() {
            return Err(ApiError::Conflict(format!("pod {name} is being deleted, cannot be assigned to a host")));
        }
        if !pod.spec.node_name.is_empty() {
            return Err(ApiError::Conflict(format!("pod {name} is already assigned to node \"{}\"", pod.spec.node_name)));
        }
        pod.spec.node_name = node.to_string();
        crate::scheduler::set_condition(&mut pod, "True", "", "", self.now());
        Ok(self.store.write(pod.into()))
    }

    /// Writes an object's status (what controllers and the kubelet report). Spec changes are ignored.
    pub fn update_status(&mut self, obj: Object) -> Result<Object, ApiError> {
        self.update_with(obj, true)
    }

    fn update_with(&mut self, mut obj: Object, status: bool) -> Result<Object, ApiError> {
        let kind = obj.kind();
        if kind.namespaced() && obj.meta().namespace.is_empty() {
            obj.meta_mut().namespace = "default".into();
        }
        let key = ObjectKey::of(&obj);
        let Some(old) = self.store.get_key(&key) else {
            return Err(ApiError::not_found(kind, &key.name));
        };
        let rv = &obj.meta().resource_version;
        if !rv.is_empty() && *rv != old.meta().resource_version {
            return Err(ApiError::Conflict(format!(
                "Operation cannot be fulfilled on {} \"{}\": the object has been modified; please apply your changes to the latest version and try again",
                kind.resource().qualified_plural(),
                key.name
            )));
        }
        // Fields only the server sets.
        {
            let (o, m) = (old.meta(), obj.meta_mut());
            m.uid = o.uid.clone();
            m.creation_timestamp = o.creation_timestamp;
            m.deletion_timestamp = o.deletion_timestamp;
            m.deletion_grace_period_seconds = o.deletion_grace_period_seconds;
            m.generation = o.generation;
            if m.generate_name.is_empty() {
                m.generate_name = o.generate_name.clone();
            }
        }
        if status {
            registry::keep_spec(&old, &mut obj);
        } else {
            registry::defaults(&mut obj);
            registry::prepare_for_update(&old, &mut obj);
            let mut causes = registry::validate_meta(&obj);
            causes.extend(registry::validate(&obj));
            causes.extend(registry::validate_update(&old, &obj));
            if !causes.is_empty() {
                return Err(ApiError::Invalid { kind: kind.name(), name: key.name, causes });
            }
            if registry::tracks_generation(kind) && registry::spec_changed(&old, &obj) {
                obj.meta_mut().generation = old.meta().generation + 1;
            }
        }
        if obj == old_with_rv(&old, &obj) {
            return Ok(old); // a no-op write does not bump resourceVersion
        }
        // Removing the last finalizer of an object being deleted completes its deletion.
        if obj.meta().deletion_timestamp.is_some() && !registry::has_finalizers(&obj) && !self.awaits_kubelet(&obj) {
            self.store.remove(&key);
            return Ok(obj);
        }
        Ok(self.store.write(obj))
    }

    /// Deletes an object: at once, or by marking it (deletionTimestamp) when finalizers or a
    /// graceful pod termination must run first. Returns the object as the server then holds it.
    pub fn delete(&mut self, kind: Kind, namespace: &str, name: &str, opts: DeleteOptions) -> Result<Object, ApiError> {
        let key = ObjectKey { kind, namespace: ns_for(kind, namespace).to_string(), name: name.to_string() };
        let Some(mut obj) = self.store.get_key(&key) else {
            return Err(ApiError::not_found(kind, name));
        };
        let now = self.now();
        let propagation = opts.propagation.unwrap_or_else(|| registry::default_propagation(kind));
        let m = obj.meta_mut();
        let already_deleting = m.deletion_timestamp.is_some();
        match propagation {
            Propagation::Orphan if !m.finalizers.iter().any(|f| f == FINALIZER_ORPHAN) => m.finalizers.push(FINALIZER_ORPHAN.into()),
            Propagation::Foreground if !m.finalizers.iter().any(|f| f == FINALIZER_FOREGROUND) => {
                m.finalizers.push(FINALIZER_FOREGROUND.into())
            }
            _ => {}
        }
        let grace = registry::grace_period(&obj, opts.grace_period_seconds);
        if already_deleting {
            let m = obj.meta();
            // A second delete may only shorten a pod's grace period.
            let shorter = match (m.deletion_grace_period_seconds, grace) {
                (Some(old), Some(new)) => new < old,
                _ => false,
            };
            if !shorter {
                return Ok(obj);
            }
        }
        let pending_finalizers = registry::has_finalizers(&obj);
        if !pending_finalizers && grace.unwrap_or(0) == 0 {
            self.store.remove(&key);
            return Ok(obj);
        }
        let m = obj.meta_mut();
        m.deletion_timestamp = Some(now + crate::time::Duration::from_secs(grace.unwrap_or(0)));
        m.deletion_grace_period_seconds = Some(grace.unwrap_or(0));
        if let Some(g) = grace.filter(|g| *g > 0) {
            self.schedule_grace_expiry(&key, &obj.meta().uid.clone(), g);
        }
        registry::on_delete(&mut obj);
        Ok(self.store.write(obj))
    }

    /// Whether an object marked for deletion still waits for its kubelet to confirm termination.
    /// (The kubelet, or PodGC for a pod of a vanished node, finishes with a delete of grace 0.)
    fn awaits_kubelet(&self, obj: &Object) -> bool {
        matches!(obj, Object::Pod(p) if p.metadata.deletion_grace_period_seconds.unwrap_or(0) > 0)
    }
}

fn ns_for(kind: Kind, namespace: &str) -> &str {
    if kind.namespaced() {
        namespace
    } else {
        ""
    }
}

/// The name to show in messages: the name, or the generateName prefix when there is none yet.
fn display_name(obj: &Object) -> String {
    let m = obj.meta();
    if m.name.is_empty() {
        m.generate_name.clone()
    } else {
        m.name.clone()
    }
}

/// `old` with `new`'s resourceVersion, to tell a no-op write.
fn old_with_rv(old: &Object, new: &Object) -> Object {
    let mut o = old.clone();
    o.meta_mut().resource_version = new.meta().resource_version.clone();
    o
}
