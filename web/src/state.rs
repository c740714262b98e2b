//! The terminal's state as a reducer: the lines on screen and the command history.

use std::rc::Rc;

use kubectl::{Output, Stream};
use yew::Reducible;

/// What a line of the terminal shows, which decides its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Command,
    Stdout,
    Stderr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Terminal {
    pub lines: Vec<Line>,
    pub history: Vec<String>,
}

pub enum Action {
    /// A command was run and printed `Output`.
    Ran(String, Output),
    Clear,
}

impl Reducible for Terminal {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Ran(command, output) => {
                next.lines.push(Line { kind: LineKind::Command, text: command.clone() });
                for (stream, text) in output.chunks {
                    let kind = match stream {
                        Stream::Stdout => LineKind::Stdout,
                        Stream::Stderr => LineKind::Stderr,
                    };
                    next.lines.push(Line { kind, text: text.strip_suffix('\n').unwrap_or(&text).to_string() });
                }
                if !command.trim().is_empty() && next.history.last() != Some(&command) {
                    next.history.push(command);
                }
            }
            Action::Clear => next.lines.clear(),
        }
        Rc::new(next)
    }
}
