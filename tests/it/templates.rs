//! The built-in templates work the moment they are created: `s init <t> -y`, `s deploy` to a
//! private engine, then invoke or trigger each as its README says and check the real outcome.
//!
//! Dependencies, per test:
//! - everything here: python3 (node for `nodejs-http`);
//! - `video_*`: ffmpeg and ffprobe on PATH; the tests fail (never skip) without them;
//! - the `triggers` module: the engine's HTTP, timer and OSS triggers.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::{text, wait_for, TestEngine, Workspace};

const WAIT: Duration = Duration::from_secs(60);

/// A project rendered from a built-in template, deployed to its own engine.
struct Project {
    engine: TestEngine,
    _ws: Workspace,
    dir: PathBuf,
}

impl Project {
    /// `s init <template> -d app --parameters <params> -y`, then `s deploy -y`.
    fn deploy(template: &str, params: Value) -> Project {
        let engine = TestEngine::start();
        let ws = Workspace::new();
        let out = engine
            .cmd()
            .current_dir(ws.path())
            .args(["init", template, "-d", "app", "-y", "--parameters"])
            .arg(params.to_string())
            .output()
            .unwrap();
        assert!(out.status.success(), "init: {}", text(&out.stderr));
        let project = Project {
            engine,
            dir: ws.path().join("app"),
            _ws: ws,
        };
        project.ok(&["deploy", "-y"]);
        project
    }

    fn run(&self, args: &[&str]) -> Output {
        self.engine
            .cmd()
            .current_dir(&self.dir)
            .args(args)
            .output()
            .unwrap()
    }

    /// Run `s <args>`, which must succeed; its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "`s {}` failed:\n{}\nengine log:\n{}",
            args.join(" "),
            text(&out.stderr),
            self.engine.log()
        );
        text(&out.stdout)
    }

    /// A synchronous invoke's result, parsed as JSON.
    fn invoke(&self, resource: Option<&str>, event: &Value) -> Value {
        let mut args: Vec<&str> = resource.into_iter().collect();
        let event = event.to_string();
        args.extend(["invoke", "-e", &event]);
        let out = self.ok(&args);
        serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
    }

    /// An async invoke with a task id.
    fn start_task(&self, resource: &str, task: &str, event: &Value) {
        let event = event.to_string();
        let args = [
            resource,
            "invoke",
            "--invocation-type",
            "async",
            "--async-task-id",
            task,
            "-e",
            &event,
        ];
        assert_eq!(self.ok(&args).trim(), task);
    }

    fn task(&self, resource: &str, task: &str) -> Value {
        let out = self.ok(&[resource, "task", "get", task, "-o", "json"]);
        serde_json::from_str(&out).unwrap()
    }

    fn wait_task(&self, resource: &str, task: &str, status: &str) -> Value {
        wait_for(&format!("task `{task}` to be {status}"), WAIT, || {
            let found = self.task(resource, task);
            let now = found["status"].as_str().unwrap_or_default().to_string();
            let settled = ["Succeeded", "Failed", "Stopped", "Expired", "Invalid"];
            if now != status && settled.contains(&now.as_str()) {
                panic!(
                    "task `{task}` ended {now}, not {status}: {found:#}\nlogs:\n{}",
                    text(&self.run(&["logs"]).stdout)
                );
            }
            (now == status).then_some(found)
        })
    }

    /// The next destination record in a local queue (received, so removed).
    fn receive(&self, queue: &str) -> Value {
        wait_for(&format!("a message in `{queue}`"), WAIT, || {
            let out = self.ok(&["queue", "receive", queue, "--wait", "2", "-o", "json"]);
            let messages: Vec<Value> = serde_json::from_str(&out).unwrap();
            messages
                .first()
                .map(|m| serde_json::from_str(m["body"].as_str().unwrap()).unwrap())
        })
    }

    /// The engine's local folder for OSS bucket `bucket`.
    fn bucket(&self, bucket: &str) -> PathBuf {
        self.engine.home.path().join("buckets").join(bucket)
    }

    fn logs(&self) -> String {
        text(&self.run(&["logs"]).stdout)
    }
}

/// A record's `responsePayload` (a JSON string) parsed.
fn response_of(record: &Value) -> Value {
    serde_json::from_str(record["responsePayload"].as_str().unwrap()).unwrap()
}

// ---------------------------------------------------------------------------------------
// Media: ffmpeg and ffprobe are required, never optional.

fn media_tool(name: &str) -> Command {
    let found = Command::new(name).arg("-version").output();
    if !found.is_ok_and(|o| o.status.success()) {
        panic!(
            "`{name}` is not installed; the media template tests need it: \
             `apt-get update && apt-get install -y ffmpeg` (or run `.ci/setup`)"
        );
    }
    Command::new(name)
}

/// A 2-second 320x240 test clip with a 440 Hz tone.
fn make_clip(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let out = media_tool("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y"])
        .args([
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=2:size=320x240:rate=10",
        ])
        .args(["-f", "lavfi", "-i", "sine=frequency=440:duration=2"])
        .args([
            "-shortest",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
        ])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success(), "ffmpeg: {}", text(&out.stderr));
}

fn ffprobe(path: &Path) -> Value {
    assert!(path.is_file(), "`{}` was not written", path.display());
    let out = media_tool("ffprobe")
        .args(["-v", "error", "-print_format", "json"])
        .args(["-show_format", "-show_streams"])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success(), "ffprobe: {}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn duration(probe: &Value) -> f64 {
    probe["format"]["duration"]
        .as_str()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("no duration in {probe:#}"))
}

fn assert_two_seconds(probe: &Value, what: &str) {
    let d = duration(probe);
    assert!((d - 2.0).abs() < 0.25, "{what} lasts {d} s, not about 2 s");
}

const BUCKET: &str = "media-test";

fn video_project() -> Project {
    let project = Project::deploy(
        "video-transcode",
        json!({"functionName": "vt", "bucketName": BUCKET, "retries": 0}),
    );
    make_clip(&project.bucket(BUCKET).join("in/clip.mp4"));
    project
}

#[test]
fn video_transcode_writes_every_format_that_ffprobe_confirms() {
    let project = video_project();
    // (format, ffprobe's format_name, mp4 brand to tell mov from mp4)
    let formats = [
        ("mov", "mov,mp4,m4a,3gp,3g2,mj2", Some("qt  ")),
        ("mp4", "mov,mp4,m4a,3gp,3g2,mj2", Some("isom")),
        ("flv", "flv", None),
        ("avi", "avi", None),
        ("gif", "gif", None),
        ("m3u8", "hls", None),
    ];
    for (format, _, _) in formats {
        let event = json!({"object": "in/clip.mp4", "output_dir": "out", "dst_format": format});
        project.start_task("transcode", &format!("to-{format}"), &event);
    }
    let bucket = project.bucket(BUCKET);
    for (format, format_name, brand) in formats {
        project.wait_task("transcode", &format!("to-{format}"), "Succeeded");
        let output = if format == "m3u8" {
            bucket.join("out/clip/playlist.m3u8")
        } else {
            bucket.join(format!("out/clip.{format}"))
        };
        let probe = ffprobe(&output);
        assert_eq!(probe["format"]["format_name"], format_name, "{format}");
        if let Some(brand) = brand {
            assert_eq!(probe["format"]["tags"]["major_brand"], brand, "{format}");
        }
        assert_two_seconds(&probe, format);
    }
    let segments: Vec<_> = std::fs::read_dir(bucket.join("out/clip"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ts"))
        .collect();
    assert_eq!(segments, ["clip_000.ts"], "a 2 s clip is one 10 s segment");
    let playlist = std::fs::read_to_string(bucket.join("out/clip/playlist.m3u8")).unwrap();
    assert!(playlist.contains("clip_000.ts") && playlist.contains("#EXT-X-ENDLIST"));
    assert_two_seconds(
        &ffprobe(&bucket.join("out/clip/clip_000.ts")),
        "the segment",
    );
    let logs = project.logs();
    assert!(
        logs.contains("transcode in/clip.mp4 to mov: progress 100%"),
        "progress is logged as ffmpeg reports it:\n{logs}"
    );
}

#[test]
fn video_media_meta_and_audio_convert_run_on_the_mounted_bucket() {
    let project = video_project();
    let meta = project.invoke(Some("media-meta"), &json!({"object": "in/clip.mp4"}));
    assert_two_seconds(&meta, "media-meta's report");
    let kinds: Vec<_> = meta["streams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["codec_type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["video", "audio"]);

    let event = json!({"object": "in/clip.mp4", "output_dir": "audio", "dst_type": ".wav", "ac": 1, "ar": 16000});
    let result = project.invoke(Some("audio-convert"), &event);
    assert_eq!(result["output"], "audio/in/clip.wav");
    let wav = ffprobe(&project.bucket(BUCKET).join("audio/in/clip.wav"));
    assert_eq!(wav["format"]["format_name"], "wav");
    assert_eq!(wav["streams"][0]["channels"], 1);
    assert_eq!(wav["streams"][0]["sample_rate"], "16000");
    assert_two_seconds(&wav, "the wav");

    // Without the sandbox `/mnt/oss` does not exist: `MEDIA_ROOT` points at the bucket.
    let out = project
        .engine
        .cmd()
        .current_dir(&project.dir)
        .env("S_SANDBOX", "off")
        .args([
            "media-meta",
            "local",
            "invoke",
            "-e",
            r#"{"object":"in/clip.mp4"}"#,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plain: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_two_seconds(&plain, "media-meta without the sandbox");
}

#[test]
fn video_bad_input_reaches_dest_fail_and_task_stop_kills_ffmpeg() {
    let project = video_project();
    let bucket = project.bucket(BUCKET);
    std::fs::write(bucket.join("in/bad.mp4"), "this is not a video").unwrap();
    let event = json!({"object": "in/bad.mp4", "output_dir": "out", "dst_format": "mov"});
    project.start_task("transcode", "bad-1", &event);
    let failed = project.wait_task("transcode", "bad-1", "Failed");
    let request_id = failed["requestId"].as_str().unwrap();
    let report = bucket.join(format!("failed/{request_id}.json"));
    let record: Value = wait_for("dest-fail to file the record", WAIT, || {
        let body = std::fs::read_to_string(&report).ok()?;
        serde_json::from_str(&body).ok()
    });
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(record["requestPayload"], event.to_string());
    let error = response_of(&record)["errorMessage"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        error.starts_with("transcode in/bad.mp4 to mov failed, detail: ")
            && error.contains("Invalid data found when processing input"),
        "ffmpeg's own message: {error}"
    );

    // A named pipe nobody writes to: ffmpeg blocks opening it until it is killed.
    let stuck = format!("stuck-{}", std::process::id());
    let fifo = bucket.join(format!("in/{stuck}.mp4"));
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let event = json!({"object": format!("in/{stuck}.mp4"), "dst_format": "mov"});
    project.start_task("transcode", "stuck-1", &event);
    let ffmpeg_running = || processes_with(&stuck).iter().any(|c| c.contains("ffmpeg"));
    wait_for("ffmpeg to start on the pipe", WAIT, || {
        ffmpeg_running().then_some(())
    });
    project.ok(&["transcode", "task", "stop", "stuck-1"]);
    project.wait_task("transcode", "stuck-1", "Stopped");
    wait_for("ffmpeg to be gone", WAIT, || {
        (!ffmpeg_running()).then_some(())
    });
}

/// Command lines of live processes that mention `marker`.
fn processes_with(marker: &str) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .map(|raw| String::from_utf8_lossy(&raw).replace('\0', " "))
        .filter(|cmd| cmd.contains(marker))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Data and event-driven templates, through invocations the engine already has.

/// The Kafka batches shipped in the template's `events/` folder.
fn kafka_batch(project: &Project, name: &str) -> String {
    std::fs::read_to_string(project.dir.join("events").join(name)).unwrap()
}

#[test]
fn kafka_etl_sends_every_shape_to_the_processed_queue_and_a_bad_batch_to_the_dlq() {
    let project = Project::deploy("kafka-etl", json!({"functionName": "etl", "retries": 0}));
    for file in ["cloudevents.json", "rawdata.json", "connector.json"] {
        let path = project.dir.join("events").join(file);
        let path = path.to_str().unwrap();
        project.ok(&["invoke", "--invocation-type", "async", "-f", path]);
        let record = project.receive("fc-etl-processed-message");
        assert_eq!(record["requestContext"]["condition"], "", "{file}");
        assert_eq!(
            record["requestPayload"].as_str().unwrap(),
            kafka_batch(&project, file)
        );
        let result = response_of(&record);
        let expected = match file {
            "cloudevents.json" => json!({
                "received": 3, "transformed": 2, "rejected": 1,
                "topics": {"orders": 3}, "maxOffset": {"orders-0": 5},
                "records": [
                    {"order_id": 1, "customer_name": "Ada", "amount": 42.5,
                     "_kafka": {"topic": "orders", "partition": 0, "offset": 3, "key": "order-1", "time": "2024-05-01T09:32:56.797Z"}},
                    {"order_id": 2,
                     "_kafka": {"topic": "orders", "partition": 0, "offset": 4, "key": null, "time": "2024-05-01T09:32:56.797Z"}}
                ],
                "rejects": [{"topic": "orders", "partition": 0, "offset": 5, "reason": "value is not JSON"}]
            }),
            "rawdata.json" => json!({
                "received": 1, "transformed": 1, "rejected": 0,
                "topics": {"orders": 1}, "maxOffset": {"orders-1": 10},
                "records": [{"order_id": 3, "amount": 7,
                     "_kafka": {"topic": "orders", "partition": 1, "offset": 10, "key": "order-3", "time": "2024-05-01T09:32:56.801Z"}}],
                "rejects": []
            }),
            _ => json!({
                "received": 2, "transformed": 1, "rejected": 1,
                "topics": {"orders": 2}, "maxOffset": {"orders-4": 1208},
                "records": [{"order_id": 4, "amount": 42,
                     "_kafka": {"topic": "orders", "partition": 4, "offset": 1207, "key": "order-4", "time": "2024-05-01T09:32:56.797Z"}}],
                "rejects": [{"topic": "orders", "partition": 4, "offset": 1208,
                     "reason": "value of 272687 bytes was too large to deliver; fetch it by topic, partition and offset"}]
            }),
        };
        assert_eq!(result, expected, "{file}");
    }
    let bad = project.dir.join("events/bad-batch.json");
    project.ok(&[
        "invoke",
        "--invocation-type",
        "async",
        "-f",
        bad.to_str().unwrap(),
    ]);
    let record = project.receive("dead-letter-queue");
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(
        response_of(&record)["errorMessage"],
        "a Kafka batch is a JSON array, got dict"
    );
    let left = project.ok(&["queue", "peek", "fc-etl-processed-message", "-o", "json"]);
    assert_eq!(serde_json::from_str::<Vec<Value>>(&left).unwrap().len(), 0);
}

#[test]
fn async_task_python_records_success_and_failure_in_its_queues() {
    let project = Project::deploy(
        "async-task-python",
        json!({"functionName": "job", "retries": 0}),
    );
    project.start_task("worker", "ok-1", &json!({"seconds": 1}));
    let done = project.wait_task("worker", "ok-1", "Succeeded");
    let record = project.receive("async-task-succeeded");
    assert_eq!(record["requestContext"]["requestId"], done["requestId"]);
    let result = response_of(&record);
    assert_eq!(result["done"], true);
    assert_eq!(result["seconds"], 1);
    assert!(project.logs().contains("working: 0/1 s"));

    project.start_task("worker", "fail-1", &json!({"mock_error": true}));
    project.wait_task("worker", "fail-1", "Failed");
    let record = project.receive("async-task-failed");
    assert_eq!(record["requestPayload"], r#"{"mock_error":true}"#);
    assert_eq!(
        response_of(&record)["errorMessage"],
        "mock error requested by the event"
    );
}

/// An FC 3.0 HTTP-trigger event, as the trigger would build it.
fn http_event(method: &str, path: &str, query: Value, body: &str) -> Value {
    json!({
        "version": "v1", "rawPath": path, "body": body, "isBase64Encoded": false,
        "headers": {"Content-Type": "text/plain"}, "queryParameters": query,
        "requestContext": {"accountId": "0000000000000000", "domainName": "localhost",
            "domainPrefix": "local", "requestId": "1-test", "time": "2024-01-01T00:00:00Z",
            "timeEpoch": "1704067200000",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1",
                "sourceIp": "127.0.0.1", "userAgent": "test"}}
    })
}

#[test]
fn http_templates_map_the_http_event_to_a_response() {
    for template in ["python-http", "nodejs-http"] {
        let project = Project::deploy(template, json!({"functionName": "web"}));
        let event = http_event("POST", "/hello", json!({"name": "you"}), "aGk=");
        let mut event = event;
        event["isBase64Encoded"] = json!(true);
        let response = project.invoke(None, &event);
        assert_eq!(response["statusCode"], 200, "{template}");
        assert_eq!(response["headers"]["Content-Type"], "application/json");
        let body: Value = serde_json::from_str(response["body"].as_str().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"message": "hello, you!", "method": "POST", "path": "/hello",
                   "query": {"name": "you"}, "body": "hi"}),
            "{template}"
        );
    }
}

#[test]
fn custom_python_serves_invoke_requests() {
    let project = Project::deploy("custom-python", json!({"functionName": "srv"}));
    let result = project.invoke(None, &json!({"name": "you"}));
    assert_eq!(
        result,
        json!({"message": "hello, you!", "event": {"name": "you"}})
    );
    let out = project.run(&["invoke", "-e", "not json"]);
    assert!(!out.status.success(), "a 400 answer is a failed invocation");
}

#[test]
fn timer_python_handles_the_timer_event() {
    let project = Project::deploy(
        "timer-python",
        json!({"functionName": "tick", "payload": "{'k': 1}"}),
    );
    let tick = json!({"triggerTime": "2024-01-01T08:00:00Z", "triggerName": "timer", "payload": "{\"report\": \"daily\"}"});
    let result = project.invoke(None, &tick);
    assert_eq!(
        result,
        json!({"ranAt": "2024-01-01T08:00:00Z", "payload": {"report": "daily"}})
    );
    let manifest = std::fs::read_to_string(project.dir.join("s.yaml")).unwrap();
    assert!(manifest.contains(r#"payload: "{'k': 1}""#), "{manifest}");
    assert!(
        manifest.contains(r#"cronExpression: "@every 1m""#),
        "{manifest}"
    );
}

/// An OSS `ObjectCreated:PutObject` event for `key` in `bucket`.
fn oss_event(bucket: &str, key: &str, size: u64) -> Value {
    json!({"events": [{
        "eventName": "ObjectCreated:PutObject", "eventSource": "acs:oss",
        "eventTime": "2024-01-01T00:00:00.000Z", "eventVersion": "1.0",
        "oss": {"bucket": {"arn": format!("acs:oss:cn-hangzhou:0000000000000000:{bucket}"),
                           "name": bucket, "ownerIdentity": "0000000000000000", "virtualBucket": ""},
                "object": {"deltaSize": size, "eTag": "0", "key": key,
                           "objectMeta": {"mimeType": "text/plain"}, "size": size},
                "ossSchemaVersion": "1.0", "ruleId": "local"},
        "region": "cn-hangzhou", "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"requestId": "local"}, "userIdentity": {"principalId": "0000000000000000"}
    }]})
}

#[test]
fn oss_trigger_python_copies_the_object_of_the_event() {
    let project = Project::deploy(
        "oss-trigger-python",
        json!({"functionName": "copier", "bucketName": "uploads-test"}),
    );
    let bucket = project.bucket("uploads-test");
    std::fs::create_dir_all(bucket.join("source/docs")).unwrap();
    std::fs::write(bucket.join("source/docs/a.txt"), "hello").unwrap();
    let result = project.invoke(None, &oss_event("uploads-test", "source/docs/a.txt", 5));
    assert_eq!(result, json!({"processed": ["processed/docs/a.txt"]}));
    assert_eq!(
        std::fs::read_to_string(bucket.join("processed/docs/a.txt")).unwrap(),
        "hello"
    );
}

/// Templates whose trigger does the invoking: these need the engine's HTTP, timer and OSS
/// triggers (the trigger URL printed by `s deploy` / `s info`, timer events, bucket events).
mod triggers {
    use super::*;

    /// The first local URL in `s info -o json` (the HTTP trigger's).
    fn trigger_url(project: &Project) -> String {
        let info: Value = serde_json::from_str(&project.ok(&["info", "-o", "json"])).unwrap();
        fn find(v: &Value) -> Option<String> {
            match v {
                Value::String(s) if s.starts_with("http://") => Some(s.clone()),
                Value::Array(items) => items.iter().find_map(find),
                Value::Object(map) => map.values().find_map(find),
                _ => None,
            }
        }
        find(&info).unwrap_or_else(|| panic!("no trigger URL in `s info`: {info:#}"))
    }

    #[test]
    fn http_templates_answer_over_http() {
        for template in ["python-http", "nodejs-http", "custom-python"] {
            let project = Project::deploy(template, json!({"functionName": "web"}));
            let url = trigger_url(&project);
            let client = reqwest::blocking::Client::builder()
                .no_proxy()
                .build()
                .unwrap();
            let response = client
                .post(format!("{}/hello?name=you", url.trim_end_matches('/')))
                .body("hi")
                .send()
                .unwrap();
            assert_eq!(response.status().as_u16(), 200, "{template}");
            let body: Value = response.json().unwrap();
            assert_eq!(body["message"], "hello, you!", "{template}");
            assert_eq!(body["method"], "POST", "{template}");
            assert!(
                body["path"].as_str().unwrap().ends_with("/hello"),
                "{template}: {body}"
            );
            assert_eq!(body["body"], "hi", "{template}");
        }
    }

    #[test]
    fn timer_python_fires() {
        let project = Project::deploy(
            "timer-python",
            json!({"functionName": "tick", "cronExpression": "* * * * * *", "payload": "every second"}),
        );
        wait_for("a timer tick in the logs", WAIT, || {
            project
                .logs()
                .contains(r#"tick from timer at "#)
                .then_some(())
        });
        assert!(project.logs().contains(r#"payload: "every second""#));
    }

    #[test]
    fn oss_trigger_python_processes_a_new_object() {
        let project = Project::deploy(
            "oss-trigger-python",
            json!({"functionName": "copier", "bucketName": "uploads-test"}),
        );
        let bucket = project.bucket("uploads-test");
        std::fs::create_dir_all(bucket.join("source")).unwrap();
        std::fs::write(bucket.join("source/new.txt"), "fresh").unwrap();
        let copy = bucket.join("processed/new.txt");
        wait_for("processed/new.txt", WAIT, || {
            std::fs::read_to_string(&copy).ok().filter(|s| s == "fresh")
        });
    }
}

/// `s init <template> -y`, then every line under "Next steps:" run as printed, in a shell in
/// the project folder (with `s` on `PATH` and the test engine's environment); each line's
/// output. The `cd` line is the folder itself.
fn run_next_steps(template: &str) -> (TestEngine, Workspace, Vec<(String, Output)>) {
    let engine = TestEngine::start();
    let ws = Workspace::new();
    let out = engine
        .cmd()
        .current_dir(ws.path())
        .args(["init", template, "-d", "app", "-y"])
        .output()
        .unwrap();
    assert!(out.status.success(), "init: {}", text(&out.stderr));
    let printed = text(&out.stderr);
    let steps: Vec<String> = printed
        .split_once("Next steps:\n")
        .unwrap_or_else(|| panic!("no next steps: {printed}"))
        .1
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && l != "cd app")
        .collect();
    let s_dir = Path::new(env!("CARGO_BIN_EXE_s"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(s_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let template_cmd = engine.cmd();
    let outputs = steps
        .into_iter()
        .map(|step| {
            let mut shell = Command::new("sh");
            for (key, value) in template_cmd.get_envs() {
                match value {
                    Some(value) => shell.env(key, value),
                    None => shell.env_remove(key),
                };
            }
            let out = shell
                .env("PATH", &path)
                .current_dir(ws.path().join("app"))
                .args(["-c", &step])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "`{step}` failed:\n{}\n{}\nengine log:\n{}",
                text(&out.stdout),
                text(&out.stderr),
                engine.log()
            );
            (step, out)
        })
        .collect();
    (engine, ws, outputs)
}

#[test]
fn http_template_next_steps_run_as_printed_and_curl_the_real_url() {
    let (_engine, _ws, steps) = run_next_steps("python-http");
    let (curl, out) = steps.last().unwrap();
    assert!(curl.starts_with("curl -s 'http://localhost:"), "{curl}");
    assert!(
        text(&out.stdout).contains("you"),
        "{curl}: {}",
        text(&out.stdout)
    );
}

#[test]
fn oss_trigger_next_steps_list_the_copy_the_trigger_wrote() {
    let (_engine, _ws, steps) = run_next_steps("oss-trigger-python");
    let (_, out) = steps.last().unwrap();
    assert!(
        text(&out.stdout).contains("processed/readme.txt"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn video_transcode_next_steps_make_the_clip_they_upload() {
    let (_engine, _ws, steps) = run_next_steps("video-transcode");
    let (_, out) = steps.last().unwrap();
    assert_eq!(text(&out.stdout).trim(), "job-1");
}

#[test]
fn rerunning_an_async_step_explains_the_taken_task_id() {
    let (engine, ws, steps) = run_next_steps("async-task-python");
    // The destination record it received shows the result as JSON, not as escaped text.
    let (_, received) = steps.last().unwrap();
    let record = text(&received.stdout);
    assert!(record.contains(r#""responsePayload":{"#), "{record}");
    assert!(!record.contains(r#"\""#), "{record}");
    let (invoke, _) = steps
        .iter()
        .find(|(step, _)| step.contains("--async-task-id"))
        .unwrap();
    let args = invoke.strip_prefix("s ").unwrap().replace('\'', "");
    let out = engine
        .cmd()
        .current_dir(ws.path().join("app"))
        .args(args.split(' '))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::with_settings!({filters => vec![
        (r"async-task-python-[a-z0-9]+", "[FUNCTION]"),
        (r"1-[0-9a-f]{8}-[0-9a-f]{24}", "[REQUEST-ID]"),
    ]}, {
        insta::assert_snapshot!(text(&out.stderr), @r"
        error: AsyncTaskAlreadyExists: async task 'job-1' of function '[FUNCTION]' already exists ([REQUEST-ID])

        hint: an async task id is used once per function; pass a new `--async-task-id`, or leave it out to get a fresh one (`s task list` shows the ids taken)
        ");
    });
}
