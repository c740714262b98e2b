//! `kubectl rollout`. Not written yet.

use super::Command;

pub(crate) const COMMAND: Command = Command { name: "rollout", flags: &[], run: |_, _, out| out.error("kubeplay does not support \"kubectl rollout\" yet") };
