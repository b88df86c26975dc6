//! Per-function configs: async invoke configs (per qualifier) and reserved concurrency.

use rusqlite::{params, OptionalExtension};

use super::triggers::require_function;
use super::{into_json_page, into_page, Page, Store, StoreError};
use crate::fc::AsyncConfig;

impl Store {
    pub fn put_async_config(
        &self,
        function: &str,
        qualifier: &str,
        config: &AsyncConfig,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        require_function(&tx, function)?;
        tx.execute(
            "INSERT INTO async_configs (function, qualifier, body) VALUES (?1, ?2, ?3)
             ON CONFLICT (function, qualifier) DO UPDATE SET body = excluded.body",
            params![function, qualifier, serde_json::to_string(config)?],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The config, or None when the function has none for `qualifier`.
    pub fn async_config(
        &self,
        function: &str,
        qualifier: &str,
    ) -> Result<Option<AsyncConfig>, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        require_function(&tx, function)?;
        let body: Option<String> = tx
            .query_row(
                "SELECT body FROM async_configs WHERE function = ?1 AND qualifier = ?2",
                params![function, qualifier],
                |row| row.get(0),
            )
            .optional()?;
        Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
    }

    pub fn delete_async_config(&self, function: &str, qualifier: &str) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        require_function(&tx, function)?;
        let deleted = tx.execute(
            "DELETE FROM async_configs WHERE function = ?1 AND qualifier = ?2",
            params![function, qualifier],
        )?;
        if deleted == 0 {
            return Err(StoreError::AsyncConfigNotFound {
                function: function.into(),
                qualifier: qualifier.into(),
            });
        }
        tx.commit()?;
        Ok(())
    }

    /// Async configs sorted by function then qualifier, optionally of one function.
    /// The token is `<function>:<qualifier>` of the next page's first config.
    pub fn list_async_configs(
        &self,
        function: Option<&str>,
        start: Option<&str>,
        limit: usize,
    ) -> Result<Page<AsyncConfig>, StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT function || ':' || qualifier AS key, body FROM async_configs
             WHERE (?1 IS NULL OR function = ?1) AND key >= ?2
             ORDER BY key LIMIT ?3",
        )?;
        let rows = statement
            .query_map(
                params![function, start.unwrap_or(""), limit as i64 + 1],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
            )?
            .collect::<Result<Vec<_>, _>>()?;
        into_json_page(rows, limit)
    }

    pub fn put_concurrency(&self, function: &str, reserved: u32) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        require_function(&tx, function)?;
        tx.execute(
            "INSERT INTO concurrency_configs (function, reserved) VALUES (?1, ?2)
             ON CONFLICT (function) DO UPDATE SET reserved = excluded.reserved",
            params![function, reserved],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Reserved concurrency, or None when the function has no config.
    pub fn concurrency(&self, function: &str) -> Result<Option<u32>, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        require_function(&tx, function)?;
        Ok(tx
            .query_row(
                "SELECT reserved FROM concurrency_configs WHERE function = ?1",
                [function],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Remove the config; removing an absent one is not an error (FC answers 204 too).
    pub fn delete_concurrency(&self, function: &str) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        require_function(&tx, function)?;
        tx.execute(
            "DELETE FROM concurrency_configs WHERE function = ?1",
            [function],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Reserved concurrency per function, sorted by function; the token is a function name.
    pub fn list_concurrency(
        &self,
        function: Option<&str>,
        start: Option<&str>,
        limit: usize,
    ) -> Result<Page<(String, u32)>, StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT function, reserved FROM concurrency_configs
             WHERE (?1 IS NULL OR function = ?1) AND function >= ?2
             ORDER BY function LIMIT ?3",
        )?;
        let rows = statement
            .query_map(
                params![function, start.unwrap_or(""), limit as i64 + 1],
                |row| {
                    let name: String = row.get(0)?;
                    Ok((name.clone(), (name, row.get::<_, u32>(1)?)))
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(into_page(rows, limit))
    }
}
