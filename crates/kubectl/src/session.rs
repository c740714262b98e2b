//! A sandbox session: one cluster and the state of the "terminal" in front of it. Both front
//! ends (the `kubeplay` binary and the web app) feed it command lines and show its [`Output`].

use cluster::time::parse_go_duration;
use cluster::{Cluster, ClusterConfig};

use crate::cmd::{self, Context};
use crate::output::Output;
use crate::shell::{tokenize, Token};
use crate::transcript::heredoc_terminator;

/// Where `-f FILE` reads from: the real filesystem for the terminal binary, the editor's tabs
/// in the web app.
pub trait FileSource {
    /// The file's text, or kubectl's message when it cannot be read.
    fn read(&self, path: &str) -> Result<String, String>;
}

/// No files at all (every path "does not exist").
pub struct NoFiles;

impl FileSource for NoFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        Err(format!("the path \"{path}\" does not exist"))
    }
}

pub struct Session {
    cluster: Cluster,
    namespace: String,
    files: Box<dyn FileSource>,
}

impl Session {
    pub fn new(config: ClusterConfig) -> Self {
        Session::with_files(config, Box::new(NoFiles))
    }

    pub fn with_files(config: ClusterConfig, files: Box<dyn FileSource>) -> Self {
        Session { cluster: Cluster::new(config), namespace: "default".into(), files }
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// Runs one command and returns what it printed. The command is one line, or a line with a
    /// heredoc (`<<EOF`) followed by its body and terminator, which become the command's stdin.
    /// Never panics on any input.
    pub fn run(&mut self, command: &str) -> Output {
        let mut out = Output::default();
        let (line, stdin) = split_heredoc(command);
        let tokens = match tokenize(&line) {
            Ok(t) => t,
            Err(e) => {
                out.err(format!("sh: {e}\n"));
                out.status = 2;
                return out;
            }
        };
        if tokens.contains(&Token::Pipe) {
            out.error("kubeplay does not support pipes yet");
            return out;
        }
        let words: Vec<String> = tokens
            .into_iter()
            .filter_map(|t| match t {
                Token::Word(w) => Some(w),
                Token::Pipe => None,
            })
            .collect();
        let Some((program, args)) = words.split_first() else {
            return out;
        };
        match program.as_str() {
            "kubectl" | "k" => {
                // `-n` on one command does not change the session's namespace.
                let mut ctx = Context {
                    cluster: &mut self.cluster,
                    namespace: self.namespace.clone(),
                    stdin,
                    files: self.files.as_ref(),
                };
                cmd::kubectl(&mut ctx, args, &mut out);
                for w in self.cluster.take_warnings() {
                    out.err(format!("{w}\n"));
                }
            }
            "sim" => self.sim(args, &mut out),
            other => {
                out.err(format!("{other}: command not found\n"));
                out.status = 127;
            }
        }
        out
    }

    /// `sim …`: sandbox commands that have no kubectl equivalent.
    fn sim(&mut self, args: &[String], out: &mut Output) {
        match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["now"] => out.out(format!("{}\n", self.cluster.now())),
            ["reset"] => {
                self.cluster = Cluster::new(self.cluster.config().clone());
                self.namespace = "default".into();
                out.out(format!("cluster reset (seed {}, clock {})\n", self.cluster.config().seed, self.cluster.now()));
            }
            ["seed", n] => match n.parse::<u64>() {
                Ok(seed) => {
                    let config = ClusterConfig { seed, ..self.cluster.config().clone() };
                    self.cluster = Cluster::new(config);
                    self.namespace = "default".into();
                    out.out(format!("cluster reset (seed {seed}, clock {})\n", self.cluster.now()));
                }
                Err(_) => out.error(format!("sim seed: \"{n}\" is not a non-negative integer")),
            },
            ["advance", d] => match parse_go_duration(d) {
                Ok(d) if d.as_millis() >= 0 => {
                    self.cluster.advance(d);
                    out.out(format!("{}\n", self.cluster.now()));
                }
                Ok(_) => out.error("sim advance: the duration must not be negative"),
                Err(e) => out.error(format!("sim advance: {e}")),
            },
            _ => out.error(SIM_USAGE),
        }
    }
}

/// Separates a command's first line (without its `<<WORD` marker) from its heredoc body.
fn split_heredoc(command: &str) -> (String, Option<String>) {
    let (first, rest) = command.split_once('\n').unwrap_or((command, ""));
    let Some((word, dash)) = heredoc_terminator(first) else {
        return (first.to_string(), None);
    };
    let marker = first.find("<<").unwrap_or(first.len());
    let after = &first[marker + 2..];
    let after = after.strip_prefix('-').unwrap_or(after).trim_start();
    let quoted_len = after.find(|c: char| c.is_whitespace() || c == '|' || c == ';').unwrap_or(after.len());
    let line = format!("{}{}", &first[..marker], &after[quoted_len..]);
    let mut body = String::new();
    for l in rest.lines() {
        let l = if dash { l.trim_start_matches('\t') } else { l };
        if l == word {
            break;
        }
        body.push_str(l);
        body.push('\n');
    }
    (line, Some(body))
}

const SIM_USAGE: &str = "usage: sim now | sim advance DURATION (Go syntax: 90s, 5m, 1h30m) | sim reset | sim seed N";
