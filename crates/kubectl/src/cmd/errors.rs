//! kubectl's error printing (`cmdutil.CheckErr`): one error gets its own form (`The Pod "x" is
//! invalid: …`, `Error from server (NotFound): …`, `error: …`); several are printed one per
//! line, each as `messageForError` renders it.

use cluster::ApiError;

use crate::output::Output;

/// An error a command collected.
#[derive(Clone, Debug)]
pub enum CmdError {
    /// An API error; `source` is (verb, file) when it came from a manifest (`error when creating
    /// "pod.yaml": …`, cli-runtime's `AddSourceToErr`).
    Api { err: ApiError, source: Option<(&'static str, String)> },
    /// Anything else, already worded (without `error: `).
    Plain(String),
}

impl CmdError {
    fn server_message(err: &ApiError, source: &Option<(&'static str, String)>) -> String {
        match source {
            Some((verb, file)) => format!("error when {verb} \"{file}\": {err}"),
            None => err.to_string(),
        }
    }

    /// The line `MultipleErrors` prints for this error.
    fn multi_line(&self) -> String {
        match self {
            CmdError::Api { err, source } => format!("Error from server ({}): {}", err.reason(), Self::server_message(err, source)),
            CmdError::Plain(m) => m.clone(),
        }
    }
}

/// Prints what a command collected and marks it failed, as `CheckErr` does.
pub fn print_errors(out: &mut Output, errors: &[CmdError]) {
    match errors {
        [] => {}
        [one] => print_one(out, one),
        many => {
            for e in many {
                out.err(format!("{}\n", e.multi_line()));
            }
            out.status = 1;
        }
    }
}

fn print_one(out: &mut Output, e: &CmdError) {
    match e {
        CmdError::Api { err: ApiError::Invalid { kind, name, causes }, .. } => {
            let lines: Vec<String> = causes.iter().map(|c| c.to_string()).collect();
            let msg = match lines.as_slice() {
                [] => format!("The {kind} \"{name}\" is invalid"),
                [one] => format!("The {kind} \"{name}\" is invalid: {one}"),
                many => format!("The {kind} \"{name}\" is invalid: \n{}", many.iter().map(|l| format!("* {l}")).collect::<Vec<_>>().join("\n")),
            };
            out.err(format!("{msg}\n"));
            out.status = 1;
        }
        CmdError::Api { .. } => {
            out.err(format!("{}\n", e.multi_line()));
            out.status = 1;
        }
        CmdError::Plain(m) => out.error(m),
    }
}
