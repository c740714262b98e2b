//! `kubectl exec`. Not written yet.

use super::Command;

pub(crate) const COMMAND: Command = Command { name: "exec", flags: &[], run: |_, _, out| out.error("kubeplay does not support \"kubectl exec\" yet") };
