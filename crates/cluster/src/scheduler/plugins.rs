//! The default profile's filter and score plugins, for what kubeplay models
//! (`pkg/scheduler/framework/plugins/*`, v1.31): `NodeUnschedulable`, `TaintToleration`,
//! `NodeAffinity` (nodeSelector and required/preferred node affinity), `NodePorts`,
//! `NodeResourcesFit` (filter, and `LeastAllocated` scoring), `NodeResourcesBalancedAllocation`,
//! and the system-default `PodTopologySpread` over hostnames.

use std::collections::BTreeMap;

use crate::api::{Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration};

/// Why a node cannot take a pod. `resolvable` is false for `UnschedulableAndUnresolvable`
/// statuses, which preemption cannot help with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub reasons: Vec<String>,
    pub resolvable: bool,
}

fn unresolvable(reason: impl Into<String>) -> Rejection {
    Rejection {
        reasons: vec![reason.into()],
        resolvable: false,
    }
}

/// What the pods already bound to a node use.
#[derive(Clone, Debug, Default)]
pub struct NodeUsage {
    pub pods: i64,
    /// Requests, as the filter counts them (millicores, bytes).
    pub cpu: i64,
    pub memory: i64,
    /// Requests with the scheduler's non-zero defaults, as scoring counts them.
    pub nonzero_cpu: i64,
    pub nonzero_memory: i64,
    pub host_ports: Vec<(String, String, i32)>,
    /// Pods per owning controller uid (for spreading).
    pub by_owner: BTreeMap<String, i64>,
    /// The node's [`allocatable`], parsed when the node last changed.
    pub allocatable: Option<(i64, i64, i64)>,
}

/// The scheduler's defaults for containers without requests (`schedutil.DefaultMilliCPURequest`,
/// `DefaultMemoryRequest`).
const DEFAULT_MILLI_CPU: i64 = 100;
const DEFAULT_MEMORY: i64 = 200 * 1024 * 1024;

/// A pod's requests: the larger of its containers' sum and any one init container, plus
/// overhead. Returns (cpu millis, memory bytes, non-zero cpu, non-zero memory).
pub fn pod_requests(pod: &Pod) -> (i64, i64, i64, i64) {
    let req = |c: &crate::api::Container, name: &str| {
        c.resources.requests.get(name).and_then(|q| {
            if name == "cpu" {
                q.milli_value()
            } else {
                q.value()
            }
        })
    };
    let (mut cpu, mut mem, mut nz_cpu, mut nz_mem) = (0i64, 0i64, 0i64, 0i64);
    for c in &pod.spec.containers {
        let (c_cpu, c_mem) = (req(c, "cpu"), req(c, "memory"));
        cpu = cpu.saturating_add(c_cpu.unwrap_or(0));
        mem = mem.saturating_add(c_mem.unwrap_or(0));
        nz_cpu = nz_cpu.saturating_add(c_cpu.unwrap_or(DEFAULT_MILLI_CPU));
        nz_mem = nz_mem.saturating_add(c_mem.unwrap_or(DEFAULT_MEMORY));
    }
    for c in &pod.spec.init_containers {
        let (c_cpu, c_mem) = (req(c, "cpu").unwrap_or(0), req(c, "memory").unwrap_or(0));
        cpu = cpu.max(c_cpu);
        mem = mem.max(c_mem);
        nz_cpu = nz_cpu.max(c_cpu);
        nz_mem = nz_mem.max(c_mem);
    }
    let overhead = |name: &str| {
        pod.spec
            .overhead
            .get(name)
            .and_then(|q| {
                if name == "cpu" {
                    q.milli_value()
                } else {
                    q.value()
                }
            })
            .unwrap_or(0)
    };
    (
        cpu + overhead("cpu"),
        mem + overhead("memory"),
        nz_cpu + overhead("cpu"),
        nz_mem + overhead("memory"),
    )
}

/// The node's allocatable (cpu millis, memory bytes, pods).
pub fn allocatable(node: &Node) -> (i64, i64, i64) {
    let get = |name: &str, milli: bool| {
        node.status
            .allocatable
            .get(name)
            .and_then(|s| crate::quantity::Quantity::parse(s).ok())
            .map(|q| if milli { q.milli_value() } else { q.value() })
            .unwrap_or(0)
    };
    (get("cpu", true), get("memory", false), get("pods", false))
}

/// `v1helper.TolerationsTolerateTaint`.
pub fn tolerates(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| {
        (t.effect.is_empty() || t.effect == taint.effect)
            && (t.key.is_empty() && t.operator == "Exists" || t.key == taint.key)
            && match t.operator.as_str() {
                "Exists" => true,
                "" | "Equal" => t.value == taint.value,
                _ => false,
            }
    })
}

/// Runs the filters in the default profile's order; the first that rejects the node decides.
/// `requests` is the pod's [`pod_requests`], computed once per scheduling cycle.
pub fn filter(pod: &Pod, requests: (i64, i64, i64, i64), node: &Node, usage: &NodeUsage) -> Result<(), Rejection> {
    // NodeUnschedulable
    if node.spec.unschedulable {
        let taint = Taint {
            key: "node.kubernetes.io/unschedulable".into(),
            effect: "NoSchedule".into(),
            ..Default::default()
        };
        if !tolerates(&pod.spec.tolerations, &taint) {
            return Err(unresolvable("node(s) were unschedulable"));
        }
    }
    // TaintToleration
    if let Some(t) = node.spec.taints.iter().find(|t| {
        (t.effect == "NoSchedule" || t.effect == "NoExecute")
            && !tolerates(&pod.spec.tolerations, t)
    }) {
        return Err(unresolvable(format!(
            "node(s) had untolerated taint {{{}: {}}}",
            t.key, t.value
        )));
    }
    // NodeAffinity
    if !matches_node_selector(pod, node) {
        return Err(unresolvable(
            "node(s) didn't match Pod's node affinity/selector",
        ));
    }
    // NodePorts
    for c in &pod.spec.containers {
        for p in c.ports.iter().filter(|p| p.host_port > 0) {
            let protocol = if p.protocol.is_empty() {
                "TCP"
            } else {
                p.protocol.as_str()
            };
            let ip = if p.host_ip.is_empty() {
                "0.0.0.0"
            } else {
                p.host_ip.as_str()
            };
            let clash = usage.host_ports.iter().any(|(uip, uproto, uport)| {
                *uport == p.host_port
                    && uproto == protocol
                    && (uip == ip || uip == "0.0.0.0" || ip == "0.0.0.0")
            });
            if clash {
                return Err(Rejection {
                    reasons: vec![
                        "node(s) didn't have free ports for the requested pod ports".into()
                    ],
                    resolvable: true,
                });
            }
        }
    }
    // NodeResourcesFit
    let (cpu, mem, _, _) = requests;
    let (a_cpu, a_mem, a_pods) = usage.allocatable.unwrap_or_else(|| allocatable(node));
    let mut reasons = Vec::new();
    if usage.pods + 1 > a_pods {
        reasons.push("Too many pods".to_string());
    }
    if cpu > 0 && usage.cpu + cpu > a_cpu {
        reasons.push("Insufficient cpu".to_string());
    }
    if mem > 0 && usage.memory + mem > a_mem {
        reasons.push("Insufficient memory".to_string());
    }
    if !reasons.is_empty() {
        return Err(Rejection {
            reasons,
            resolvable: true,
        });
    }
    Ok(())
}

/// `nodeSelector` and the required node affinity terms (ORed; requirements within a term ANDed).
pub fn matches_node_selector(pod: &Pod, node: &Node) -> bool {
    let labels = &node.metadata.labels;
    if !pod
        .spec
        .node_selector
        .iter()
        .all(|(k, v)| labels.get(k) == Some(v))
    {
        return false;
    }
    let required = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|na| {
            na.required_during_scheduling_ignored_during_execution
                .as_ref()
        });
    match required {
        None => true,
        Some(sel) => sel
            .node_selector_terms
            .iter()
            .any(|t| term_matches(t, node)),
    }
}

/// A node selector term: an empty term matches nothing.
fn term_matches(term: &NodeSelectorTerm, node: &Node) -> bool {
    if term.match_expressions.is_empty() && term.match_fields.is_empty() {
        return false;
    }
    let labels = &node.metadata.labels;
    term.match_expressions
        .iter()
        .all(|r| requirement_matches(r, labels.get(&r.key).map(String::as_str)))
        && term.match_fields.iter().all(|r| {
            requirement_matches(
                r,
                (r.key == "metadata.name").then_some(node.metadata.name.as_str()),
            )
        })
}

fn requirement_matches(r: &NodeSelectorRequirement, value: Option<&str>) -> bool {
    let number = |s: &str| s.parse::<i64>().ok();
    match r.operator.as_str() {
        "In" => value.is_some_and(|v| r.values.iter().any(|x| x == v)),
        "NotIn" => value.is_none_or(|v| !r.values.iter().any(|x| x == v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" | "Lt" => {
            let (Some(v), Some(bound)) = (
                value.and_then(number),
                r.values.first().and_then(|s| number(s)),
            ) else {
                return false;
            };
            if r.operator == "Gt" {
                v > bound
            } else {
                v < bound
            }
        }
        _ => false,
    }
}

/// The weighted sum of the score plugins (each 0–100): NodeResourcesFit (LeastAllocated, 1),
/// BalancedAllocation (1), NodeAffinity preferred terms (2), TaintToleration PreferNoSchedule
/// (3) and the default hostname spreading of PodTopologySpread (2). Higher is better.
pub fn score(
    pod: &Pod,
    requests: (i64, i64, i64, i64),
    node: &Node,
    usage: &NodeUsage,
    owner: Option<&str>,
    max_same_owner: i64,
) -> i64 {
    let (_, _, nz_cpu, nz_mem) = requests;
    let (a_cpu, a_mem, _) = usage.allocatable.unwrap_or_else(|| allocatable(node));
    let fraction = |used: i64, cap: i64| {
        if cap <= 0 {
            1.0
        } else {
            (used as f64 / cap as f64).min(1.0)
        }
    };
    let cpu_f = fraction(usage.nonzero_cpu + nz_cpu, a_cpu);
    let mem_f = fraction(usage.nonzero_memory + nz_mem, a_mem);
    let least_allocated = (((1.0 - cpu_f) * 100.0 + (1.0 - mem_f) * 100.0) / 2.0) as i64;
    let balanced = ((1.0 - (cpu_f - mem_f).abs() / 2.0) * 100.0) as i64;
    let preferred: i64 = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .map(|na| {
            na.preferred_during_scheduling_ignored_during_execution
                .iter()
                .filter(|p| term_matches(&p.preference, node))
                .map(|p| i64::from(p.weight))
                .sum()
        })
        .unwrap_or(0);
    let prefer_no_schedule = node
        .spec
        .taints
        .iter()
        .filter(|t| t.effect == "PreferNoSchedule" && !tolerates(&pod.spec.tolerations, t))
        .count() as i64;
    let spread = match owner {
        Some(uid) if max_same_owner > 0 => {
            100 - usage.by_owner.get(uid).copied().unwrap_or(0) * 100 / (max_same_owner + 1)
        }
        _ => 100,
    };
    least_allocated
        + balanced
        + 2 * preferred.min(100)
        + 3 * (100 - prefer_no_schedule.min(1) * 100)
        + 2 * spread
}
