//! ACS3-HMAC-SHA256 request signatures, the one implementation both signing (client) and
//! verification (engine) use. Pure functions over the request's parts; no I/O.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Lowercase hex SHA-256, as `x-acs-content-sha256` carries it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// RFC 3986 encoding with the unreserved set `A-Za-z0-9-_.~`.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Sorted `key=value` pairs, values RFC 3986 encoded, joined with `&`.
pub fn canonical_query(params: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (percent_encode(k), percent_encode(v)))
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The parts of a request that a signature covers.
pub struct SignedRequest<'a> {
    pub method: &'a str,
    /// The path exactly as sent (already percent-encoded).
    pub path: &'a str,
    pub query: &'a [(String, String)],
    /// Every header the signature covers, in any order and case.
    pub headers: &'a [(String, String)],
    /// Lowercase hex SHA-256 of the body.
    pub hashed_payload: &'a str,
}

impl SignedRequest<'_> {
    /// The sorted, lowercased header names, joined with `;`.
    pub fn signed_headers(&self) -> String {
        let mut names: Vec<String> = self.headers.iter().map(|(k, _)| k.to_lowercase()).collect();
        names.sort();
        names.dedup();
        names.join(";")
    }

    pub fn canonical_request(&self) -> String {
        let mut headers: Vec<(String, String)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.to_lowercase(), v.trim().to_string()))
            .collect();
        headers.sort();
        let canonical_headers: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
        format!(
            "{}\n{}\n{}\n{}\n{}\n{}",
            self.method,
            self.path,
            canonical_query(self.query),
            canonical_headers,
            self.signed_headers(),
            self.hashed_payload
        )
    }

    pub fn string_to_sign(&self) -> String {
        format!(
            "{ALGORITHM}\n{}",
            sha256_hex(self.canonical_request().as_bytes())
        )
    }

    /// Lowercase hex HMAC-SHA256 of the string to sign.
    pub fn signature(&self, secret: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
        mac.update(self.string_to_sign().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The `Authorization` header value.
    pub fn authorization(&self, key_id: &str, secret: &str) -> String {
        format!(
            "{ALGORITHM} Credential={key_id},SignedHeaders={},Signature={}",
            self.signed_headers(),
            self.signature(secret)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn vector_1_post_with_json_body() {
        let body = br#"{"functionName":"f"}"#;
        let hashed = sha256_hex(body);
        assert_eq!(
            hashed,
            "fda71fdd1dff4ec15e05f8b97621afd181e21baf53f1ac81a69448fe2984d4e9"
        );
        let h = headers(&[
            ("host", "123.cn-hangzhou.fc.aliyuncs.com"),
            ("x-acs-action", "CreateFunction"),
            ("x-acs-version", "2023-03-30"),
            ("x-acs-date", "2024-01-01T00:00:00Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", &hashed),
            ("content-type", "application/json; charset=utf-8"),
        ]);
        let request = SignedRequest {
            method: "POST",
            path: "/2023-03-30/functions",
            query: &[],
            headers: &h,
            hashed_payload: &hashed,
        };
        assert_eq!(
            sha256_hex(request.canonical_request().as_bytes()),
            "562b66f31bc5fba1a76692bfa291fc702d7df12306e93e898ddbe4581913dff3"
        );
        assert_eq!(
            request.authorization("testid", "testsecret"),
            "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=82e17257cf9126ac41510270624adab65c36a675e5993819ba28cd85ed149380"
        );
    }

    #[test]
    fn vector_2_get_with_encoded_query() {
        let hashed = sha256_hex(b"");
        let h = headers(&[
            ("host", "123.cn-hangzhou.fc.aliyuncs.com"),
            ("x-acs-action", "ListFunctions"),
            ("x-acs-version", "2023-03-30"),
            ("x-acs-date", "2024-01-01T00:00:00Z"),
            ("x-acs-signature-nonce", "nonce-2"),
            ("x-acs-content-sha256", &hashed),
        ]);
        let query = vec![
            ("limit".to_string(), "10".to_string()),
            ("prefix".to_string(), "a b/c~".to_string()),
        ];
        assert_eq!(canonical_query(&query), "limit=10&prefix=a%20b%2Fc~");
        let request = SignedRequest {
            method: "GET",
            path: "/2023-03-30/functions",
            query: &query,
            headers: &h,
            hashed_payload: &hashed,
        };
        assert_eq!(
            sha256_hex(request.canonical_request().as_bytes()),
            "cdf1b1f8e1298c0651246c56102430739af4e15ec6e78913e7ae25487f09c625"
        );
        assert_eq!(
            request.signature("testsecret"),
            "1bad9675565628350029d34e19cf111fa1f037a9a001f1152ad24f46d6a08b9b"
        );
    }

    #[test]
    fn vector_3_published_example() {
        let hashed = sha256_hex(b"");
        let h = headers(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", &hashed),
        ]);
        let query = vec![
            (
                "ImageId".to_string(),
                "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd".to_string(),
            ),
            ("RegionId".to_string(), "cn-shanghai".to_string()),
        ];
        let request = SignedRequest {
            method: "POST",
            path: "/",
            query: &query,
            headers: &h,
            hashed_payload: &hashed,
        };
        assert_eq!(
            sha256_hex(request.canonical_request().as_bytes()),
            "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert_eq!(
            request.signature("YourAccessKeySecret"),
            "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }
}
