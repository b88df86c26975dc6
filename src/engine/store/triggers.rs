//! Triggers of a function, stored as `fc::Trigger` JSON; `triggerConfig` stays the string
//! the caller sent.

use rusqlite::{params, OptionalExtension, Transaction};

use super::{into_json_page, prefix_bounds, Page, PageRequest, Store, StoreError};
use crate::fc::Trigger;

impl Store {
    pub fn create_trigger(&self, function: &str, trigger: &Trigger) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        require_function(&tx, function)?;
        if read_trigger(&tx, function, &trigger.trigger_name)?.is_some() {
            return Err(StoreError::TriggerExists {
                function: function.into(),
                trigger: trigger.trigger_name.clone(),
            });
        }
        tx.execute(
            "INSERT INTO triggers (function, name, body) VALUES (?1, ?2, ?3)",
            params![
                function,
                trigger.trigger_name,
                serde_json::to_string(trigger)?
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn get_trigger(&self, function: &str, name: &str) -> Result<Trigger, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        require_function(&tx, function)?;
        read_trigger(&tx, function, name)?.ok_or_else(|| not_found(function, name))
    }

    /// Read, change with `edit`, write back, in one transaction.
    pub fn update_trigger(
        &self,
        function: &str,
        name: &str,
        edit: impl FnOnce(&mut Trigger),
    ) -> Result<Trigger, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        require_function(&tx, function)?;
        let mut trigger =
            read_trigger(&tx, function, name)?.ok_or_else(|| not_found(function, name))?;
        edit(&mut trigger);
        tx.execute(
            "UPDATE triggers SET body = ?3 WHERE function = ?1 AND name = ?2",
            params![function, name, serde_json::to_string(&trigger)?],
        )?;
        tx.commit()?;
        Ok(trigger)
    }

    pub fn delete_trigger(&self, function: &str, name: &str) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        require_function(&tx, function)?;
        let deleted = tx.execute(
            "DELETE FROM triggers WHERE function = ?1 AND name = ?2",
            params![function, name],
        )?;
        if deleted == 0 {
            return Err(not_found(function, name));
        }
        tx.commit()?;
        Ok(())
    }

    pub fn list_triggers(
        &self,
        function: &str,
        request: &PageRequest,
    ) -> Result<Page<Trigger>, StoreError> {
        let (start, prefix) = prefix_bounds(request);
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        require_function(&tx, function)?;
        let rows = {
            let mut statement = tx.prepare_cached(
                "SELECT name, body FROM triggers
                 WHERE function = ?1 AND name >= ?2 AND substr(name, 1, length(?3)) = ?3
                 ORDER BY name LIMIT ?4",
            )?;
            let rows = statement
                .query_map(
                    params![function, start, prefix, request.limit as i64 + 1],
                    |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
                )?
                .collect::<Result<Vec<_>, _>>()?;
            rows
        };
        into_json_page(rows, request.limit)
    }

    /// Every trigger of every function, for the trigger runners at start-up.
    pub fn all_triggers(&self) -> Result<Vec<(String, Trigger)>, StoreError> {
        let conn = self.conn();
        let mut statement =
            conn.prepare_cached("SELECT function, body FROM triggers ORDER BY function, name")?;
        let rows = statement
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(function, body)| Ok((function, serde_json::from_str(&body)?)))
            .collect()
    }
}

/// `FunctionNotFound` unless the function exists.
pub(super) fn require_function(tx: &Transaction<'_>, function: &str) -> Result<(), StoreError> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM functions WHERE name = ?1)",
        [function],
        |row| row.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(StoreError::FunctionNotFound(function.into()))
    }
}

fn read_trigger(
    tx: &Transaction<'_>,
    function: &str,
    name: &str,
) -> Result<Option<Trigger>, StoreError> {
    let body: Option<String> = tx
        .query_row(
            "SELECT body FROM triggers WHERE function = ?1 AND name = ?2",
            params![function, name],
            |row| row.get(0),
        )
        .optional()?;
    Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
}

fn not_found(function: &str, trigger: &str) -> StoreError {
    StoreError::TriggerNotFound {
        function: function.into(),
        trigger: trigger.into(),
    }
}
