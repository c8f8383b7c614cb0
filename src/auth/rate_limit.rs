//! Sliding-window limits for login and password reset, per account and per client address.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::AppError;

pub struct RateLimiter {
    window: Duration,
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(window: Duration) -> Self {
        Self {
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Refuses with 429 while `key` has reached `limit` in the window, without counting a hit:
    /// for limits on outcomes (count failures with [`hit`](Self::hit), check before each try).
    pub fn check(&self, key: &str, limit: u32) -> Result<(), AppError> {
        let now = Instant::now();
        let hits = self
            .hits
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(queue) = hits.get(key) else {
            return Ok(());
        };
        let recent: Vec<&Instant> = queue
            .iter()
            .filter(|t| now.duration_since(**t) < self.window)
            .collect();
        if recent.len() >= limit as usize {
            let oldest = recent.first().map_or(now, |t| **t);
            let wait = self.window.saturating_sub(now.duration_since(oldest));
            return Err(AppError::rate_limited(wait.as_secs().max(1)));
        }
        Ok(())
    }

    /// Counts one attempt under `key`; refuses with 429 and `Retry-After` once `limit` is reached.
    pub fn hit(&self, key: &str, limit: u32) -> Result<(), AppError> {
        let now = Instant::now();
        let mut hits = self
            .hits
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if hits.len() > 100_000 {
            let window = self.window;
            hits.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        let queue = hits.entry(key.to_owned()).or_default();
        while queue
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            queue.pop_front();
        }
        if queue.len() >= limit as usize {
            let oldest = queue.front().copied().unwrap_or(now);
            let wait = self.window.saturating_sub(now.duration_since(oldest));
            return Err(AppError::rate_limited(wait.as_secs().max(1)));
        }
        queue.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_limit_with_a_retry_after() {
        let limiter = RateLimiter::new(Duration::from_secs(60));
        assert!(limiter.hit("a", 2).is_ok());
        assert!(limiter.hit("a", 2).is_ok());
        let refused = limiter.hit("a", 2).unwrap_err();
        assert!(refused.retry_after.unwrap() >= 59);
        assert!(limiter.hit("b", 2).is_ok());
    }

    #[test]
    fn check_refuses_without_counting() {
        let limiter = RateLimiter::new(Duration::from_secs(60));
        assert!(limiter.check("a", 1).is_ok());
        assert!(limiter.check("a", 1).is_ok());
        assert!(limiter.hit("a", 1).is_ok());
        assert!(limiter.check("a", 1).is_err());
        assert!(limiter.check("b", 1).is_ok());
    }
}
