//! Containers run their processes: the shell on the virtual clock, native programs (nginx,
//! kubia), logs, volumes, the environment, cluster DNS and Services, exec, exec probes.

use cluster::api::*;
use cluster::kubelet::{ExecOptions, ExecState};
use cluster::time::Duration;
use cluster::{Cluster, Kind, Object};

fn container(name: &str, image: &str, command: &[&str]) -> Container {
    Container { name: name.into(), image: image.into(), command: command.iter().map(|s| s.to_string()).collect(), ..Default::default() }
}

fn pod_with(name: &str, labels: &[(&str, &str)], restart: &str, containers: Vec<Container>, volumes: Vec<Volume>) -> Pod {
    Pod {
        metadata: ObjectMeta { name: name.into(), labels: labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), ..Default::default() },
        spec: PodSpec { containers, volumes, restart_policy: restart.into(), ..Default::default() },
        ..Default::default()
    }
}

fn create(c: &mut Cluster, obj: impl Into<Object>) {
    c.create(obj.into()).unwrap();
    c.settle();
}

fn pod(c: &Cluster, name: &str) -> Pod {
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", name) else { panic!("no pod {name}") };
    p
}

fn logs(c: &Cluster, pod: &str, container: &str) -> Vec<String> {
    c.container_logs("default", pod, container, false).unwrap().lines.into_iter().map(|l| l.text).collect()
}

/// Runs a command in a container to its end, moving the clock as it sleeps.
fn exec(c: &mut Cluster, pod: &str, container: &str, cmd: &[&str]) -> (String, i32) {
    let opts = ExecOptions { container: container.into(), command: cmd.iter().map(|s| s.to_string()).collect(), ..Default::default() };
    let mut e = c.exec_start("default", pod, &opts).unwrap_or_else(|err| panic!("exec {cmd:?}: {err:?}"));
    let mut out = String::new();
    loop {
        let state = c.exec_run(&mut e);
        for (_, l) in e.take_output() {
            out.push_str(&l);
            out.push('\n');
        }
        match state {
            ExecState::Exited(code) => return (out, code),
            ExecState::Sleeping(t) => {
                let now = c.now();
                c.advance(t - now);
            }
            other => panic!("{cmd:?}: {other:?}"),
        }
    }
}

fn mount(name: &str, path: &str) -> VolumeMount {
    VolumeMount { name: name.into(), mount_path: path.into(), ..Default::default() }
}

#[test]
fn a_shell_script_runs_on_the_virtual_clock_and_its_exit_code_decides_the_state() {
    let mut c = Cluster::default();
    let script = "echo start; sleep 30; echo done >&2; exit 3";
    create(&mut c, pod_with("job", &[], "Never", vec![container("main", "busybox", &["sh", "-c", script])], vec![]));
    c.advance(Duration::from_secs(10));
    assert_eq!(logs(&c, "job", "main"), ["start"]);
    assert!(pod(&c, "job").status.container_statuses[0].state.running.is_some());
    c.advance(Duration::from_secs(30));
    assert_eq!(logs(&c, "job", "main"), ["start", "done"]);
    let p = pod(&c, "job");
    let t = p.status.container_statuses[0].state.terminated.clone().unwrap();
    assert_eq!((t.exit_code, t.reason.as_str(), p.status.phase.as_str()), (3, "Error", "Failed"));
    let stream = c.container_logs("default", "job", "main", false).unwrap();
    assert!(stream.lines[1].stderr);
    assert_eq!((stream.lines[1].time - stream.lines[0].time).as_secs(), 30, "the sleep took virtual time");
    assert_eq!(stream.lines[0].timestamp().len(), "2024-01-01T00:00:07.123456789Z".len());
}

#[test]
fn images_run_their_programs_with_kubernetes_command_and_args() {
    let mut c = Cluster::default();
    // `args` alone replaces the image's CMD and keeps its ENTRYPOINT (none for busybox).
    let mut args_only = container("a", "busybox", &[]);
    args_only.args = vec!["sh".into(), "-c".into(), "echo $(MSG) $MSG".into()];
    args_only.env = vec![EnvVar { name: "MSG".into(), value: "hi".into(), ..Default::default() }];
    create(&mut c, pod_with("args", &[], "Never", vec![args_only], vec![]));
    create(&mut c, pod_with("batch", &[], "OnFailure", vec![container("main", "luksa/batch-job", &[])], vec![]));
    create(&mut c, pod_with("pi", &[], "Never", vec![container("pi", "perl:5.34.0", &["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"])], vec![]));
    create(&mut c, pod_with("nope", &[], "Never", vec![container("x", "busybox", &["nosuchcmd"])], vec![]));
    c.advance(Duration::from_secs(200));
    assert_eq!(logs(&c, "args", "a"), ["hi hi"], "$(MSG) is expanded by the kubelet, $MSG by the shell");
    let batch = logs(&c, "batch", "main");
    assert_eq!(batch.len(), 2);
    assert!(batch[0].ends_with("UTC 2024 Batch job starting") && batch[1].ends_with("UTC 2024 Finished succesfully"), "{batch:?}");
    assert_eq!(pod(&c, "batch").status.phase, "Succeeded");
    let pi = logs(&c, "pi", "pi");
    assert_eq!(pi.len(), 1);
    assert!(pi[0].starts_with("3.14159265358979") && pi[0].len() == 2001);
    let t = pod(&c, "nope").status.container_statuses[0].state.terminated.clone().unwrap();
    assert_eq!((t.exit_code, t.reason.as_str()), (128, "StartError"));
    assert!(t.message.ends_with("exec: \"nosuchcmd\": executable file not found in $PATH: unknown"), "{}", t.message);
}

#[test]
fn containers_of_a_pod_share_an_empty_dir_and_read_config_volumes_and_env() {
    let mut c = Cluster::default();
    let cm = ConfigMap { metadata: ObjectMeta { name: "cfg".into(), ..Default::default() }, data: [("color".to_string(), "blue".to_string())].into(), ..Default::default() };
    create(&mut c, cm);
    let secret = Secret { metadata: ObjectMeta { name: "pw".into(), ..Default::default() }, string_data: [("password".to_string(), "s3cret".to_string())].into(), ..Default::default() };
    create(&mut c, secret);
    let mut writer = container("writer", "busybox", &["sh", "-c", "echo hello > /shared/greeting; sleep 3600"]);
    writer.volume_mounts = vec![mount("shared", "/shared")];
    let mut web = container("web", "nginx", &[]);
    web.volume_mounts = vec![mount("shared", "/usr/share/nginx/html"), mount("cfg", "/etc/cfg")];
    web.env = vec![
        EnvVar { name: "POD_NAME".into(), value_from: Some(EnvVarSource { field_ref: Some(ObjectFieldSelector { field_path: "metadata.name".into(), ..Default::default() }), ..Default::default() }), ..Default::default() },
        EnvVar { name: "PASSWORD".into(), value_from: Some(EnvVarSource { secret_key_ref: Some(SecretKeySelector { name: "pw".into(), key: "password".into(), ..Default::default() }), ..Default::default() }), ..Default::default() },
    ];
    web.env_from = vec![EnvFromSource { config_map_ref: Some(ConfigMapEnvSource { name: "cfg".into(), ..Default::default() }), ..Default::default() }];
    let volumes = vec![
        Volume { name: "shared".into(), empty_dir: Some(Default::default()), ..Default::default() },
        Volume { name: "cfg".into(), config_map: Some(ConfigMapVolumeSource { name: "cfg".into(), ..Default::default() }), ..Default::default() },
    ];
    create(&mut c, pod_with("two", &[], "", vec![writer, web], volumes));
    c.advance(Duration::from_secs(20));
    assert_eq!(exec(&mut c, "two", "web", &["cat", "/usr/share/nginx/html/greeting"]), ("hello\n".into(), 0));
    assert_eq!(exec(&mut c, "two", "web", &["cat", "/etc/cfg/color"]), ("blue\n".into(), 0), "a key is a file (without a newline)");
    let (env, _) = exec(&mut c, "two", "web", &["env"]);
    assert!(env.contains("POD_NAME=two\n") && env.contains("PASSWORD=s3cret\n") && env.contains("color=blue\n"), "{env}");
    assert!(env.contains("KUBERNETES_SERVICE_HOST=10.96.0.1\n") && env.starts_with("PATH=") && env.contains("HOSTNAME=two\n"), "{env}");
    // The mount hides the image's index.html; nginx serves what the volume holds.
    assert_eq!(exec(&mut c, "two", "web", &["curl", "-s", "localhost/greeting"]), ("hello\n".into(), 0));
    let (out, code) = exec(&mut c, "two", "web", &["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "localhost/"]);
    assert_eq!((out.as_str(), code), ("403\n", 0), "an empty directory without an index is forbidden");
    let missing = pod_with("missing", &[], "", vec![Container { env_from: vec![EnvFromSource { config_map_ref: Some(ConfigMapEnvSource { name: "nope".into(), ..Default::default() }), ..Default::default() }], ..container("c", "busybox", &["sleep", "10"]) }], vec![]);
    create(&mut c, missing);
    c.advance(Duration::from_secs(10));
    let w = pod(&c, "missing").status.container_statuses[0].state.waiting.clone().unwrap();
    assert_eq!((w.reason.as_str(), w.message.as_str()), ("CreateContainerConfigError", "configmap \"nope\" not found"));
}

#[test]
fn a_claims_data_outlives_its_pod() {
    let mut c = Cluster::default();
    let pvc = PersistentVolumeClaim {
        metadata: ObjectMeta { name: "data".into(), ..Default::default() },
        spec: PersistentVolumeClaimSpec {
            access_modes: vec!["ReadWriteOnce".into()],
            resources: VolumeResourceRequirements { requests: [("storage".to_string(), "1Gi".into())].into(), ..Default::default() },
            ..Default::default()
        },
        ..Default::default()
    };
    create(&mut c, pvc);
    let volumes = || vec![Volume { name: "data".into(), persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource { claim_name: "data".into(), ..Default::default() }), ..Default::default() }];
    let mut writer = container("w", "busybox", &["sh", "-c", "hostname > /data/who"]);
    writer.volume_mounts = vec![mount("data", "/data")];
    create(&mut c, pod_with("first", &[], "Never", vec![writer], volumes()));
    c.advance(Duration::from_secs(20));
    assert_eq!(pod(&c, "first").status.phase, "Succeeded");
    c.delete(Kind::Pod, "default", "first", Default::default()).unwrap();
    c.advance(Duration::from_secs(5));
    let mut reader = container("r", "busybox", &["cat", "/data/who"]);
    reader.volume_mounts = vec![mount("data", "/data")];
    create(&mut c, pod_with("second", &[], "Never", vec![reader], volumes()));
    c.advance(Duration::from_secs(20));
    assert_eq!(logs(&c, "second", "r"), ["first"]);
}

#[test]
fn pods_reach_services_by_name_and_servers_log_requests() {
    let mut c = Cluster::default();
    for name in ["kubia-a", "kubia-b"] {
        create(&mut c, pod_with(name, &[("app", "kubia")], "", vec![container("kubia", "luksa/kubia", &[])], vec![]));
    }
    let svc = Service {
        metadata: ObjectMeta { name: "kubia".into(), ..Default::default() },
        spec: ServiceSpec {
            selector: [("app".to_string(), "kubia".to_string())].into(),
            ports: vec![ServicePort { port: 80, target_port: Some(IntOrString::Int(8080)), ..Default::default() }],
            ..Default::default()
        },
        ..Default::default()
    };
    create(&mut c, svc);
    create(&mut c, pod_with("client", &[], "", vec![container("box", "busybox", &["sleep", "3600"])], vec![]));
    c.advance(Duration::from_secs(30));
    let mut answers = std::collections::BTreeSet::new();
    for _ in 0..8 {
        let (out, code) = exec(&mut c, "client", "box", &["wget", "-qO-", "http://kubia"]);
        assert_eq!(code, 0);
        answers.insert(out);
    }
    assert_eq!(answers.into_iter().collect::<Vec<_>>(), ["You've hit kubia-a\n", "You've hit kubia-b\n"], "the Service spreads requests");
    let a = logs(&c, "kubia-a", "kubia");
    assert_eq!(a[0], "Kubia server starting...");
    let client_ip = pod(&c, "client").status.pod_ip;
    assert!(a[1..].iter().all(|l| *l == format!("Received request from ::ffff:{client_ip}")), "{a:?}");
    let (out, code) = exec(&mut c, "client", "box", &["nslookup", "kubia.default"]);
    assert_eq!(code, 0);
    assert!(out.contains("Name:\tkubia.default.svc.cluster.local\n"), "{out}");
    let (_, code) = exec(&mut c, "client", "box", &["wget", "-qO-", "http://nosuch"]);
    assert_eq!(code, 1);
}

#[test]
fn an_exec_probe_fails_once_the_file_is_gone_and_the_container_restarts() {
    let mut c = Cluster::default();
    let mut k = container("liveness", "registry.k8s.io/busybox", &[]);
    k.args = vec!["/bin/sh".into(), "-c".into(), "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600".into()];
    k.liveness_probe = Some(Probe {
        exec: Some(ExecAction { command: vec!["cat".into(), "/tmp/healthy".into()] }),
        initial_delay_seconds: 5,
        period_seconds: 5,
        ..Default::default()
    });
    create(&mut c, pod_with("liveness-exec", &[], "", vec![k], vec![]));
    c.advance(Duration::from_secs(30));
    let unhealthy = |c: &Cluster| c.list(Kind::Event, Some("default")).into_iter().filter_map(|o| if let Object::Event(e) = o { Some(e) } else { None }).find(|e| e.reason == "Unhealthy");
    assert!(unhealthy(&c).is_none());
    c.advance(Duration::from_secs(20));
    let e = unhealthy(&c).expect("the probe failed");
    assert_eq!(e.message, "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    // sh as PID 1 ignores SIGTERM: SIGKILL after the 30 s grace period.
    c.advance(Duration::from_secs(40));
    let s = &pod(&c, "liveness-exec").status.container_statuses[0];
    assert_eq!(s.restart_count, 1);
    assert_eq!(s.last_state.terminated.as_ref().map(|t| t.exit_code), Some(137));
}

#[test]
fn a_trapped_sigterm_ends_the_container_early() {
    let mut c = Cluster::default();
    create(&mut c, pod_with("trap", &[], "", vec![container("c", "busybox", &["sh", "-c", "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done"])], vec![]));
    create(&mut c, pod_with("plain", &[], "", vec![container("c", "busybox", &["sh", "-c", "while true; do sleep 1; done"])], vec![]));
    c.advance(Duration::from_secs(20));
    c.delete(Kind::Pod, "default", "trap", Default::default()).unwrap();
    c.delete(Kind::Pod, "default", "plain", Default::default()).unwrap();
    c.advance(Duration::from_secs(2));
    assert!(c.get(Kind::Pod, "default", "trap").is_err(), "the trap exits at once");
    assert!(c.get(Kind::Pod, "default", "plain").is_ok(), "PID 1 ignores SIGTERM");
    c.advance(Duration::from_secs(30));
    assert!(c.get(Kind::Pod, "default", "plain").is_err());
}

#[test]
fn logs_of_waiting_and_restarted_containers_follow_the_kubelets_rules() {
    let mut c = Cluster::default();
    create(&mut c, pod_with("web", &[], "", vec![container("web", "nginx", &[])], vec![]));
    let err = c.container_logs("default", "web", "web", false).unwrap_err();
    assert_eq!(err.to_string(), "container \"web\" in pod \"web\" is waiting to start: ContainerCreating");
    create(&mut c, pod_with("crash", &[], "", vec![container("c", "busybox", &["sh", "-c", "echo run; exit 1"])], vec![]));
    c.advance(Duration::from_secs(30));
    let err = c.container_logs("default", "web", "web", true).unwrap_err();
    assert_eq!(err.to_string(), "previous terminated container \"web\" in pod \"web\" not found");
    assert_eq!(logs(&c, "web", "web")[0], "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
    let p = pod(&c, "crash");
    assert!(p.status.container_statuses[0].restart_count >= 1);
    assert_eq!(c.container_logs("default", "crash", "c", true).unwrap().lines.len(), 1);
    assert_eq!(logs(&c, "crash", "c"), ["run"]);
    assert_eq!(c.container_logs("default", "web", "nope", false).unwrap_err().to_string(), "container nope is not valid for pod web");
}

#[test]
fn a_chatty_container_for_a_virtual_day_keeps_a_bounded_log() {
    let mut c = Cluster::default();
    create(&mut c, pod_with("chatty", &[], "", vec![container("c", "busybox", &["sh", "-c", "while true; do echo hi; sleep 1; done"])], vec![]));
    let started = std::time::Instant::now();
    c.advance(Duration::from_secs(86_400));
    let lines = c.container_logs("default", "chatty", "c", false).unwrap().lines;
    assert_eq!(lines.len(), cluster::kubelet::logs::MAX_LINES, "the log keeps its newest lines only");
    assert!((c.now() - lines.last().unwrap().time).as_secs() <= 1, "the newest line is a second old at most");
    assert!(c.timers_fired() < 100_000, "one wake-up per virtual second: {}", c.timers_fired());
    assert!(started.elapsed().as_secs() < 60, "a virtual day took {:?}", started.elapsed());
    assert!(pod(&c, "chatty").status.container_statuses[0].state.running.is_some());
}
