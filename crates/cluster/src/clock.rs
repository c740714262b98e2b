//! The virtual clock: a discrete-event timer queue. `advance` jumps from one due timer to the
//! next and never walks through time in which nothing is due, so an idle month costs nothing.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::time::{Duration, Time};

/// A queue of timers carrying payloads of type `T`, fired in (time, insertion) order.
#[derive(Clone, Debug)]
pub struct Clock<T> {
    now: Time,
    seq: u64,
    queue: BinaryHeap<Reverse<(Time, u64)>>,
    payloads: std::collections::BTreeMap<u64, T>,
    fired: u64,
}

impl<T> Clock<T> {
    pub fn new(start: Time) -> Self {
        Clock { now: start, seq: 0, queue: BinaryHeap::new(), payloads: Default::default(), fired: 0 }
    }

    pub fn now(&self) -> Time {
        self.now
    }

    /// Schedules `payload` to fire `after` from now (at once if `after` ≤ 0).
    pub fn schedule(&mut self, after: Duration, payload: T) {
        let at = self.now + Duration(after.0.max(0));
        self.seq += 1;
        self.queue.push(Reverse((at, self.seq)));
        self.payloads.insert(self.seq, payload);
    }

    /// When the next timer is due, if any.
    pub fn next_due(&self) -> Option<Time> {
        self.queue.peek().map(|Reverse((t, _))| *t)
    }

    /// Pops the next timer due at or before `deadline`, moving the clock to its instant.
    pub fn pop_due(&mut self, deadline: Time) -> Option<T> {
        let &Reverse((at, seq)) = self.queue.peek()?;
        if at > deadline {
            return None;
        }
        self.queue.pop();
        self.now = self.now.max(at);
        self.fired += 1;
        self.payloads.remove(&seq)
    }

    /// Moves the clock to `t` (never backwards). Call after draining [`Clock::pop_due`].
    pub fn set_now(&mut self, t: Time) {
        self.now = self.now.max(t);
    }

    /// Timers waiting to fire.
    pub fn pending(&self) -> usize {
        self.queue.len()
    }

    /// Timers fired since the clock was made: the unit of work of `advance`.
    pub fn fired(&self) -> u64 {
        self.fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers_fire_in_time_then_insertion_order_and_only_when_due() {
        let mut c = Clock::new(Time(0));
        c.schedule(Duration::from_secs(10), "b");
        c.schedule(Duration::from_secs(5), "a");
        c.schedule(Duration::from_secs(10), "c");
        assert_eq!(c.pop_due(Time(4_999)), None);
        assert_eq!(c.pop_due(Time(60_000)), Some("a"));
        assert_eq!(c.now(), Time(5_000));
        assert_eq!(c.pop_due(Time(60_000)), Some("b"));
        assert_eq!(c.pop_due(Time(60_000)), Some("c"));
        assert_eq!(c.pop_due(Time(60_000)), None);
        c.set_now(Time(60_000));
        assert_eq!((c.now(), c.fired(), c.pending()), (Time(60_000), 3, 0));
    }
}
