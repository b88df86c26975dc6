//! Layer versions: metadata rows (`fc::Layer` JSON) numbered per layer name, their zips
//! stored by checksum beside function code, and the merged `/opt` root of an ordered list
//! of layers, built once per list under `<home>/layers/<key>/` (hard links, copies across
//! file systems) so instances start without unpacking anything.

use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension};

use super::code::temp_sibling;
use super::{into_json_page, prefix_bounds, Page, PageRequest, Store, StoreError};
use crate::fc::Layer;

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
                serde_json::to_string(&layer)?
            ],
        )?;
        tx.commit()?;
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
        Ok(serde_json::from_str(&body)?)
    }

    pub fn delete_layer(&self, name: &str, version: u32) -> Result<(), StoreError> {
        let deleted = self.conn().execute(
            "DELETE FROM layers WHERE name = ?1 AND version = ?2",
            params![name, version],
        )?;
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
        into_json_page(rows, request.limit)
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
            .map(|body| Ok(serde_json::from_str::<Layer>(&body?)?))
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
        let key: Vec<&str> = layers.iter().map(|l| l.code_checksum.as_str()).collect();
        let root = self
            .home
            .join("layers")
            .join(crate::package::crc64(key.join("+").as_bytes()).to_string());
        if root.is_dir() {
            return Ok(Some(root));
        }
        let parent = self.home.join("layers");
        std::fs::create_dir_all(&parent).map_err(|e| StoreError::io(&parent, e))?;
        let tmp = temp_sibling(&root);
        for layer in layers {
            let dir = self.ensure_unpacked(&layer.code_checksum)?;
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

/// Add the files of `from` to `to`, keeping any file `to` already has.
fn merge_into(from: &Path, to: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(to).map_err(|e| StoreError::io(to, e))?;
    let entries = std::fs::read_dir(from).map_err(|e| StoreError::io(from, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(from, e))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().map_err(|e| StoreError::io(&src, e))?;
        if kind.is_dir() {
            merge_into(&src, &dst)?;
        } else if dst.symlink_metadata().is_ok() {
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

    #[test]
    fn merged_root_lets_the_first_layer_win() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let zip = |files: &[(&str, &str)]| {
            let src = tempfile::tempdir().unwrap();
            for (name, body) in files {
                let path = src.path().join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, body).unwrap();
            }
            let out = home.path().join("l.zip");
            crate::package::build_zip(src.path(), &out, &|_| {}).unwrap();
            store
                .save_code(&std::fs::read(out).unwrap())
                .unwrap()
                .checksum
        };
        let first = zip(&[("python/shared.py", "first"), ("python/a.py", "a")]);
        let second = zip(&[("python/shared.py", "second"), ("python/b.py", "b")]);
        let root = store
            .layer_root(&[layer("x", &first), layer("y", &second)])
            .unwrap()
            .unwrap();
        let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
        assert_eq!(read("python/shared.py"), "first");
        assert_eq!(
            (read("python/a.py"), read("python/b.py")),
            ("a".into(), "b".into())
        );
        assert_eq!(store.layer_root(&[]).unwrap(), None);
    }
}
