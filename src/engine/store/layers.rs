//! Layer versions: metadata rows (`fc::Layer` JSON) numbered per layer name, their zips
//! stored by digest beside function code, and the merged `/opt` root of an ordered list
//! of layers, built once per list under `<home>/layers/<key>/` (hard links, copies across
//! file systems) so instances start without unpacking anything.
//!
//! Layers are the function author's files: merging never writes through a symlink one of
//! them holds. Where an earlier layer has a link (or a file) and a later one a folder of the
//! same name, the earlier one wins, as for files, and nothing of the folder is merged.

use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension};

use sha2::{Digest as _, Sha256};

use super::code::{package_key, split_digest, temp_sibling, with_digest};
use super::{into_page, prefix_bounds, Page, PageRequest, Store, StoreError};
use crate::fc::{FunctionLayer, Layer};

impl Store {
    /// Give `layer` the next version number of its name and store it; the zip must already
    /// be saved with `save_code`. `arn` builds the version ARN from the number.
    pub fn publish_layer(
        &self,
        mut layer: Layer,
        arn: impl FnOnce(u32) -> String,
    ) -> Result<Layer, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let last: Option<u32> = tx
            .query_row(
                "SELECT last_version FROM layer_names WHERE name = ?1",
                params![layer.layer_name],
                |row| row.get(0),
            )
            .optional()?;
        layer.version = last.unwrap_or(0) + 1;
        layer.layer_version_arn = arn(layer.version);
        tx.execute(
            "INSERT INTO layer_names (name, last_version) VALUES (?1, ?2)
             ON CONFLICT(name) DO UPDATE SET last_version = excluded.last_version",
            params![layer.layer_name, layer.version],
        )?;
        tx.execute(
            "INSERT INTO layers (name, version, body) VALUES (?1, ?2, ?3)",
            params![
                layer.layer_name,
                layer.version,
                with_digest(&layer, layer.code_digest.as_deref())?
            ],
        )?;
        tx.commit()?;
        self.pins.release(layer.code_digest.as_deref());
        Ok(layer)
    }

    pub fn get_layer(&self, name: &str, version: u32) -> Result<Layer, StoreError> {
        let conn = self.conn();
        let body: Option<String> = conn
            .query_row(
                "SELECT body FROM layers WHERE name = ?1 AND version = ?2",
                params![name, version],
                |row| row.get(0),
            )
            .optional()?;
        let body = body.ok_or_else(|| StoreError::LayerNotFound {
            name: name.into(),
            version,
        })?;
        parse_layer(&body)
    }

    pub fn delete_layer(&self, name: &str, version: u32) -> Result<(), StoreError> {
        let deleted = self.conn().execute(
            "DELETE FROM layers WHERE name = ?1 AND version = ?2",
            params![name, version],
        )?;
        self.collect_after_delete();
        if deleted == 0 {
            return Err(StoreError::LayerNotFound {
                name: name.into(),
                version,
            });
        }
        Ok(())
    }

    /// The newest version of each layer, by name.
    pub fn list_layers(&self, request: &PageRequest) -> Result<Page<Layer>, StoreError> {
        let (start, prefix) = prefix_bounds(request);
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT l.name, l.body FROM layers l
             JOIN (SELECT name, MAX(version) AS v FROM layers GROUP BY name) m
               ON l.name = m.name AND l.version = m.v
             WHERE l.name >= ?1 AND substr(l.name, 1, length(?2)) = ?2
             ORDER BY l.name LIMIT ?3",
        )?;
        let rows = statement
            .query_map(params![start, prefix, request.limit as i64 + 1], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let rows = rows
            .into_iter()
            .map(|(name, body)| Ok((name, parse_layer(&body)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(into_page(rows, request.limit))
    }

    /// Versions of `name` from `start` up, newest last; the second value is the version the
    /// next page starts at.
    pub fn list_layer_versions(
        &self,
        name: &str,
        start: u32,
        limit: usize,
    ) -> Result<(Vec<Layer>, Option<u32>), StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT body FROM layers WHERE name = ?1 AND version >= ?2
             ORDER BY version LIMIT ?3",
        )?;
        let mut layers = statement
            .query_map(params![name, start, limit as i64 + 1], |row| {
                row.get::<_, String>(0)
            })?
            .map(|body| parse_layer(&body?))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let next = (layers.len() > limit).then(|| layers.pop().map(|l| l.version));
        Ok((layers, next.flatten()))
    }

    /// The merged root of `layers` (in the function's order: on a conflict the earlier one
    /// wins, as in FC), built on first use. `None` when the list is empty.
    pub fn layer_root(&self, layers: &[Layer]) -> Result<Option<PathBuf>, StoreError> {
        if layers.is_empty() {
            return Ok(None);
        }
        let root = self.home.join("layers").join(layer_root_key(layers));
        if root.is_dir() {
            return Ok(Some(root));
        }
        let parent = self.home.join("layers");
        std::fs::create_dir_all(&parent).map_err(|e| StoreError::io(&parent, e))?;
        let tmp = temp_sibling(&root);
        for layer in layers {
            let dir = match &layer.local_root {
                Some(dir) => dir.clone(),
                None => self.ensure_unpacked(&layer_package(layer))?,
            };
            merge_into(&dir, &tmp).inspect_err(|_| {
                let _ = std::fs::remove_dir_all(&tmp);
            })?;
        }
        std::fs::create_dir_all(&tmp).map_err(|e| StoreError::io(&tmp, e))?;
        // A concurrent builder may have won the race; its result is identical.
        if std::fs::rename(&tmp, &root).is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        Ok(Some(root))
    }
}

impl Store {
    /// The layer records of a function's layers, in its order, for building `/opt`. An
    /// official layer is prepared (built, the first time on this host).
    pub fn resolve_layers(&self, layers: &[FunctionLayer]) -> Result<Vec<Layer>, StoreError> {
        layers
            .iter()
            .filter_map(|l| {
                if let Some((name, version)) = crate::fc::parse_official_layer_arn(&l.arn) {
                    return Some(official_layer(&name, version));
                }
                let (name, version) = crate::fc::parse_layer_arn(&l.arn)?;
                Some(self.get_layer(&name, version))
            })
            .collect()
    }
}

/// The record of official layer `name`, its folder prepared.
fn official_layer(name: &str, version: u32) -> Result<Layer, StoreError> {
    use crate::official_layers::{self, OfficialError};
    let prepared = official_layers::prepare(name, &mut |_| {}).map_err(|e| match e {
        OfficialError::Unknown(_) => StoreError::LayerNotFound {
            name: name.into(),
            version,
        },
        other => StoreError::Invalid(other.to_string()),
    })?;
    Ok(official_record(name, version, prepared.root))
}

/// An official layer's record pointing at its prepared folder.
pub(super) fn official_record(name: &str, version: u32, root: PathBuf) -> Layer {
    Layer {
        layer_name: name.to_string(),
        version,
        local_root: Some(root),
        ..Layer::default()
    }
}

pub(super) fn parse_layer(body: &str) -> Result<Layer, StoreError> {
    let (mut layer, digest) = split_digest::<Layer>(body)?;
    layer.code_digest = digest;
    Ok(layer)
}

/// The store name of a layer's package.
pub(super) fn layer_package(layer: &Layer) -> String {
    if let Some(root) = &layer.local_root {
        return format!("official:{}", root.display());
    }
    package_key(layer.code_digest.as_deref(), Some(&layer.code_checksum)).unwrap_or_default()
}

/// The folder name of the merged root of `layers` (in order).
pub(super) fn layer_root_key(layers: &[Layer]) -> String {
    let packages: Vec<String> = layers.iter().map(layer_package).collect();
    hex::encode(Sha256::digest(packages.join("+")))
}

/// Add the files of `from` to `to`, keeping anything `to` already has. `to` is a real
/// folder (the merge root, or one this function made or found as a folder).
fn merge_into(from: &Path, to: &Path) -> Result<(), StoreError> {
    if to.symlink_metadata().is_err() {
        std::fs::create_dir(to).map_err(|e| StoreError::io(to, e))?;
    }
    let entries = std::fs::read_dir(from).map_err(|e| StoreError::io(from, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(from, e))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().map_err(|e| StoreError::io(&src, e))?;
        let existing = dst.symlink_metadata().ok();
        if kind.is_dir() {
            // An earlier layer's link (or file) of this name wins; following the link
            // would write the folder wherever it points.
            if existing.is_none_or(|m| m.is_dir()) {
                merge_into(&src, &dst)?;
            }
        } else if existing.is_some() {
            continue;
        } else if kind.is_symlink() {
            let target = std::fs::read_link(&src).map_err(|e| StoreError::io(&src, e))?;
            std::os::unix::fs::symlink(target, &dst).map_err(|e| StoreError::io(&dst, e))?;
        } else if std::fs::hard_link(&src, &dst).is_err() {
            std::fs::copy(&src, &dst).map_err(|e| StoreError::io(&dst, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(name: &str, checksum: &str) -> Layer {
        Layer {
            layer_name: name.into(),
            code_checksum: checksum.into(),
            ..Layer::default()
        }
    }

    #[test]
    fn versions_count_up_per_name_and_are_never_reused() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let arn = |v| format!("arn/{v}");
        assert_eq!(
            store.publish_layer(layer("a", "1"), arn).unwrap().version,
            1
        );
        assert_eq!(
            store.publish_layer(layer("a", "1"), arn).unwrap().version,
            2
        );
        assert_eq!(
            store.publish_layer(layer("b", "1"), arn).unwrap().version,
            1
        );
        store.delete_layer("a", 2).unwrap();
        let third = store.publish_layer(layer("a", "1"), arn).unwrap();
        assert_eq!(
            (third.version, third.layer_version_arn.as_str()),
            (3, "arn/3")
        );
        let page = store
            .list_layers(&PageRequest {
                limit: 10,
                ..PageRequest::default()
            })
            .unwrap();
        let latest: Vec<_> = page
            .items
            .iter()
            .map(|l| (l.layer_name.as_str(), l.version))
            .collect();
        assert_eq!(latest, [("a", 3), ("b", 1)]);
        let (versions, next) = store.list_layer_versions("a", 0, 1).unwrap();
        assert_eq!((versions[0].version, next), (1, Some(3)));
        assert!(matches!(
            store.get_layer("a", 2),
            Err(StoreError::LayerNotFound { .. })
        ));
    }

    /// A stored layer of `files` and `links` (name, target).
    fn stored_layer(store: &Store, files: &[(&str, &str)], links: &[(&str, &str)]) -> Layer {
        let src = tempfile::tempdir().unwrap();
        let put = |name: &str| {
            let path = src.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            path
        };
        for (name, body) in files {
            std::fs::write(put(name), body).unwrap();
        }
        for (name, target) in links {
            std::os::unix::fs::symlink(target, put(name)).unwrap();
        }
        let out = tempfile::tempdir().unwrap();
        let zip = out.path().join("l.zip");
        crate::package::build_zip(src.path(), &zip, &|_| {}).unwrap();
        let info = store.save_code(&std::fs::read(zip).unwrap()).unwrap();
        Layer {
            layer_name: "l".into(),
            code_checksum: info.checksum,
            code_digest: Some(info.digest),
            ..Layer::default()
        }
    }

    #[test]
    fn merging_never_writes_through_a_link_of_an_earlier_layer() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        // Alone, `python` leads nowhere (so unpacking keeps it); with the second layer's
        // `a/b/c/d` (the merge root) it leads two folders above the root: the state dir.
        let first = stored_layer(&store, &[], &[("python", "a/b/c/d/../..")]);
        let second = stored_layer(
            &store,
            &[("python/evil.py", "x")],
            &[("a/b/c/d", "../../..")],
        );
        let root = store.layer_root(&[first, second]).unwrap().unwrap();
        assert!(root.join("python").symlink_metadata().unwrap().is_symlink());
        assert!(!home.path().join("evil.py").exists());
        let written: Vec<_> = walkdir::WalkDir::new(home.path())
            .into_iter()
            .flatten()
            .filter(|e| e.file_name() == "evil.py")
            .map(|e| e.path().to_path_buf())
            .filter(|p| !p.starts_with(home.path().join("code")))
            .collect();
        assert_eq!(written, Vec::<PathBuf>::new());
    }

    #[test]
    fn merged_root_lets_the_first_layer_win() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let first = stored_layer(
            &store,
            &[("python/shared.py", "first"), ("python/a.py", "a")],
            &[],
        );
        let second = stored_layer(
            &store,
            &[("python/shared.py", "second"), ("python/b.py", "b")],
            &[],
        );
        let root = store.layer_root(&[first, second]).unwrap().unwrap();
        let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
        assert_eq!(read("python/shared.py"), "first");
        assert_eq!(
            (read("python/a.py"), read("python/b.py")),
            ("a".into(), "b".into())
        );
        assert_eq!(store.layer_root(&[]).unwrap(), None);
    }
}
