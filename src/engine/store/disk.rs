//! What the state dir holds on disk: garbage collection of code no record names any more
//! (packages, their unpacked folders, merged layer roots), and the disk use `s engine
//! status` shows. Collection runs at start and after every delete of a function, version or
//! layer version; a package saved in the last minutes is kept, since its record is written
//! only after the upload is stored.

use std::collections::{HashMap, HashSet};
use std::os::unix::fs::MetadataExt as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::code::package_key;
use super::layers::{layer_package, layer_root_key};
use super::{functions, Store, StoreError};
use crate::fc::{Function, Layer};

/// Bytes on disk by kind, as `GET /_s/v1/status?disk=true` reports them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiskUsage {
    /// Stored code zips.
    pub code_bytes: u64,
    /// Unpacked code and merged layer roots.
    pub unpacked_bytes: u64,
    /// The database with its WAL.
    pub database_bytes: u64,
    /// The engine's log file.
    pub log_bytes: u64,
    /// Instance scratch folders.
    pub scratch_bytes: u64,
}

/// What one collection removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collected {
    pub zips: usize,
    pub unpacked: usize,
    pub layer_roots: usize,
}

/// What the records name: packages and merged layer roots.
#[derive(Default)]
struct Referenced {
    packages: HashSet<String>,
    layer_roots: HashSet<String>,
}

impl Store {
    /// Remove what no record names. `leftovers`: also the temporaries of interrupted writes,
    /// for when nothing else can be writing (at start).
    pub fn collect_garbage(&self, leftovers: bool) -> Result<Collected, StoreError> {
        let referenced = self.referenced()?;
        let mut collected = Collected::default();
        let code = self.home.join("code");
        for (name, is_dir) in entries(&code)? {
            let key = if is_dir {
                name.as_str()
            } else {
                name.strip_suffix(".zip").unwrap_or(&name)
            };
            let keep = if name.starts_with('.') {
                !leftovers
            } else {
                referenced.packages.contains(key) || self.pins.is_pinned(key)
            };
            if !keep && remove(&code.join(&name), is_dir) {
                if is_dir {
                    collected.unpacked += 1;
                } else {
                    collected.zips += 1;
                }
            }
        }
        let layers = self.home.join("layers");
        for (name, is_dir) in entries(&layers)? {
            let keep = if name.starts_with('.') {
                !leftovers
            } else {
                referenced.layer_roots.contains(&name)
            };
            if !keep && remove(&layers.join(&name), is_dir) {
                collected.layer_roots += 1;
            }
        }
        Ok(collected)
    }

    /// After a delete: what it left unnamed goes now; a failure here is logged, it does not
    /// undo the delete.
    pub(super) fn collect_after_delete(&self) {
        if let Err(e) = self.collect_garbage(false) {
            tracing::warn!("store: cannot collect unused code: {e}");
        }
    }

    /// Packages and merged roots named by functions, versions and layer versions, read in
    /// one go so they agree with each other.
    fn referenced(&self) -> Result<Referenced, StoreError> {
        let (functions, layers) = {
            let conn = self.conn();
            let bodies = |sql: &str| -> Result<Vec<String>, StoreError> {
                let mut statement = conn.prepare(sql)?;
                let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
                Ok(rows.collect::<Result<_, _>>()?)
            };
            let functions =
                bodies("SELECT body FROM functions UNION ALL SELECT body FROM function_versions")?;
            (functions, bodies("SELECT body FROM layers")?)
        };
        let mut referenced = Referenced::default();
        let mut by_version = HashMap::new();
        for body in layers {
            let layer = super::layers::parse_layer(&body)?;
            referenced.packages.insert(layer_package(&layer));
            by_version.insert((layer.layer_name.clone(), layer.version), layer);
        }
        for body in functions {
            let function = functions::parse_function(&body)?;
            let package = package_key(
                function.code_digest.as_deref(),
                function.code_checksum.as_deref(),
            );
            referenced.packages.extend(package);
            if let Some(layers) = layers_of(&function, &by_version) {
                referenced.layer_roots.insert(layer_root_key(&layers));
            }
        }
        Ok(referenced)
    }

    /// Bytes of code, unpacked code and the database (the log and scratch folders belong
    /// to the engine; see [`dir_bytes`]).
    pub fn disk_usage(&self) -> DiskUsage {
        let code = self.home.join("code");
        let zips: u64 = entries(&code)
            .unwrap_or_default()
            .into_iter()
            .filter(|(name, is_dir)| !is_dir && name.ends_with(".zip"))
            .map(|(name, _)| file_bytes(&code.join(name)))
            .sum();
        let db = self.db_path();
        let database = ["", "-wal", "-shm"]
            .iter()
            .map(|suffix| file_bytes(Path::new(&format!("{}{suffix}", db.display()))))
            .sum();
        DiskUsage {
            code_bytes: zips,
            unpacked_bytes: dir_bytes(&code).saturating_sub(zips)
                + dir_bytes(&self.home.join("layers")),
            database_bytes: database,
            ..DiskUsage::default()
        }
    }
}

/// The layer records of `function`'s layers, when every one still exists.
fn layers_of(
    function: &Function,
    by_version: &HashMap<(String, u32), Layer>,
) -> Option<Vec<Layer>> {
    if function.layers.is_empty() {
        return None;
    }
    function
        .layers
        .iter()
        .map(|l| {
            if let Some((name, version)) = crate::fc::parse_official_layer_arn(&l.arn) {
                // Only what this process prepared: collecting never builds. A root it
                // removes is merged again at the next instance start.
                let prepared = crate::official_layers::memo(&name)?;
                return Some(super::layers::official_record(
                    &name,
                    version,
                    prepared.root,
                ));
            }
            let key = crate::fc::parse_layer_arn(&l.arn)?;
            by_version.get(&key).cloned()
        })
        .collect()
}

/// `(name, is a folder)` of the entries of `dir`; none when it does not exist.
fn entries(dir: &Path) -> Result<Vec<(String, bool)>, StoreError> {
    let read = match std::fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    Ok(read
        .flatten()
        .map(|e| {
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            (e.file_name().to_string_lossy().into_owned(), is_dir)
        })
        .collect())
}

fn remove(path: &Path, is_dir: bool) -> bool {
    let removed = if is_dir {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    if let Err(e) = &removed {
        tracing::warn!("store: cannot remove unused code `{}`: {e}", path.display());
    }
    removed.is_ok()
}

fn file_bytes(path: &Path) -> u64 {
    std::fs::symlink_metadata(path).map_or(0, |m| m.len())
}

/// Bytes of the files below `dir`, each hard-linked file once, links not followed.
pub fn dir_bytes(dir: &Path) -> u64 {
    let mut seen = HashSet::new();
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.metadata().ok())
        .filter(|meta| meta.is_file())
        .filter(|meta| meta.nlink() == 1 || seen.insert((meta.dev(), meta.ino())))
        .map(|meta| meta.len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fc::FunctionLayer;

    fn zip(store: &Store, files: &[(&str, &str)]) -> super::super::CodeInfo {
        let src = tempfile::tempdir().unwrap();
        for (name, body) in files {
            std::fs::write(src.path().join(name), body).unwrap();
        }
        let out = src.path().join("out.zip");
        crate::package::build_zip(src.path(), &out, &|_| {}).unwrap();
        store.save_code(&std::fs::read(out).unwrap()).unwrap()
    }

    fn function(name: &str, code: &super::super::CodeInfo) -> Function {
        Function {
            function_name: name.into(),
            code_checksum: Some(code.checksum.clone()),
            code_digest: Some(code.digest.clone()),
            ..Function::default()
        }
    }

    #[test]
    fn code_nothing_names_is_collected_and_named_or_recent_code_is_kept() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let kept = zip(&store, &[("a.py", "a")]);
        let dropped = zip(&store, &[("b.py", "b")]);
        let layer_code = zip(&store, &[("l.py", "l")]);
        let layer = store
            .publish_layer(
                Layer {
                    layer_name: "lib".into(),
                    code_checksum: layer_code.checksum.clone(),
                    code_digest: Some(layer_code.digest.clone()),
                    ..Layer::default()
                },
                |v| format!("acs:fc:cn-hangzhou:1:layers/lib/versions/{v}"),
            )
            .unwrap();
        let mut with_layer = function("a", &kept);
        with_layer.layers = vec![FunctionLayer {
            arn: layer.layer_version_arn.clone(),
            size: 0,
        }];
        store.create_function(&with_layer).unwrap();
        store.create_function(&function("b", &dropped)).unwrap();
        for code in [&kept, &dropped] {
            store.ensure_unpacked(&code.digest).unwrap();
        }
        let root = store
            .layer_root(std::slice::from_ref(&layer))
            .unwrap()
            .unwrap();
        // Saved again for a record not written yet: kept while that record is pending.
        store
            .save_code(&std::fs::read(store.code_zip(&dropped.digest)).unwrap())
            .unwrap();
        store.delete_function("b").unwrap();
        assert!(store.code_dir(&dropped.digest).is_dir());
        store.pins.release(Some(&dropped.digest));
        let collected = store.collect_garbage(true).unwrap();
        assert_eq!((collected.zips, collected.unpacked), (1, 1));
        assert!(!store.code_zip(&dropped.digest).exists());
        assert!(!store.code_dir(&dropped.digest).exists());
        assert!(store.code_dir(&kept.digest).is_dir() && root.is_dir());
        assert!(store.code_zip(&layer_code.digest).is_file());

        // Without its layer version, the merged root and the layer's package go too.
        store.delete_layer("lib", layer.version).unwrap();
        assert!(!root.exists());
        assert!(!store.code_zip(&layer_code.digest).exists());
        assert!(store.disk_usage().code_bytes > 0);
    }

    #[test]
    fn packages_of_records_from_before_digests_are_found_by_crc_and_kept() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let info = zip(&store, &[("index.py", "old")]);
        // As an older engine left it: the zip named by its CRC, the record without digest.
        std::fs::rename(store.code_zip(&info.digest), store.code_zip(&info.checksum)).unwrap();
        let mut old = function("old", &info);
        old.code_digest = None;
        store.create_function(&old).unwrap();
        store.collect_garbage(true).unwrap();
        let stored = store.get_function("old").unwrap().function;
        let key = package_key(
            stored.code_digest.as_deref(),
            stored.code_checksum.as_deref(),
        );
        let dir = store.ensure_unpacked(&key.unwrap()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("index.py")).unwrap(),
            "old"
        );
    }

    #[test]
    fn a_versions_code_goes_with_the_last_version_that_names_it() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let v1 = zip(&store, &[("index.py", "1")]);
        store.create_function(&function("f", &v1)).unwrap();
        let version = store.publish_version("f", "", "now").unwrap();
        let v2 = zip(&store, &[("index.py", "2")]);
        store
            .update_function("f", |f| f.code_digest = Some(v2.digest.clone()))
            .unwrap();
        store.ensure_unpacked(&v1.digest).unwrap();
        store.collect_garbage(false).unwrap();
        assert!(
            store.code_dir(&v1.digest).is_dir(),
            "version 1 still names it"
        );
        store.delete_version("f", &version.version_id).unwrap();
        assert!(!store.code_dir(&v1.digest).exists());
        assert!(!store.code_zip(&v1.digest).exists());
        assert!(store.code_zip(&v2.digest).is_file());
    }
}
