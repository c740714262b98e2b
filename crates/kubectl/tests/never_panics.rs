//! No input may panic: random command lines and random manifests, built from fragments a
//! learner (or a fuzzer) would type, go through a session; every one must come back as output.

use cluster::rng::Rng;
use cluster::ClusterConfig;
use kubectl::Session;

const WORDS: &[&str] = &[
    "kubectl", "k", "sim", "get", "apply", "create", "delete", "describe", "label", "annotate", "version", "help",
    "nodes", "no", "pods", "po", "pod/web", "deploy", "deployment.apps", "cronjobs.batch", "svc", "ns", "cm", "ev",
    "all", "foo", "-o", "yaml", "json", "wide", "name", "-n", "kube-system", "-A", "--all", "-l", "app=web",
    "app in (a,b)", "!app", "--show-labels", "--no-headers", "-L", "app", "--cascade=orphan", "--cascade=false",
    "--grace-period=0", "--force", "--wait=false", "--timeout=5s", "-f", "-", "missing.yaml", "--", "'", "\"", "|",
    "<<EOF", "#", "=", "--=", "-", "---", "advance", "90s", "-5m", "now", "reset", "seed", "99999999999999999999",
    "\u{1F600}", "é", "\t", "--output=", "-nfoo", "-Aa", "web", "node-1", "x=y", "x-", "--overwrite",
];

const MANIFEST_LINES: &[&str] = &[
    "apiVersion: v1", "apiVersion: apps/v1", "apiVersion: batch/v1", "apiVersion: apps/v1beta2", "apiVersion: 7",
    "kind: Pod", "kind: Deployment", "kind: Service", "kind: Namespace", "kind: Job", "kind: Foo", "kind: [",
    "metadata:", "  name: web", "  name: My_App", "  namespace: dev", "  labels:", "    app: web", "  generateName: w-",
    "spec:", "  replicas: 3", "  replicas: -1", "  replicas: 99999999", "  replicas: three", "  selector:",
    "    matchLabels:", "      app: web", "  template:", "    metadata:", "      labels:", "        app: web",
    "    spec:", "      containers:", "      - name: web", "        image: nginx", "        imagee: x",
    "  containers:", "  - name: web", "    image: nginx:1.25", "    ports:", "    - containerPort: 80",
    "    - containerPort: 0", "  ports:", "  - port: 80", "  clusterIP: None", "  type: NodePort", "---",
    "a: &a [x, x]", "b: [*a, *a]", "\t- bad", "key: 'unterminated", "{", "- just a list", "",
];

fn random_line(rng: &mut Rng) -> String {
    let n = 1 + rng.below(8) as usize;
    (0..n).map(|_| WORDS[rng.below(WORDS.len() as u64) as usize]).collect::<Vec<_>>().join(" ")
}

fn random_manifest(rng: &mut Rng) -> String {
    let n = rng.below(25) as usize;
    let body: Vec<&str> = (0..n).map(|_| MANIFEST_LINES[rng.below(MANIFEST_LINES.len() as u64) as usize]).collect();
    let verb = ["apply", "create", "delete"][rng.below(3) as usize];
    format!("kubectl {verb} -f - <<EOF\n{}\nEOF", body.join("\n"))
}

#[test]
fn random_command_lines_never_panic() {
    let mut rng = Rng::new(20240101);
    let mut session = Session::new(ClusterConfig::default());
    for i in 0..5_000 {
        let line = random_line(&mut rng);
        let out = session.run(&line);
        // Only an empty command (a comment, or nothing but a heredoc marker) may print nothing.
        let silent_ok = line.trim().is_empty() || line.trim_start().starts_with('#') || line.trim_start().starts_with("<<");
        assert!(silent_ok || !out.text().is_empty(), "`{line}` printed nothing");
        if i % 500 == 0 {
            session = Session::new(ClusterConfig::default());
        }
    }
}

#[test]
fn random_manifests_never_panic_and_failed_documents_change_nothing() {
    let mut rng = Rng::new(7);
    let mut session = Session::new(ClusterConfig::default());
    for _ in 0..2_000 {
        let cmd = random_manifest(&mut rng);
        let before = session.cluster().store.object_count();
        let out = session.run(&cmd);
        assert!(!out.text().is_empty(), "`{cmd}` printed nothing");
        if out.stdout().is_empty() && cmd.starts_with("kubectl create") {
            assert_eq!(session.cluster().store.object_count(), before, "a create that created nothing changed the store:\n{cmd}\n{}", out.text());
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng::new(99);
    let mut session = Session::new(ClusterConfig::default());
    for _ in 0..3_000 {
        let n = rng.below(40) as usize;
        let s: String = (0..n).map(|_| char::from_u32(rng.below(0x300) as u32).unwrap_or('?')).collect();
        session.run(&s);
        session.run(&format!("kubectl {s}"));
    }
}
