//! Keyed rate limits (login, password reset, registration, …) on `governor`'s GCRA: each key
//! may spend `limit` attempts at once and earns one back every `window / limit`, so over any
//! window it gets about `limit` attempts. A hit is O(1) (one sharded map entry, no global lock);
//! keys whose state has returned to "fresh" are dropped every [`SWEEP_EVERY`] hits, so memory
//! holds only the keys seen within about one window.
//!
//! [`RateLimiter::check`] asks, without spending anything, whether a key is spent: for limits on
//! outcomes (count failures with `hit`, check before each try). GCRA state cannot be read
//! without a measurement, so the limiter remembers, per key, until when it is spent.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use dashmap::DashMap;
use governor::clock::{Clock, DefaultClock, Reference};
use governor::middleware::StateInformationMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DashMapStateStore;
use governor::Quota;

use crate::error::AppError;

/// How many hits pass between two sweeps of idle keys.
pub const SWEEP_EVERY: u64 = 1024;

type Keyed<C> =
    governor::RateLimiter<String, DashMapStateStore<String>, C, StateInformationMiddleware>;

pub struct RateLimiter<C: Clock = DefaultClock> {
    window: Duration,
    clock: C,
    /// One governor limiter per distinct limit (a handful: the configured values).
    by_limit: RwLock<HashMap<u32, Arc<Keyed<C>>>>,
    /// Keys whose attempts are all spent, with the instant the next one comes back.
    spent: DashMap<String, C::Instant>,
    hits: AtomicU64,
}

impl RateLimiter<DefaultClock> {
    pub fn new(window: Duration) -> Self {
        Self::with_clock(window, DefaultClock::default())
    }
}

impl<C: Clock + Clone> RateLimiter<C>
where
    C::Instant: Send + Sync,
{
    pub fn with_clock(window: Duration, clock: C) -> Self {
        Self {
            window: window.max(Duration::from_secs(1)),
            clock,
            by_limit: RwLock::new(HashMap::new()),
            spent: DashMap::new(),
            hits: AtomicU64::new(0),
        }
    }

    fn limiter(&self, limit: NonZeroU32) -> Option<Arc<Keyed<C>>> {
        if let Some(l) = self
            .by_limit
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&limit.get())
        {
            return Some(Arc::clone(l));
        }
        let quota = Quota::with_period(self.window / limit.get())?.allow_burst(limit);
        let mut map = self.by_limit.write().unwrap_or_else(|p| p.into_inner());
        let entry = map.entry(limit.get()).or_insert_with(|| {
            Arc::new(
                governor::RateLimiter::dashmap_with_clock(quota, self.clock.clone())
                    .with_middleware::<StateInformationMiddleware>(),
            )
        });
        Some(Arc::clone(entry))
    }

    /// Counts one attempt under `key`; refuses with 429 and `Retry-After` once `limit` attempts
    /// have been spent. A limit of 0 refuses everything.
    pub fn hit(&self, key: &str, limit: u32) -> Result<(), AppError> {
        let Some(limit) = NonZeroU32::new(limit) else {
            return Err(AppError::rate_limited(self.window.as_secs().max(1)));
        };
        if self.hits.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep();
        }
        let Some(limiter) = self.limiter(limit) else {
            return Ok(());
        };
        let now = self.clock.now();
        match limiter.check_key(&key.to_owned()) {
            Ok(state) => {
                if state.remaining_burst_capacity() == 0 {
                    let back = self.window / limit.get();
                    self.spent.insert(key.to_owned(), now + Nanos::from(back));
                }
                Ok(())
            }
            Err(not_until) => {
                let wait = not_until.wait_time_from(now);
                self.spent.insert(key.to_owned(), now + Nanos::from(wait));
                Err(AppError::rate_limited(seconds_up(wait)))
            }
        }
    }

    /// Refuses with 429 while `key` has spent its attempts, without counting one.
    pub fn check(&self, key: &str, _limit: u32) -> Result<(), AppError> {
        let now = self.clock.now();
        match self.spent.get(key).map(|until| *until) {
            Some(until) if until > now => Err(AppError::rate_limited(seconds_up(
                until.duration_since(now).into(),
            ))),
            _ => Ok(()),
        }
    }

    /// Drops every key whose state is indistinguishable from a fresh one.
    pub fn sweep(&self) {
        let limiters: Vec<_> = self
            .by_limit
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .cloned()
            .collect();
        for l in limiters {
            l.retain_recent();
            l.shrink_to_fit();
        }
        let now = self.clock.now();
        self.spent.retain(|_, until| *until > now);
    }

    /// Keys currently held, over all limits.
    pub fn len(&self) -> usize {
        self.by_limit
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .map(|l| l.len())
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn seconds_up(d: Duration) -> u64 {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    secs.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    fn fake(window: u64) -> (RateLimiter<FakeRelativeClock>, FakeRelativeClock) {
        let clock = FakeRelativeClock::default();
        (
            RateLimiter::with_clock(Duration::from_secs(window), clock.clone()),
            clock,
        )
    }

    #[test]
    fn refuses_past_the_limit_with_a_retry_after() {
        let (limiter, _) = fake(60);
        assert!(limiter.hit("a", 2).is_ok());
        assert!(limiter.hit("a", 2).is_ok());
        let refused = limiter.hit("a", 2).unwrap_err();
        // One attempt comes back every window / limit = 30 s.
        assert_eq!(refused.retry_after, Some(30));
        assert!(limiter.hit("b", 2).is_ok(), "keys are independent");
        assert!(
            limiter.hit("a", 3).is_ok(),
            "each limit keeps its own state"
        );
    }

    #[test]
    fn attempts_come_back_over_the_window() {
        let (limiter, clock) = fake(60);
        for _ in 0..3 {
            limiter.hit("k", 3).unwrap();
        }
        assert!(limiter.hit("k", 3).is_err());
        clock.advance(Duration::from_secs(20));
        assert!(limiter.hit("k", 3).is_ok(), "one back after window / limit");
        assert!(limiter.hit("k", 3).is_err());
        clock.advance(Duration::from_secs(60));
        for _ in 0..3 {
            limiter.hit("k", 3).unwrap();
        }
    }

    #[test]
    fn idle_keys_are_dropped_so_memory_stays_bounded() {
        let (limiter, clock) = fake(60);
        for i in 0..5000 {
            limiter.hit(&format!("client:{i}"), 10).unwrap();
        }
        // Sweeps ran while the keys were still live: they stay.
        assert!(limiter.len() >= 5000 - SWEEP_EVERY as usize);
        clock.advance(Duration::from_secs(61));
        limiter.sweep();
        assert_eq!(limiter.len(), 0, "every key idle for a window is gone");
        // A sweep happens on its own every SWEEP_EVERY hits.
        for i in 0..SWEEP_EVERY {
            limiter.hit(&format!("x:{i}"), 10).unwrap();
        }
        clock.advance(Duration::from_secs(61));
        for i in 0..SWEEP_EVERY {
            limiter.hit(&format!("y:{i}"), 10).unwrap();
        }
        assert!(
            limiter.len() <= SWEEP_EVERY as usize + 1,
            "the x keys were swept: {}",
            limiter.len()
        );
    }

    #[test]
    fn check_refuses_without_counting() {
        let (limiter, clock) = fake(60);
        assert!(limiter.check("a", 1).is_ok());
        assert!(limiter.check("a", 1).is_ok(), "checking spends nothing");
        assert!(limiter.hit("a", 1).is_ok());
        assert_eq!(limiter.check("a", 1).unwrap_err().retry_after, Some(60));
        assert!(limiter.check("b", 1).is_ok());
        clock.advance(Duration::from_secs(61));
        assert!(limiter.check("a", 1).is_ok(), "spent keys come back");
        assert!(limiter.hit("a", 2).is_ok());
        assert!(limiter.check("a", 2).is_ok(), "one of two left");
        assert!(limiter.hit("a", 2).is_ok());
        assert!(limiter.check("a", 2).is_err());
        assert!(limiter.hit("a", 2).is_err());
    }

    #[test]
    fn a_zero_limit_refuses() {
        let (limiter, _) = fake(60);
        assert_eq!(limiter.hit("a", 0).unwrap_err().retry_after, Some(60));
    }
}
