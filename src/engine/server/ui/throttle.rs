//! Console sign-in attempts per peer address: a few wrong secrets are free, then every further
//! one doubles the wait before that address may try again (5 s up to 15 min), and attempts
//! during the wait are refused without looking at the secret. A right secret clears the
//! address's record. Only the sign-in form uses this; signed API requests cannot be guessed.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Wrong secrets an address may send before it has to wait.
const FREE_FAILURES: u32 = 5;
const FIRST_WAIT: Duration = Duration::from_secs(5);
const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);
/// Addresses remembered at most; the longest-quiet go first.
const MAX_ADDRESSES: usize = 10_000;

/// Failed sign-ins of every address.
#[derive(Default)]
pub struct LoginThrottle {
    map: Mutex<HashMap<IpAddr, Failures>>,
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
    wait_until: Option<Instant>,
}

impl LoginThrottle {
    /// `Err(wait)` when `ip` must wait this long before its next attempt counts.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let map = self.lock();
        match map.get(&ip).and_then(|f| f.wait_until) {
            Some(until) if until > now => Err(until - now),
            _ => Ok(()),
        }
    }

    /// A wrong secret from `ip`.
    pub fn failed(&self, ip: IpAddr, now: Instant) {
        let mut map = self.lock();
        if map.len() >= MAX_ADDRESSES && !map.contains_key(&ip) {
            forget_quietest(&mut map);
        }
        let failures = map.entry(ip).or_insert(Failures {
            count: 0,
            last: now,
            wait_until: None,
        });
        failures.count += 1;
        failures.last = now;
        failures.wait_until = wait_after(failures.count).map(|wait| now + wait);
    }

    /// A right secret from `ip`.
    pub fn succeeded(&self, ip: IpAddr) {
        self.lock().remove(&ip);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Failures>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The wait after the `count`th wrong secret in a row.
fn wait_after(count: u32) -> Option<Duration> {
    let over = count.checked_sub(FREE_FAILURES)?;
    let doubled = FIRST_WAIT.saturating_mul(1u32 << over.min(16));
    Some(doubled.min(LONGEST_WAIT))
}

fn forget_quietest(map: &mut HashMap<IpAddr, Failures>) {
    if let Some(ip) = map.iter().min_by_key(|(_, f)| f.last).map(|(ip, _)| *ip) {
        map.remove(&ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_start_after_the_free_failures_and_double() {
        assert_eq!(wait_after(FREE_FAILURES - 1), None);
        assert_eq!(wait_after(FREE_FAILURES), Some(FIRST_WAIT));
        assert_eq!(wait_after(FREE_FAILURES + 1), Some(FIRST_WAIT * 2));
        assert_eq!(wait_after(FREE_FAILURES + 40), Some(LONGEST_WAIT));
    }

    #[test]
    fn an_address_waits_after_too_many_failures_and_a_success_clears_it() {
        let throttle = LoginThrottle::default();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "10.0.0.9".parse().unwrap();
        let now = Instant::now();
        for _ in 0..FREE_FAILURES {
            assert!(throttle.check(ip, now).is_ok());
            throttle.failed(ip, now);
        }
        assert_eq!(throttle.check(ip, now), Err(FIRST_WAIT));
        assert!(throttle.check(other, now).is_ok());
        assert!(throttle.check(ip, now + FIRST_WAIT).is_ok());
        throttle.succeeded(ip);
        assert!(throttle.check(ip, now).is_ok());
    }
}
