//! Whether signatures are coming in a flood, for the mail worker to give
//! way to them.
//!
//! Each signature is committed, its confirmation queued with it, before
//! its signer is answered; sending the confirmation can wait. Under a
//! flood the mail worker's rounds took a quarter of the signing rate: the
//! writer it shares with the group commit (two transactions a round) and
//! the cores. So while one is on, the worker pauses between its rounds
//! ([`PAUSE`]): confirmations still go out, [`super::mail::ROUND`] each
//! pause, and the rest at full pace once the flood is over (the backlog
//! grows with the flood's length).
//!
//! A flood is a group commit of [`SIGNATURES`] or more, for any of the
//! server's campaigns. Signatures at a person's pace make one rarely: only
//! when a stall of the writer lets that many gather, and then the next
//! round of mail waits a pause at most.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Signatures in one group commit that make a flood: more than the writer
/// takes one at a time.
pub const SIGNATURES: usize = 16;
/// How long a flood lasts after its last such commit.
pub const LASTS: Duration = Duration::from_secs(1);
/// The mail worker's pause between rounds during a flood.
pub const PAUSE: Duration = Duration::from_secs(1);

/// When a group commit last held a flood's signatures.
#[derive(Debug)]
pub struct Flood {
    started: Instant,
    /// Milliseconds from `started` to that commit, plus one (0: never).
    seen: AtomicU64,
}

impl Default for Flood {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            seen: AtomicU64::new(0),
        }
    }
}

impl Flood {
    fn millis(&self, at: Instant) -> u64 {
        u64::try_from(at.saturating_duration_since(self.started).as_millis()).unwrap_or(u64::MAX - 1) + 1
    }

    /// A group commit at `at` held `signatures` new signatures.
    pub fn committed(&self, signatures: usize, at: Instant) {
        if signatures >= SIGNATURES {
            self.seen.store(self.millis(at), Ordering::Relaxed);
        }
    }

    /// Whether a flood is on at `at`.
    pub fn on(&self, at: Instant) -> bool {
        let seen = self.seen.load(Ordering::Relaxed);
        seen != 0 && self.millis(at).saturating_sub(seen) < LASTS.as_millis() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_is_many_signatures_a_commit_and_ends_a_while_after_the_last() {
        let flood = Flood::default();
        let t0 = flood.started + Duration::from_secs(5);
        assert!(!flood.on(t0), "never seen");
        // Signatures at a person's pace: one, a few, in each commit.
        flood.committed(1, t0);
        flood.committed(SIGNATURES - 1, t0);
        assert!(!flood.on(t0));
        flood.committed(SIGNATURES, t0);
        assert!(flood.on(t0));
        assert!(flood.on(t0 + LASTS - Duration::from_millis(10)));
        assert!(!flood.on(t0 + LASTS));
        // A commit at the very start counts too.
        let flood = Flood::default();
        flood.committed(SIGNATURES * 10, flood.started);
        assert!(flood.on(flood.started));
    }
}
