//! `kubectl logs`. Not written yet.

use super::Command;

pub(crate) const COMMAND: Command = Command { name: "logs", flags: &[], run: |_, _, out| out.error("kubeplay does not support \"kubectl logs\" yet") };
