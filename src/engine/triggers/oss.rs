//! OSS triggers on local buckets: a bucket is the folder `<S_HOME>/buckets/<bucket>` and an
//! object is a file below it, keyed by its relative path. The source scans the folder; a new
//! or changed file is announced once its size and modification time held still across two
//! scans (so a file still being written is delivered once, when complete), a vanished one
//! as removed. Events are FC's OSS event JSON, queued as async invocations.
//!
//! Scanning rather than inotify: it works the same on every filesystem and for files written
//! by functions through mounts, and a restart only needs one listing to catch up.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use md5::{Digest, Md5};
use serde_json::{json, Value};

use super::{Deliver, Delivery, TriggerStatus};

/// How often a bucket folder is listed.
const SCAN_INTERVAL: Duration = Duration::from_millis(500);

/// The folder that holds a bucket's objects.
pub fn bucket_dir(s_home: &Path, bucket: &str) -> Result<PathBuf, String> {
    check_bucket_name(bucket)?;
    Ok(s_home.join("buckets").join(bucket))
}

/// OSS's rule: 3–63 characters, lower-case letters, digits and `-`, not starting or ending
/// with `-`. It also keeps a bucket name from leaving the buckets folder.
pub fn check_bucket_name(bucket: &str) -> Result<(), String> {
    let chars_ok = bucket
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if chars_ok
        && (3..=63).contains(&bucket.len())
        && !bucket.starts_with('-')
        && !bucket.ends_with('-')
    {
        Ok(())
    } else {
        Err(format!(
            "invalid bucket name `{bucket}`: use 3 to 63 lower-case letters, digits and `-`, not starting or ending with `-`"
        ))
    }
}

/// `oss://bucket/key` (or `oss://bucket`, `oss://bucket/prefix/`) → `(bucket, key)`.
pub fn parse_url(url: &str) -> Result<(String, String), String> {
    let rest = url
        .strip_prefix("oss://")
        .ok_or_else(|| format!("`{url}` is not an `oss://bucket/key` URL"))?;
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    check_bucket_name(bucket)?;
    Ok((bucket.to_string(), key.to_string()))
}

/// The file that holds `key` in `bucket`; refuses keys that would leave the bucket.
pub fn object_path(s_home: &Path, bucket: &str, key: &str) -> Result<PathBuf, String> {
    let parts: Vec<&str> = key.split('/').collect();
    let bad = key.is_empty()
        || key.ends_with('/')
        || parts
            .iter()
            .any(|p| p.is_empty() || *p == "." || *p == "..");
    if bad {
        return Err(format!(
            "invalid object key `{key}`: use `name` or `folder/name`, without empty, `.` or `..` parts"
        ));
    }
    Ok(parts
        .iter()
        .fold(bucket_dir(s_home, bucket)?, |path, part| path.join(part)))
}

/// A parsed OSS trigger: which bucket, which events, which keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OssConfig {
    pub bucket: String,
    pub region: String,
    pub account_id: String,
    /// As configured, e.g. `oss:ObjectCreated:*`.
    pub events: Vec<String>,
    pub prefix: String,
    pub suffix: String,
}

impl OssConfig {
    /// From `triggerConfig` and `sourceArn` (`acs:oss:<region>:<account>:<bucket>`); an empty
    /// region or account in the ARN falls back to the engine's.
    pub fn parse(
        config: &str,
        source_arn: Option<&str>,
        region: &str,
        account_id: &str,
    ) -> Result<OssConfig, String> {
        let value: Value =
            serde_json::from_str(config).map_err(|e| format!("invalid triggerConfig: {e}"))?;
        let arn = source_arn
            .ok_or("an oss trigger needs `sourceArn: acs:oss:<region>:<account>:<bucket>`")?;
        let parts: Vec<&str> = arn.split(':').collect();
        let [_, "oss", arn_region, arn_account, bucket] = parts[..] else {
            return Err(format!(
                "invalid sourceArn `{arn}`: expected `acs:oss:<region>:<account>:<bucket>`"
            ));
        };
        check_bucket_name(bucket)?;
        let events: Vec<String> = value
            .get("events")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        if events.is_empty() {
            return Err("an oss trigger needs `events`, e.g. [\"oss:ObjectCreated:*\"]".into());
        }
        // FC 3.0 writes `filter.key.prefix`; FC 2.0 wrote `filter.Key.Prefix`.
        let key = value
            .get("filter")
            .and_then(|f| f.get("key").or_else(|| f.get("Key")));
        let field = |lower: &str, upper: &str| {
            key.and_then(|k| k.get(lower).or_else(|| k.get(upper)))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let or = |text: &str, default: &str| {
            if text.is_empty() {
                default.to_string()
            } else {
                text.to_string()
            }
        };
        Ok(OssConfig {
            bucket: bucket.to_string(),
            region: or(arn_region, region),
            account_id: or(arn_account, account_id),
            events,
            prefix: field("prefix", "Prefix"),
            suffix: field("suffix", "Suffix"),
        })
    }

    /// True when an event named like `ObjectCreated:PutObject` on `key` is wanted.
    pub fn wants(&self, event_name: &str, key: &str) -> bool {
        key.starts_with(&self.prefix)
            && key.ends_with(&self.suffix)
            && self.events.iter().any(|pattern| {
                let pattern = pattern.strip_prefix("oss:").unwrap_or(pattern);
                match pattern.strip_suffix('*') {
                    Some(category) => event_name.starts_with(category),
                    None => pattern == event_name,
                }
            })
    }
}

/// What the scanner saw of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub size: u64,
    pub modified: SystemTime,
}

/// A change worth an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Created { key: String, size: u64, delta: i64 },
    Removed { key: String, size: u64 },
}

/// What a bucket looked like: files announced, and files seen once but not yet settled.
#[derive(Debug, Default)]
pub struct Scanner {
    baseline_taken: bool,
    announced: HashMap<String, Seen>,
    settling: HashMap<String, Seen>,
}

impl Scanner {
    /// Compare one listing with the last: the changes to announce now. The first listing is
    /// the baseline and announces nothing.
    pub fn observe(&mut self, listing: HashMap<String, Seen>) -> Vec<Change> {
        if !self.baseline_taken {
            self.baseline_taken = true;
            self.announced = listing;
            return Vec::new();
        }
        let mut changes = Vec::new();
        for (key, seen) in &listing {
            if self.announced.get(key) == Some(seen) {
                self.settling.remove(key);
                continue;
            }
            if self.settling.get(key) == Some(seen) {
                let old = self.announced.get(key).map_or(0, |s| s.size);
                changes.push(Change::Created {
                    key: key.clone(),
                    size: seen.size,
                    delta: seen.size as i64 - old as i64,
                });
            } else {
                self.settling.insert(key.clone(), *seen);
            }
        }
        self.settling.retain(|key, _| listing.contains_key(key));
        for (key, seen) in &self.announced {
            if !listing.contains_key(key) {
                changes.push(Change::Removed {
                    key: key.clone(),
                    size: seen.size,
                });
            }
        }
        changes.sort_by(|a, b| a.key().cmp(b.key()));
        changes
    }

    /// The change was delivered: remember it, so it is not announced again.
    pub fn settle(&mut self, change: &Change) {
        match change {
            Change::Created { key, .. } => {
                if let Some(seen) = self.settling.remove(key) {
                    self.announced.insert(key.clone(), seen);
                }
            }
            Change::Removed { key, .. } => {
                self.announced.remove(key);
            }
        }
    }
}

impl Change {
    pub fn key(&self) -> &str {
        match self {
            Change::Created { key, .. } | Change::Removed { key, .. } => key,
        }
    }

    pub fn event_name(&self) -> &'static str {
        match self {
            Change::Created { .. } => "ObjectCreated:PutObject",
            Change::Removed { .. } => "ObjectRemoved:DeleteObject",
        }
    }
}

/// Every regular file below `root`, keyed by its path relative to `root` with `/`.
pub fn list(root: &Path) -> Result<HashMap<String, Seen>, String> {
    let mut files = HashMap::new();
    for entry in walkdir::WalkDir::new(root).min_depth(1) {
        let entry =
            entry.map_err(|e| format!("cannot read bucket folder `{}`: {e}", root.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue; // removed between listing and stat
        };
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let key = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let seen = Seen {
            size: meta.len(),
            modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        };
        files.insert(key, seen);
    }
    Ok(files)
}

/// Upper-case hex MD5 of a file, as OSS reports `eTag`; empty when it cannot be read.
fn etag(path: &Path) -> String {
    let Ok(mut file) = std::fs::File::open(path) else {
        return String::new();
    };
    let mut hasher = Md5::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buffer[..n]),
            Err(_) => return String::new(),
        }
    }
    hex::encode_upper(hasher.finalize())
}

fn mime_type(key: &str) -> &'static str {
    let extension = key.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("txt" | "log") => "text/plain",
        Some("csv") => "text/csv",
        Some("html" | "htm") => "text/html",
        Some("json") => "application/json",
        Some("pdf") => "application/pdf",
        Some("zip") => "application/zip",
        Some("mp4") => "video/mp4",
        Some("mov") => "video/quicktime",
        Some("mp3") => "audio/mpeg",
        Some("wav") => "audio/wav",
        _ => "application/octet-stream",
    }
}

/// FC's OSS event for one change.
pub fn event(config: &OssConfig, change: &Change, etag: &str, rule_id: &str) -> Vec<u8> {
    let (size, delta) = match change {
        Change::Created { size, delta, .. } => (*size, *delta),
        Change::Removed { size, .. } => (0, -(*size as i64)),
    };
    let arn = format!(
        "acs:oss:{}:{}:{}",
        config.region, config.account_id, config.bucket
    );
    json!({"events": [{
        "eventName": change.event_name(),
        "eventSource": "acs:oss",
        "eventTime": crate::fc::rfc3339_now(),
        "eventVersion": "1.0",
        "oss": {
            "bucket": {
                "arn": arn,
                "name": config.bucket,
                "ownerIdentity": config.account_id,
                "virtualBucket": "",
            },
            "object": {
                "deltaSize": delta,
                "eTag": etag,
                "key": change.key(),
                "objectMeta": {"mimeType": mime_type(change.key())},
                "size": size,
            },
            "ossSchemaVersion": "1.0",
            "ruleId": rule_id,
        },
        "region": config.region,
        "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"requestId": crate::fc::new_request_id()},
        "userIdentity": {"principalId": config.account_id},
    }]})
    .to_string()
    .into_bytes()
}

/// Who the events go to.
pub struct Target {
    pub function: String,
    pub trigger_name: String,
    pub trigger_id: String,
    pub deliver: Arc<dyn Deliver>,
    pub status: Arc<TriggerStatus>,
}

/// Scan and deliver until cancelled, or until the bucket folder cannot be read (the
/// manager retries). `scanner` outlives a failed run, so a retry does not re-baseline.
pub async fn run(
    config: OssConfig,
    root: PathBuf,
    scanner: Arc<Mutex<Scanner>>,
    target: Target,
) -> Result<(), String> {
    std::fs::create_dir_all(&root)
        .map_err(|e| format!("cannot create bucket folder `{}`: {e}", root.display()))?;
    loop {
        let listing = {
            let root = root.clone();
            tokio::task::spawn_blocking(move || list(&root))
                .await
                .map_err(|e| e.to_string())??
        };
        let changes = scanner
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .observe(listing);
        let mut healthy = true;
        for change in changes {
            if config.wants(change.event_name(), change.key())
                && !announce(&config, &root, &change, &target).await
            {
                healthy = false;
                continue; // not settled: tried again on the next scan
            }
            scanner
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .settle(&change);
        }
        if healthy {
            target.status.set_running();
        }
        tokio::time::sleep(SCAN_INTERVAL).await;
    }
}

/// Deliver one change; false when it could not be queued.
async fn announce(config: &OssConfig, root: &Path, change: &Change, target: &Target) -> bool {
    let tag = match change {
        Change::Created { key, .. } => {
            let path = root.join(key);
            tokio::task::spawn_blocking(move || etag(&path))
                .await
                .unwrap_or_default()
        }
        Change::Removed { .. } => String::new(),
    };
    let payload = Bytes::from(event(config, change, &tag, &target.trigger_id));
    match target
        .deliver
        .deliver(&target.function, payload, true)
        .await
    {
        Delivery::NotDelivered { code, message } => {
            let text = format!("{code}: {message}");
            tracing::warn!(
                "oss trigger `{}/{}`: {text}",
                target.function,
                target.trigger_name
            );
            target.status.set_error(text);
            false
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(events: &[&str], prefix: &str, suffix: &str) -> OssConfig {
        let text =
            json!({"events": events, "filter": {"key": {"prefix": prefix, "suffix": suffix}}});
        OssConfig::parse(
            &text.to_string(),
            Some("acs:oss:cn-hangzhou:123:my-bucket"),
            "r",
            "a",
        )
        .unwrap()
    }

    fn seen(size: u64, secs: u64) -> Seen {
        Seen {
            size,
            modified: SystemTime::UNIX_EPOCH + Duration::from_secs(secs),
        }
    }

    #[test]
    fn urls_and_keys_stay_inside_the_bucket() {
        assert_eq!(
            parse_url("oss://b-1/a/b.txt").unwrap(),
            ("b-1".into(), "a/b.txt".into())
        );
        assert_eq!(
            parse_url("oss://b-1").unwrap(),
            ("b-1".into(), String::new())
        );
        assert!(parse_url("s3://b-1/k").is_err());
        assert!(parse_url("oss://../k").is_err());
        let home = Path::new("/h");
        assert_eq!(
            object_path(home, "b-1", "a/b.txt").unwrap(),
            Path::new("/h/buckets/b-1/a/b.txt")
        );
        for bad in ["", "a/../../x", "/abs", "a//b", "dir/", "."] {
            assert!(object_path(home, "b-1", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bucket_comes_from_the_source_arn() {
        let c = config(&["oss:ObjectCreated:*"], "", "");
        assert_eq!(c.bucket, "my-bucket");
        assert_eq!(c.region, "cn-hangzhou");
        assert_eq!(c.account_id, "123");
        let fallback = OssConfig::parse(
            r#"{"events":["oss:ObjectCreated:*"]}"#,
            Some("acs:oss:::b-1"),
            "r",
            "a",
        )
        .unwrap();
        assert_eq!(
            (fallback.region.as_str(), fallback.account_id.as_str()),
            ("r", "a")
        );
        for bad in ["acs:oss:r:a:../x", "acs:fc:r:a:b", "bucket"] {
            assert!(
                OssConfig::parse(r#"{"events":["oss:ObjectCreated:*"]}"#, Some(bad), "r", "a")
                    .is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn events_and_key_filters_select_changes() {
        let c = config(&["oss:ObjectCreated:*"], "in/", ".png");
        assert!(c.wants("ObjectCreated:PutObject", "in/a.png"));
        assert!(!c.wants("ObjectCreated:PutObject", "out/a.png"));
        assert!(!c.wants("ObjectCreated:PutObject", "in/a.jpg"));
        assert!(!c.wants("ObjectRemoved:DeleteObject", "in/a.png"));
        let removed = config(&["oss:ObjectRemoved:DeleteObject"], "", "");
        assert!(removed.wants("ObjectRemoved:DeleteObject", "x"));
        assert!(!removed.wants("ObjectCreated:PutObject", "x"));
    }

    #[test]
    fn a_file_is_announced_once_after_it_held_still() {
        let mut scanner = Scanner::default();
        assert!(scanner
            .observe(HashMap::from([("old".into(), seen(1, 1))]))
            .is_empty());
        let growing =
            |size| HashMap::from([("old".into(), seen(1, 1)), ("new".into(), seen(size, size))]);
        assert!(scanner.observe(growing(10)).is_empty());
        assert!(
            scanner.observe(growing(20)).is_empty(),
            "still being written"
        );
        let changes = scanner.observe(growing(20));
        assert_eq!(
            changes,
            vec![Change::Created {
                key: "new".into(),
                size: 20,
                delta: 20
            }]
        );
        scanner.settle(&changes[0]);
        assert!(scanner.observe(growing(20)).is_empty(), "announced once");
        let changes = scanner.observe(HashMap::from([("new".into(), seen(20, 20))]));
        assert_eq!(
            changes,
            vec![Change::Removed {
                key: "old".into(),
                size: 1
            }]
        );
    }

    #[test]
    fn an_unsettled_change_is_offered_again() {
        let mut scanner = Scanner::default();
        scanner.observe(HashMap::new());
        let one = HashMap::from([("k".into(), seen(3, 3))]);
        scanner.observe(one.clone());
        assert_eq!(scanner.observe(one.clone()).len(), 1);
        assert_eq!(
            scanner.observe(one).len(),
            1,
            "not settled, so offered again"
        );
    }

    #[test]
    fn event_has_fc_shape() {
        let c = config(&["oss:ObjectCreated:*"], "", "");
        let change = Change::Created {
            key: "image/a.jpg".into(),
            size: 5,
            delta: 5,
        };
        let event: Value = serde_json::from_slice(&event(&c, &change, "ABC", "rule")).unwrap();
        let e = &event["events"][0];
        assert_eq!(e["eventName"], "ObjectCreated:PutObject");
        assert_eq!(e["eventSource"], "acs:oss");
        assert_eq!(e["oss"]["bucket"]["name"], "my-bucket");
        assert_eq!(
            e["oss"]["bucket"]["arn"],
            "acs:oss:cn-hangzhou:123:my-bucket"
        );
        assert_eq!(e["oss"]["object"]["key"], "image/a.jpg");
        assert_eq!(e["oss"]["object"]["size"], 5);
        assert_eq!(e["oss"]["object"]["eTag"], "ABC");
        assert_eq!(e["oss"]["object"]["objectMeta"]["mimeType"], "image/jpeg");
        assert_eq!(e["region"], "cn-hangzhou");
    }
}
