//! `kubectl edit`. Not written yet.

use super::Command;

pub(crate) const COMMAND: Command = Command { name: "edit", flags: &[], run: |_, _, out| out.error("kubeplay does not support \"kubectl edit\" yet") };
