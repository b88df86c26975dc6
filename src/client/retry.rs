//! When to send a request again: throttling (429, 503, or any answer with
//! `x-acs-retry-after`) always, other 5xx only for idempotent methods. The wait honors
//! `x-acs-retry-after` (milliseconds), else backs off exponentially with jitter.

use std::time::Duration;

use reqwest::{Method, StatusCode};

/// How many times to try and how long to wait in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included; 1 means never retry.
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl RetryPolicy {
    pub const NONE: RetryPolicy = RetryPolicy {
        max_attempts: 1,
        base_delay: Duration::ZERO,
        max_delay: Duration::ZERO,
    };

    /// What remote targets use.
    pub fn remote() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(300),
            max_delay: Duration::from_secs(10),
        }
    }

    /// The wait before attempt `attempt + 1`, or `None` when the answer is final.
    /// `retry_after_ms` is the server's `x-acs-retry-after`.
    pub fn delay(
        &self,
        attempt: u32,
        method: &Method,
        status: StatusCode,
        retry_after_ms: Option<u64>,
    ) -> Option<Duration> {
        if attempt + 1 >= self.max_attempts || !retryable(method, status, retry_after_ms) {
            return None;
        }
        if let Some(ms) = retry_after_ms.filter(|ms| *ms > 0) {
            return Some(Duration::from_millis(ms).min(self.max_delay));
        }
        let exponential = self.base_delay.saturating_mul(1 << attempt.min(16));
        let jitter = rand::random::<f64>() * 0.5 + 0.75;
        Some(exponential.mul_f64(jitter).min(self.max_delay))
    }
}

fn retryable(method: &Method, status: StatusCode, retry_after_ms: Option<u64>) -> bool {
    let throttled = status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::SERVICE_UNAVAILABLE
        || retry_after_ms.is_some_and(|ms| ms > 0);
    if throttled {
        return true;
    }
    // A POST that failed with a 500 may have taken effect (a created function, a started
    // invocation); sending it again is not safe.
    let idempotent = matches!(
        *method,
        Method::GET | Method::PUT | Method::DELETE | Method::HEAD
    );
    idempotent
        && matches!(
            status,
            StatusCode::INTERNAL_SERVER_ERROR
                | StatusCode::BAD_GATEWAY
                | StatusCode::GATEWAY_TIMEOUT
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_is_retried_after_the_server_s_delay() {
        let policy = RetryPolicy::remote();
        let wait = policy.delay(0, &Method::POST, StatusCode::TOO_MANY_REQUESTS, Some(1500));
        assert_eq!(wait, Some(Duration::from_millis(1500)));
        let capped = policy.delay(
            0,
            &Method::POST,
            StatusCode::TOO_MANY_REQUESTS,
            Some(60_000),
        );
        assert_eq!(capped, Some(policy.max_delay));
    }

    #[test]
    fn server_errors_are_retried_only_when_idempotent() {
        let policy = RetryPolicy::remote();
        let error = StatusCode::INTERNAL_SERVER_ERROR;
        assert!(policy.delay(0, &Method::GET, error, None).is_some());
        assert!(policy.delay(0, &Method::POST, error, None).is_none());
        assert!(policy
            .delay(0, &Method::GET, StatusCode::NOT_FOUND, None)
            .is_none());
    }

    #[test]
    fn backoff_grows_and_stops_at_the_last_attempt() {
        let policy = RetryPolicy::remote();
        let unavailable = StatusCode::SERVICE_UNAVAILABLE;
        let first = policy.delay(0, &Method::GET, unavailable, None).unwrap();
        let third = policy.delay(2, &Method::GET, unavailable, None).unwrap();
        assert!(first <= Duration::from_millis(300 * 5 / 4));
        assert!(third >= Duration::from_millis(300 * 4 * 3 / 4));
        assert!(policy.delay(3, &Method::GET, unavailable, None).is_none());
        assert!(RetryPolicy::NONE
            .delay(0, &Method::GET, unavailable, None)
            .is_none());
    }
}
