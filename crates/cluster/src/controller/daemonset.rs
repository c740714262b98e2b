//! The daemonset controller (`pkg/controller/daemonset`, v1.31). Not written yet.

use crate::cluster::Cluster;
use crate::object::Kind;
use crate::store::Change;

pub(crate) fn on_change(_c: &mut Cluster, _change: &Change) {}

/// A requeued sync of one object (`Timer::Resync`) is due.
pub(crate) fn sync(_c: &mut Cluster, _kind: Kind, _namespace: &str, _name: &str) {}
