//! `kubeplay`: the sandbox in a terminal.
//!
//! - stdin is a terminal: an interactive prompt.
//! - stdin is not a terminal, or `kubeplay run FILE`: a transcript, `$ command` then its output.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use cluster::ClusterConfig;
use kubectl::{transcript, Editor, FileSource, Launch, Session, Stream};

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

/// `kubectl edit` runs the user's editor on a real temp file, as kubectl does: `$KUBE_EDITOR`,
/// else `$EDITOR`, else `vi`; a command with spaces is split on them, or run by `$SHELL -c` when
/// it has quotes or backslashes (kubectl's `editor.go`, read, not copied).
struct ExternalEditor;

impl ExternalEditor {
    /// The editor's argv, and whether it goes through the shell.
    fn command() -> (Vec<String>, bool) {
        let editor = ["KUBE_EDITOR", "EDITOR"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|e| !e.is_empty())
            .unwrap_or_else(|| "vi".to_string());
        if !editor.contains(' ') {
            return (vec![editor], false);
        }
        if !editor.contains(['"', '\'', '\\']) {
            return (editor.split(' ').map(String::from).collect(), false);
        }
        let shell = std::env::var("SHELL").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "/bin/bash".to_string());
        (vec![shell, "-c".to_string(), editor], true)
    }
}

impl Editor for ExternalEditor {
    fn edit(&mut self, path: &str, text: &str) -> Launch {
        if let Err(e) = std::fs::write(path, text) {
            return Launch::Failed(format!("open {path}: {e}"));
        }
        let (args, shell) = Self::command();
        let mut argv = args.clone();
        if shell {
            if let Some(last) = argv.last_mut() {
                *last = format!("{last} {path:?}");
            }
        } else {
            argv.push(path.to_string());
        }
        let joined = args.join(" ");
        match std::process::Command::new(&argv[0]).args(&argv[1..]).status() {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Launch::Failed(format!("unable to launch the editor {joined:?}")),
            Ok(status) if status.success() => match std::fs::read_to_string(path) {
                Ok(t) => Launch::Saved(t),
                Err(e) => Launch::Failed(format!("open {path}: {e}")),
            },
            _ => Launch::Failed(format!("there was a problem with the editor {joined:?}")),
        }
    }

    fn discard(&mut self, path: &str) {
        let _ = std::fs::remove_file(path);
    }

    fn temp_dir(&self) -> String {
        std::env::temp_dir().to_string_lossy().into_owned()
    }
}

const USAGE: &str = "usage: kubeplay [--seed N] [run FILE]

  (no arguments)   interactive prompt; with non-terminal stdin, print a transcript of its commands
  run FILE         print a transcript of the commands in FILE
  --seed N         seed of the simulation (default 1): same seed and commands, same output

`kubectl edit` at the interactive prompt opens $KUBE_EDITOR, else $EDITOR, else vi, on a temp file;
`sim editor OP...` scripts the next opening instead (`sim` alone prints its usage).
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
    if interactive {
        session.set_editor(Box::new(ExternalEditor));
    }
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
