//! Custom domain calls: create, get (absent is `None`), list (following pagination),
//! update and delete.

use reqwest::Method;

use super::{FcClient, Page, Result};
use crate::fc::signature::percent_encode as encode;
use crate::fc::{CustomDomain, CustomDomainInput, ListCustomDomainOutput};

impl FcClient {
    pub async fn create_domain(&self, input: &CustomDomainInput) -> Result<CustomDomain> {
        self.call(Method::POST, "/custom-domains", &[], Some(input))
            .await
    }

    pub async fn find_domain(&self, name: &str) -> Result<Option<CustomDomain>> {
        let path = format!("/custom-domains/{}", encode(name));
        match self.call::<(), _>(Method::GET, &path, &[], None).await {
            Ok(domain) => Ok(Some(domain)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn list_domains(&self) -> Result<Vec<CustomDomain>> {
        let query = vec![("limit", "100".to_string())];
        self.list_all::<ListCustomDomainOutput>("/custom-domains", query)
            .await
    }

    pub async fn update_domain(
        &self,
        name: &str,
        input: &CustomDomainInput,
    ) -> Result<CustomDomain> {
        let path = format!("/custom-domains/{}", encode(name));
        self.call(Method::PUT, &path, &[], Some(input)).await
    }

    pub async fn delete_domain(&self, name: &str) -> Result<()> {
        let path = format!("/custom-domains/{}", encode(name));
        self.send::<()>(Method::DELETE, &path, &[], None)
            .await
            .map(drop)
    }
}

impl Page for ListCustomDomainOutput {
    type Item = CustomDomain;
    fn into_parts(self) -> (Vec<CustomDomain>, Option<String>) {
        (self.custom_domains, self.next_token)
    }
}
