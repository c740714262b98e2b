//! The API server's own controller for the `kubernetes` Service and its Endpoints in `default`
//! (`pkg/controlplane/controller/kubernetesservice`): they always exist. Upstream checks every
//! 10 s (`EndpointInterval`); kubeplay schedules that check only after one of them is deleted,
//! so a learner who runs `kubectl delete all --all` sees `service/kubernetes` come back within
//! 10 s, as on a real cluster, and an idle cluster does no periodic work.

use crate::api::*;
use crate::cluster::{Cluster, Timer};
use crate::object::Kind;
use crate::store::{Change, ChangeType};
use crate::time::Duration;

/// The reconcile loop's period.
const INTERVAL: Duration = Duration::from_secs(10);

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    let key = &change.key;
    if change.change == ChangeType::Deleted
        && matches!(key.kind, Kind::Service | Kind::Endpoints)
        && key.namespace == "default"
        && key.name == "kubernetes"
    {
        // The next tick of the 10 s loop that started with the cluster.
        let elapsed = (c.now() - c.config().start).as_millis();
        let period = INTERVAL.as_millis();
        let next = period - elapsed.rem_euclid(period);
        c.schedule(Duration::from_millis(next), Timer::KubernetesServiceReconcile);
    }
}

/// Creates whichever of the Service and Endpoints is missing.
pub(crate) fn ensure(c: &mut Cluster) {
    if c.store.services.get("default", "kubernetes").is_none() {
        let _ = c.create(service(c.config().preset.api_server().1).into());
    }
    if c.store.endpoints.get("default", "kubernetes").is_none() {
        let (ip, port) = c.config().preset.api_server();
        let _ = c.create(endpoints(ip, port).into());
    }
}

/// The API server at 10.96.0.1:443 (target port 6443 on kind, 8443 on minikube).
fn service(target: i32) -> Service {
    Service {
        metadata: ObjectMeta {
            name: "kubernetes".into(),
            namespace: "default".into(),
            labels: [("component", "apiserver"), ("provider", "kubernetes")].into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            ..Default::default()
        },
        spec: ServiceSpec {
            cluster_ip: "10.96.0.1".into(),
            ports: vec![ServicePort { name: "https".into(), port: 443, target_port: Some(IntOrString::Int(target)), ..Default::default() }],
            ..Default::default()
        },
        ..Default::default()
    }
}

/// The control-plane node's address.
fn endpoints(ip: &str, port: i32) -> Endpoints {
    Endpoints {
        metadata: ObjectMeta {
            name: "kubernetes".into(),
            namespace: "default".into(),
            labels: [("endpointslice.kubernetes.io/skip-mirror".to_string(), "true".to_string())].into(),
            ..Default::default()
        },
        subsets: vec![EndpointSubset {
            addresses: vec![EndpointAddress { ip: ip.into(), ..Default::default() }],
            ports: vec![EndpointPort { name: "https".into(), port, protocol: "TCP".into(), ..Default::default() }],
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use crate::apiserver::DeleteOptions;
    use crate::object::Kind;
    use crate::time::Duration;
    use crate::Cluster;

    #[test]
    fn the_kubernetes_service_comes_back_on_the_next_ten_second_tick() {
        let mut c = Cluster::default();
        c.advance(Duration::from_secs(3));
        c.delete(Kind::Service, "default", "kubernetes", DeleteOptions::default()).unwrap();
        c.settle();
        assert!(c.get(Kind::Service, "default", "kubernetes").is_err());
        c.advance(Duration::from_millis(6_999));
        assert!(c.get(Kind::Service, "default", "kubernetes").is_err(), "not before the tick at 10 s");
        c.advance(Duration::from_millis(1));
        let svc = c.get(Kind::Service, "default", "kubernetes").unwrap();
        assert_eq!(svc.meta().creation_timestamp, Some(c.now()));
        // Nothing is scheduled once it exists: an idle cluster stays idle.
        assert_eq!(c.next_due(), None);
    }

    #[test]
    fn the_root_ca_configmap_and_default_service_account_are_recreated_at_once() {
        let mut c = Cluster::default();
        c.delete(Kind::ConfigMap, "kube-public", "kube-root-ca.crt", DeleteOptions::default()).unwrap();
        c.delete(Kind::ServiceAccount, "default", "default", DeleteOptions::default()).unwrap();
        c.settle();
        assert!(c.get(Kind::ConfigMap, "kube-public", "kube-root-ca.crt").is_ok());
        assert!(c.get(Kind::ServiceAccount, "default", "default").is_ok());
    }
}
