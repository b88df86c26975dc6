//! OSS buckets mounted into an instance (`ossMountConfig.mountPoints[]`). On FC the bucket
//! appears as a folder at `mountDir`; locally a bucket is the folder
//! `<S_HOME>/buckets/<bucketName>`, so code doing plain file I/O under `mountDir` reads and
//! writes the same objects `s bucket` and OSS triggers see.
//!
//! In the sandbox the folder is bound at `mountDir` itself. Without it `mountDir` cannot be
//! created on the host, so environment variables whose value is `mountDir` (or a path below
//! it) are pointed at the folder instead: code that takes its paths from the environment
//! (set in `s.yaml` to the FC path) runs unchanged in both places.

use std::path::{Component, Path, PathBuf};

use crate::fc::{ErrorCode, Function};

use super::process::StartError;

/// Top-level folders the sandbox itself provides; a mount may not replace them.
const RESERVED: &[&str] = &["code", "tmp", "opt", "dev", "proc"];

/// One mount point, resolved to its host folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OssMount {
    /// `<S_HOME>/buckets/<bucketName>/<bucketPath>`.
    pub host: PathBuf,
    /// Where the function sees it, e.g. `/mnt/oss`.
    pub mount_dir: String,
    pub read_only: bool,
}

/// The function's OSS mounts under `buckets` (the local buckets root), checked so a
/// manifest can never bind a folder outside it or over the sandbox's own folders.
pub fn oss_mounts(function: &Function, buckets: &Path) -> Result<Vec<OssMount>, StartError> {
    let points = function
        .extra
        .get("ossMountConfig")
        .and_then(|c| c.get("mountPoints"))
        .and_then(|p| p.as_array());
    let Some(points) = points else {
        return Ok(Vec::new());
    };
    points.iter().map(|p| one(p, buckets)).collect()
}

fn one(point: &serde_json::Value, buckets: &Path) -> Result<OssMount, StartError> {
    let field = |k: &str| point.get(k).and_then(|v| v.as_str()).unwrap_or("");
    let invalid =
        |why: String| StartError::new(ErrorCode::InvalidArgument, format!("ossMountConfig: {why}"));
    let bucket = field("bucketName");
    let valid_bucket = (3..=63).contains(&bucket.len())
        && bucket
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_bucket {
        return Err(invalid(format!("`{bucket}` is not a valid bucket name")));
    }
    let inner = relative(field("bucketPath"))
        .ok_or_else(|| invalid(format!("bucketPath `{}` is not valid", field("bucketPath"))))?;
    let mount_dir = field("mountDir").trim_end_matches('/');
    let top = relative(mount_dir)
        .filter(|_| mount_dir.starts_with('/'))
        .and_then(|p| p.iter().next().map(|c| c.to_string_lossy().into_owned()));
    match top {
        Some(top) if !RESERVED.contains(&top.as_str()) => {}
        _ => {
            return Err(invalid(format!(
                "mountDir `{mount_dir}` must be an absolute folder outside {}",
                RESERVED
                    .iter()
                    .map(|r| format!("/{r}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    }
    Ok(OssMount {
        host: buckets.join(bucket).join(inner),
        mount_dir: mount_dir.to_string(),
        read_only: point
            .get("readOnly")
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
    })
}

/// `path` without leading `/` as plain components, or None if it climbs out (`..`).
fn relative(path: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in Path::new(path).components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::RootDir | Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Without the sandbox: `value` with a leading mount dir replaced by its host folder.
pub fn map_env_value(value: &str, mounts: &[OssMount]) -> Option<String> {
    mounts.iter().find_map(|m| {
        let rest = value.strip_prefix(&m.mount_dir)?;
        (rest.is_empty() || rest.starts_with('/')).then(|| format!("{}{rest}", m.host.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn function(points: serde_json::Value) -> Function {
        let mut f = Function::default();
        f.extra.insert(
            "ossMountConfig".into(),
            serde_json::json!({ "mountPoints": points }),
        );
        f
    }

    #[test]
    fn mount_points_resolve_under_the_bucket_folder() {
        let f = function(serde_json::json!([
            {"bucketName": "media", "bucketPath": "/", "mountDir": "/mnt/oss", "readOnly": false},
            {"bucketName": "logs-1", "bucketPath": "/in/2024", "mountDir": "/mnt/in/", "readOnly": true}
        ]));
        let mounts = oss_mounts(&f, Path::new("/h/buckets")).unwrap();
        assert_eq!(mounts[0].host, Path::new("/h/buckets/media"));
        assert_eq!(mounts[0].mount_dir, "/mnt/oss");
        assert!(!mounts[0].read_only);
        assert_eq!(mounts[1].host, Path::new("/h/buckets/logs-1/in/2024"));
        assert_eq!(mounts[1].mount_dir, "/mnt/in");
        assert!(mounts[1].read_only);
    }

    #[test]
    fn escaping_or_reserved_paths_are_refused() {
        let bad = [
            serde_json::json!({"bucketName": "media", "bucketPath": "/../x", "mountDir": "/mnt/oss"}),
            serde_json::json!({"bucketName": "../x", "bucketPath": "/", "mountDir": "/mnt/oss"}),
            serde_json::json!({"bucketName": "media", "bucketPath": "/", "mountDir": "/code/x"}),
            serde_json::json!({"bucketName": "media", "bucketPath": "/", "mountDir": "mnt"}),
            serde_json::json!({"bucketName": "media", "bucketPath": "/", "mountDir": "/"}),
        ];
        for point in bad {
            let f = function(serde_json::json!([point]));
            assert!(oss_mounts(&f, Path::new("/b")).is_err(), "{point}");
        }
        assert!(oss_mounts(&Function::default(), Path::new("/b"))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn environment_paths_below_a_mount_dir_map_to_the_host_folder() {
        let mounts = vec![OssMount {
            host: PathBuf::from("/h/buckets/media"),
            mount_dir: "/mnt/oss".into(),
            read_only: false,
        }];
        assert_eq!(
            map_env_value("/mnt/oss", &mounts).as_deref(),
            Some("/h/buckets/media")
        );
        assert_eq!(
            map_env_value("/mnt/oss/out", &mounts).as_deref(),
            Some("/h/buckets/media/out")
        );
        assert_eq!(map_env_value("/mnt/ossx", &mounts), None);
        assert_eq!(map_env_value("hello", &mounts), None);
    }
}
