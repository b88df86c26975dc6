//! `s bucket cp|ls|rm`: put, list and remove objects in the local OSS buckets, the folders
//! under `S_HOME/buckets` that OSS triggers watch. Works on the files directly, so no engine
//! is needed; an upload is written aside and renamed into place, so a trigger never sees
//! half a file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use serde::Serialize;

use super::args::BucketCommand;
use super::output::status;
use super::task::{format_ms, print_data, table};
use super::Context;
use crate::engine::triggers::oss;
use crate::{paths, private_fs};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    key: String,
    size: u64,
    last_modified: String,
}

pub fn run(ctx: &Context, cmd: BucketCommand) -> anyhow::Result<()> {
    let home = paths::s_home();
    match cmd {
        BucketCommand::Cp {
            source,
            destination,
        } => copy(&home, &source, &destination),
        BucketCommand::Ls { url: None, .. } => list_buckets(ctx, &home),
        BucketCommand::Ls {
            url: Some(url),
            wait,
        } => list_objects(ctx, &home, &url, Duration::from_secs(wait)),
        BucketCommand::Rm { url } => remove(&home, &url),
    }
}

fn copy(home: &Path, source: &str, destination: &str) -> anyhow::Result<()> {
    match (source.starts_with("oss://"), destination.starts_with("oss://")) {
        (false, true) => upload(home, Path::new(source), destination),
        (true, false) => download(home, source, Path::new(destination)),
        _ => bail!("`s bucket cp` copies between a local file and `oss://bucket/key`\n\nhint: e.g. `s bucket cp photo.jpg oss://images/in/photo.jpg`"),
    }
}

fn upload(home: &Path, file: &Path, url: &str) -> anyhow::Result<()> {
    let (bucket, mut key) = oss::parse_url(url).map_err(anyhow::Error::msg)?;
    if key.is_empty() || key.ends_with('/') {
        let name = file
            .file_name()
            .with_context(|| format!("`{}` has no file name", file.display()))?;
        key.push_str(&name.to_string_lossy());
    }
    let target = oss::object_path(home, &bucket, &key).map_err(anyhow::Error::msg)?;
    if !file.is_file() {
        bail!("`{}` is not a file", file.display());
    }
    // Written next to the buckets (same filesystem), then renamed: the object appears whole.
    let staging = home.join("buckets").join(".uploads");
    private_fs::create_dir_all(&staging)
        .with_context(|| format!("cannot create `{}`", staging.display()))?;
    let parent = target.parent().unwrap_or(home);
    private_fs::create_dir_all(parent)
        .with_context(|| format!("cannot create `{}`", parent.display()))?;
    // The temporary file is 0600; copying into its handle (not `fs::copy`, which copies
    // the source's mode) keeps the object private like the rest of `S_HOME`.
    let mut temp = tempfile::NamedTempFile::new_in(&staging)
        .with_context(|| format!("cannot write in `{}`", staging.display()))?;
    let mut source =
        std::fs::File::open(file).with_context(|| format!("cannot read `{}`", file.display()))?;
    let size = std::io::copy(&mut source, temp.as_file_mut())
        .with_context(|| format!("cannot copy `{}`", file.display()))?;
    temp.persist(&target)
        .with_context(|| format!("cannot write `{}`", target.display()))?;
    status(
        "Uploaded",
        format!(
            "`{}` to `oss://{bucket}/{key}` ({size} bytes)",
            file.display()
        ),
    );
    Ok(())
}

fn download(home: &Path, url: &str, file: &Path) -> anyhow::Result<()> {
    let (bucket, key) = oss::parse_url(url).map_err(anyhow::Error::msg)?;
    let object = existing_object(home, &bucket, &key)?;
    let target: PathBuf = if file.is_dir() {
        file.join(key.rsplit('/').next().unwrap_or(&key))
    } else {
        file.to_path_buf()
    };
    let size = std::fs::copy(&object, &target)
        .with_context(|| format!("cannot write `{}`", target.display()))?;
    status(
        "Downloaded",
        format!("`{url}` to `{}` ({size} bytes)", target.display()),
    );
    Ok(())
}

fn remove(home: &Path, url: &str) -> anyhow::Result<()> {
    let (bucket, key) = oss::parse_url(url).map_err(anyhow::Error::msg)?;
    let object = existing_object(home, &bucket, &key)?;
    std::fs::remove_file(&object)
        .with_context(|| format!("cannot remove `{}`", object.display()))?;
    // Empty folders are not objects; drop the ones this removal emptied.
    let root = oss::bucket_dir(home, &bucket).map_err(anyhow::Error::msg)?;
    let mut dir = object.parent();
    while let Some(d) = dir.filter(|d| *d != root && d.starts_with(&root)) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    status("Removed", format!("`{url}`"));
    Ok(())
}

fn existing_object(home: &Path, bucket: &str, key: &str) -> anyhow::Result<PathBuf> {
    let path = oss::object_path(home, bucket, key).map_err(anyhow::Error::msg)?;
    if !path.is_file() {
        bail!("object `oss://{bucket}/{key}` does not exist\n\nhint: list objects with `s bucket ls oss://{bucket}`");
    }
    Ok(path)
}

fn list_buckets(ctx: &Context, home: &Path) -> anyhow::Result<()> {
    let root = home.join("buckets");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| oss::check_bucket_name(name).is_ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    if print_data(ctx, &names)? {
        return Ok(());
    }
    if names.is_empty() {
        eprintln!("no buckets yet: `s bucket cp FILE oss://BUCKET/KEY` creates one");
    }
    for name in names {
        println!("oss://{name}");
    }
    Ok(())
}

/// How often `--wait` looks again.
const WAIT_POLL: Duration = Duration::from_millis(200);

fn list_objects(ctx: &Context, home: &Path, url: &str, wait: Duration) -> anyhow::Result<()> {
    let deadline = Instant::now() + wait;
    loop {
        let entries = objects(home, url)?;
        if !entries.is_empty() || Instant::now() >= deadline {
            return print_objects(ctx, url, entries);
        }
        std::thread::sleep(WAIT_POLL);
    }
}

/// The objects under `url`, sorted by key; a missing bucket is an error.
fn objects(home: &Path, url: &str) -> anyhow::Result<Vec<Entry>> {
    let (bucket, prefix) = oss::parse_url(url).map_err(anyhow::Error::msg)?;
    let root = oss::bucket_dir(home, &bucket).map_err(anyhow::Error::msg)?;
    if !root.is_dir() {
        return Err(super::Hinted::new(
            format!("bucket `{bucket}` does not exist"),
            format!("`s bucket ls` lists the buckets; `s bucket cp FILE oss://{bucket}/KEY` creates this one"),
        )
        .into());
    }
    let listing = oss::list(&root).map_err(anyhow::Error::msg)?;
    let mut entries: Vec<Entry> = listing
        .into_iter()
        .filter(|(key, _)| key.starts_with(&prefix))
        .map(|(key, seen)| Entry {
            key,
            size: seen.size,
            last_modified: seen
                .modified
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| format_ms(d.as_millis() as i64))
                .unwrap_or_default(),
        })
        .collect();
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(entries)
}

fn print_objects(ctx: &Context, url: &str, entries: Vec<Entry>) -> anyhow::Result<()> {
    if print_data(ctx, &entries)? {
        return Ok(());
    }
    if entries.is_empty() {
        eprintln!("no objects under `{url}`");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| vec![e.key.clone(), e.size.to_string(), e.last_modified.clone()])
        .collect();
    print!("{}", table(&["KEY", "SIZE", "LAST MODIFIED"], &rows));
    Ok(())
}
