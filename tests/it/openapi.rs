//! The engine's OpenAPI document (`/_s/v1/openapi.json`): it parses, names the FC API it
//! serves, and schemathesis finds no 5xx and no response outside the schema against a live
//! engine with one deployed function.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::common::{fc_project, http_get, ok, TestEngine};

fn document(engine: &TestEngine) -> Value {
    let (status, body) = http_get(&format!("{}/_s/v1/openapi.json", engine.url))
        .expect("the engine answers /_s/v1/openapi.json");
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).expect("the document is JSON")
}

#[test]
fn openapi_document_lists_the_fc_api() {
    let engine = TestEngine::start();
    let doc = document(&engine);
    let version = doc["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3."), "not OpenAPI 3: {version}");
    let paths = doc["paths"].as_object().expect("paths");
    for path in [
        "/2023-03-30/functions",
        "/2023-03-30/functions/{name}",
        "/2023-03-30/functions/{name}/code",
        "/2023-03-30/functions/{name}/invocations",
        "/2023-03-30/functions/{name}/triggers",
        "/2023-03-30/functions/{name}/triggers/{trigger}",
        "/2023-03-30/functions/{name}/async-invoke-config",
        "/2023-03-30/functions/{name}/async-tasks",
        "/2023-03-30/functions/{name}/async-tasks/{task}/stop",
        "/2023-03-30/functions/{name}/instances",
        "/2023-03-30/functions/{name}/concurrency",
        "/2023-03-30/layers",
        "/2023-03-30/layers/{name}/versions/{version}",
        "/2023-03-30/custom-domains",
        "/2023-03-30/custom-domains/{domainName}",
    ] {
        assert!(paths.contains_key(path), "{path} missing from the document");
    }
    // Errors are documented as FC's error body.
    let error = &doc["components"]["schemas"]["ApiError"]["properties"];
    for key in ["Code", "Message", "RequestId"] {
        assert!(error.get(key).is_some(), "ApiError lacks {key}: {error}");
    }
}

/// `.ci/setup` installs schemathesis into this venv.
fn schemathesis() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-schemathesis/bin/schemathesis");
    assert!(
        bin.is_file(),
        "schemathesis is not installed at {}\nhint: run `bash .ci/setup`",
        bin.display()
    );
    bin
}

#[test]
fn schemathesis_finds_no_server_error_or_schema_mismatch() {
    let bin = schemathesis();
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: hello\nruntime: python3.10\nhandler: index.handler",
        &[(
            "index.py",
            "def handler(event, context):\n    return event\n",
        )],
    );
    ok(&engine, &ws, &["deploy", "-y"]);
    let out = Command::new(bin)
        .current_dir(ws.path())
        .args([
            "run",
            &format!("{}/_s/v1/openapi.json", engine.url),
            "--checks",
            "not_a_server_error,response_schema_conformance",
            "--max-examples",
            "20",
            "--no-shrink",
            "--warnings",
            "off",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "schemathesis found problems:\n{}\n{}\nengine log:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        engine.log()
    );
}
