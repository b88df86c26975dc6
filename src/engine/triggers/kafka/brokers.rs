//! Which local bootstrap servers a trigger's `InstanceId` means. FC names a managed Kafka
//! instance; locally that is whatever `<S_HOME>/kafka.yaml` maps it to:
//!
//! ```yaml
//! default: 127.0.0.1:9092            # any InstanceId not listed below
//! instances:
//!   alikafka_pre-cn-xxx: 127.0.0.1:19092
//! ```
//!
//! A missing or unreadable file means every instance is `127.0.0.1:9092`. A running trigger
//! reads the file again on every broker check, so an edit takes effect within seconds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The bootstrap address when nothing else is configured.
pub const DEFAULT_BROKERS: &str = "127.0.0.1:9092";

/// The file under `S_HOME` that maps instances to brokers.
pub const BROKERS_FILE: &str = "kafka.yaml";

#[derive(Deserialize, Default)]
struct BrokersFile {
    #[serde(default)]
    default: Option<String>,
    #[serde(default)]
    instances: BTreeMap<String, String>,
}

/// Where a running trigger's bootstrap servers come from.
#[derive(Debug, Clone)]
pub enum BrokerSource {
    /// `<s_home>/kafka.yaml`, read again on every check.
    File {
        s_home: PathBuf,
        instance_id: String,
    },
    /// Fixed servers (tests).
    Fixed(String),
}

impl BrokerSource {
    /// The bootstrap servers now.
    pub fn current(&self) -> String {
        match self {
            BrokerSource::File {
                s_home,
                instance_id,
            } => brokers_for(s_home, instance_id),
            BrokerSource::Fixed(brokers) => brokers.clone(),
        }
    }

    /// Where the user changes them, for hints.
    pub fn where_set(&self) -> String {
        match self {
            BrokerSource::File { s_home, .. } => {
                format!("`{}`", s_home.join(BROKERS_FILE).display())
            }
            BrokerSource::Fixed(_) => "the trigger's settings".into(),
        }
    }
}

/// The bootstrap servers (`host:port[,host:port...]`) for `instance_id`.
pub fn brokers_for(s_home: &Path, instance_id: &str) -> String {
    let path = s_home.join(BROKERS_FILE);
    let file = match std::fs::read_to_string(&path) {
        Ok(text) => match serde_yaml::from_str::<BrokersFile>(&text) {
            Ok(file) => file,
            Err(e) => {
                warn_once(format!("ignoring `{}`: {e}", path.display()));
                BrokersFile::default()
            }
        },
        Err(_) => BrokersFile::default(),
    };
    let chosen = file
        .instances
        .get(instance_id)
        .or(file.default.as_ref())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    chosen.unwrap_or_else(|| DEFAULT_BROKERS.to_string())
}

/// Log a broken file once, not on every check of every trigger.
fn warn_once(text: String) {
    static LAST: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if *last != text {
        tracing::warn!("{text}");
        *last = text;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instances_map_to_their_brokers_and_others_to_the_default() {
        let home = tempfile::tempdir().unwrap();
        assert_eq!(brokers_for(home.path(), "any"), DEFAULT_BROKERS);
        std::fs::write(
            home.path().join(BROKERS_FILE),
            "default: 10.0.0.1:9092\ninstances:\n  alikafka_a: 127.0.0.1:19092,127.0.0.1:19093\n",
        )
        .unwrap();
        assert_eq!(
            brokers_for(home.path(), "alikafka_a"),
            "127.0.0.1:19092,127.0.0.1:19093"
        );
        assert_eq!(brokers_for(home.path(), "alikafka_b"), "10.0.0.1:9092");
    }

    #[test]
    fn a_broken_file_falls_back_to_the_default() {
        let home = tempfile::tempdir().unwrap();
        std::fs::write(home.path().join(BROKERS_FILE), "instances: [not, a, map]\n").unwrap();
        assert_eq!(brokers_for(home.path(), "x"), DEFAULT_BROKERS);
    }
}
