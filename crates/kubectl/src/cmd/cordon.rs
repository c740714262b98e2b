//! `kubectl cordon NODE…` / `kubectl uncordon NODE…` (or `-l SELECTOR`): set or clear a node's
//! `spec.unschedulable`. The `node.kubernetes.io/unschedulable:NoSchedule` taint that follows is
//! the node lifecycle controller's work, not kubectl's. `kubectl drain` starts with the same
//! cordon ([`find_nodes`], [`cordon_or_uncordon`]).
//!
//! Sources (kubectl 1.31, read, not copied): `kubectl/pkg/cmd/drain/drain.go` (`NewCmdCordon`,
//! `NewCmdUncordon`, `Complete`: `USAGE: cordon NODE [flags]` without a node or selector, `cannot
//! specify both a node name and a --selector option`, nodes by `ResourceNames("nodes", …)`, a
//! visit that stops at the first error and `expected resource of type node, got %q`;
//! `RunCordonOrUncordon`: `already cordoned`, `cordoned`, an update failure printed as `error:
//! unable to cordon node %q: %v` without failing the command), `kubectl/pkg/drain/cordon.go`
//! (`CordonHelper.UpdateIfRequired`, `PatchOrReplace`).

use cluster::labels::Selector;
use cluster::{Cluster, Kind, Object};

use crate::cmd::errors::CmdError;
use crate::cmd::patch::common::{self, DryRun};
use crate::cmd::resource::mapping_for;
use crate::cmd::{usage_error, Command, Context};
use crate::flags::{value_flag, Flag, Parsed};
use crate::output::Output;

pub const CORDON: Command = Command { name: "cordon", flags: FLAGS, run: |c, p, o| run(c, p, true, o) };
pub const UNCORDON: Command = Command { name: "uncordon", flags: FLAGS, run: |c, p, o| run(c, p, false, o) };

const FLAGS: &[Flag] = &[value_flag("selector", Some('l')), value_flag("dry-run", None)];

fn run(ctx: &mut Context, p: &Parsed, desired: bool, out: &mut Output) {
    let name = if desired { "cordon" } else { "uncordon" };
    let Some(nodes) = find_nodes(ctx.cluster, p, name, &ctx.namespace, out) else { return };
    let dry_run = match common::dry_run_strategy(p) {
        Ok(d) => d,
        Err(e) => return out.error(e),
    };
    cordon_or_uncordon(ctx.cluster, &nodes, desired, dry_run, out);
}

/// `Complete`'s checks of the arguments and the nodes they name (`ResourceNames("nodes", …)`,
/// or the nodes a `-l` selector lists). On an error it is printed and `None` returned.
pub(crate) fn find_nodes(cluster: &Cluster, p: &Parsed, command: &str, namespace: &str, out: &mut Output) -> Option<Vec<String>> {
    let selector = p.get("selector");
    if p.args.is_empty() && selector.is_none() {
        usage_error(out, command, &format!("USAGE: {command} NODE [flags]"));
        return None;
    }
    if !p.args.is_empty() && selector.is_some_and(|s| !s.is_empty()) {
        usage_error(out, command, "cannot specify both a node name and a --selector option");
        return None;
    }
    if let Err(e) = common::dry_run_strategy(p) {
        out.error(e);
        return None;
    }
    let mut nodes = Vec::new();
    if p.args.is_empty() && selector == Some("") {
        // `-l ''` names no nodes and selects none: the builder has nothing to visit.
        out.error("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        return None;
    }
    if let Some(selector) = selector.filter(|_| p.args.is_empty()) {
        let sel = match Selector::parse(selector) {
            Ok(s) => s,
            Err(msg) => {
                let line = cluster::labels::list_selector_error(&Kind::Node.resource().gvr(), selector, "", &msg);
                let msg = line.strip_prefix("Error from server (BadRequest): ").unwrap_or(&line).to_string();
                common::report(out, vec![CmdError::Api(cluster::ApiError::BadRequest(msg)).into()]);
                return None;
            }
        };
        for n in cluster.list(Kind::Node, None) {
            if sel.matches(&n.meta().labels) {
                nodes.push(n.meta().name.clone());
            }
        }
        return Some(nodes);
    }
    for arg in &p.args {
        let (kind, name) = match arg.split_once('/') {
            None => (Kind::Node, arg.as_str()),
            Some((typ, name)) => match mapping_for(typ) {
                Ok((_, kind)) => (kind, name),
                Err(e) => {
                    common::report(out, vec![e.into()]);
                    return None;
                }
            },
        };
        if let Err(e) = cluster.get(kind, namespace, name) {
            common::report(out, vec![e.into()]);
            return None;
        }
        if kind != Kind::Node {
            out.error(format!("expected resource of type node, got {}", cluster::validation::go_quote(&kind.resource().gvr())));
            return None;
        }
        nodes.push(name.to_string());
    }
    Some(nodes)
}

/// `RunCordonOrUncordon`: each node's `spec.unschedulable` set to `desired` unless it already
/// is; a failed update is reported and the next node tried.
pub(crate) fn cordon_or_uncordon(cluster: &mut Cluster, nodes: &[String], desired: bool, dry_run: DryRun, out: &mut Output) {
    let verb = if desired { "cordon" } else { "uncordon" };
    for name in nodes {
        let Ok(Object::Node(mut node)) = cluster.get(Kind::Node, "", name) else {
            out.err(format!("error: unable to {verb} node \"{name}\": nodes \"{name}\" not found\n"));
            continue;
        };
        if node.spec.unschedulable == desired {
            out.out(format!("node/{name} already {verb}ed\n"));
            continue;
        }
        if dry_run != DryRun::Client {
            node.spec.unschedulable = desired;
            node.metadata.resource_version.clear();
            let result = match dry_run {
                DryRun::Server => cluster.clone().update(node.into()).map(|_| ()),
                _ => cluster.update(node.into()).map(|_| ()),
            };
            if let Err(e) = result {
                out.err(format!("error: unable to {verb} node \"{name}\": {}\n", common::status_message(&e)));
                continue;
            }
            cluster.settle();
        }
        out.out(format!("node/{name} {verb}ed{}\n", dry_run.suffix()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::NoFiles;
    use crate::shell::{tokenize, Token};

    fn kubectl(cluster: &mut Cluster, line: &str) -> Output {
        let words: Vec<String> = tokenize(line)
            .unwrap()
            .into_iter()
            .filter_map(|t| match t {
                Token::Word(w) => Some(w),
                Token::Pipe => None,
            })
            .collect();
        let mut out = Output::default();
        let mut ctx = Context { cluster, namespace: "default".into(), stdin: None, files: &NoFiles };
        crate::cmd::kubectl(&mut ctx, &words[1..], &mut out);
        out
    }

    fn unschedulable(c: &Cluster, name: &str) -> bool {
        c.store.nodes.get("", name).unwrap().spec.unschedulable
    }

    #[test]
    fn cordon_and_uncordon() {
        let mut c = Cluster::default();
        assert_eq!(kubectl(&mut c, "kubectl cordon node-1").text(), "node/node-1 cordoned\n");
        assert!(unschedulable(&c, "node-1"));
        assert_eq!(kubectl(&mut c, "kubectl cordon node-1 node/node-2").text(), "node/node-1 already cordoned\nnode/node-2 cordoned\n");
        assert_eq!(kubectl(&mut c, "kubectl uncordon node-1").text(), "node/node-1 uncordoned\n");
        assert_eq!(kubectl(&mut c, "kubectl uncordon node-1").text(), "node/node-1 already uncordoned\n");
        assert!(!unschedulable(&c, "node-1"));
        assert_eq!(
            kubectl(&mut c, "kubectl uncordon -l '!node-role.kubernetes.io/control-plane'").text(),
            "node/node-1 already uncordoned\nnode/node-2 uncordoned\nnode/node-3 already uncordoned\n"
        );
        assert_eq!(kubectl(&mut c, "kubectl cordon node-3 --dry-run=client").text(), "node/node-3 cordoned (dry run)\n");
        assert_eq!(kubectl(&mut c, "kubectl cordon node-3 --dry-run=server").text(), "node/node-3 cordoned (server dry run)\n");
        assert!(!unschedulable(&c, "node-3"));
    }

    #[test]
    fn errors() {
        let mut c = Cluster::default();
        let rows: &[(&str, &str)] = &[
            ("kubectl cordon", "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n"),
            ("kubectl uncordon", "error: USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples\n"),
            ("kubectl cordon node-1 -l a=b", "error: cannot specify both a node name and a --selector option\nSee 'kubectl cordon -h' for help and examples\n"),
            ("kubectl cordon node-9", "Error from server (NotFound): nodes \"node-9\" not found\n"),
            ("kubectl cordon node-1 node-9", "Error from server (NotFound): nodes \"node-9\" not found\n"),
            ("kubectl cordon ns/default", "error: expected resource of type node, got \"/v1, Resource=namespaces\"\n"),
            ("kubectl cordon node-1 --dry-run=maybe", "error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n"),
        ];
        for (cmd, want) in rows {
            let o = kubectl(&mut c, cmd);
            assert_eq!((o.text().as_str(), o.status), (*want, 1), "{cmd}");
        }
        assert!(!unschedulable(&c, "node-1"), "the visit failed before anything was cordoned");
    }
}
