//! Layer calls: publish a version, get one (by name and version or by ARN), list layers and
//! versions (following pagination), delete a version.

use reqwest::Method;

use super::{FcClient, Result};
use crate::fc::signature::percent_encode as encode;
use crate::fc::{Layer, LayerVersionInput, ListLayerVersionOutput, ListLayersOutput};

impl FcClient {
    pub async fn create_layer_version(
        &self,
        name: &str,
        input: &LayerVersionInput,
    ) -> Result<Layer> {
        let path = format!("/layers/{}/versions", encode(name));
        self.call(Method::POST, &path, &[], Some(input)).await
    }

    pub async fn get_layer_version(&self, name: &str, version: u32) -> Result<Layer> {
        let path = format!("/layers/{}/versions/{version}", encode(name));
        self.call::<(), _>(Method::GET, &path, &[], None).await
    }

    pub async fn get_layer_version_by_arn(&self, arn: &str) -> Result<Layer> {
        let path = format!("/layerarn/{}", encode(arn));
        self.call::<(), _>(Method::GET, &path, &[], None).await
    }

    pub async fn delete_layer_version(&self, name: &str, version: u32) -> Result<()> {
        let path = format!("/layers/{}/versions/{version}", encode(name));
        self.send::<()>(Method::DELETE, &path, &[], None)
            .await
            .map(drop)
    }

    /// The newest version of every layer (follows `nextToken`).
    pub async fn list_layers(&self, prefix: Option<&str>) -> Result<Vec<Layer>> {
        let mut query = vec![("limit", "100".to_string())];
        if let Some(p) = prefix {
            query.push(("prefix", p.to_string()));
        }
        self.list_all::<ListLayersOutput>("/layers", query).await
    }

    /// Every version of a layer, oldest first (follows `nextVersion`).
    pub async fn list_layer_versions(&self, name: &str) -> Result<Vec<Layer>> {
        let path = format!("/layers/{}/versions", encode(name));
        let mut all = Vec::new();
        let mut start: Option<u32> = None;
        loop {
            let mut query = vec![("limit", "100".to_string())];
            if let Some(v) = start {
                query.push(("startVersion", v.to_string()));
            }
            let page: ListLayerVersionOutput =
                self.call::<(), _>(Method::GET, &path, &query, None).await?;
            all.extend(page.layers);
            match page.next_version.filter(|v| *v > 0) {
                Some(v) => start = Some(v),
                None => return Ok(all),
            }
        }
    }
}
