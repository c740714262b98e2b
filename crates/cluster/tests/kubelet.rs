//! The kubelet on the virtual clock: init containers, restarts, the phase.

use cluster::api::*;
use cluster::time::Duration;
use cluster::{Cluster, Kind, Object};

fn container(name: &str, image: &str, command: &[&str]) -> Container {
    Container { name: name.into(), image: image.into(), command: command.iter().map(|s| s.to_string()).collect(), ..Default::default() }
}

fn create(c: &mut Cluster, name: &str, restart: &str, init: Vec<Container>, main: Vec<Container>) {
    let p = Pod {
        metadata: ObjectMeta { name: name.into(), ..Default::default() },
        spec: PodSpec { init_containers: init, containers: main, restart_policy: restart.into(), ..Default::default() },
        ..Default::default()
    };
    c.create(p.into()).unwrap();
    c.settle();
}

fn pod(c: &Cluster, name: &str) -> Pod {
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", name) else { panic!("no pod {name}") };
    p
}

fn condition(p: &Pod, t: &str) -> (String, String) {
    let c = p.status.conditions.iter().find(|c| c.type_ == t).unwrap();
    (c.status.clone(), c.message.clone())
}

#[test]
fn init_containers_run_one_after_another_before_the_app() {
    let mut c = Cluster::default();
    create(&mut c, "p", "", vec![container("first", "busybox", &["sleep", "20"]), container("second", "busybox", &["true"])], vec![container("web", "nginx:1.25", &[])]);
    c.advance(Duration::from_secs(5));
    let p = pod(&c, "p");
    assert_eq!(p.status.phase, "Pending");
    assert_eq!(condition(&p, "Initialized"), ("False".into(), "containers with incomplete status: [first second]".into()));
    assert!(p.status.init_container_statuses[0].state.running.is_some());
    assert_eq!(p.status.init_container_statuses[1].state.waiting.as_ref().unwrap().reason, "PodInitializing");
    assert_eq!(p.status.container_statuses[0].state.waiting.as_ref().unwrap().reason, "PodInitializing");
    c.advance(Duration::from_secs(30));
    let p = pod(&c, "p");
    assert_eq!(p.status.phase, "Running");
    assert_eq!(condition(&p, "Initialized").0, "True");
    assert_eq!(p.status.init_container_statuses.iter().map(|s| s.state.terminated.as_ref().unwrap().reason.as_str()).collect::<Vec<_>>(), ["Completed", "Completed"]);
    assert!(p.status.container_statuses[0].ready);
}

#[test]
fn a_failing_init_container_restarts_or_fails_the_pod() {
    let mut c = Cluster::default();
    create(&mut c, "always", "", vec![container("fail", "busybox", &["false"])], vec![container("web", "nginx:1.25", &[])]);
    create(&mut c, "never", "Never", vec![container("fail", "busybox", &["false"])], vec![container("web", "nginx:1.25", &[])]);
    c.advance(Duration::from_secs(60));
    let p = pod(&c, "always");
    assert_eq!(p.status.phase, "Pending");
    assert!(p.status.init_container_statuses[0].restart_count >= 2);
    assert!(p.status.container_statuses[0].state.waiting.is_some(), "the app never starts");
    let p = pod(&c, "never");
    assert_eq!(p.status.phase, "Failed");
    assert_eq!(p.status.init_container_statuses[0].state.terminated.as_ref().unwrap().exit_code, 1);
}

#[test]
fn restart_policies_decide_the_phase() {
    let mut c = Cluster::default();
    create(&mut c, "ok", "Never", vec![], vec![container("job", "busybox", &["true"])]);
    create(&mut c, "bad", "Never", vec![], vec![container("job", "busybox", &["false"])]);
    create(&mut c, "retry", "OnFailure", vec![], vec![container("job", "busybox", &["false"])]);
    c.advance(Duration::from_secs(30));
    assert_eq!(pod(&c, "ok").status.phase, "Succeeded");
    assert_eq!(pod(&c, "bad").status.phase, "Failed");
    let retry = pod(&c, "retry");
    assert_eq!(retry.status.phase, "Running");
    assert!(retry.status.container_statuses[0].restart_count >= 1);
}

#[test]
fn a_claim_in_use_stays_terminating_until_its_pod_goes() {
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
    let created = c.create(pvc.into()).unwrap();
    assert_eq!(created.meta().finalizers, ["kubernetes.io/pvc-protection"]);
    let mut p = Pod {
        metadata: ObjectMeta { name: "user".into(), ..Default::default() },
        spec: PodSpec { containers: vec![container("web", "nginx:1.25", &[])], ..Default::default() },
        ..Default::default()
    };
    p.spec.volumes.push(Volume {
        name: "data".into(),
        persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource { claim_name: "data".into(), ..Default::default() }),
        ..Default::default()
    });
    c.create(p.into()).unwrap();
    c.settle();
    c.delete(Kind::PersistentVolumeClaim, "default", "data", Default::default()).unwrap();
    c.settle();
    assert!(c.get(Kind::PersistentVolumeClaim, "default", "data").unwrap().meta().deletion_timestamp.is_some(), "Terminating");
    c.delete(Kind::Pod, "default", "user", Default::default()).unwrap();
    c.advance(Duration::from_secs(5));
    assert!(c.get(Kind::PersistentVolumeClaim, "default", "data").is_err());
}
