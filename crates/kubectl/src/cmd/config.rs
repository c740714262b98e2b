//! `kubectl config`. Not written yet.

use super::Command;

pub(crate) const COMMAND: Command = Command { name: "config", flags: &[], run: |_, _, out| out.error("kubeplay does not support \"kubectl config\" yet") };
