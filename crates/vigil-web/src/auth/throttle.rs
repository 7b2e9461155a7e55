//! Slows down password guessing without letting anyone lock others out.
//!
//! Failures are counted per pair of account and address: after a few free
//! tries, each further failure of that pair must wait twice as long as the
//! one before (up to 15 minutes). Someone guessing Ana's password from
//! their address slows only themselves; Ana, from her own address, signs
//! in as before. An address that fails for many accounts (spraying one
//! password across names) is slowed too, but only by a short, capped
//! delay, since a whole office can share one address. A success clears
//! its pair. Kept in this process's memory (a restart forgets; several
//! servers each count their own share — see the deployment notes).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Throttle {
    inner: Mutex<HashMap<String, Strikes>>,
    /// Failures of one account from one address before delays start.
    pub free_per_pair: u32,
    /// Failures from one address (any accounts) before delays start.
    pub free_per_address: u32,
    /// The longest wait a pair can be made to keep.
    pub pair_cap: Duration,
    /// The longest wait an address can be made to keep.
    pub address_cap: Duration,
    /// Failures older than this are forgotten.
    pub memory: Duration,
}

#[derive(Debug, Clone, Copy)]
struct Strikes {
    count: u32,
    last: Instant,
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            inner: Mutex::new(HashMap::new()),
            free_per_pair: 3,
            free_per_address: 20,
            pair_cap: Duration::from_secs(15 * 60),
            address_cap: Duration::from_secs(60),
            memory: Duration::from_secs(60 * 60),
        }
    }
}

/// The wait after `count` failures when `free` are free: 1 s, 2 s, 4 s…
/// up to `cap`.
fn wait(count: u32, free: u32, cap: Duration) -> Duration {
    if count < free {
        return Duration::ZERO;
    }
    let doublings = (count - free).min(20);
    Duration::from_secs(1u64 << doublings).min(cap)
}

impl Throttle {
    fn key_pair(name: &str, addr: &str) -> String {
        format!("p:{addr} {name}")
    }

    fn key_address(addr: &str) -> String {
        format!("i:{addr}")
    }

    fn remaining(&self, map: &HashMap<String, Strikes>, key: &str, free: u32, cap: Duration, now: Instant) -> Duration {
        match map.get(key) {
            Some(s) if now.duration_since(s.last) < self.memory => {
                (s.last + wait(s.count, free, cap)).saturating_duration_since(now)
            }
            _ => Duration::ZERO,
        }
    }

    /// May a sign-in as `name` from `addr` be tried now? `Err` says how
    /// long to wait.
    pub fn allows(&self, name: &str, addr: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let pair = self.remaining(
            &map,
            &Self::key_pair(name, addr),
            self.free_per_pair,
            self.pair_cap,
            now,
        );
        let address = self.remaining(
            &map,
            &Self::key_address(addr),
            self.free_per_address,
            self.address_cap,
            now,
        );
        match pair.max(address) {
            d if d.is_zero() => Ok(()),
            d => Err(d),
        }
    }

    pub fn failed(&self, name: &str, addr: &str) {
        let now = Instant::now();
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        // Bound memory under a flood of made-up names.
        if map.len() > 100_000 {
            map.retain(|_, s| now.duration_since(s.last) < self.memory);
        }
        for key in [Self::key_pair(name, addr), Self::key_address(addr)] {
            let s = map.entry(key).or_insert(Strikes { count: 0, last: now });
            if now.duration_since(s.last) >= self.memory {
                s.count = 0;
            }
            s.count += 1;
            s.last = now;
        }
    }

    /// A success clears its own pair, nothing else.
    pub fn succeeded(&self, name: &str, addr: &str) {
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&Self::key_pair(name, addr));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guesser_slows_only_themselves_and_the_owner_still_signs_in() {
        let t = Throttle::default();
        for _ in 0..3 {
            assert!(t.allows("ana", "203.0.113.9").is_ok());
            t.failed("ana", "203.0.113.9");
        }
        // The guesser now waits, longer after every failure.
        let first = t.allows("ana", "203.0.113.9").unwrap_err();
        t.failed("ana", "203.0.113.9");
        let second = t.allows("ana", "203.0.113.9").unwrap_err();
        assert!(second > first, "{first:?} then {second:?}");
        // Ana, from her own address, is not slowed at all.
        assert!(t.allows("ana", "198.51.100.7").is_ok());
        // Nor is anyone else from the guesser's address (yet).
        assert!(t.allows("bob", "203.0.113.9").is_ok());
    }

    #[test]
    fn spraying_many_accounts_from_one_address_is_slowed_briefly() {
        let t = Throttle::default();
        for i in 0..20 {
            t.failed(&format!("user{i}"), "203.0.113.9");
        }
        let d = t.allows("carol", "203.0.113.9").unwrap_err();
        assert!(d <= Duration::from_secs(60), "{d:?}");
        assert!(t.allows("carol", "198.51.100.7").is_ok());
    }

    #[test]
    fn waits_double_and_stop_at_the_cap() {
        let cap = Duration::from_secs(900);
        assert_eq!(wait(2, 3, cap), Duration::ZERO);
        assert_eq!(wait(3, 3, cap), Duration::from_secs(1));
        assert_eq!(wait(5, 3, cap), Duration::from_secs(4));
        assert_eq!(wait(40, 3, cap), cap);
    }

    #[test]
    fn a_success_clears_its_pair_only() {
        let t = Throttle::default();
        for _ in 0..6 {
            t.failed("ana", "203.0.113.9");
            t.failed("ana", "198.51.100.7");
        }
        t.succeeded("ana", "198.51.100.7");
        assert!(t.allows("ana", "198.51.100.7").is_ok());
        assert!(t.allows("ana", "203.0.113.9").is_err());
    }
}
