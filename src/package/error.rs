//! Everything that can go wrong while packaging or unpacking code, and the report shown
//! when a package is over the size limit (largest files and folders, and what to do).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::MAX_PACKAGE_BYTES;

#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("code path `{}` does not exist", path.display())]
    NotFound { path: PathBuf },
    #[error("cannot read `{}`: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write `{}`: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("file `{}` changed while it was being packaged", path.display())]
    Changed { path: PathBuf },
    #[error("file `{}` is 4 GiB or larger, which a code package cannot hold", path.display())]
    FileTooLarge { path: PathBuf },
    #[error("{0}")]
    TooLarge(Box<SizeReport>),
    #[error("`{}` is not a valid zip archive: {source}", path.display())]
    InvalidZip {
        path: PathBuf,
        source: zip::result::ZipError,
    },
    #[error("refusing to unpack entry `{entry}`: {reason}")]
    UnsafeEntry { entry: String, reason: &'static str },
    #[error(
        "refusing to unpack `{}`: it expands to more than {}",
        path.display(),
        human_size(*limit)
    )]
    TooBigToUnpack { path: PathBuf, limit: u64 },
    #[error(
        "refusing to unpack `{}`: it holds {entries} entries, more than {limit}",
        path.display()
    )]
    TooManyEntries {
        path: PathBuf,
        entries: usize,
        limit: usize,
    },
}

impl PackageError {
    /// The message without the host paths it names, for callers of the engine's API (who
    /// sent the package but have no business knowing where the engine keeps it).
    pub fn message_without_paths(&self) -> String {
        use PackageError::*;
        match self {
            Read { source, .. } => format!("cannot read the package: {source}"),
            Write { source, .. } => format!("cannot write the unpacked code: {source}"),
            InvalidZip { source, .. } => format!("not a valid zip archive: {source}"),
            TooBigToUnpack { limit, .. } => {
                format!("it expands to more than {}", human_size(*limit))
            }
            TooManyEntries { entries, limit, .. } => {
                format!("it holds {entries} entries, more than {limit}")
            }
            UnsafeEntry { .. } => self.to_string(),
            NotFound { .. } | Changed { .. } | FileTooLarge { .. } | TooLarge(_) => {
                "the package cannot be built".into()
            }
        }
    }

    pub(crate) fn read(path: &Path) -> impl FnOnce(io::Error) -> PackageError + '_ {
        move |source| PackageError::Read {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn write(path: &Path) -> impl FnOnce(io::Error) -> PackageError + '_ {
        move |source| PackageError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Why a package is too big: the biggest contributors by size on disk.
#[derive(Debug, Clone)]
pub struct SizeReport {
    /// The code folder or file.
    pub code: PathBuf,
    /// Compressed bytes: exact when the whole archive was built, else a lower bound.
    pub compressed: u64,
    /// True when packaging stopped early, so `compressed` is "at least".
    pub stopped_early: bool,
    /// Largest files, biggest first: (path inside the package, bytes on disk).
    pub largest_files: Vec<(String, u64)>,
    /// Largest folders, biggest first: (path inside the package, bytes on disk).
    pub largest_folders: Vec<(String, u64)>,
}

impl fmt::Display for SizeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at_least = if self.stopped_early { "at least " } else { "" };
        writeln!(
            f,
            "code package for `{}` is {at_least}{} compressed, over the {} limit",
            self.code.display(),
            human_size(self.compressed),
            human_size(MAX_PACKAGE_BYTES)
        )?;
        write_table(f, "largest files (size on disk):", &self.largest_files)?;
        write_table(f, "largest folders (size on disk):", &self.largest_folders)?;
        writeln!(f)?;
        writeln!(
            f,
            "hint: list what the function does not need at run time in `.fcignore` (gitignore syntax)"
        )?;
        writeln!(
            f,
            "hint: move dependencies into a layer (`layers:` in `s.yaml`), which FC mounts at `/opt`"
        )?;
        write!(
            f,
            "hint: keep large assets in OSS and download them at start-up, or mount OSS/NAS"
        )
    }
}

fn write_table(f: &mut fmt::Formatter<'_>, title: &str, rows: &[(String, u64)]) -> fmt::Result {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(f, "{title}")?;
    for (name, size) in rows {
        writeln!(f, "  {:>10}  {name}", human_size(*size))?;
    }
    Ok(())
}

/// Bytes for humans, in binary units as FC states its limits (50 MB = 52,428,800 bytes).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_fc_limits() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(MAX_PACKAGE_BYTES), "50.0 MB");
    }
}
