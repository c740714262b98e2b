//! `kubectl describe` (being written).

use crate::cmd::{Command, Context};
use crate::flags::{Flag, Parsed};
use crate::output::Output;

pub const COMMAND: Command = Command { name: "describe", flags: FLAGS, run };

const FLAGS: &[Flag] = &[];

fn run(_ctx: &mut Context, _p: &Parsed, out: &mut Output) {
    out.error("kubeplay does not support \"kubectl describe\" yet");
}
