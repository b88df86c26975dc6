//! FC's input rules (names, limits), the one copy both the manifest validator and the
//! engine's API use. Predicates only: each caller words its own error for its audience.

use std::ops::RangeInclusive;

/// Trigger types FC 3.0 accepts.
pub const TRIGGER_TYPES: &[&str] = &[
    "http",
    "timer",
    "oss",
    "log",
    "mns_topic",
    "cdn_events",
    "tablestore",
    "eventbridge",
];

/// `memorySize` in MB, in steps of `MEMORY_STEP_MB`.
pub const MEMORY_MB: RangeInclusive<u64> = 128..=32768;
pub const MEMORY_STEP_MB: u64 = 64;
/// `timeout` in seconds.
pub const TIMEOUT_S: RangeInclusive<u64> = 1..=86400;
/// `instanceConcurrency`.
pub const INSTANCE_CONCURRENCY: RangeInclusive<u64> = 1..=200;
/// Total size of environment variable names and values.
pub const ENV_TOTAL_BYTES: usize = 4096;
/// The environment prefix FC reserves for itself.
pub const RESERVED_ENV_PREFIX: &str = "FC_";

/// 1–`max` of `[A-Za-z0-9_-]`, starting with a letter or `_`.
fn is_resource_name(name: &str, max: usize) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.len() <= max
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `^[A-Za-z_][A-Za-z0-9_-]{0,63}$`.
pub fn is_function_name(name: &str) -> bool {
    is_resource_name(name, 64)
}

/// Layer names follow the function-name pattern.
pub fn is_layer_name(name: &str) -> bool {
    is_resource_name(name, 64)
}

/// `^[A-Za-z_][A-Za-z0-9_-]{0,127}$`.
pub fn is_trigger_name(name: &str) -> bool {
    is_resource_name(name, 128)
}

/// `^[A-Za-z][A-Za-z0-9_]*$`.
pub fn is_env_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub fn is_memory_size(mb: u64) -> bool {
    MEMORY_MB.contains(&mb) && mb.is_multiple_of(MEMORY_STEP_MB)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_fc_patterns() {
        assert!(is_function_name("my-fn_1"));
        assert!(is_function_name("_x"));
        assert!(!is_function_name("1abc"));
        assert!(!is_function_name("-abc"));
        assert!(!is_function_name("a.b"));
        assert!(!is_function_name(""));
        assert!(is_function_name(&"a".repeat(64)));
        assert!(!is_function_name(&"a".repeat(65)));
        assert!(is_trigger_name(&"a".repeat(128)));
        assert!(!is_trigger_name(&"a".repeat(129)));
        assert!(is_env_var_name("A_1"));
        assert!(!is_env_var_name("_A"));
        assert!(!is_env_var_name("A-B"));
    }

    #[test]
    fn memory_is_a_multiple_of_64_in_range() {
        assert!(is_memory_size(128));
        assert!(is_memory_size(32768));
        assert!(!is_memory_size(100));
        assert!(!is_memory_size(64));
        assert!(!is_memory_size(32832));
    }
}
