//! `kubectl describe`'s describers (k8s.io/kubectl `pkg/describe/describe.go`, v1.31): one per
//! kind, and the generic one for kinds without a describer (Event, ControllerRevision).
//!
//! Every describer writes through a [`PrefixWriter`] (two spaces per level, terminal escapes
//! made visible as `printers.WriteEscaped` does) into a Go tabwriter with describe's settings
//! ([`tabwriter`]), exactly as upstream's `tabbedString` does. The shared pieces live here:
//! labels and annotations on several lines, RFC 1123 times, ages, the Events table and the
//! search for an object's events.
//!
//! Sources (read, not copied): `describe.go` (`PrefixWriter`, `tabbedString`,
//! `printLabelsMultilineWithIndent`, `printAnnotationsMultiline`, `DescribeEvents`,
//! `searchEvents`, `translateTimestampSince`, `printController`), `pkg/util/event`
//! (`SortableEvents`), client-go `EventInterface.GetFieldSelector`.

mod generic;
mod pod;
mod resources;
pub mod tabwriter;
mod workloads;

use std::collections::BTreeMap;

use cluster::api::{Event, ObjectMeta};
use cluster::time::{human_duration, Time};
use cluster::{Cluster, Object};

/// What the command passes to every describer (`DescriberSettings`).
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub show_events: bool,
}

/// The description of one object, as `Describer.Describe` returns it.
pub fn describe(c: &Cluster, obj: &Object, settings: Settings) -> String {
    let mut w = PrefixWriter::default();
    match obj {
        Object::Pod(p) => pod::describe_pod(c, p, settings, &mut w),
        Object::Node(n) => resources::describe_node(c, n, settings, &mut w),
        Object::Namespace(n) => resources::describe_namespace(n, &mut w),
        Object::ConfigMap(cm) => resources::describe_config_map(c, cm, settings, &mut w),
        Object::Secret(s) => resources::describe_secret(s, &mut w),
        Object::Service(s) => resources::describe_service(c, s, settings, &mut w),
        Object::Endpoints(e) => resources::describe_endpoints(c, e, settings, &mut w),
        Object::ServiceAccount(sa) => resources::describe_service_account(c, sa, settings, &mut w),
        Object::PersistentVolumeClaim(pvc) => resources::describe_pvc(c, pvc, settings, &mut w),
        Object::PersistentVolume(pv) => resources::describe_pv(c, pv, settings, &mut w),
        Object::StorageClass(sc) => resources::describe_storage_class(c, sc, settings, &mut w),
        Object::ReplicationController(rc) => workloads::describe_rc(c, rc, settings, &mut w),
        Object::ReplicaSet(rs) => workloads::describe_rs(c, rs, settings, &mut w),
        Object::Deployment(d) => workloads::describe_deployment(c, d, settings, &mut w),
        Object::DaemonSet(ds) => workloads::describe_daemon_set(c, ds, settings, &mut w),
        Object::StatefulSet(ss) => workloads::describe_stateful_set(c, ss, settings, &mut w),
        Object::Job(j) => workloads::describe_job(c, j, settings, &mut w),
        Object::CronJob(cj) => workloads::describe_cron_job(c, cj, settings, &mut w),
        Object::Event(_) | Object::ControllerRevision(_) => generic::describe(c, obj, settings, &mut w),
    }
    tabwriter::format(&w.buf)
}

/// Indentation levels (`LEVEL_0` … `LEVEL_4`).
pub(crate) const L0: usize = 0;
pub(crate) const L1: usize = 1;
pub(crate) const L2: usize = 2;
pub(crate) const L3: usize = 3;

/// upstream's `prefixWriter`: text at a level (two spaces each), with `ESC` and `CR` escaped as
/// `printers.WriteEscaped` does (`^[`, `\r`).
#[derive(Default)]
pub(crate) struct PrefixWriter {
    buf: String,
}

impl PrefixWriter {
    /// `Write(level, …)`.
    pub fn write(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.buf.push_str("  ");
        }
        self.escaped(text);
    }

    /// `WriteLine(text)`: the text and a newline, no indentation.
    pub fn line(&mut self, text: &str) {
        self.escaped(text);
        self.buf.push('\n');
    }

    fn escaped(&mut self, text: &str) {
        for ch in text.chars() {
            match ch {
                '\x1b' => self.buf.push_str("^["),
                '\r' => self.buf.push_str("\\r"),
                c => self.buf.push(c),
            }
        }
    }
}

/// `w.Write(level, format!(…))`.
macro_rules! wr {
    ($w:expr, $level:expr, $($arg:tt)*) => {
        $w.write($level, &format!($($arg)*))
    };
}
pub(crate) use wr;

/// Go's `time.RFC1123Z` (`Mon, 02 Jan 2006 15:04:05 -0700`), in UTC.
pub fn rfc1123z(t: Time) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let c = t.civil();
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
        DAYS[c.weekday as usize % 7],
        c.day,
        MONTHS[(c.month as usize).saturating_sub(1) % 12],
        c.year,
        c.hour,
        c.minute,
        c.second
    )
}

/// A `metav1.Time` value formatted with RFC1123Z; Go formats the zero time as year 1.
pub fn rfc1123z_or_zero(t: Option<Time>) -> String {
    match t {
        Some(t) => rfc1123z(t),
        None => "Mon, 01 Jan 0001 00:00:00 +0000".to_string(),
    }
}

/// `translateTimestampSince`: the age of `t`, `<unknown>` for the zero time.
pub fn since(now: Time, t: Option<Time>) -> String {
    match t {
        Some(t) => human_duration(now - t),
        None => "<unknown>".to_string(),
    }
}

/// `printLabelsMultiline`: `Title:\tk=v`, further pairs on their own lines, `<none>`.
pub(crate) fn labels_multiline(w: &mut PrefixWriter, title: &str, labels: &BTreeMap<String, String>) {
    labels_multiline_indent(w, "", title, "\t", labels);
}

/// `printLabelsMultilineWithIndent` (with no keys skipped).
pub(crate) fn labels_multiline_indent(w: &mut PrefixWriter, initial: &str, title: &str, inner: &str, labels: &BTreeMap<String, String>) {
    wr!(w, L0, "{initial}{title}:{inner}");
    if labels.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i != 0 {
            w.write(L0, initial);
            w.write(L0, inner);
        }
        wr!(w, L0, "{k}={v}\n");
    }
}

/// Annotations longer than this (key, `: ` and value) are printed on lines of their own.
const MAX_ANNOTATION_LEN: usize = 140;

/// `printAnnotationsMultiline`: like labels, but `key: value`, without kubectl's
/// last-applied-configuration, and long or multi-line values below their key, cut at 138 bytes.
pub(crate) fn annotations_multiline(w: &mut PrefixWriter, title: &str, annotations: &BTreeMap<String, String>) {
    wr!(w, L0, "{title}:\t");
    let keys: Vec<&String> = annotations.keys().filter(|k| *k != "kubectl.kubernetes.io/last-applied-configuration").collect();
    if keys.is_empty() {
        w.line("<none>");
        return;
    }
    let indent = "\t";
    for (i, key) in keys.into_iter().enumerate() {
        if i != 0 {
            w.write(L0, indent);
        }
        let value = annotations[key].strip_suffix('\n').unwrap_or(&annotations[key]);
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            wr!(w, L0, "{key}:\n");
            for s in value.split('\n') {
                wr!(w, L0, "{indent}  {}\n", shorten(s, MAX_ANNOTATION_LEN - 2));
            }
        } else {
            wr!(w, L0, "{key}: {value}\n");
        }
    }
}

/// `shorten`: the first `max` bytes and `...` (cut back to a character boundary).
fn shorten(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

/// `labels.FormatLabels`: `k=v,k=v`, `<none>` when empty.
pub(crate) fn format_labels(m: &BTreeMap<String, String>) -> String {
    crate::printers::format_labels(m)
}

/// `printController`: `Kind/name` of the controlling owner, if any.
pub(crate) fn controller_of(m: &ObjectMeta) -> Option<String> {
    m.owner_references.iter().find(|r| r.controller == Some(true)).map(|r| format!("{}/{}", r.kind, r.name))
}

/// Go's `%v` of a `[]string`: `[a b c]`.
pub(crate) fn go_slice(v: &[String]) -> String {
    format!("[{}]", v.join(" "))
}

/// `printBool`.
pub(crate) fn print_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// Go's `%v` of a `*bool`: `<nil>`, or an address (which differs from run to run upstream;
/// kubeplay prints a fixed one).
pub(crate) fn bool_ptr(b: Option<bool>) -> &'static str {
    match b {
        None => "<nil>",
        Some(_) => "0xc000a3e1f8",
    }
}

/// `storageutil.GetAccessModesAsString`: `RWO,ROX,RWX,RWOP` in that order.
pub(crate) fn access_modes(modes: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for (long, short) in [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")] {
        if modes.iter().any(|m| m == long) {
            out.push(short);
        }
    }
    out.join(",")
}

/// What `searchEvents` asks for: the object's reference as a field selector.
pub(crate) struct EventRef<'a> {
    /// `Events(namespace)`: empty lists every namespace.
    pub namespace: &'a str,
    pub name: &'a str,
    /// `involvedObject.kind`, unless empty (pods are searched without a kind).
    pub kind: &'a str,
    /// `involvedObject.uid`, unless empty.
    pub uid: &'a str,
}

/// `searchEvents`: the events in the reference's namespace whose involved object has its name,
/// namespace, kind and uid, in list order (namespace, name).
pub(crate) fn search_events<'c>(c: &'c Cluster, r: &EventRef) -> Vec<&'c Event> {
    let matches = |e: &&Event| {
        let o = &e.involved_object;
        o.name == r.name && o.namespace == r.namespace && (r.kind.is_empty() || o.kind == r.kind) && (r.uid.is_empty() || o.uid == r.uid)
    };
    c.store.events.iter().filter(|e| r.namespace.is_empty() || e.metadata.namespace == r.namespace).filter(matches).collect()
}

/// The events of a typed object (`searchEvents(client, obj)`): its kind, name, namespace, uid.
pub(crate) fn object_events<'c>(c: &'c Cluster, kind: &str, m: &ObjectMeta) -> Vec<&'c Event> {
    search_events(c, &EventRef { namespace: &m.namespace, name: &m.name, kind, uid: &m.uid })
}

/// `event.SortableEvents`' key: the series' last observation, else the last timestamp, else
/// the event time (the zero time sorts first).
fn event_sort_time(e: &Event) -> i64 {
    if let Some(s) = &e.series {
        return s.last_observed_time.map(|t| t.0 .0).unwrap_or(i64::MIN);
    }
    if let Some(t) = e.last_timestamp {
        return t.0;
    }
    e.event_time.map(|t| t.0 .0).unwrap_or(i64::MIN)
}

/// `DescribeEvents`: `Events:  <none>`, or the table (oldest first) with ages such as
/// `21s (x3 over 40s)`.
pub(crate) fn describe_events(w: &mut PrefixWriter, now: Time, mut events: Vec<&Event>) {
    if events.is_empty() {
        w.write(L0, "Events:\t<none>\n");
        return;
    }
    events.sort_by_key(|e| event_sort_time(e));
    w.write(L0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(L1, "----\t------\t----\t----\t-------\n");
    for e in events {
        let first = match e.event_time {
            Some(t) => human_duration(now - t.0),
            None => since(now, e.first_timestamp),
        };
        let interval = if let Some(s) = &e.series {
            let last = s.last_observed_time.map(|t| human_duration(now - t.0)).unwrap_or_else(|| "<unknown>".into());
            format!("{last} ({} over {first})", count_text(s.count))
        } else if e.count > 1 {
            format!("{} ({} over {first})", since(now, e.last_timestamp), count_text(e.count))
        } else {
            first
        };
        let source = if e.source.component.is_empty() { &e.reporting_component } else { &e.source.component };
        wr!(w, L1, "{}\t{}\t{interval}\t{source}\t{}\n", e.type_, e.reason, e.message.trim());
    }
}

fn count_text(n: i32) -> String {
    format!("x{n}")
}

/// The Events section of a typed object, when events are shown (`if events != nil`).
pub(crate) fn events_of(w: &mut PrefixWriter, c: &Cluster, settings: Settings, kind: &str, m: &ObjectMeta) {
    if settings.show_events {
        describe_events(w, c.now(), object_events(c, kind, m));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cluster::api::{EventSeries, MicroTime};

    #[test]
    fn rfc1123z_is_gos_layout() {
        assert_eq!(rfc1123z(cluster::time::DEFAULT_START), "Mon, 01 Jan 2024 00:00:00 +0000");
        assert_eq!(rfc1123z(Time::from_civil(2024, 2, 29, 23, 5, 9)), "Thu, 29 Feb 2024 23:05:09 +0000");
        assert_eq!(rfc1123z_or_zero(None), "Mon, 01 Jan 0001 00:00:00 +0000");
    }

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn labels_print_one_per_line_sorted_or_none() {
        let mut w = PrefixWriter::default();
        labels_multiline(&mut w, "Labels", &labels(&[("tier", "web"), ("app", "x")]));
        labels_multiline(&mut w, "Node-Selectors", &BTreeMap::new());
        assert_eq!(w.buf, "Labels:\tapp=x\n\ttier=web\nNode-Selectors:\t<none>\n");
        assert_eq!(tabwriter::format(&w.buf), "Labels:          app=x\n                 tier=web\nNode-Selectors:  <none>\n");
    }

    #[test]
    fn annotations_skip_last_applied_and_fold_long_values() {
        let mut w = PrefixWriter::default();
        let long = "x".repeat(150);
        let a = labels(&[
            ("kubectl.kubernetes.io/last-applied-configuration", "{}"),
            ("a", "1\n"),
            ("b", &long),
            ("c", "two\nlines"),
        ]);
        annotations_multiline(&mut w, "Annotations", &a);
        let want = format!("Annotations:\ta: 1\n\tb:\n\t  {}...\n\tc:\n\t  two\n\t  lines\n", "x".repeat(138));
        assert_eq!(w.buf, want);
        let mut w = PrefixWriter::default();
        annotations_multiline(&mut w, "Annotations", &labels(&[("kubectl.kubernetes.io/last-applied-configuration", "{}")]));
        assert_eq!(w.buf, "Annotations:\t<none>\n");
    }

    #[test]
    fn escapes_terminal_control_characters() {
        let mut w = PrefixWriter::default();
        w.write(L1, "a\x1b[31mb\rc\n");
        assert_eq!(w.buf, "  a^[[31mb\\rc\n");
    }

    fn event(reason: &str, first: i64, last: i64, count: i32) -> Event {
        let t = |s: i64| Some(Time(cluster::time::DEFAULT_START.0 + s * 1000));
        Event {
            type_: "Normal".into(),
            reason: reason.into(),
            message: format!(" {reason} happened \n"),
            first_timestamp: t(first),
            last_timestamp: t(last),
            count,
            source: cluster::api::EventSource { component: "kubelet".into(), host: "node-1".into() },
            ..Default::default()
        }
    }

    #[test]
    fn events_table_ages_counts_and_order() {
        let now = Time(cluster::time::DEFAULT_START.0 + 60_000);
        let pulled = event("Pulled", 20, 39, 3);
        let scheduled = event("Scheduled", 0, 0, 1);
        let mut series = event("Series", 0, 0, 0);
        series.series = Some(EventSeries { count: 4, last_observed_time: Some(MicroTime(Time(now.0 - 1000))) });
        series.event_time = Some(MicroTime(Time(now.0 - 50_000)));
        series.source.component.clear();
        series.reporting_component = "sched".into();
        let mut w = PrefixWriter::default();
        describe_events(&mut w, now, vec![&pulled, &scheduled, &series]);
        let row = |a: &str, b: &str, c: &str, d: &str, e: &str| format!("{a:<10}{b:<11}{c:<19}{d:<9}{e}\n");
        let want = [
            "Events:\n".to_string(),
            row("  Type", "Reason", "Age", "From", "Message"),
            row("  ----", "------", "----", "----", "-------"),
            row("  Normal", "Scheduled", "60s", "kubelet", "Scheduled happened"),
            row("  Normal", "Pulled", "21s (x3 over 40s)", "kubelet", "Pulled happened"),
            row("  Normal", "Series", "1s (x4 over 50s)", "sched", "Series happened"),
        ]
        .concat();
        assert_eq!(tabwriter::format(&w.buf), want);
        let mut w = PrefixWriter::default();
        describe_events(&mut w, now, Vec::new());
        assert_eq!(w.buf, "Events:\t<none>\n");
    }
}
