//! Async invocation end to end: `s invoke --invocation-type async` against a private engine
//! with real Python handlers; destinations (function and local queue), retries, task
//! list/get/stop, duplicate task ids, expiry, and no accepted task lost to `kill -9`.

use std::collections::HashSet;
use std::time::Duration;

use serde_json::Value;

use crate::common::{ok, run, text, wait_for, TestEngine, Workspace};

const WAIT: Duration = Duration::from_secs(60);

/// A project whose resources are `(resource, props)`; every resource's code is `code/`.
fn project(resources: &[(&str, &str)], handler: &str) -> Workspace {
    let ws = Workspace::new();
    let mut yaml = String::from("edition: 3.0.0\nname: async-test\naccess: default\nresources:\n");
    for (name, props) in resources {
        yaml.push_str(&format!(
            "  {name}:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      code: ./code\n      runtime: python3.10\n      handler: index.handler\n      timeout: 60\n"
        ));
        for line in props.lines() {
            yaml.push_str(&format!("      {line}\n"));
        }
    }
    ws.write("s.yaml", yaml);
    ws.write("code/index.py", handler);
    ws
}

fn deploy(engine: &TestEngine, ws: &Workspace) {
    ok(engine, ws, &["deploy", "-y"]);
}

/// `s [resource] invoke --invocation-type async`: the printed id (task id or request id).
fn invoke_async(
    engine: &TestEngine,
    ws: &Workspace,
    resource: Option<&str>,
    event: &str,
) -> String {
    let mut args: Vec<&str> = resource.into_iter().collect();
    args.extend(["invoke", "--invocation-type", "async", "-e", event]);
    ok(engine, ws, &args).trim().to_string()
}

fn task(engine: &TestEngine, ws: &Workspace, resource: Option<&str>, id: &str) -> Value {
    let mut args: Vec<&str> = resource.into_iter().collect();
    args.extend(["task", "get", id, "-o", "json"]);
    serde_json::from_str(&ok(engine, ws, &args)).unwrap()
}

fn wait_status(
    engine: &TestEngine,
    ws: &Workspace,
    resource: Option<&str>,
    id: &str,
    status: &str,
) -> Value {
    wait_for(&format!("task `{id}` to be {status}"), WAIT, || {
        let task = task(engine, ws, resource, id);
        (task["status"] == status).then_some(task)
    })
}

fn statuses(task: &Value) -> Vec<String> {
    task["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap().to_string())
        .collect()
}

/// Receive one message from a local queue (long poll), parsed as a destination record.
fn receive_record(engine: &TestEngine, ws: &Workspace, queue: &str) -> Value {
    wait_for(&format!("a message in `{queue}`"), WAIT, || {
        let out = ok(
            engine,
            ws,
            &["queue", "receive", queue, "--wait", "2", "-o", "json"],
        );
        let messages: Vec<Value> = serde_json::from_str(&out).unwrap();
        messages
            .first()
            .map(|m| serde_json::from_str(m["body"].as_str().unwrap()).unwrap())
    })
}

const ECHO: &str = r#"import json, time

def handler(event, context):
    data = json.loads(event) if event else {}
    if data.get("sleep"):
        time.sleep(data["sleep"])
    if data.get("fail"):
        raise Exception("failing on purpose")
    return json.dumps({"got": data, "function": context.function.name})
"#;

#[test]
fn success_record_goes_to_an_on_success_function_destination() {
    let engine = TestEngine::start();
    let ws = project(
        &[
            (
                "worker",
                "functionName: worker\nasyncInvokeConfig:\n  asyncTask: true\n  destinationConfig:\n    onSuccess:\n      destination: acs:fc:cn-hangzhou:0000000000000000:functions/recorder",
            ),
            (
                "recorder",
                "functionName: recorder\nasyncInvokeConfig:\n  destinationConfig:\n    onSuccess:\n      destination: acs:mns:cn-hangzhou:0000000000000000:/queues/recorded/messages",
            ),
        ],
        ECHO,
    );
    deploy(&engine, &ws);
    let id = invoke_async(&engine, &ws, Some("worker"), r#"{"job":7}"#);
    let done = wait_status(&engine, &ws, Some("worker"), &id, "Succeeded");
    assert_eq!(statuses(&done), ["Enqueued", "Running", "Succeeded"]);
    assert_eq!(done["alreadyRetriedTimes"], 0);
    assert_eq!(done["destinationStatus"], "Succeeded");

    // The recorder ran with the worker's record as its event; its own result (which
    // echoes that event) reached the queue.
    let outer = receive_record(&engine, &ws, "recorded");
    assert_eq!(outer["requestContext"]["condition"], "");
    let recorder_result: Value =
        serde_json::from_str(outer["responsePayload"].as_str().unwrap()).unwrap();
    assert_eq!(recorder_result["function"], "recorder");
    let record = &recorder_result["got"];
    assert_eq!(record["requestContext"]["requestId"], done["requestId"]);
    assert!(record["requestContext"]["functionArn"]
        .as_str()
        .unwrap()
        .ends_with(":functions/worker"));
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 1);
    assert_eq!(record["requestPayload"], r#"{"job":7}"#);
    assert_eq!(record["responseContext"]["statusCode"], 200);
    assert_eq!(record["responseContext"]["functionError"], "");
    let worker_result: Value =
        serde_json::from_str(record["responsePayload"].as_str().unwrap()).unwrap();
    assert_eq!(worker_result["got"]["job"], 7);
}

#[test]
fn failing_handler_runs_three_times_then_its_record_lands_in_on_failure_queue() {
    let engine = TestEngine::start();
    let ws = project(
        &[(
            "fn",
            "functionName: failing\nasyncInvokeConfig:\n  maxAsyncRetryAttempts: 2\n  destinationConfig:\n    onFailure:\n      destination: acs:mns:cn-hangzhou:0000000000000000:/queues/dlq/messages",
        )],
        ECHO,
    );
    deploy(&engine, &ws);
    let id = invoke_async(&engine, &ws, None, r#"{"fail":true}"#);
    let failed = wait_status(&engine, &ws, None, &id, "Failed");
    assert_eq!(
        statuses(&failed),
        ["Enqueued", "Running", "Retrying", "Running", "Retrying", "Running", "Failed"]
    );
    assert_eq!(failed["alreadyRetriedTimes"], 2);
    assert_eq!(failed["taskErrorMessage"], "UnhandledInvocationError");

    let record = receive_record(&engine, &ws, "dlq");
    assert_eq!(record["requestContext"]["requestId"], id);
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 3);
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(
        record["responseContext"]["functionError"],
        "UnhandledInvocationError"
    );
    assert!(record["responsePayload"]
        .as_str()
        .unwrap()
        .contains("failing on purpose"));
    // Received means deleted; peek shows nothing left.
    let left = ok(&engine, &ws, &["queue", "peek", "dlq", "-o", "json"]);
    assert_eq!(serde_json::from_str::<Vec<Value>>(&left).unwrap().len(), 0);
}

#[test]
fn running_task_is_listed_shown_and_stopped_without_retry() {
    let engine = TestEngine::start();
    let ws = project(
        &[(
            "fn",
            "functionName: sleeper\nasyncInvokeConfig:\n  asyncTask: true",
        )],
        ECHO,
    );
    deploy(&engine, &ws);
    let out = ok(
        &engine,
        &ws,
        &[
            "invoke",
            "--invocation-type",
            "async",
            "--async-task-id",
            "long-job",
            "-e",
            r#"{"sleep":120}"#,
        ],
    );
    assert_eq!(out.trim(), "long-job");
    wait_status(&engine, &ws, None, "long-job", "Running");

    let table = ok(&engine, &ws, &["task", "list"]);
    assert!(table.starts_with("TASK ID"), "{table}");
    let row = table.lines().find(|l| l.starts_with("long-job")).unwrap();
    assert!(row.contains("Running"), "{table}");
    let listed: Vec<Value> = serde_json::from_str(&ok(
        &engine,
        &ws,
        &["task", "list", "--status", "Running", "-o", "json"],
    ))
    .unwrap();
    assert_eq!(listed.len(), 1);
    let detail = ok(&engine, &ws, &["task", "get", "long-job"]);
    assert!(detail.contains(r#"{"sleep":120}"#), "{detail}");

    let out = run(&engine, &ws, &["task", "stop", "long-job"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stopped = wait_status(&engine, &ws, None, "long-job", "Stopped");
    let events = statuses(&stopped);
    assert_eq!(events, ["Enqueued", "Running", "Stopping", "Stopped"]);
    assert!(!events.contains(&"Retrying".to_string()));

    let again = run(&engine, &ws, &["task", "stop", "long-job"]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("AsyncInvocationStopped"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn duplicate_task_ids_and_oversized_payloads_are_refused_with_fc_errors() {
    let engine = TestEngine::start();
    let ws = project(
        &[
            (
                "tasks",
                "functionName: with-tasks\nasyncInvokeConfig:\n  asyncTask: true",
            ),
            ("plain", "functionName: plain"),
        ],
        ECHO,
    );
    deploy(&engine, &ws);
    let args = [
        "tasks",
        "invoke",
        "--invocation-type",
        "async",
        "--async-task-id",
        "once",
        "-e",
        "{}",
    ];
    ok(&engine, &ws, &args);
    let again = run(&engine, &ws, &args);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("AsyncTaskAlreadyExists"),
        "{}",
        text(&again.stderr)
    );

    let named = run(
        &engine,
        &ws,
        &[
            "plain",
            "invoke",
            "--invocation-type",
            "async",
            "--async-task-id",
            "x",
            "-e",
            "{}",
        ],
    );
    assert!(
        text(&named.stderr).contains("asyncTask: true"),
        "{}",
        text(&named.stderr)
    );

    ws.write("big.json", format!("\"{}\"", "x".repeat(128 * 1024 + 1)));
    let large = run(
        &engine,
        &ws,
        &[
            "plain",
            "invoke",
            "--invocation-type",
            "async",
            "-f",
            "big.json",
        ],
    );
    assert!(!large.status.success());
    assert!(
        text(&large.stderr).contains("EntityTooLarge"),
        "{}",
        text(&large.stderr)
    );
}

#[test]
fn event_older_than_max_age_expires_to_on_failure() {
    let engine = TestEngine::start();
    let ws = project(
        &[(
            "fn",
            "functionName: busy\nconcurrencyConfig:\n  reservedConcurrency: 1\nasyncInvokeConfig:\n  maxAsyncEventAgeInSeconds: 1\n  destinationConfig:\n    onFailure:\n      destination: acs:mns:::/queues/expired/messages",
        )],
        ECHO,
    );
    deploy(&engine, &ws);
    // The first holds the function's only slot for longer than the second may wait.
    let first = invoke_async(&engine, &ws, None, r#"{"sleep":3}"#);
    let second = invoke_async(&engine, &ws, None, r#"{"n":2}"#);
    let expired = wait_status(&engine, &ws, None, &second, "Expired");
    assert_eq!(statuses(&expired), ["Enqueued", "Expired"]);
    wait_status(&engine, &ws, None, &first, "Succeeded");
    let record = receive_record(&engine, &ws, "expired");
    assert_eq!(record["requestContext"]["requestId"], second);
    assert_eq!(record["requestContext"]["condition"], "EventAgeExceeded");
    assert_eq!(record["requestPayload"], r#"{"n":2}"#);
}

#[test]
fn kill_dash_nine_loses_no_accepted_task() {
    const TASKS: usize = 200;
    let mut engine = TestEngine::start();
    let ws = project(
        &[(
            "fn",
            "functionName: steady\nasyncInvokeConfig:\n  destinationConfig:\n    onSuccess:\n      destination: acs:mns:::/queues/done/messages",
        )],
        ECHO,
    );
    deploy(&engine, &ws);
    let client = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap();
    let url = format!("{}/2023-03-30/functions/steady/invocations", engine.url);
    let accepted: HashSet<String> = (0..TASKS)
        .map(|i| {
            let response = client
                .post(&url)
                .header("x-fc-invocation-type", "Async")
                .body(format!(r#"{{"n":{i},"sleep":0.2}}"#))
                .send()
                .unwrap();
            let status = response.status().as_u16();
            let id = response.headers()["x-fc-request-id"]
                .to_str()
                .unwrap()
                .to_string();
            assert_eq!(status, 202, "{}", response.text().unwrap());
            id
        })
        .collect();
    assert_eq!(accepted.len(), TASKS);
    // Some run, most wait: kill the engine in the middle of it all.
    let tasks_url = format!(
        "{}/2023-03-30/functions/steady/async-tasks?status=Running",
        engine.url
    );
    wait_for("a running task", WAIT, || {
        let body = client.get(&tasks_url).send().ok()?.text().ok()?;
        let listed: Value = serde_json::from_str(&body).ok()?;
        (!listed["tasks"].as_array()?.is_empty()).then_some(())
    });
    engine.kill();
    engine.restart();

    let mut delivered = HashSet::new();
    wait_for(
        "every accepted task to reach the queue",
        Duration::from_secs(180),
        || {
            let out = ok(
                &engine,
                &ws,
                &[
                    "queue", "receive", "done", "--max", "500", "--wait", "1", "-o", "json",
                ],
            );
            for message in serde_json::from_str::<Vec<Value>>(&out).unwrap() {
                let record: Value =
                    serde_json::from_str(message["body"].as_str().unwrap()).unwrap();
                delivered.insert(
                    record["requestContext"]["requestId"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                );
            }
            (delivered.len() >= TASKS).then_some(())
        },
    );
    assert_eq!(delivered, accepted);
}

#[test]
fn queued_tasks_of_a_deleted_function_end_invalid() {
    let engine = TestEngine::start();
    // Reserved concurrency 0: nothing runs, so the task is still queued at the delete.
    let ws = project(
        &[(
            "fn",
            "functionName: doomed\nconcurrencyConfig:\n  reservedConcurrency: 0",
        )],
        ECHO,
    );
    deploy(&engine, &ws);
    let id = invoke_async(&engine, &ws, None, "{}");
    assert_eq!(task(&engine, &ws, None, &id)["status"], "Enqueued");
    ok(&engine, &ws, &["remove", "-y"]);
    let invalid = wait_status(&engine, &ws, None, &id, "Invalid");
    assert_eq!(statuses(&invalid), ["Enqueued", "Invalid"]);
}
