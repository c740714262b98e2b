//! Container logs as the container runtime keeps them: every line a container's main process
//! writes on stdout or stderr, with the time it was written (the CRI log format's RFC 3339
//! timestamp with nanoseconds). One buffer per container run; the kubelet keeps the current run
//! and the one before it (`kubectl logs --previous`).
//!
//! Bounded: a run keeps at most [`MAX_LINES`] lines and [`MAX_BYTES`] bytes of text; older lines
//! are dropped first, as log rotation drops the oldest file (the kubelet rotates at 10 MiB ×
//! 5 files; a browser tab cannot afford that per container). A line longer than
//! [`MAX_LINE`] is cut, as the runtime splits long lines.

use std::collections::VecDeque;

use crate::time::Time;

/// Most lines one container run keeps.
pub const MAX_LINES: usize = 5_000;
/// Most bytes of text one container run keeps.
pub const MAX_BYTES: usize = 256 * 1024;
/// Longest line kept (longer ones are cut).
pub const MAX_LINE: usize = 16 * 1024;

/// One line of a container's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// When it was written (the virtual clock, in milliseconds)…
    pub time: Time,
    /// …and the nanoseconds below the millisecond (the runtime's clock is finer than the
    /// simulation's; a stable function of the line, so transcripts stay deterministic).
    pub nanos: u32,
    pub stderr: bool,
    pub text: String,
}

impl LogLine {
    /// The timestamp `kubectl logs --timestamps` prints: RFC 3339 with nine fractional digits
    /// (the kubelet's fixed-width `timeFormatOut`).
    pub fn timestamp(&self) -> String {
        let c = self.time.civil();
        let ns = self.time.0.rem_euclid(1000) * 1_000_000 + i64::from(self.nanos);
        format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{ns:09}Z", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }
}

/// The log of one container run.
#[derive(Clone, Debug, Default)]
pub struct LogBuf {
    /// The container ID of the run (`containerd://…`).
    pub id: String,
    lines: VecDeque<LogLine>,
    bytes: usize,
    /// Lines ever written in this run (dropped ones included): a follower's cursor.
    written: u64,
    /// Seeds the sub-millisecond part of the timestamps.
    salt: u64,
}

impl LogBuf {
    pub fn new(id: &str, salt: u64) -> LogBuf {
        LogBuf { id: id.to_string(), salt, ..Default::default() }
    }

    pub fn push(&mut self, time: Time, stderr: bool, text: &str) {
        let text = if text.len() > MAX_LINE {
            let mut end = MAX_LINE;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            &text[..end]
        } else {
            text
        };
        self.written += 1;
        let mut h = self.salt ^ self.written.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^= h >> 29;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 32;
        let nanos = (h % 1_000_000) as u32;
        self.bytes += text.len();
        self.lines.push_back(LogLine { time, nanos, stderr, text: text.to_string() });
        while self.lines.len() > MAX_LINES || self.bytes > MAX_BYTES {
            match self.lines.pop_front() {
                Some(l) => self.bytes -= l.text.len(),
                None => break,
            }
        }
    }

    /// The lines kept, oldest first.
    pub fn lines(&self) -> impl Iterator<Item = &LogLine> {
        self.lines.iter()
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Lines ever written (a cursor for following).
    pub fn written(&self) -> u64 {
        self.written
    }

    /// The lines written after the cursor `since` (those still kept).
    pub fn after(&self, since: u64) -> Vec<LogLine> {
        let first_kept = self.written - self.lines.len() as u64;
        let skip = since.saturating_sub(first_kept) as usize;
        self.lines.iter().skip(skip).cloned().collect()
    }

    /// Bytes of text kept.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_have_nine_fractional_digits() {
        let l = LogLine { time: Time(1_704_067_207_123), nanos: 456_789, stderr: false, text: "hi".into() };
        assert_eq!(l.timestamp(), "2024-01-01T00:00:07.123456789Z");
    }

    #[test]
    fn the_oldest_lines_go_first_and_cursors_survive() {
        let mut b = LogBuf::new("containerd://x", 7);
        for i in 0..(MAX_LINES + 10) {
            b.push(Time(i as i64), false, &format!("line {i}"));
        }
        assert_eq!(b.len(), MAX_LINES);
        assert_eq!(b.lines().next().unwrap().text, "line 10");
        assert_eq!(b.written(), (MAX_LINES + 10) as u64);
        let tail = b.after(b.written() - 2);
        assert_eq!(tail.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), [format!("line {}", MAX_LINES + 8), format!("line {}", MAX_LINES + 9)]);
        assert_eq!(b.after(0).len(), MAX_LINES, "a cursor before the kept lines sees what is kept");
        let big = "x".repeat(MAX_LINE * 2);
        for _ in 0..40 {
            b.push(Time(0), true, &big);
        }
        assert!(b.bytes() <= MAX_BYTES);
    }
}

/// What `GET pods/log` returns: the lines of one container run, and where to follow it.
#[derive(Clone, Debug, Default)]
pub struct LogStream {
    pub lines: Vec<LogLine>,
    uid: String,
    index: usize,
    /// The container ID of the run.
    id: String,
    /// Lines of the run seen so far.
    seen: u64,
}

impl crate::cluster::Cluster {
    /// `GET pods/log` (the kubelet's `validateContainerLogStatus`): the log of the container's
    /// current run (or, with `previous`, of the run before), or the kubelet's error.
    pub fn container_logs(&self, namespace: &str, pod: &str, container: &str, previous: bool) -> Result<LogStream, crate::ApiError> {
        use crate::ApiError;
        let Some(p) = self.store.pods.get(namespace, pod) else { return Err(ApiError::not_found(crate::Kind::Pod, pod)) };
        let index = p.spec.init_containers.iter().chain(&p.spec.containers).position(|k| k.name == container);
        let Some(index) = index else {
            return Err(ApiError::BadRequest(format!("container {container} is not valid for pod {pod}")));
        };
        if p.spec.node_name.is_empty() {
            return Ok(LogStream::default());
        }
        let status = p.status.container_statuses.iter().chain(&p.status.init_container_statuses).find(|s| s.name == container);
        let Some(status) = status else {
            return Err(ApiError::BadRequest(format!("container \"{container}\" in pod \"{pod}\" is not available")));
        };
        let last = status.last_state.terminated.as_ref();
        let id = if previous {
            match last.filter(|t| !t.container_id.is_empty()) {
                Some(t) => t.container_id.clone(),
                None => return Err(ApiError::BadRequest(format!("previous terminated container \"{container}\" in pod \"{pod}\" not found"))),
            }
        } else if status.state.running.is_some() {
            status.container_id.clone()
        } else if let Some(t) = &status.state.terminated {
            match (t.container_id.is_empty(), last.filter(|l| !l.container_id.is_empty())) {
                (false, _) => t.container_id.clone(),
                (true, Some(l)) => l.container_id.clone(),
                (true, None) => return Err(ApiError::BadRequest(format!("container \"{container}\" in pod \"{pod}\" is terminated"))),
            }
        } else if let Some(l) = last {
            if l.container_id.is_empty() {
                return Err(ApiError::BadRequest(format!("container \"{container}\" in pod \"{pod}\" is terminated")));
            }
            l.container_id.clone()
        } else if let Some(w) = &status.state.waiting {
            return Err(ApiError::BadRequest(match w.reason.as_str() {
                "ErrImagePull" => format!("container \"{container}\" in pod \"{pod}\" is waiting to start: image can't be pulled"),
                "ImagePullBackOff" => format!("container \"{container}\" in pod \"{pod}\" is waiting to start: trying and failing to pull image"),
                r => format!("container \"{container}\" in pod \"{pod}\" is waiting to start: {r}"),
            }));
        } else {
            return Err(ApiError::BadRequest(format!("container \"{container}\" in pod \"{pod}\" is waiting to start - no logs yet")));
        };
        let uid = p.metadata.uid.clone();
        let buf = self.kubelets.data(&uid, index).and_then(|d| [Some(&d.logs), d.previous.as_ref()].into_iter().flatten().find(|b| b.id == id));
        let (lines, seen) = match buf {
            Some(b) => (b.lines().cloned().collect(), b.written()),
            None => (Vec::new(), 0),
        };
        Ok(LogStream { lines, uid, index, id, seen })
    }

    /// Lines the followed run has written since the stream (or the last call) ended, and
    /// whether the run is over (the container exited or the pod is gone).
    pub fn follow_logs(&self, s: &mut LogStream) -> (Vec<LogLine>, bool) {
        let Some(d) = self.kubelets.data(&s.uid, s.index) else { return (Vec::new(), true) };
        let Some(b) = [Some(&d.logs), d.previous.as_ref()].into_iter().flatten().find(|b| b.id == s.id) else { return (Vec::new(), true) };
        let new = b.after(s.seen);
        s.seen = b.written();
        let running = self.kubelets.pods.get(&s.uid).and_then(|w| w.containers.get(s.index)).is_some_and(|k| k.container_id == s.id && matches!(k.state, super::CtrState::Running { .. }));
        (new, !running)
    }

    /// Whether the followed container's process will run again by itself (it sleeps): a
    /// follower keeps waiting for it however quiet it is.
    pub fn log_source_busy(&self, s: &LogStream) -> bool {
        self.kubelets.data(&s.uid, s.index).and_then(|d| d.run.as_ref()).is_some_and(|r| r.sleeping)
    }
}
