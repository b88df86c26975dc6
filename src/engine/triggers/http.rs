//! HTTP triggers: the trigger's config (`authType`, `methods`) and FC 3.0's mapping for
//! built-in runtimes, request → HTTP event JSON (§10) and the function's
//! `{statusCode, headers, isBase64Encoded, body}` → HTTP response. Pure functions; the
//! route that serves trigger URLs lives in the server.

use base64::Engine as _;
use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::jwt::JwtConfig;

/// Who may call a trigger URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthType {
    Anonymous,
    /// ACS3-signed requests (FC's default).
    Function,
    /// A JWT verified against the trigger's `authConfig`.
    Jwt,
}

/// A parsed `triggerConfig` of an HTTP trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpConfig {
    pub auth_type: AuthType,
    /// Upper-case; empty allows every method.
    pub methods: Vec<String>,
    /// `authConfig`, for `authType: jwt`.
    pub jwt: Option<JwtConfig>,
}

impl HttpConfig {
    pub fn parse(config: &str) -> Result<HttpConfig, String> {
        let value: Value =
            serde_json::from_str(config).map_err(|e| format!("invalid triggerConfig: {e}"))?;
        let auth_type = match value.get("authType").and_then(Value::as_str) {
            None => AuthType::Function,
            Some(t) if t.eq_ignore_ascii_case("anonymous") => AuthType::Anonymous,
            Some(t) if t.eq_ignore_ascii_case("function") => AuthType::Function,
            Some(t) if t.eq_ignore_ascii_case("jwt") => AuthType::Jwt,
            Some(other) => {
                return Err(format!(
                    "invalid authType `{other}`: use anonymous, function or jwt"
                ))
            }
        };
        let methods = value
            .get("methods")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_ascii_uppercase)
                    .collect()
            })
            .unwrap_or_default();
        let jwt = match auth_type {
            AuthType::Jwt => {
                let config = value
                    .get("authConfig")
                    .ok_or("authType jwt needs `authConfig` with `jwks` and `tokenLookup`")?;
                Some(JwtConfig::parse(config)?)
            }
            _ => None,
        };
        Ok(HttpConfig {
            auth_type,
            methods,
            jwt,
        })
    }

    pub fn allows(&self, method: &str) -> bool {
        self.methods.is_empty() || self.methods.iter().any(|m| m.eq_ignore_ascii_case(method))
    }
}

/// What the event is built from.
pub struct HttpRequestInfo<'a> {
    pub method: &'a str,
    /// The path below the trigger URL as received (still percent-encoded), `/` at least.
    pub raw_path: &'a str,
    pub query: Option<&'a str>,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
    pub protocol: &'a str,
    pub source_ip: &'a str,
    pub request_id: &'a str,
    pub account_id: &'a str,
    pub domain_name: &'a str,
    pub domain_prefix: &'a str,
}

/// FC 3.0's HTTP trigger event.
pub fn event(request: &HttpRequestInfo, time_ms: i64) -> Vec<u8> {
    let (body, is_base64) = encode_body(request.body, content_type(request.headers));
    let user_agent = request
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("user-agent"))
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    let time = time::OffsetDateTime::from_unix_timestamp(time_ms / 1000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default();
    json!({
        "version": "v1",
        "rawPath": request.raw_path,
        "body": body,
        "isBase64Encoded": is_base64,
        "headers": joined(request.headers.iter().map(|(k, v)| (canonical_header(k), v.clone()))),
        "queryParameters": joined(
            form_urlencoded::parse(request.query.unwrap_or_default().as_bytes()).into_owned()
        ),
        "requestContext": {
            "accountId": request.account_id,
            "domainName": request.domain_name,
            "domainPrefix": request.domain_prefix,
            "http": {
                "method": request.method,
                "path": percent_decode(request.raw_path),
                "protocol": request.protocol,
                "sourceIp": request.source_ip,
                "userAgent": user_agent,
            },
            "requestId": request.request_id,
            "time": time,
            "timeEpoch": time_ms.to_string(),
        },
    })
    .to_string()
    .into_bytes()
}

fn content_type(headers: &[(String, String)]) -> Option<&str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str())
}

/// Text bodies travel as they are; anything else (or anything that is not UTF-8) as base64.
fn encode_body(body: &[u8], content_type: Option<&str>) -> (String, bool) {
    let textual = content_type.is_none_or(is_text_type);
    match std::str::from_utf8(body) {
        Ok(text) if textual => (text.to_string(), false),
        _ => (base64::engine::general_purpose::STANDARD.encode(body), true),
    }
}

fn is_text_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/")
        || essence.ends_with("/json")
        || essence.ends_with("+json")
        || essence.ends_with("/xml")
        || essence.ends_with("+xml")
        || essence == "application/x-www-form-urlencoded"
        || essence == "application/javascript"
}

/// Several values of one name become one comma-joined string, in arrival order.
fn joined(pairs: impl IntoIterator<Item = (String, String)>) -> Map<String, Value> {
    let mut map: Map<String, Value> = Map::new();
    for (key, value) in pairs {
        match map.get_mut(&key) {
            Some(Value::String(existing)) => {
                existing.push(',');
                existing.push_str(&value);
            }
            _ => {
                map.insert(key, Value::String(value));
            }
        }
    }
    map
}

/// `content-type` → `Content-Type`, as FC's gateway presents header names.
fn canonical_header(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => {
                    first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
                }
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Decode `%XX` escapes (not `+`: this is a path).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The HTTP response a function's result becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

const RESPONSE_KEYS: &[&str] = &[
    "statusCode",
    "headers",
    "isBase64Encoded",
    "body",
    "cookies",
];

/// A `{statusCode, headers, isBase64Encoded, body}` result is mapped; anything else is sent
/// as a 200 body as it is. `Err` when the result claims base64 but is not.
pub fn reply(result: Bytes) -> Result<HttpReply, String> {
    let Some(object) = response_object(&result) else {
        return Ok(HttpReply {
            status: 200,
            headers: Vec::new(),
            body: result,
        });
    };
    let status = object
        .get("statusCode")
        .and_then(Value::as_u64)
        .unwrap_or(200);
    let status = u16::try_from(status)
        .ok()
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| format!("invalid statusCode {status} in the function's response"))?;
    let mut headers = Vec::new();
    if let Some(Value::Object(map)) = object.get("headers") {
        for (name, value) in map {
            match value {
                Value::Array(values) => {
                    headers.extend(values.iter().map(|v| (name.clone(), plain(v))))
                }
                other => headers.push((name.clone(), plain(other))),
            }
        }
    }
    let text = match object.get("body") {
        None | Some(Value::Null) => String::new(),
        Some(other) => plain(other),
    };
    let base64 = object
        .get("isBase64Encoded")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let body = if base64 {
        base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|e| format!("the function's response body is not valid base64: {e}"))?
    } else {
        text.into_bytes()
    };
    Ok(HttpReply {
        status,
        headers,
        body: Bytes::from(body),
    })
}

/// The result as a response object: a JSON object with only response keys, a numeric
/// `statusCode` if any, and at least a status or a body.
fn response_object(result: &[u8]) -> Option<Map<String, Value>> {
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(result) else {
        return None;
    };
    let only_known = object.keys().all(|k| RESPONSE_KEYS.contains(&k.as_str()));
    let status_ok = object.get("statusCode").is_none_or(Value::is_u64);
    let has_core = object.contains_key("statusCode") || object.contains_key("body");
    (only_known && status_ok && has_core).then_some(object)
}

/// A JSON value as header or body text: strings without quotes, the rest as JSON.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info<'a>(
        headers: &'a [(String, String)],
        body: &'a [u8],
        query: Option<&'a str>,
    ) -> HttpRequestInfo<'a> {
        HttpRequestInfo {
            method: "POST",
            raw_path: "/a%20b/c",
            query,
            headers,
            body,
            protocol: "HTTP/1.1",
            source_ip: "127.0.0.1",
            request_id: "rid",
            account_id: "123",
            domain_name: "127.0.0.1:9630",
            domain_prefix: "t",
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn event_joins_repeated_headers_and_query_parameters() {
        let headers = pairs(&[
            ("x-tag", "a"),
            ("x-tag", "b"),
            ("user-agent", "curl/8"),
            ("content-type", "application/json"),
        ]);
        let bytes = event(
            &info(&headers, b"{\"k\":1}", Some("x=1&x=2&y=%20z")),
            1693896071895,
        );
        let e: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(e["version"], "v1");
        assert_eq!(e["rawPath"], "/a%20b/c");
        assert_eq!(e["body"], "{\"k\":1}");
        assert_eq!(e["isBase64Encoded"], false);
        assert_eq!(e["headers"]["X-Tag"], "a,b");
        assert_eq!(e["queryParameters"]["x"], "1,2");
        assert_eq!(e["queryParameters"]["y"], " z");
        let ctx = &e["requestContext"];
        assert_eq!(ctx["http"]["path"], "/a b/c");
        assert_eq!(ctx["http"]["method"], "POST");
        assert_eq!(ctx["http"]["userAgent"], "curl/8");
        assert_eq!(ctx["timeEpoch"], "1693896071895");
        assert_eq!(ctx["time"], "2023-09-05T06:41:11Z");
    }

    #[test]
    fn binary_bodies_are_base64() {
        let octets = pairs(&[("content-type", "application/octet-stream")]);
        let e: Value = serde_json::from_slice(&event(&info(&octets, b"text", None), 0)).unwrap();
        assert_eq!(e["isBase64Encoded"], true);
        assert_eq!(e["body"], "dGV4dA==");
        let e: Value = serde_json::from_slice(&event(&info(&[], &[0xff, 0x00], None), 0)).unwrap();
        assert_eq!(e["isBase64Encoded"], true);
        assert_eq!(e["body"], "/wA=");
    }

    #[test]
    fn response_objects_are_mapped_and_base64_is_decoded() {
        let r = reply(Bytes::from(
            r#"{"statusCode":201,"headers":{"X-A":"1","Set-Cookie":["a=1","b=2"]},"isBase64Encoded":true,"body":"/wA="}"#,
        ))
        .unwrap();
        assert_eq!(r.status, 201);
        assert_eq!(r.body, Bytes::from_static(&[0xff, 0x00]));
        assert_eq!(
            r.headers,
            pairs(&[("X-A", "1"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")])
        );
    }

    #[test]
    fn other_results_pass_through_as_a_200_body() {
        for raw in ["hello", "[1,2]", r#"{"name":"x"}"#, r#"{"statusCode":"x"}"#] {
            let r = reply(Bytes::from(raw)).unwrap();
            assert_eq!((r.status, r.body.as_ref()), (200, raw.as_bytes()), "{raw}");
        }
        assert!(reply(Bytes::from(
            r#"{"statusCode":200,"isBase64Encoded":true,"body":"@@"}"#
        ))
        .is_err());
    }

    #[test]
    fn config_defaults_to_function_auth_and_any_method() {
        let c = HttpConfig::parse("{}").unwrap();
        assert_eq!(c.auth_type, AuthType::Function);
        assert!(c.allows("PATCH"));
        let c = HttpConfig::parse(r#"{"authType":"anonymous","methods":["get","POST"]}"#).unwrap();
        assert_eq!(c.auth_type, AuthType::Anonymous);
        assert!(c.allows("GET") && c.allows("post") && !c.allows("DELETE"));
        assert!(HttpConfig::parse(r#"{"authType":"none"}"#).is_err());
    }

    #[test]
    fn header_names_are_canonical() {
        assert_eq!(canonical_header("content-type"), "Content-Type");
        assert_eq!(canonical_header("X-FC-thing"), "X-Fc-Thing");
    }
}
