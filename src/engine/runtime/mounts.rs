//! OSS buckets and NAS file systems mounted into an instance (`ossMountConfig.mountPoints[]`,
//! `nasConfig.mountPoints[]`). On FC the bucket appears as a folder at `mountDir`; locally a
//! bucket is the folder `<S_HOME>/buckets/<bucketName>`, so code doing plain file I/O under
//! `mountDir` reads and writes the same objects `s bucket` and OSS triggers see. A NAS mount
//! (`serverAddr: <host>:/<path>`) is the folder `<S_HOME>/nas/<host>/<path>`, shared by every
//! function that mounts the same address, as on FC; `nasConfig: auto` is FC's own default,
//! `<S_HOME>/nas/auto/<function>` at `/mnt/<function>`.
//!
//! In the sandbox the folder is bound at `mountDir` itself. Without it `mountDir` cannot be
//! created on the host, so environment variables whose value is `mountDir` (or a path below
//! it) are pointed at the folder instead: code that takes its paths from the environment
//! (set in `s.yaml` to the FC path) runs unchanged in both places.
//!
//! A function can make symlinks inside its own bucket folder, and it chooses `bucketPath`.
//! So the folder is resolved beneath the buckets root one component at a time, never
//! following a symlink, and handed over as an opened descriptor (`OssMount::dir`): the
//! sandbox binds that very folder (`bwrap --bind-fd`), and a link swapped in afterwards
//! changes nothing.

use std::os::fd::{AsRawFd as _, FromRawFd as _, OwnedFd};
use std::path::{Component, Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

use crate::fc::{ErrorCode, Function};

use super::process::StartError;

/// Top-level folders the sandbox itself provides; a mount may not replace them.
const RESERVED: &[&str] = &["code", "tmp", "opt", "dev", "proc"];

/// One mount point, resolved to its host folder.
#[derive(Debug)]
pub struct OssMount {
    /// `<S_HOME>/buckets/<bucketName>/<bucketPath>`, for the unsandboxed case (where the
    /// function can reach the host anyway) and messages.
    pub host: PathBuf,
    /// The same folder, opened `O_PATH | O_DIRECTORY` without following any symlink on the
    /// way. Close-on-exec: the sandbox must pass it on to `bwrap --bind-fd` itself, so no
    /// other child ever inherits it.
    pub dir: OwnedFd,
    /// Where the function sees it, e.g. `/mnt/oss`.
    pub mount_dir: String,
    pub read_only: bool,
}

/// The function's OSS mounts under `buckets` (the local buckets root), checked so a
/// manifest can never bind a folder outside it or over the sandbox's own folders. Missing
/// folders are created (an empty bucket locally).
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

/// The function's NAS mounts under `nas` (the local NAS root), checked as OSS mounts are.
pub fn nas_mounts(function: &Function, nas: &Path) -> Result<Vec<OssMount>, StartError> {
    let invalid =
        |why: String| StartError::new(ErrorCode::InvalidArgument, format!("nasConfig: {why}"));
    let points = match function.extra.get("nasConfig") {
        Some(serde_json::Value::String(auto)) if auto.eq_ignore_ascii_case("auto") => {
            let name = &function.function_name;
            vec![(format!("auto/{name}"), format!("/mnt/{name}"))]
        }
        Some(config) => config
            .get("mountPoints")
            .and_then(|p| p.as_array())
            .into_iter()
            .flatten()
            .map(|p| {
                let field = |k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or("");
                let (host, path) = field("serverAddr").split_once(':').unwrap_or(("", ""));
                let host_ok = !host.is_empty()
                    && host
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
                if !host_ok {
                    return Err(invalid(format!(
                        "serverAddr `{}` is not `<host>:/<path>`",
                        field("serverAddr")
                    )));
                }
                Ok((
                    format!("{host}/{}", path.trim_start_matches('/')),
                    field("mountDir").to_string(),
                ))
            })
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    points
        .into_iter()
        .map(|(folder, mount_dir)| {
            let inner = relative(&folder)
                .ok_or_else(|| invalid(format!("the path of `{folder}` is not valid")))?;
            let mount_dir = checked_mount_dir(&mount_dir).map_err(invalid)?;
            let dir = open_beneath(nas, &inner)
                .map_err(|e| invalid(format!("cannot open the folder of `{folder}`: {e}")))?;
            Ok(OssMount {
                host: nas.join(&inner),
                dir,
                mount_dir,
                read_only: false,
            })
        })
        .collect()
}

/// A `mountDir` that is an absolute folder outside the sandbox's own.
fn checked_mount_dir(mount_dir: &str) -> Result<String, String> {
    let mount_dir = mount_dir.trim_end_matches('/');
    let top = relative(mount_dir)
        .filter(|_| mount_dir.starts_with('/'))
        .and_then(|p| p.iter().next().map(|c| c.to_string_lossy().into_owned()));
    match top {
        Some(top) if !RESERVED.contains(&top.as_str()) => Ok(mount_dir.to_string()),
        _ => Err(format!(
            "mountDir `{mount_dir}` must be an absolute folder outside {}",
            RESERVED
                .iter()
                .map(|r| format!("/{r}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
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
    let mount_dir = checked_mount_dir(field("mountDir")).map_err(invalid)?;
    let below = Path::new(bucket).join(&inner);
    let dir = open_beneath(buckets, &below).map_err(|e| match e {
        Errno::ELOOP | Errno::ENOTDIR | Errno::EEXIST => invalid(format!(
            "bucketPath `{}` of bucket `{bucket}` is not a folder (a symlink or a file is in the way)",
            field("bucketPath")
        )),
        other => StartError::new(
            ErrorCode::InternalServerError,
            format!("ossMountConfig: cannot open the folder of bucket `{bucket}`: {other}"),
        ),
    })?;
    Ok(OssMount {
        host: buckets.join(below),
        dir,
        mount_dir,
        read_only: point
            .get("readOnly")
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
    })
}

/// The folder `rel` (plain components) below `root`, created where missing, opened without
/// following a symlink at any component below `root`. `root` itself is the engine's own
/// buckets folder, which the user may well have made a symlink.
fn open_beneath(root: &Path, rel: &Path) -> Result<OwnedFd, Errno> {
    crate::private_fs::create_dir_all(root)
        .map_err(|e| Errno::from_raw(e.raw_os_error().unwrap_or(0)))?;
    let mut dir = open_dir(None, root, OFlag::empty())?;
    for part in rel.components() {
        nix::sys::stat::mkdirat(Some(dir.as_raw_fd()), part.as_os_str(), Mode::S_IRWXU)
            .or_else(ignore_exists)?;
        dir = open_dir(Some(&dir), part.as_os_str(), OFlag::O_NOFOLLOW)?;
    }
    Ok(dir)
}

fn ignore_exists(e: Errno) -> Result<(), Errno> {
    match e {
        Errno::EEXIST => Ok(()),
        other => Err(other),
    }
}

/// `O_PATH | O_DIRECTORY` (plus `extra`): a symlink fails with `ENOTDIR` under
/// `O_NOFOLLOW`, since the link itself is no directory.
fn open_dir<P: ?Sized + nix::NixPath>(
    at: Option<&OwnedFd>,
    path: &P,
    extra: OFlag,
) -> Result<OwnedFd, Errno> {
    let flags = OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC | extra;
    let fd = nix::fcntl::openat(at.map(|d| d.as_raw_fd()), path, flags, Mode::empty())?;
    // SAFETY: `openat` just returned this descriptor and nothing else owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
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

    fn at(dir: &str) -> OssMount {
        let tmp = tempfile::tempdir().unwrap();
        OssMount {
            host: PathBuf::from("/h/buckets/media"),
            dir: open_beneath(tmp.path(), Path::new("x")).unwrap(),
            mount_dir: dir.into(),
            read_only: false,
        }
    }

    /// The folder an opened descriptor really is, as the kernel names it.
    fn fd_path(fd: &OwnedFd) -> PathBuf {
        std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd())).unwrap()
    }

    #[test]
    fn mount_points_resolve_under_the_bucket_folder() {
        let root = tempfile::tempdir().unwrap();
        let buckets = root.path().join("buckets");
        let f = function(serde_json::json!([
            {"bucketName": "media", "bucketPath": "/", "mountDir": "/mnt/oss", "readOnly": false},
            {"bucketName": "logs-1", "bucketPath": "/in/2024", "mountDir": "/mnt/in/", "readOnly": true}
        ]));
        let mounts = oss_mounts(&f, &buckets).unwrap();
        assert_eq!(mounts[0].host, buckets.join("media"));
        assert_eq!(mounts[0].mount_dir, "/mnt/oss");
        assert!(!mounts[0].read_only);
        assert_eq!(mounts[1].host, buckets.join("logs-1/in/2024"));
        assert_eq!(mounts[1].mount_dir, "/mnt/in");
        assert!(mounts[1].read_only);
        let real = buckets.canonicalize().unwrap();
        assert_eq!(fd_path(&mounts[1].dir), real.join("logs-1/in/2024"));
        assert!(buckets.join("logs-1/in/2024").is_dir());
    }

    #[test]
    fn a_symlink_in_the_bucket_folder_never_becomes_a_mount_source() {
        let root = tempfile::tempdir().unwrap();
        let buckets = root.path().join("buckets");
        let outside = root.path().join("outside");
        std::fs::create_dir_all(buckets.join("media/sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        // What a function can do inside its own bucket: links to `/` and to a folder.
        std::os::unix::fs::symlink("/", buckets.join("media/root")).unwrap();
        std::os::unix::fs::symlink(&outside, buckets.join("media/sub/out")).unwrap();
        for path in ["/root", "/root/etc", "/sub/out", "/sub/out/new"] {
            let f = function(serde_json::json!([
                {"bucketName": "media", "bucketPath": path, "mountDir": "/mnt/oss"}
            ]));
            let err = oss_mounts(&f, &buckets).unwrap_err();
            assert!(
                err.message.contains("is not a folder"),
                "{path}: {}",
                err.message
            );
            assert!(!err.message.contains(&*root.path().to_string_lossy()));
        }
        assert_eq!(
            std::fs::read_dir(&outside).unwrap().count(),
            0,
            "nothing made outside"
        );
        // A bucket that is itself a link is refused too.
        std::os::unix::fs::symlink(&outside, buckets.join("evil")).unwrap();
        let f = function(serde_json::json!([
            {"bucketName": "evil", "bucketPath": "/", "mountDir": "/mnt/oss"}
        ]));
        assert!(oss_mounts(&f, &buckets).is_err());
    }

    #[test]
    fn escaping_or_reserved_paths_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let bad = [
            serde_json::json!({"bucketName": "media", "bucketPath": "/../x", "mountDir": "/mnt/oss"}),
            serde_json::json!({"bucketName": "../x", "bucketPath": "/", "mountDir": "/mnt/oss"}),
            serde_json::json!({"bucketName": "media", "bucketPath": "/", "mountDir": "/code/x"}),
            serde_json::json!({"bucketName": "media", "bucketPath": "/", "mountDir": "mnt"}),
            serde_json::json!({"bucketName": "media", "bucketPath": "/", "mountDir": "/"}),
        ];
        for point in bad {
            let f = function(serde_json::json!([point]));
            assert!(oss_mounts(&f, root.path()).is_err(), "{point}");
        }
        assert!(oss_mounts(&Function::default(), root.path())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn environment_paths_below_a_mount_dir_map_to_the_host_folder() {
        let mounts = vec![at("/mnt/oss")];
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
