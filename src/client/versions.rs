//! Version and alias calls: publish, list (following pagination) and delete versions;
//! create, get, list, update and delete aliases.

use reqwest::Method;

use super::{FcClient, Page, Result};
use crate::fc::signature::percent_encode as encode;
use crate::fc::{
    Alias, AliasInput, ListAliasesOutput, ListVersionsOutput, PublishVersionInput, Version,
};

impl FcClient {
    pub async fn publish_version(
        &self,
        function: &str,
        description: Option<String>,
    ) -> Result<Version> {
        let path = format!("/functions/{}/versions", encode(function));
        let input = PublishVersionInput { description };
        self.call(Method::POST, &path, &[], Some(&input)).await
    }

    /// Every version, newest first.
    pub async fn list_versions(&self, function: &str) -> Result<Vec<Version>> {
        let path = format!("/functions/{}/versions", encode(function));
        let query = vec![
            ("limit", "100".to_string()),
            ("direction", "BACKWARD".to_string()),
        ];
        self.list_all::<ListVersionsOutput>(&path, query).await
    }

    pub async fn delete_version(&self, function: &str, version: &str) -> Result<()> {
        let path = format!(
            "/functions/{}/versions/{}",
            encode(function),
            encode(version)
        );
        self.send::<()>(Method::DELETE, &path, &[], None)
            .await
            .map(drop)
    }

    pub async fn create_alias(&self, function: &str, input: &AliasInput) -> Result<Alias> {
        let path = format!("/functions/{}/aliases", encode(function));
        self.call(Method::POST, &path, &[], Some(input)).await
    }

    pub async fn get_alias(&self, function: &str, alias: &str) -> Result<Alias> {
        let path = format!("/functions/{}/aliases/{}", encode(function), encode(alias));
        self.call::<(), _>(Method::GET, &path, &[], None).await
    }

    pub async fn update_alias(
        &self,
        function: &str,
        alias: &str,
        input: &AliasInput,
    ) -> Result<Alias> {
        let path = format!("/functions/{}/aliases/{}", encode(function), encode(alias));
        self.call(Method::PUT, &path, &[], Some(input)).await
    }

    pub async fn delete_alias(&self, function: &str, alias: &str) -> Result<()> {
        let path = format!("/functions/{}/aliases/{}", encode(function), encode(alias));
        self.send::<()>(Method::DELETE, &path, &[], None)
            .await
            .map(drop)
    }

    /// Every alias, by name.
    pub async fn list_aliases(&self, function: &str) -> Result<Vec<Alias>> {
        let path = format!("/functions/{}/aliases", encode(function));
        self.list_all::<ListAliasesOutput>(&path, vec![("limit", "100".to_string())])
            .await
    }
}

impl Page for ListVersionsOutput {
    type Item = Version;
    fn into_parts(self) -> (Vec<Version>, Option<String>) {
        (self.versions, self.next_token)
    }
}

impl Page for ListAliasesOutput {
    type Item = Alias;
    fn into_parts(self) -> (Vec<Alias>, Option<String>) {
        (self.aliases, self.next_token)
    }
}
