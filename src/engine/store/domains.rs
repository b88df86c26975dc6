//! Custom domains, stored as `fc::CustomDomain` JSON under their normalized name. Routes
//! name functions by name only: a domain outlives the functions it points at, as on FC.

use rusqlite::{params, OptionalExtension, Transaction};

use super::{into_json_page, prefix_bounds, Page, PageRequest, Store, StoreError};
use crate::fc::CustomDomain;

impl Store {
    pub fn create_domain(&self, domain: &CustomDomain) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        if read_domain(&tx, &domain.domain_name)?.is_some() {
            return Err(StoreError::DomainExists(domain.domain_name.clone()));
        }
        tx.execute(
            "INSERT INTO custom_domains (name, body) VALUES (?1, ?2)",
            params![domain.domain_name, serde_json::to_string(domain)?],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn get_domain(&self, name: &str) -> Result<CustomDomain, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        read_domain(&tx, name)?.ok_or_else(|| StoreError::DomainNotFound(name.into()))
    }

    /// Read, change with `edit` (which may refuse), write back, in one transaction.
    pub fn update_domain(
        &self,
        name: &str,
        edit: impl FnOnce(&mut CustomDomain) -> Result<(), StoreError>,
    ) -> Result<CustomDomain, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let mut domain =
            read_domain(&tx, name)?.ok_or_else(|| StoreError::DomainNotFound(name.into()))?;
        edit(&mut domain)?;
        tx.execute(
            "UPDATE custom_domains SET body = ?2 WHERE name = ?1",
            params![name, serde_json::to_string(&domain)?],
        )?;
        tx.commit()?;
        Ok(domain)
    }

    pub fn delete_domain(&self, name: &str) -> Result<(), StoreError> {
        let conn = self.conn();
        let deleted = conn.execute("DELETE FROM custom_domains WHERE name = ?1", [name])?;
        if deleted == 0 {
            return Err(StoreError::DomainNotFound(name.into()));
        }
        Ok(())
    }

    pub fn list_domains(&self, request: &PageRequest) -> Result<Page<CustomDomain>, StoreError> {
        let (start, prefix) = prefix_bounds(request);
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT name, body FROM custom_domains
             WHERE name >= ?1 AND substr(name, 1, length(?2)) = ?2
             ORDER BY name LIMIT ?3",
        )?;
        let rows = statement
            .query_map(params![start, prefix, request.limit as i64 + 1], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        into_json_page(rows, request.limit)
    }

    /// Every domain, for the request router at start-up.
    pub fn all_domains(&self) -> Result<Vec<CustomDomain>, StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached("SELECT body FROM custom_domains ORDER BY name")?;
        let rows = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        rows.iter()
            .map(|body| Ok(serde_json::from_str(body)?))
            .collect()
    }
}

fn read_domain(tx: &Transaction<'_>, name: &str) -> Result<Option<CustomDomain>, StoreError> {
    let body: Option<String> = tx
        .query_row(
            "SELECT body FROM custom_domains WHERE name = ?1",
            [name],
            |row| row.get(0),
        )
        .optional()?;
    Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domain(name: &str) -> CustomDomain {
        CustomDomain {
            domain_name: name.into(),
            protocol: "HTTP".into(),
            ..Default::default()
        }
    }

    #[test]
    fn domains_are_created_once_listed_by_prefix_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.create_domain(&domain("a.example.com")).unwrap();
        store.create_domain(&domain("b.example.com")).unwrap();
        assert!(matches!(
            store.create_domain(&domain("a.example.com")),
            Err(StoreError::DomainExists(_))
        ));
        let request = PageRequest {
            prefix: Some("a.".into()),
            limit: 10,
            ..Default::default()
        };
        let page = store.list_domains(&request).unwrap();
        assert_eq!(page.items.len(), 1);
        let updated = store
            .update_domain("b.example.com", |d| {
                d.protocol = "HTTP,HTTPS".into();
                Ok(())
            })
            .unwrap();
        assert_eq!(updated.protocol, "HTTP,HTTPS");
        assert_eq!(store.all_domains().unwrap().len(), 2);
        store.delete_domain("a.example.com").unwrap();
        assert!(matches!(
            store.get_domain("a.example.com"),
            Err(StoreError::DomainNotFound(_))
        ));
        assert!(matches!(
            store.delete_domain("a.example.com"),
            Err(StoreError::DomainNotFound(_))
        ));
    }
}
