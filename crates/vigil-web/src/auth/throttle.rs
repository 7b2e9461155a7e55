//! Slows down password guessing: after too many failed logins for one
//! account, or from one address, further attempts are refused for a while,
//! whatever the password. Kept in this process's memory (a restart forgets;
//! several servers each count their own share — see the deployment notes).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Throttle {
    inner: Mutex<HashMap<String, Strikes>>,
    pub per_account: u32,
    pub per_address: u32,
    pub window: Duration,
}

#[derive(Debug, Clone, Copy)]
struct Strikes {
    count: u32,
    since: Instant,
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            inner: Mutex::new(HashMap::new()),
            per_account: 5,
            per_address: 20,
            window: Duration::from_secs(15 * 60),
        }
    }
}

impl Throttle {
    fn key_account(name: &str) -> String {
        format!("a:{name}")
    }

    fn key_address(addr: &str) -> String {
        format!("i:{addr}")
    }

    fn count(&self, key: &str, now: Instant) -> u32 {
        let map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        map.get(key)
            .filter(|s| now.duration_since(s.since) < self.window)
            .map_or(0, |s| s.count)
    }

    /// May a login for `name` from `addr` be tried now?
    pub fn allows(&self, name: &str, addr: &str) -> bool {
        let now = Instant::now();
        self.count(&Self::key_account(name), now) < self.per_account
            && self.count(&Self::key_address(addr), now) < self.per_address
    }

    pub fn failed(&self, name: &str, addr: &str) {
        let now = Instant::now();
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        // Bound memory under a flood of made-up names.
        if map.len() > 100_000 {
            map.retain(|_, s| now.duration_since(s.since) < self.window);
        }
        for key in [Self::key_account(name), Self::key_address(addr)] {
            let s = map.entry(key).or_insert(Strikes { count: 0, since: now });
            if now.duration_since(s.since) >= self.window {
                *s = Strikes { count: 0, since: now };
            }
            s.count += 1;
        }
    }

    pub fn succeeded(&self, name: &str) {
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&Self::key_account(name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_an_account_after_repeated_failures_and_an_address_after_more() {
        let t = Throttle::default();
        for _ in 0..5 {
            assert!(t.allows("ana", "10.0.0.1"));
            t.failed("ana", "10.0.0.1");
        }
        assert!(!t.allows("ana", "10.0.0.2"), "the account is locked from anywhere");
        assert!(t.allows("bob", "10.0.0.1"));
        for i in 0..15 {
            t.failed(&format!("user{i}"), "10.0.0.1");
        }
        assert!(
            !t.allows("carol", "10.0.0.1"),
            "the address is locked for every account"
        );
        t.succeeded("bob");
    }
}
