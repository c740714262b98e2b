//! A sandbox session: one cluster and the state of the "terminal" in front of it. Both front
//! ends (the `kubeplay` binary and the web app) feed it command lines and show its [`Output`].

use cluster::time::parse_go_duration;
use cluster::{Cluster, ClusterConfig};

use crate::cmd::{self, Context};
use crate::output::Output;
use crate::shell::{tokenize, Token};

pub struct Session {
    cluster: Cluster,
    namespace: String,
}

impl Session {
    pub fn new(config: ClusterConfig) -> Self {
        Session { cluster: Cluster::new(config), namespace: "default".into() }
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// Runs one command line and returns what it printed. Never panics on any input.
    pub fn run(&mut self, line: &str) -> Output {
        let mut out = Output::default();
        let tokens = match tokenize(line) {
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
                let mut ctx = Context { cluster: &mut self.cluster, namespace: self.namespace.clone() };
                cmd::kubectl(&mut ctx, args, &mut out);
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

const SIM_USAGE: &str = "usage: sim now | sim advance DURATION (Go syntax: 90s, 5m, 1h30m)";
