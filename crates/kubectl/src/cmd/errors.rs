//! kubectl's error printing (`cmdutil.CheckErr` over what a command collected): one error in its
//! own form (`The Pod "x" is invalid: …`, `Error from server (NotFound): …`, `error: …`); several
//! one per line as `MultipleErrors` prints them (`messageForError`, no `error: ` prefix).

use cluster::validation::{invalid_error, invalid_status_message, join_aggregate};
use cluster::{ApiError, Kind};

use crate::output::Output;

/// An error as `checkErr` sees it.
#[derive(Clone, Debug)]
pub enum CmdError {
    /// An API status error.
    Api(ApiError),
    /// An API error about a manifest: (verb, file) as cli-runtime's `AddSourceToErr` adds them
    /// (`error when creating "pod.yaml": …`).
    FromFile(ApiError, &'static str, String),
    /// An API error whose status message kubectl prefixed with context, as `AddSourceToErr`
    /// does around a patch (`error when applying patch:\n…\nfor: "f": error when patching "f": `).
    Wrapped(ApiError, String),
    /// Anything else, already worded (`error: ` is added when printed alone).
    Plain(String),
    /// Errors collected together (`utilerrors.Aggregate`).
    Agg(Vec<CmdError>),
}

impl CmdError {
    pub fn plain(s: impl Into<String>) -> CmdError {
        CmdError::Plain(s.into())
    }

    fn api(&self) -> Option<&ApiError> {
        match self {
            CmdError::Api(e) | CmdError::FromFile(e, _, _) | CmdError::Wrapped(e, _) => Some(e),
            _ => None,
        }
    }

    /// `err.Error()`: the server's status message (an Invalid one names the GroupKind).
    fn error(&self) -> String {
        let status = |e: &ApiError| match e {
            ApiError::Invalid { kind, name, causes } => invalid_status_message(&qualified_kind(kind), name, causes),
            e => e.to_string(),
        };
        match self {
            CmdError::Api(e) => status(e),
            CmdError::FromFile(e, verb, file) => format!("error when {verb} \"{file}\": {}", status(e)),
            CmdError::Wrapped(e, prefix) => format!("{prefix}{}", status(e)),
            CmdError::Plain(s) => s.clone(),
            CmdError::Agg(v) => join_aggregate(&v.iter().map(CmdError::error).collect::<Vec<_>>()),
        }
    }

    /// `messageForError`: `StandardErrorMessage` for API errors, `Error()` otherwise.
    fn message(&self) -> String {
        match self.api() {
            Some(e) => format!("Error from server ({}): {}", e.reason(), self.error()),
            None => self.error(),
        }
    }
}

/// `Deployment.apps` for the server's Invalid message (`errors.NewInvalid` uses the GroupKind).
fn qualified_kind(kind: &str) -> String {
    match Kind::from_name(kind).map(|k| k.resource().group).filter(|g| !g.is_empty()) {
        Some(group) => format!("{kind}.{group}"),
        None => kind.to_string(),
    }
}

/// Prints what a command collected and marks it failed, as `CheckErr` does.
pub fn print_errors(out: &mut Output, mut errs: Vec<CmdError>) {
    let e = match errs.len() {
        0 => return,
        1 => errs.remove(0),
        _ => CmdError::Agg(errs),
    };
    // checkErr unwraps an aggregate of one.
    let e = match e {
        CmdError::Agg(mut v) if v.len() == 1 => v.remove(0),
        other => other,
    };
    let text = match &e {
        CmdError::Api(ApiError::Invalid { kind, name, causes })
        | CmdError::FromFile(ApiError::Invalid { kind, name, causes }, _, _)
        | CmdError::Wrapped(ApiError::Invalid { kind, name, causes }, _) => {
            format!("{}\n", invalid_error(kind, name, causes))
        }
        CmdError::Agg(v) => v.iter().map(|x| format!("{}\n", x.message())).collect(),
        CmdError::Api(_) | CmdError::FromFile(..) | CmdError::Wrapped(..) => format!("{}\n", e.message()),
        CmdError::Plain(s) if s.starts_with("error: ") => format!("{s}\n"),
        CmdError::Plain(s) => format!("error: {s}\n"),
    };
    out.err(text);
    out.status = 1;
}
