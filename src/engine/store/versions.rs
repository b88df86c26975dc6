//! Published versions (a frozen copy of the function's record, whose code checksum keeps
//! its package) and aliases. Version ids count up per function and are never reused while
//! the function exists; a version an alias routes to cannot be deleted.

use rusqlite::{params, OptionalExtension, Transaction};

use super::functions::{read_function, StoredFunction};
use super::{into_json_page, prefix_bounds, Page, PageRequest, Store, StoreError};
use crate::fc::{Alias, Version};

impl Store {
    /// Freeze the function as it is now under the next version id.
    pub fn publish_version(
        &self,
        function: &str,
        description: &str,
        now: &str,
    ) -> Result<Version, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let stored = read_function(&tx, function)?
            .ok_or_else(|| StoreError::FunctionNotFound(function.into()))?;
        let id: i64 = tx.query_row(
            "INSERT INTO version_counters (function, last_version) VALUES (?1, 1)
             ON CONFLICT (function) DO UPDATE SET last_version = last_version + 1
             RETURNING last_version",
            [function],
            |row| row.get(0),
        )?;
        let version = Version {
            version_id: id.to_string(),
            description: description.to_string(),
            created_time: now.to_string(),
            last_modified_time: now.to_string(),
        };
        tx.execute(
            "INSERT INTO function_versions (function, version_id, generation, body, version)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                function,
                id,
                stored.generation as i64,
                super::functions::function_body(&stored.function)?,
                serde_json::to_string(&version)?
            ],
        )?;
        tx.commit()?;
        Ok(version)
    }

    /// The function as it was when `version_id` was published.
    pub fn get_version(
        &self,
        function: &str,
        version_id: &str,
    ) -> Result<StoredFunction, StoreError> {
        let conn = self.conn();
        let row: Option<(i64, String)> = conn
            .query_row(
                "SELECT generation, body FROM function_versions
                 WHERE function = ?1 AND version_id = ?2",
                params![function, version_number(version_id)],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let (generation, body) = row.ok_or_else(|| version_not_found(function, version_id))?;
        Ok(StoredFunction {
            function: super::functions::parse_function(&body)?,
            generation: generation as u64,
        })
    }

    /// Versions oldest first (`forward`) or newest first; the token is the next page's first id.
    pub fn list_versions(
        &self,
        function: &str,
        forward: bool,
        start: Option<i64>,
        limit: usize,
    ) -> Result<Page<Version>, StoreError> {
        let conn = self.conn();
        if read_function(&conn, function)?.is_none() {
            return Err(StoreError::FunctionNotFound(function.into()));
        }
        let sql = if forward {
            "SELECT version_id, version FROM function_versions
             WHERE function = ?1 AND version_id >= ?2 ORDER BY version_id LIMIT ?3"
        } else {
            "SELECT version_id, version FROM function_versions
             WHERE function = ?1 AND version_id <= ?2 ORDER BY version_id DESC LIMIT ?3"
        };
        let start = start.unwrap_or(if forward { 0 } else { i64::MAX });
        let rows = conn
            .prepare_cached(sql)?
            .query_map(params![function, start, limit as i64 + 1], |row| {
                Ok((row.get::<_, i64>(0)?.to_string(), row.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        into_json_page(rows, limit)
    }

    /// Delete a version no alias routes to.
    pub fn delete_version(&self, function: &str, version_id: &str) -> Result<(), StoreError> {
        self.delete_version_record(function, version_id)?;
        self.collect_after_delete();
        Ok(())
    }

    fn delete_version_record(&self, function: &str, version_id: &str) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        for alias in aliases_of(&tx, function)? {
            let routed = alias.version_id == version_id
                || alias.additional_version_weight.contains_key(version_id);
            if routed {
                return Err(StoreError::VersionInUse {
                    function: function.into(),
                    version: version_id.into(),
                    alias: alias.alias_name,
                });
            }
        }
        let deleted = tx.execute(
            "DELETE FROM function_versions WHERE function = ?1 AND version_id = ?2",
            params![function, version_number(version_id)],
        )?;
        if deleted == 0 {
            return Err(version_not_found(function, version_id));
        }
        tx.commit()?;
        Ok(())
    }

    /// Create an alias; every version it routes to must exist.
    pub fn create_alias(&self, function: &str, alias: &Alias) -> Result<Alias, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        if read_function(&tx, function)?.is_none() {
            return Err(StoreError::FunctionNotFound(function.into()));
        }
        if read_alias(&tx, function, &alias.alias_name)?.is_some() {
            return Err(StoreError::AliasExists {
                function: function.into(),
                alias: alias.alias_name.clone(),
            });
        }
        check_versions_exist(&tx, function, alias)?;
        write_alias(&tx, function, alias)?;
        tx.commit()?;
        Ok(alias.clone())
    }

    pub fn get_alias(&self, function: &str, name: &str) -> Result<Alias, StoreError> {
        let conn = self.conn();
        read_alias(&conn, function, name)?.ok_or_else(|| alias_not_found(function, name))
    }

    /// Read, change with `edit`, check and write back in one transaction.
    pub fn update_alias(
        &self,
        function: &str,
        name: &str,
        edit: impl FnOnce(&mut Alias) -> Result<(), StoreError>,
    ) -> Result<Alias, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let mut alias =
            read_alias(&tx, function, name)?.ok_or_else(|| alias_not_found(function, name))?;
        edit(&mut alias)?;
        check_versions_exist(&tx, function, &alias)?;
        write_alias(&tx, function, &alias)?;
        tx.commit()?;
        Ok(alias)
    }

    pub fn delete_alias(&self, function: &str, name: &str) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let deleted = tx.execute(
            "DELETE FROM aliases WHERE function = ?1 AND name = ?2",
            params![function, name],
        )?;
        if deleted == 0 {
            return Err(alias_not_found(function, name));
        }
        tx.commit()?;
        Ok(())
    }

    /// Aliases sorted by name; `prefix` filters, the token is the next page's first name.
    pub fn list_aliases(
        &self,
        function: &str,
        request: &PageRequest,
    ) -> Result<Page<Alias>, StoreError> {
        let (start, prefix) = prefix_bounds(request);
        let conn = self.conn();
        if read_function(&conn, function)?.is_none() {
            return Err(StoreError::FunctionNotFound(function.into()));
        }
        let rows = conn
            .prepare_cached(
                "SELECT name, body FROM aliases
                 WHERE function = ?1 AND name >= ?2 AND substr(name, 1, length(?3)) = ?3
                 ORDER BY name LIMIT ?4",
            )?
            .query_map(
                params![function, start, prefix, request.limit as i64 + 1],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
            )?
            .collect::<Result<Vec<_>, _>>()?;
        into_json_page(rows, request.limit)
    }
}

/// Forget a deleted function's versions, aliases and version counter (inside its delete).
pub(super) fn delete_all_of(tx: &Transaction, function: &str) -> Result<(), StoreError> {
    for table in ["function_versions", "aliases", "version_counters"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE function = ?1"),
            [function],
        )?;
    }
    Ok(())
}

/// Ids outside i64 cannot exist; they read as a version that is not there.
fn version_number(version_id: &str) -> i64 {
    version_id.parse().unwrap_or(-1)
}

fn version_not_found(function: &str, version_id: &str) -> StoreError {
    StoreError::VersionNotFound {
        function: function.into(),
        version: version_id.into(),
    }
}

fn alias_not_found(function: &str, name: &str) -> StoreError {
    StoreError::AliasNotFound {
        function: function.into(),
        alias: name.into(),
    }
}

fn read_alias(
    conn: &rusqlite::Connection,
    function: &str,
    name: &str,
) -> Result<Option<Alias>, StoreError> {
    let body: Option<String> = conn
        .query_row(
            "SELECT body FROM aliases WHERE function = ?1 AND name = ?2",
            params![function, name],
            |row| row.get(0),
        )
        .optional()?;
    Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
}

fn aliases_of(conn: &rusqlite::Connection, function: &str) -> Result<Vec<Alias>, StoreError> {
    let bodies = conn
        .prepare_cached("SELECT body FROM aliases WHERE function = ?1")?
        .query_map([function], |row| row.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    bodies
        .iter()
        .map(|b| Ok(serde_json::from_str(b)?))
        .collect()
}

fn check_versions_exist(tx: &Transaction, function: &str, alias: &Alias) -> Result<(), StoreError> {
    let ids = std::iter::once(&alias.version_id).chain(alias.additional_version_weight.keys());
    for id in ids {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM function_versions WHERE function = ?1 AND version_id = ?2)",
            params![function, version_number(id)],
            |row| row.get(0),
        )?;
        if !exists {
            return Err(version_not_found(function, id));
        }
    }
    Ok(())
}

fn write_alias(tx: &Transaction, function: &str, alias: &Alias) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO aliases (function, name, body) VALUES (?1, ?2, ?3)
         ON CONFLICT (function, name) DO UPDATE SET body = excluded.body",
        params![function, alias.alias_name, serde_json::to_string(alias)?],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fc::Function;

    fn store_with(name: &str) -> (tempfile::TempDir, Store) {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let function = Function {
            function_name: name.into(),
            timeout: Some(3),
            ..Function::default()
        };
        store.create_function(&function).unwrap();
        (home, store)
    }

    fn alias(name: &str, version: &str) -> Alias {
        Alias {
            alias_name: name.into(),
            version_id: version.into(),
            ..Alias::default()
        }
    }

    #[test]
    fn a_version_keeps_the_function_as_it_was_when_published() {
        let (_home, store) = store_with("f");
        let v1 = store.publish_version("f", "first", "t").unwrap();
        store.update_function("f", |f| f.timeout = Some(9)).unwrap();
        let v2 = store.publish_version("f", "", "t").unwrap();
        assert_eq!((v1.version_id.as_str(), v2.version_id.as_str()), ("1", "2"));
        assert_eq!(
            store.get_version("f", "1").unwrap().function.timeout,
            Some(3)
        );
        assert_eq!(
            store.get_version("f", "2").unwrap().function.timeout,
            Some(9)
        );
        assert!(matches!(
            store.get_version("f", "3"),
            Err(StoreError::VersionNotFound { .. })
        ));
        let newest_first = store.list_versions("f", false, None, 1).unwrap();
        assert_eq!(newest_first.items[0].version_id, "2");
        assert_eq!(newest_first.next_token.as_deref(), Some("1"));
        let oldest_first = store.list_versions("f", true, None, 10).unwrap();
        let ids: Vec<_> = oldest_first
            .items
            .iter()
            .map(|v| v.version_id.as_str())
            .collect();
        assert_eq!(ids, ["1", "2"]);
        store.delete_version("f", "2").unwrap();
        assert_eq!(
            store.publish_version("f", "", "t").unwrap().version_id,
            "3",
            "ids are not reused"
        );
    }

    #[test]
    fn aliases_route_only_to_existing_versions_which_then_cannot_be_deleted() {
        let (_home, store) = store_with("f");
        store.publish_version("f", "", "t").unwrap();
        store.publish_version("f", "", "t").unwrap();
        assert!(matches!(
            store.create_alias("f", &alias("prod", "7")),
            Err(StoreError::VersionNotFound { .. })
        ));
        store.create_alias("f", &alias("prod", "1")).unwrap();
        assert!(matches!(
            store.create_alias("f", &alias("prod", "1")),
            Err(StoreError::AliasExists { .. })
        ));
        store
            .update_alias("f", "prod", |a| {
                a.additional_version_weight.insert("2".into(), 0.5);
                Ok(())
            })
            .unwrap();
        for version in ["1", "2"] {
            assert!(matches!(
                store.delete_version("f", version),
                Err(StoreError::VersionInUse { .. })
            ));
        }
        let page = store
            .list_aliases(
                "f",
                &PageRequest {
                    limit: 10,
                    ..PageRequest::default()
                },
            )
            .unwrap();
        assert_eq!(page.items[0].additional_version_weight.get("2"), Some(&0.5));
        store.delete_alias("f", "prod").unwrap();
        store.delete_version("f", "2").unwrap();
        assert!(matches!(
            store.get_alias("f", "prod"),
            Err(StoreError::AliasNotFound { .. })
        ));
    }

    #[test]
    fn deleting_the_function_forgets_its_versions_and_aliases() {
        let (_home, store) = store_with("f");
        store.publish_version("f", "", "t").unwrap();
        store.create_alias("f", &alias("prod", "1")).unwrap();
        store.delete_function("f").unwrap();
        store
            .create_function(&Function {
                function_name: "f".into(),
                ..Function::default()
            })
            .unwrap();
        assert!(store.get_version("f", "1").is_err());
        assert!(store.get_alias("f", "prod").is_err());
        assert_eq!(store.publish_version("f", "", "t").unwrap().version_id, "1");
    }
}
