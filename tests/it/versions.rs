//! Versions and aliases end to end: publish frozen copies of a deployed function, route an
//! alias between them, invoke by version and alias (sync and async), and what is refused.

use serde_json::Value;

use crate::common::{
    fc_project, http_get, ok, run, stderr, stdout, wait_for, TestEngine, Workspace,
};

/// A handler that answers with the text baked into its code and the qualifier it runs as.
fn handler(text: &str) -> String {
    format!(
        "import os\n\ndef handler(event, context):\n    answer = '{text} ' + os.environ['FC_QUALIFIER']\n    print('answer:', answer, 'event:', event)\n    return answer\n"
    )
}

fn project(text: &str) -> Workspace {
    fc_project(
        "functionName: versioned\nruntime: python3.10\nhandler: index.handler\ntimeout: 10",
        &[("index.py", &handler(text))],
    )
}

/// `s alias publish --alias-name ALIAS --version-id VERSION [EXTRA...]`.
fn alias_publish(
    engine: &TestEngine,
    ws: &Workspace,
    alias: &str,
    version: &str,
    extra: &[&str],
) -> std::process::Output {
    let mut args = vec![
        "alias",
        "publish",
        "--alias-name",
        alias,
        "--version-id",
        version,
    ];
    args.extend_from_slice(extra);
    run(engine, ws, &args)
}

fn assert_succeeds(out: std::process::Output) {
    assert!(out.status.success(), "{}", stderr(&out));
}

fn invoke(engine: &TestEngine, ws: &Workspace, qualifier: &str) -> String {
    ok(engine, ws, &["invoke", "--qualifier", qualifier])
        .trim()
        .to_string()
}

#[test]
fn versions_freeze_the_code_and_aliases_route_between_them() {
    let engine = TestEngine::start();
    let ws = project("one");
    ok(&engine, &ws, &["deploy", "-y"]);
    assert_eq!(
        ok(
            &engine,
            &ws,
            &["version", "publish", "--description", "first"]
        )
        .trim(),
        "1"
    );

    ws.write("code/index.py", handler("two"));
    ok(&engine, &ws, &["deploy", "-y"]);
    assert_eq!(ok(&engine, &ws, &["version", "publish"]).trim(), "2");
    ws.write("code/index.py", handler("three"));
    ok(&engine, &ws, &["deploy", "-y"]);

    // Each version keeps its own code; LATEST is the deployed one.
    assert_eq!(invoke(&engine, &ws, "1"), "one 1");
    assert_eq!(invoke(&engine, &ws, "2"), "two 2");
    assert_eq!(invoke(&engine, &ws, "LATEST"), "three LATEST");
    assert_eq!(
        invoke(&engine, &ws, "1"),
        "one 1",
        "a warm version instance is reused"
    );

    let listed: Value =
        serde_json::from_str(&ok(&engine, &ws, &["version", "list", "-o", "json"])).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["versionId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["2", "1"], "newest first");
    assert_eq!(listed[1]["description"], "first");

    // An alias on version 1, then moved to the newest version.
    assert_succeeds(alias_publish(&engine, &ws, "prod", "1", &[]));
    assert_eq!(invoke(&engine, &ws, "prod"), "one 1");
    assert_succeeds(alias_publish(&engine, &ws, "prod", "latest", &[]));
    assert_eq!(invoke(&engine, &ws, "prod"), "two 2");

    // Weighted routing: half of the calls go to version 1.
    assert_succeeds(alias_publish(
        &engine,
        &ws,
        "canary",
        "2",
        &["--additional-version-weight", r#"{"1": 0.5}"#],
    ));
    let answers: Vec<String> = (0..30).map(|_| invoke(&engine, &ws, "canary")).collect();
    let to_one = answers.iter().filter(|a| *a == "one 1").count();
    let to_two = answers.iter().filter(|a| *a == "two 2").count();
    assert_eq!(to_one + to_two, 30, "{answers:?}");
    // With p = 0.5 over 30 calls, fewer than 3 on either side happens about once in 30,000 runs.
    assert!((3..=27).contains(&to_one), "{answers:?}");

    let alias: Value = serde_json::from_str(&ok(
        &engine,
        &ws,
        &["alias", "get", "--alias-name", "canary", "-o", "json"],
    ))
    .unwrap();
    assert_eq!(alias["versionId"], "2");
    assert_eq!(alias["additionalVersionWeight"]["1"], 0.5);

    // GetFunction through an alias shows its main version, never a weighted pick.
    let checksum = |qualifier: &str| {
        let url = format!(
            "{}/2023-03-30/functions/versioned?qualifier={qualifier}",
            engine.url
        );
        let (status, body) = http_get(&url).expect("GetFunction answers");
        assert_eq!(status, 200, "{body}");
        let function: Value = serde_json::from_str(&body).unwrap();
        function["codeChecksum"].as_str().unwrap().to_string()
    };
    assert_ne!(checksum("1"), checksum("2"));
    for _ in 0..10 {
        assert_eq!(checksum("canary"), checksum("2"));
    }

    // Async invocations run the version the alias resolves to.
    let out = run(
        &engine,
        &ws,
        &[
            "invoke",
            "--qualifier",
            "prod",
            "--invocation-type",
            "async",
            "-e",
            "async",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    wait_for(
        "the async run's log line",
        std::time::Duration::from_secs(20),
        || {
            let out = run(
                &engine,
                &ws,
                &["logs", "--search", "answer: two 2", "-o", "json"],
            );
            // Sync calls of `prod` printed the same line before: count them all.
            let lines = stdout(&out).lines().count();
            (lines >= 2).then_some(())
        },
    );
}

#[test]
fn unknown_or_routed_versions_and_aliases_are_refused_clearly() {
    let engine = TestEngine::start();
    let ws = project("one");
    ok(&engine, &ws, &["deploy", "-y"]);
    ok(&engine, &ws, &["version", "publish"]);

    let out = run(&engine, &ws, &["invoke", "--qualifier", "7"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("VersionNotFound") || stderr(&out).contains("version '7'"),
        "{}",
        stderr(&out)
    );
    let out = run(&engine, &ws, &["invoke", "--qualifier", "nope"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("alias 'nope'"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("s alias list"),
        "a hint names the fix: {}",
        stderr(&out)
    );

    let out = alias_publish(&engine, &ws, "prod", "9", &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("version '9'"), "{}", stderr(&out));
    let out = alias_publish(
        &engine,
        &ws,
        "prod",
        "1",
        &["--additional-version-weight", r#"{"1": 0.2}"#],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("should not contain major version 1"),
        "{}",
        stderr(&out)
    );

    assert_succeeds(alias_publish(&engine, &ws, "prod", "1", &[]));
    let out = run(&engine, &ws, &["version", "remove", "--version-id", "1"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("used by alias 'prod'"),
        "{}",
        stderr(&out)
    );
    ok(&engine, &ws, &["alias", "remove", "--alias-name", "prod"]);
    ok(&engine, &ws, &["version", "remove", "--version-id", "1"]);
    let out = run(&engine, &ws, &["invoke", "--qualifier", "1"]);
    assert!(!out.status.success(), "a removed version no longer runs");

    // Removing the function takes its versions and aliases with it.
    ok(&engine, &ws, &["version", "publish"]);
    assert_succeeds(alias_publish(&engine, &ws, "prod", "2", &[]));
    ok(&engine, &ws, &["remove", "-y"]);
    ok(&engine, &ws, &["deploy", "-y"]);
    assert_eq!(ok(&engine, &ws, &["version", "publish"]).trim(), "1");
    assert!(
        !run(&engine, &ws, &["alias", "get", "--alias-name", "prod"])
            .status
            .success()
    );
}

/// The `answer:` lines `s logs ARGS` shows, in order.
fn answers(engine: &TestEngine, ws: &Workspace, args: &[&str]) -> Vec<String> {
    let mut all = vec!["logs", "-o", "json"];
    all.extend_from_slice(args);
    stdout(&run(engine, ws, &all))
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|l| l["text"].as_str().map(str::to_string))
        .filter(|t| t.starts_with("answer:"))
        .map(|t| t.split(" event:").next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn logs_of_one_version_or_alias_are_kept_apart_by_qualifier() {
    let engine = TestEngine::start();
    let ws = project("one");
    ok(&engine, &ws, &["deploy", "-y"]);
    ok(&engine, &ws, &["version", "publish"]);
    ws.write("code/index.py", handler("two"));
    ok(&engine, &ws, &["deploy", "-y"]);
    assert_succeeds(alias_publish(&engine, &ws, "prod", "1", &[]));
    assert_eq!(invoke(&engine, &ws, "prod"), "one 1");
    assert_eq!(invoke(&engine, &ws, "LATEST"), "two LATEST");
    let want_one = vec!["answer: one 1".to_string()];
    let want_two = vec!["answer: two LATEST".to_string()];
    wait_for(
        "both lines stored",
        std::time::Duration::from_secs(10),
        || (answers(&engine, &ws, &[]).len() == 2).then_some(()),
    );
    assert_eq!(answers(&engine, &ws, &["--qualifier", "1"]), want_one);
    assert_eq!(answers(&engine, &ws, &["--qualifier", "prod"]), want_one);
    assert_eq!(answers(&engine, &ws, &["--qualifier", "LATEST"]), want_two);
    let missing = run(&engine, &ws, &["logs", "--qualifier", "nosuch"]);
    assert!(!missing.status.success());
    assert!(
        stderr(&missing).contains("alias 'nosuch' does not exist"),
        "{}",
        stderr(&missing)
    );
}
