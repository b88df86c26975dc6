//! FC's JWT check for HTTP triggers and custom domains (`authType: jwt`): where the token
//! is read (`tokenLookup`), which keys verify it (`jwks.keys`), which paths need it
//! (`whitelist` / `blacklist`), and which claims reach the function and under what name
//! (`claimPassBy`). Both of FC's spellings are read: the strings the API stores
//! (`"header:Authorization:Bearer,cookie:token"`, `"query:uid:uid"`) and the lists `s.yaml`
//! writes (`[{readPosition, parameterName, prefix}]`). Pure: no I/O, no clock but the one
//! `jsonwebtoken` reads for `exp` and `nbf`.

use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;

/// Most keys, lookups and claim mappings one config holds.
const MAX_ENTRIES: usize = 64;
/// Longest token read from a request.
const MAX_TOKEN: usize = 16 * 1024;

/// Where a token is read, or a claim is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Header,
    Cookie,
    Query,
    Form,
}

impl Position {
    fn parse(text: &str) -> Result<Position, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "header" => Ok(Position::Header),
            "cookie" => Ok(Position::Cookie),
            "query" => Ok(Position::Query),
            "form" => Ok(Position::Form),
            other => Err(format!(
                "unknown position `{other}`: use header, cookie, query or form"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenLookup {
    pub position: Position,
    pub name: String,
    /// Stripped from the value before it is read as a token (`Bearer`), headers only.
    pub prefix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimPass {
    pub claim: String,
    pub position: Position,
    pub name: String,
}

/// Which paths need a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathRule {
    All,
    /// These paths need none.
    Except(Vec<String>),
    /// Only these paths need one.
    Only(Vec<String>),
}

/// A parsed `authConfig`.
#[derive(Clone)]
pub struct JwtConfig {
    keys: Vec<Jwk>,
    pub lookups: Vec<TokenLookup>,
    pub claims: Vec<ClaimPass>,
    pub paths: PathRule,
}

impl std::fmt::Debug for JwtConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtConfig")
            .field("keys", &self.keys.len())
            .field("lookups", &self.lookups)
            .field("claims", &self.claims)
            .field("paths", &self.paths)
            .finish()
    }
}

impl PartialEq for JwtConfig {
    fn eq(&self, other: &Self) -> bool {
        self.keys == other.keys
            && self.lookups == other.lookups
            && self.claims == other.claims
            && self.paths == other.paths
    }
}

impl Eq for JwtConfig {}

/// What the request offers the check.
pub struct JwtRequest<'a> {
    /// Decoded path below the trigger or domain.
    pub path: &'a str,
    pub headers: &'a [(String, String)],
    pub query: Option<&'a str>,
    /// The body when it is a form (`application/x-www-form-urlencoded`).
    pub form: Option<&'a [u8]>,
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwtRefusal {
    Missing,
    Invalid(String),
    Expired,
}

impl std::fmt::Display for JwtRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JwtRefusal::Missing => write!(
                f,
                "the request carries no JWT where the trigger looks for one"
            ),
            JwtRefusal::Invalid(why) => write!(f, "the JWT is not valid: {why}"),
            JwtRefusal::Expired => write!(f, "the JWT has expired"),
        }
    }
}

/// A claim to hand the function, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassedClaim {
    pub position: Position,
    pub name: String,
    pub value: String,
}

impl JwtConfig {
    /// `authConfig` as an object, or as a JSON document inside a string.
    pub fn parse(config: &Value) -> Result<JwtConfig, String> {
        let parsed;
        let config = match config {
            Value::String(text) => {
                parsed = serde_json::from_str::<Value>(text)
                    .map_err(|e| format!("authConfig is not a JSON document: {e}"))?;
                &parsed
            }
            other => other,
        };
        let field = |names: &[&str]| names.iter().find_map(|n| config.get(*n));
        let jwks = field(&["jwks", "JWKS"])
            .ok_or("authConfig needs `jwks` with the public keys that verify tokens")?;
        let set: JwkSet = serde_json::from_value(jwks.clone())
            .map_err(|e| format!("authConfig.jwks is not a JSON Web Key Set: {e}"))?;
        if set.keys.is_empty() || set.keys.len() > MAX_ENTRIES {
            return Err(format!("authConfig.jwks needs 1 to {MAX_ENTRIES} keys"));
        }
        for key in &set.keys {
            DecodingKey::from_jwk(key)
                .map_err(|e| format!("authConfig.jwks: unusable key: {e}"))?;
        }
        let lookups = match field(&["tokenLookup", "TokenLookup"]) {
            None => {
                return Err(
                    "authConfig needs `tokenLookup`, e.g. header:Authorization:Bearer".into(),
                )
            }
            Some(value) => parse_lookups(value)?,
        };
        if lookups.is_empty() {
            return Err("authConfig.tokenLookup names no place to read the token".into());
        }
        let claims = match field(&["claimPassBy", "ClaimPassBy"]) {
            None | Some(Value::Null) => Vec::new(),
            Some(value) => parse_claims(value)?,
        };
        let list = |names: &[&str]| -> Result<Option<Vec<String>>, String> {
            match field(names) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Array(items)) if items.len() <= MAX_ENTRIES => items
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .map(str::to_string)
                            .ok_or_else(|| "a path list holds strings".to_string())
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(|v| (!v.is_empty()).then_some(v)),
                Some(_) => Err(format!(
                    "authConfig.{} is a list of at most {MAX_ENTRIES} paths",
                    names[0]
                )),
            }
        };
        let paths = match (
            list(&["whitelist", "Whitelist"])?,
            list(&["blacklist", "Blacklist"])?,
        ) {
            (Some(_), Some(_)) => {
                return Err("authConfig may set whitelist or blacklist, not both".into())
            }
            (Some(free), None) => PathRule::Except(free),
            (None, Some(guarded)) => PathRule::Only(guarded),
            (None, None) => PathRule::All,
        };
        Ok(JwtConfig {
            keys: set.keys,
            lookups,
            claims,
            paths,
        })
    }

    /// Whether `path` needs a token at all. The path is taken as a server would resolve it
    /// (`/public/../admin` is `/admin`), so dot segments cannot slip past a whitelist.
    pub fn guards(&self, path: &str) -> bool {
        let path = normalize_path(path);
        let path = path.as_str();
        match &self.paths {
            PathRule::All => true,
            PathRule::Except(free) => !free.iter().any(|p| path_matches(p, path)),
            PathRule::Only(guarded) => guarded.iter().any(|p| path_matches(p, path)),
        }
    }

    /// Check the request; on success, the claims to pass on (none for an unguarded path).
    pub fn check(&self, request: &JwtRequest) -> Result<Vec<PassedClaim>, JwtRefusal> {
        if !self.guards(request.path) {
            return Ok(Vec::new());
        }
        let token = self
            .lookups
            .iter()
            .find_map(|lookup| find_token(lookup, request))
            .ok_or(JwtRefusal::Missing)?;
        let claims = self.verify(&token)?;
        Ok(self
            .claims
            .iter()
            .filter_map(|pass| {
                let value = match claims.get(&pass.claim)? {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                Some(PassedClaim {
                    position: pass.position,
                    name: pass.name.clone(),
                    value,
                })
            })
            .collect())
    }

    /// The token's claims, if one of the keys verifies its signature and it is in date.
    fn verify(&self, token: &str) -> Result<serde_json::Map<String, Value>, JwtRefusal> {
        let invalid = |e: jsonwebtoken::errors::Error| JwtRefusal::Invalid(e.to_string());
        let header = jsonwebtoken::decode_header(token).map_err(invalid)?;
        let candidates = self.keys.iter().filter(|key| {
            let kid_ok = match (&header.kid, &key.common.key_id) {
                (Some(want), Some(have)) => want == have,
                _ => true,
            };
            let alg_ok = key
                .common
                .key_algorithm
                .and_then(|a| a.to_string().parse::<Algorithm>().ok())
                .is_none_or(|a| a == header.alg);
            kid_ok && alg_ok
        });
        let mut validation = Validation::new(header.alg);
        // FC checks `exp` and `nbf` when a token has them and requires neither.
        validation.required_spec_claims.clear();
        validation.validate_nbf = true;
        validation.validate_aud = false;
        validation.leeway = 0;
        let mut last =
            JwtRefusal::Invalid("no configured key matches the token's `kid` and `alg`".into());
        for key in candidates {
            let Ok(decoding) = DecodingKey::from_jwk(key) else {
                continue;
            };
            match jsonwebtoken::decode::<serde_json::Map<String, Value>>(
                token,
                &decoding,
                &validation,
            ) {
                Ok(data) => return Ok(data.claims),
                Err(e) => {
                    last = match e.kind() {
                        jsonwebtoken::errors::ErrorKind::ExpiredSignature => JwtRefusal::Expired,
                        _ => JwtRefusal::Invalid(e.to_string()),
                    };
                    if last == JwtRefusal::Expired {
                        return Err(last);
                    }
                }
            }
        }
        Err(last)
    }
}

/// `path` with empty and `.` segments dropped and `..` applied, as `/`-rooted text; a
/// trailing `/` is kept.
fn normalize_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut out = format!("/{}", segments.join("/"));
    if path.ends_with('/') && out != "/" {
        out.push('/');
    }
    out
}

/// `/a` matches itself; `/a/*` matches everything below `/a/`; `/*` everything.
fn path_matches(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => pattern == path,
    }
}

fn entries(value: &Value, what: &str) -> Result<Vec<Value>, String> {
    let items: Vec<Value> = match value {
        Value::String(text) => text
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| Value::String(s.to_string()))
            .collect(),
        Value::Array(items) => items.clone(),
        _ => return Err(format!("authConfig.{what} is a string or a list")),
    };
    if items.len() > MAX_ENTRIES {
        return Err(format!(
            "authConfig.{what} has more than {MAX_ENTRIES} entries"
        ));
    }
    Ok(items)
}

fn parse_lookups(value: &Value) -> Result<Vec<TokenLookup>, String> {
    let mut lookups = Vec::new();
    for item in entries(value, "tokenLookup")? {
        let (position, name, prefix) = match &item {
            Value::String(text) => {
                let mut parts = text.splitn(3, ':');
                let position = parts.next().unwrap_or_default().to_string();
                let name = parts.next().unwrap_or_default().to_string();
                (position, name, parts.next().map(str::to_string))
            }
            Value::Object(map) => {
                let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
                (
                    text("readPosition").unwrap_or_default(),
                    text("parameterName").unwrap_or_default(),
                    text("prefix"),
                )
            }
            _ => return Err("authConfig.tokenLookup entries are strings or objects".into()),
        };
        let position =
            Position::parse(&position).map_err(|e| format!("authConfig.tokenLookup: {e}"))?;
        if name.trim().is_empty() {
            return Err("authConfig.tokenLookup: an entry has no parameter name".into());
        }
        lookups.push(TokenLookup {
            position,
            name: name.trim().to_string(),
            prefix: prefix.filter(|p| !p.trim().is_empty()),
        });
    }
    Ok(lookups)
}

fn parse_claims(value: &Value) -> Result<Vec<ClaimPass>, String> {
    let mut claims = Vec::new();
    for item in entries(value, "claimPassBy")? {
        let (position, claim, name) = match &item {
            Value::String(text) => {
                let mut parts = text.splitn(3, ':');
                (
                    parts.next().unwrap_or_default().to_string(),
                    parts.next().unwrap_or_default().to_string(),
                    parts.next().unwrap_or_default().to_string(),
                )
            }
            Value::Object(map) => {
                let text = |k: &str| {
                    map.get(k)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                };
                (
                    text("mappingParameterPosition"),
                    text("claimName"),
                    text("mappingParameterName"),
                )
            }
            _ => return Err("authConfig.claimPassBy entries are strings or objects".into()),
        };
        // `query::` is how FC's tools write "pass nothing".
        if claim.trim().is_empty() && name.trim().is_empty() {
            continue;
        }
        let position =
            Position::parse(&position).map_err(|e| format!("authConfig.claimPassBy: {e}"))?;
        if position == Position::Cookie {
            return Err(
                "authConfig.claimPassBy: claims are passed as header, query or form".into(),
            );
        }
        let name = if name.trim().is_empty() {
            claim.clone()
        } else {
            name
        };
        claims.push(ClaimPass {
            claim: claim.trim().to_string(),
            position,
            name: name.trim().to_string(),
        });
    }
    Ok(claims)
}

/// The token at one lookup place, if the request has it there.
fn find_token(lookup: &TokenLookup, request: &JwtRequest) -> Option<String> {
    let value = match lookup.position {
        Position::Header => request
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&lookup.name))
            .map(|(_, v)| v.clone()),
        Position::Cookie => request
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("cookie"))
            .flat_map(|(_, v)| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == lookup.name)
            .map(|(_, v)| v.to_string()),
        Position::Query => form_value(request.query.unwrap_or_default().as_bytes(), &lookup.name),
        Position::Form => form_value(request.form.unwrap_or_default(), &lookup.name),
    }?;
    let value = match &lookup.prefix {
        Some(prefix) => value.trim().strip_prefix(prefix.trim())?.to_string(),
        None => value,
    };
    let value = value.trim();
    (!value.is_empty() && value.len() <= MAX_TOKEN).then(|| value.to_string())
}

fn form_value(encoded: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(encoded)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{encode, EncodingKey, Header};
    use serde_json::json;

    const SECRET: &str = "c2VjcmV0LWZvci10ZXN0cy1vbmx5LTAxMjM0NTY3ODk";

    fn config(extra: Value) -> JwtConfig {
        let mut value = json!({
            "jwks": {"keys": [{"kty": "oct", "kid": "k1", "alg": "HS256", "k": SECRET}]},
            "tokenLookup": "header:Authorization:Bearer,cookie:jwt,query:token",
            "claimPassBy": "header:uid:x-user-id,query:role:role"
        });
        if let (Value::Object(base), Value::Object(more)) = (&mut value, extra) {
            base.extend(more);
        }
        JwtConfig::parse(&value).unwrap()
    }

    fn token(claims: Value) -> String {
        let secret =
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, SECRET)
                .unwrap();
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some("k1".into());
        encode(&header, &claims, &EncodingKey::from_secret(&secret)).unwrap()
    }

    fn request<'a>(headers: &'a [(String, String)], query: Option<&'a str>) -> JwtRequest<'a> {
        JwtRequest {
            path: "/",
            headers,
            query,
            form: None,
        }
    }

    #[test]
    fn a_valid_token_passes_its_claims_on() {
        let cfg = config(json!({}));
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let jwt = token(json!({"uid": "u-1", "role": 7, "exp": now + 600}));
        let headers = vec![("authorization".to_string(), format!("Bearer {jwt}"))];
        let passed = cfg.check(&request(&headers, None)).unwrap();
        assert_eq!(
            passed,
            vec![
                PassedClaim {
                    position: Position::Header,
                    name: "x-user-id".into(),
                    value: "u-1".into()
                },
                PassedClaim {
                    position: Position::Query,
                    name: "role".into(),
                    value: "7".into()
                },
            ]
        );
        let cookie = vec![("cookie".to_string(), format!("a=b; jwt={jwt}"))];
        assert!(cfg.check(&request(&cookie, None)).is_ok());
        let query = format!("token={jwt}");
        assert!(cfg.check(&request(&[], Some(&query))).is_ok());
    }

    #[test]
    fn missing_expired_and_forged_tokens_are_refused() {
        let cfg = config(json!({}));
        assert_eq!(cfg.check(&request(&[], None)), Err(JwtRefusal::Missing));
        let old = token(json!({"uid": "u", "exp": 1_000_000}));
        let headers = vec![("Authorization".to_string(), format!("Bearer {old}"))];
        assert_eq!(
            cfg.check(&request(&headers, None)),
            Err(JwtRefusal::Expired)
        );
        let good = token(json!({"uid": "u"}));
        let forged = format!("{}x", &good[..good.len() - 1]);
        let headers = vec![("Authorization".to_string(), format!("Bearer {forged}"))];
        assert!(matches!(
            cfg.check(&request(&headers, None)),
            Err(JwtRefusal::Invalid(_))
        ));
        // Without the configured prefix the header is not a token.
        let headers = vec![("Authorization".to_string(), good)];
        assert_eq!(
            cfg.check(&request(&headers, None)),
            Err(JwtRefusal::Missing)
        );
        // `alg: none` never verifies.
        let unsigned = "eyJhbGciOiJub25lIn0.eyJ1aWQiOiJ1In0.";
        let headers = vec![("Authorization".to_string(), format!("Bearer {unsigned}"))];
        assert!(matches!(
            cfg.check(&request(&headers, None)),
            Err(JwtRefusal::Invalid(_))
        ));
    }

    #[test]
    fn a_token_must_use_the_algorithm_its_key_names() {
        let cfg = config(json!({}));
        let secret =
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, SECRET)
                .unwrap();
        let mut header = Header::new(Algorithm::HS512);
        header.kid = Some("k1".into());
        let other_alg = encode(
            &header,
            &json!({"uid": "u"}),
            &EncodingKey::from_secret(&secret),
        )
        .unwrap();
        let headers = vec![("Authorization".to_string(), format!("Bearer {other_alg}"))];
        assert!(matches!(
            cfg.check(&request(&headers, None)),
            Err(JwtRefusal::Invalid(_))
        ));
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some("unknown".into());
        let other_kid = encode(
            &header,
            &json!({"uid": "u"}),
            &EncodingKey::from_secret(&secret),
        )
        .unwrap();
        let headers = vec![("Authorization".to_string(), format!("Bearer {other_kid}"))];
        assert!(matches!(
            cfg.check(&request(&headers, None)),
            Err(JwtRefusal::Invalid(_))
        ));
    }

    #[test]
    fn white_and_black_lists_choose_the_guarded_paths() {
        let free = config(json!({"whitelist": ["/health", "/public/*"]}));
        assert!(!free.guards("/health"));
        assert!(!free.guards("/public/a.css"));
        assert!(free.guards("/private"));
        assert!(free.guards("/public/../private"));
        assert!(free.guards("/public/..\\private"));
        assert!(!free.guards("//health"));
        let guarded = config(json!({"blacklist": ["/admin/*"]}));
        assert!(guarded.guards("/x/../admin/y"));
        assert!(guarded.guards("/admin/x"));
        assert!(!guarded.guards("/"));
        let both = json!({
            "jwks": {"keys": [{"kty": "oct", "k": SECRET}]},
            "tokenLookup": "header:a",
            "whitelist": ["/a"], "blacklist": ["/b"]
        });
        assert!(JwtConfig::parse(&both).is_err());
    }

    #[test]
    fn the_manifest_list_form_reads_like_the_string_form() {
        let lists = json!({
            "jwks": {"keys": [{"kty": "oct", "k": SECRET}]},
            "tokenLookup": [{"readPosition": "header", "parameterName": "Authorization", "prefix": "Bearer"}],
            "claimPassBy": [{"claimName": "uid", "mappingParameterName": "x-uid", "mappingParameterPosition": "header"}]
        });
        let from_lists = JwtConfig::parse(&lists).unwrap();
        let strings = json!({
            "jwks": {"keys": [{"kty": "oct", "k": SECRET}]},
            "tokenLookup": "header:Authorization:Bearer",
            "claimPassBy": "header:uid:x-uid"
        });
        assert_eq!(from_lists, JwtConfig::parse(&strings).unwrap());
        let as_text = Value::String(strings.to_string());
        assert_eq!(from_lists, JwtConfig::parse(&as_text).unwrap());
        assert!(JwtConfig::parse(&json!({"tokenLookup": "header:a"})).is_err());
    }
}
