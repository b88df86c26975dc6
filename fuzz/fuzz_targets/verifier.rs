//! The ACS3-HMAC-SHA256 verifier on arbitrary requests. Input lines: method, path, query,
//! then `name: value` headers up to an empty line, then the body. Whatever arrives, the
//! check answers an error or Ok, never panics (malformed Authorization, dates, encodings).
#![no_main]

use http::{HeaderMap, HeaderName, HeaderValue};
use libfuzzer_sys::fuzz_target;
use s::engine::server::auth::{Incoming, Verifier};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let method = lines.next().unwrap_or("GET");
    let path = lines.next().unwrap_or("/");
    let query = lines.next().filter(|q| !q.is_empty());
    let mut headers = HeaderMap::new();
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.trim().as_bytes()),
                HeaderValue::from_str(value.trim()),
            ) {
                headers.append(name, value);
            }
        }
    }
    let verifier = Verifier::new([("key".to_string(), "secret".to_string())]);
    let request = Incoming {
        method,
        path,
        query,
        headers: &headers,
        body: body.as_bytes(),
    };
    let now = time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let _ = verifier.check(&request, now);
});
