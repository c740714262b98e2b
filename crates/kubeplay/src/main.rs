//! `kubeplay`: the sandbox in a terminal.
//!
//! - stdin is a terminal: an interactive prompt.
//! - stdin is not a terminal, or `kubeplay run FILE`: a transcript, `$ command` then its output.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use cluster::ClusterConfig;
use kubectl::{transcript, FileSource, Session, Stream};

/// `-f FILE` reads the real filesystem.
struct RealFiles;

impl FileSource for RealFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        match std::fs::read_to_string(path) {
            Ok(t) => Ok(t),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(format!("the path \"{path}\" does not exist")),
            Err(e) => Err(format!("error reading {path}: {e}")),
        }
    }
}

const USAGE: &str = "usage: kubeplay [--seed N] [run FILE]

  (no arguments)   interactive prompt; with non-terminal stdin, print a transcript of its commands
  run FILE         print a transcript of the commands in FILE
  --seed N         seed of the simulation (default 1): same seed and commands, same output
";

fn main() -> ExitCode {
    let mut config = ClusterConfig::default();
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => match args.next().and_then(|s| s.parse().ok()) {
                Some(seed) => config.seed = seed,
                None => return usage_error("--seed needs a non-negative integer"),
            },
            "run" => match args.next() {
                Some(f) => file = Some(f),
                None => return usage_error("run needs a FILE"),
            },
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage_error(&format!("unexpected argument \"{other}\"")),
        }
    }
    let mut session = Session::with_files(config, Box::new(RealFiles));
    let stdout = io::stdout();
    let mut stdout = stdout.lock();
    if let Some(path) = file {
        let script = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("kubeplay: cannot read {path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let _ = stdout.write_all(transcript::run_script(&mut session, &script).as_bytes());
        return ExitCode::SUCCESS;
    }
    let stdin = io::stdin();
    let interactive = stdin.is_terminal();
    let mut lines = stdin.lock().lines();
    loop {
        if interactive {
            let _ = write!(stdout, "{}", session.prompt());
            let _ = stdout.flush();
        }
        let mut line = match lines.next() {
            Some(Ok(l)) => l,
            Some(Err(e)) => {
                eprintln!("kubeplay: {e}");
                return ExitCode::FAILURE;
            }
            None => break,
        };
        // A heredoc takes the lines up to its terminator.
        if let Some((word, dash)) = transcript::heredoc_terminator(&line) {
            loop {
                if interactive {
                    let _ = write!(stdout, "> ");
                    let _ = stdout.flush();
                }
                let Some(Ok(body)) = lines.next() else { break };
                line.push('\n');
                line.push_str(&body);
                if (if dash { body.trim_start_matches('\t') } else { &body }) == word {
                    break;
                }
            }
        }
        if interactive {
            // `exit` leaves a container shell the terminal is attached to, else kubeplay.
            if !session.attached() && matches!(line.trim(), "exit" | "quit") {
                break;
            }
            for (stream, text) in session.run(&line).chunks {
                match stream {
                    Stream::Stdout => {
                        let _ = stdout.write_all(text.as_bytes());
                    }
                    Stream::Stderr => {
                        let _ = stdout.flush();
                        let _ = io::stderr().write_all(text.as_bytes());
                    }
                }
            }
        } else if !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            let t = transcript::run_command(&mut session, line.trim_start());
            if stdout.write_all(t.as_bytes()).is_err() {
                break; // the reader went away (`| head`)
            }
        }
    }
    if interactive {
        let _ = writeln!(stdout);
    }
    let _ = stdout.flush();
    ExitCode::SUCCESS
}

fn usage_error(msg: &str) -> ExitCode {
    eprint!("kubeplay: {msg}\n{USAGE}");
    ExitCode::from(2)
}
