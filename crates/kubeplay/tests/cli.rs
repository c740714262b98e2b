//! The `kubeplay` binary as a user runs it: commands piped in, or a script file, give a transcript.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn kubeplay(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubeplay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kubeplay runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

const GET_NODES: &str = "\
$ kubectl get nodes
NAME            STATUS   ROLES           AGE   VERSION
control-plane   Ready    control-plane   0s    v1.31.0
node-1          Ready    <none>          0s    v1.31.0
node-2          Ready    <none>          0s    v1.31.0
node-3          Ready    <none>          0s    v1.31.0
";

#[test]
fn piped_commands_print_a_transcript() {
    let out = kubeplay(&[], "kubectl get nodes\n");
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), GET_NODES);
    assert_eq!(out.stderr, b"");
}

#[test]
fn blank_lines_and_comments_are_skipped_and_errors_stay_in_order() {
    let out = kubeplay(&[], "# a comment\n\nkubectl get nodez\n   \nsim now\n");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "$ kubectl get nodez\nerror: the server doesn't have a resource type \"nodez\"\n$ sim now\n2024-01-01T00:00:00Z\n"
    );
}

#[test]
fn run_file_prints_the_same_transcript() {
    let dir = std::env::temp_dir().join(format!("kubeplay-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("script.sh");
    std::fs::write(&file, "# get the nodes\nkubectl get nodes\n").unwrap();
    let out = kubeplay(&["run", file.to_str().unwrap()], "");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), GET_NODES);
    let missing = kubeplay(&["run", dir.join("nope").to_str().unwrap()], "");
    assert!(!missing.status.success());
    assert!(String::from_utf8(missing.stderr).unwrap().starts_with("kubeplay: cannot read"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn same_seed_same_transcript_and_a_bad_seed_is_refused() {
    // (That the seed reaches the RNG is tested in the cluster crate, on node uids.)
    let a = kubeplay(&["--seed", "7"], "kubectl get nodes -o wide\nsim advance 36h\nkubectl get nodes\n");
    let b = kubeplay(&["--seed", "7"], "kubectl get nodes -o wide\nsim advance 36h\nkubectl get nodes\n");
    assert_eq!(a.stdout, b.stdout);
    assert!(String::from_utf8(a.stdout).unwrap().contains("node-1          Ready    <none>          36h   v1.31.0"));
    let bad = kubeplay(&["--seed", "x"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8(bad.stderr).unwrap().starts_with("kubeplay: --seed needs a non-negative integer"));
}
