//! The endpoints controller follows pods' readiness (kubernetes-behavior.md §1.17).

use cluster::api::*;
use cluster::time::Duration;
use cluster::{Cluster, Kind, Object};

fn pod(c: &mut Cluster, name: &str, path: &str) {
    let mut container = Container {
        name: "web".into(),
        image: "nginx:1.25".into(),
        ports: vec![ContainerPort { name: "http".into(), container_port: 80, ..Default::default() }],
        ..Default::default()
    };
    container.readiness_probe = Some(Probe {
        http_get: Some(HttpGetAction { path: path.into(), port: IntOrString::Int(80), ..Default::default() }),
        ..Default::default()
    });
    let p = Pod {
        metadata: ObjectMeta { name: name.into(), labels: [("app".to_string(), "web".to_string())].into(), ..Default::default() },
        spec: PodSpec { containers: vec![container], ..Default::default() },
        ..Default::default()
    };
    c.create(p.into()).unwrap();
}

fn endpoints(c: &Cluster) -> Endpoints {
    let Ok(Object::Endpoints(e)) = c.get(Kind::Endpoints, "default", "web") else { panic!("no endpoints") };
    e
}

#[test]
fn ready_pods_are_addresses_and_unready_ones_not_ready_addresses() {
    let mut c = Cluster::default();
    let svc = Service {
        metadata: ObjectMeta { name: "web".into(), labels: [("tier".to_string(), "front".to_string())].into(), ..Default::default() },
        spec: ServiceSpec {
            selector: [("app".to_string(), "web".to_string())].into(),
            ports: vec![ServicePort { port: 8080, target_port: Some(IntOrString::String("http".into())), ..Default::default() }],
            ..Default::default()
        },
        ..Default::default()
    };
    c.create(svc.into()).unwrap();
    c.settle();
    assert!(endpoints(&c).subsets.is_empty(), "created at once, empty");
    assert_eq!(endpoints(&c).metadata.labels.get("tier").map(String::as_str), Some("front"));
    pod(&mut c, "good", "/");
    pod(&mut c, "bad", "/ready");
    c.settle();
    c.advance(Duration::from_secs(30));
    let e = endpoints(&c);
    assert_eq!(e.subsets.len(), 1);
    let names = |a: &[EndpointAddress]| a.iter().map(|x| x.target_ref.as_ref().unwrap().name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&e.subsets[0].addresses), ["good"]);
    assert_eq!(names(&e.subsets[0].not_ready_addresses), ["bad"]);
    assert_eq!(e.subsets[0].ports[0].port, 80, "the named target port resolves to the container port");
    c.delete(Kind::Service, "default", "web", Default::default()).unwrap();
    c.settle();
    assert!(c.get(Kind::Endpoints, "default", "web").is_err());
}
