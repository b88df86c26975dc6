//! Functions: the full `fc::Function` as JSON plus a generation that changes on every write,
//! so the pool can tell a changed function from the one its idle instances run.

use rusqlite::{params, OptionalExtension, Transaction};

use super::code::{split_digest, with_digest};
use super::{into_page, prefix_bounds, Page, PageRequest, Store, StoreError};
use crate::fc::Function;

/// A function as stored: its resource and its generation.
#[derive(Debug, Clone)]
pub struct StoredFunction {
    pub function: Function,
    pub generation: u64,
}

impl Store {
    /// Insert a new function; `FunctionExists` when the name is taken.
    pub fn create_function(&self, function: &Function) -> Result<StoredFunction, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let name = &function.function_name;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM functions WHERE name = ?1)",
            [name],
            |row| row.get(0),
        )?;
        if exists {
            return Err(StoreError::FunctionExists(name.clone()));
        }
        let generation = next_generation(&tx)?;
        tx.execute(
            "INSERT INTO functions (name, generation, body) VALUES (?1, ?2, ?3)",
            params![name, generation as i64, function_body(function)?],
        )?;
        tx.commit()?;
        self.pins.release(function.code_digest.as_deref());
        Ok(StoredFunction {
            function: function.clone(),
            generation,
        })
    }

    pub fn get_function(&self, name: &str) -> Result<StoredFunction, StoreError> {
        let conn = self.conn();
        read_function(&conn, name)?.ok_or_else(|| StoreError::FunctionNotFound(name.into()))
    }

    /// Read, change with `edit`, and write back in one transaction; a new generation.
    pub fn update_function(
        &self,
        name: &str,
        edit: impl FnOnce(&mut Function),
    ) -> Result<StoredFunction, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let mut stored =
            read_function(&tx, name)?.ok_or_else(|| StoreError::FunctionNotFound(name.into()))?;
        let code_before = stored.function.code_digest.clone();
        edit(&mut stored.function);
        stored.generation = next_generation(&tx)?;
        tx.execute(
            "UPDATE functions SET generation = ?2, body = ?3 WHERE name = ?1",
            params![
                name,
                stored.generation as i64,
                function_body(&stored.function)?
            ],
        )?;
        tx.commit()?;
        if stored.function.code_digest != code_before {
            self.pins.release(stored.function.code_digest.as_deref());
        }
        Ok(stored)
    }

    /// Delete a function and its configs. Refused while it still has triggers, as FC does.
    pub fn delete_function(&self, name: &str) -> Result<(), StoreError> {
        self.delete_function_records(name)?;
        self.collect_after_delete();
        Ok(())
    }

    fn delete_function_records(&self, name: &str) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let triggers: i64 = tx.query_row(
            "SELECT COUNT(*) FROM triggers WHERE function = ?1",
            [name],
            |row| row.get(0),
        )?;
        if triggers > 0 {
            return Err(StoreError::FunctionHasTriggers(name.into()));
        }
        if tx.execute("DELETE FROM functions WHERE name = ?1", [name])? == 0 {
            return Err(StoreError::FunctionNotFound(name.into()));
        }
        super::versions::delete_all_of(&tx, name)?;
        tx.commit()?;
        Ok(())
    }

    /// Functions sorted by name; `prefix` filters, the token is the next page's first name.
    pub fn list_functions(&self, request: &PageRequest) -> Result<Page<Function>, StoreError> {
        let (start, prefix) = prefix_bounds(request);
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT name, body FROM functions
             WHERE name >= ?1 AND substr(name, 1, length(?2)) = ?2
             ORDER BY name LIMIT ?3",
        )?;
        let rows = statement
            .query_map(params![start, prefix, request.limit as i64 + 1], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let rows = rows
            .into_iter()
            .map(|(name, body)| Ok((name, parse_function(&body)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(into_page(rows, request.limit))
    }

    /// Every function name, sorted.
    pub fn function_names(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached("SELECT name FROM functions ORDER BY name")?;
        let names = statement
            .query_map([], |row| row.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(names)
    }
}

pub(super) fn read_function(
    conn: &rusqlite::Connection,
    name: &str,
) -> Result<Option<StoredFunction>, StoreError> {
    let row: Option<(i64, String)> = conn
        .query_row(
            "SELECT generation, body FROM functions WHERE name = ?1",
            [name],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    match row {
        None => Ok(None),
        Some((generation, body)) => Ok(Some(StoredFunction {
            function: parse_function(&body)?,
            generation: generation as u64,
        })),
    }
}

/// A function record as stored: its JSON and, beside it, its package digest.
pub(super) fn function_body(function: &Function) -> Result<String, StoreError> {
    with_digest(function, function.code_digest.as_deref())
}

pub(super) fn parse_function(body: &str) -> Result<Function, StoreError> {
    let (mut function, digest) = split_digest::<Function>(body)?;
    function.code_digest = digest;
    Ok(function)
}

/// Generations come from one counter, so a deleted and recreated function never repeats
/// an old generation.
fn next_generation(tx: &Transaction<'_>) -> Result<u64, StoreError> {
    let value: i64 = tx.query_row(
        "INSERT INTO meta (key, value) VALUES ('generation', 1)
         ON CONFLICT (key) DO UPDATE SET value = value + 1
         RETURNING value",
        [],
        |row| row.get(0),
    )?;
    Ok(value as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn function(name: &str) -> Function {
        Function {
            function_name: name.into(),
            runtime: "python3.10".into(),
            handler: "index.handler".into(),
            ..Function::default()
        }
    }

    #[test]
    fn functions_round_trip_with_growing_generations() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let created = store.create_function(&function("a")).unwrap();
        assert!(matches!(
            store.create_function(&function("a")),
            Err(StoreError::FunctionExists(_))
        ));
        let updated = store.update_function("a", |f| f.timeout = Some(9)).unwrap();
        assert!(updated.generation > created.generation);
        assert_eq!(store.get_function("a").unwrap().function.timeout, Some(9));
        store.delete_function("a").unwrap();
        assert!(matches!(
            store.get_function("a"),
            Err(StoreError::FunctionNotFound(_))
        ));
    }

    #[test]
    fn list_pages_by_name_and_filters_by_literal_prefix() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        for name in ["a_1", "a_2", "ab", "a_3", "b"] {
            store.create_function(&function(name)).unwrap();
        }
        let mut request = PageRequest {
            prefix: Some("a_".into()),
            start: None,
            limit: 2,
        };
        let first = store.list_functions(&request).unwrap();
        let names: Vec<_> = first
            .items
            .iter()
            .map(|f| f.function_name.as_str())
            .collect();
        assert_eq!(names, ["a_1", "a_2"]);
        request.start = first.next_token;
        let second = store.list_functions(&request).unwrap();
        let names: Vec<_> = second
            .items
            .iter()
            .map(|f| f.function_name.as_str())
            .collect();
        assert_eq!(names, ["a_3"]);
        assert_eq!(second.next_token, None);
    }
}
