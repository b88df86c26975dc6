//! Integration tests: an EventBridge trigger with a Kafka source, deployed with `s deploy`
//! against a real Kafka-protocol broker, delivers batches by count and by time.

use std::time::Duration;

use rdkafka::config::ClientConfig;
use rdkafka::producer::{FutureProducer, FutureRecord};
use serde_json::Value;

use crate::common::{fc_project, wait_for, TestEngine};
use crate::kafka_broker::TestBroker;

/// A function whose EventBridge trigger reads `orders` of instance `alikafka_local`.
const KAFKA_FUNCTION: &str = r#"functionName: etl
runtime: python3.10
handler: index.handler
timeout: 30
triggers:
  - triggerName: orders
    triggerType: eventbridge
    triggerConfig:
      triggerEnable: true
      asyncInvocationType: false
      eventSourceConfig:
        eventSourceType: Kafka
        eventSourceParameters:
          sourceKafkaParameters:
            RegionId: cn-hangzhou
            InstanceId: alikafka_local
            Topic: orders
            ConsumerGroup: etl-group
            OffsetReset: earliest
      eventSinkConfig:
        deliveryOption:
          mode: event-streaming
          eventSchema: CloudEvents
      runOptions:
        mode: event-streaming
        maximumTasks: 1
        errorsTolerance: ALL
        batchWindow:
          CountBasedWindow: 2
          TimeBasedWindow: 10"#;

const HANDLER: &str = "import json\n\ndef handler(event, context):\n    batch = json.loads(event)\n    values = [json.loads(item)['data']['value'] for item in batch]\n    print('BATCH ' + json.dumps(values))\n    return 'ok'\n";

fn produce(broker: &TestBroker, topic: &str, values: &[&str]) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let producer: FutureProducer = ClientConfig::new()
            .set("bootstrap.servers", &broker.addr)
            .set("message.timeout.ms", "30000")
            .create()
            .unwrap();
        for value in values {
            producer
                .send(
                    FutureRecord::<(), _>::to(topic).payload(*value),
                    Duration::from_secs(30),
                )
                .await
                .unwrap_or_else(|(e, _)| panic!("producing to `{topic}`: {e}"));
        }
    });
}

/// The batches the function printed so far, in order.
fn batches(engine: &TestEngine, ws: &crate::common::Workspace) -> Vec<Vec<String>> {
    let out = engine
        .cmd()
        .current_dir(ws.path())
        .args(["logs", "--search", "BATCH", "-s", "10m", "-o", "json"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter_map(|entry| {
            let text = entry["text"].as_str()?.to_string();
            let json = text.split_once("BATCH ")?.1.to_string();
            serde_json::from_str(&json).ok()
        })
        .collect()
}

#[test]
fn kafka_trigger_batches_by_count_then_by_time() {
    let broker = TestBroker::start();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("kafka.yaml"),
        format!("default: {}\n", broker.addr),
    )
    .unwrap();
    let engine = TestEngine::start_in(home, &[]);
    let ws = fc_project(KAFKA_FUNCTION, &[("index.py", HANDLER)]);
    let out = engine
        .cmd()
        .current_dir(ws.path())
        .args(["deploy", "-y"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    produce(&broker, "orders", &["m1", "m2", "m3"]);
    let seen = wait_for("three messages delivered", Duration::from_secs(60), || {
        let seen = batches(&engine, &ws);
        (seen.iter().map(Vec::len).sum::<usize>() >= 3).then_some(seen)
    });
    assert_eq!(
        seen,
        vec![vec!["m1".to_string(), "m2".into()], vec!["m3".to_string()]],
        "two invocations: a full batch of 2, then the last message when the 10 s window closed"
    );
}

#[test]
fn deploy_warns_when_the_kafka_broker_is_unreachable() {
    let dead_broker = format!("127.0.0.1:{}", crate::common::free_port());
    let home = tempfile::tempdir().unwrap();
    let home_path = home.path().canonicalize().unwrap();
    std::fs::write(
        home.path().join("kafka.yaml"),
        format!("instances:\n  alikafka_local: {dead_broker}\n"),
    )
    .unwrap();
    let engine = TestEngine::start_in(home, &[]);
    let ws = fc_project(KAFKA_FUNCTION, &[("index.py", HANDLER)]);
    let out = engine
        .cmd()
        .current_dir(ws.path())
        .args(["deploy", "-y"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", crate::common::stderr(&out));
    let warning: String = crate::common::stderr(&out)
        .lines()
        .filter(|l| l.contains("is not running"))
        .collect();
    let warning = warning
        .replace(&dead_broker, "[BROKER]")
        .replace(&home_path.display().to_string(), "[S_HOME]");
    insta::assert_snapshot!(warning, @"warning: trigger `orders` is not running: kafka broker `[BROKER]` is unreachable (connection refused); start one or name yours in `[S_HOME]/kafka.yaml`");
}

#[test]
fn kafka_etl_template_transforms_what_is_produced_to_its_topic() {
    let broker = TestBroker::start();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("kafka.yaml"),
        format!("default: {}\n", broker.addr),
    )
    .unwrap();
    let engine = TestEngine::start_in(home, &[]);
    let ws = crate::common::Workspace::new();
    let params = r#"{"functionName":"etl","topicName":"orders","batchCount":2,"batchSeconds":1,"retries":0}"#;
    let init = engine
        .cmd()
        .current_dir(ws.path())
        .args([
            "init",
            "kafka-etl",
            "-d",
            "app",
            "-y",
            "--parameters",
            params,
        ])
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", crate::common::stderr(&init));
    let app = ws.path().join("app");
    let deploy = engine
        .cmd()
        .current_dir(&app)
        .args(["deploy", "-y"])
        .output()
        .unwrap();
    assert!(
        deploy.status.success(),
        "{}",
        crate::common::stderr(&deploy)
    );

    produce(
        &broker,
        "orders",
        &[r#"{"OrderId": 7, "customerName": " Lin "}"#, "not json"],
    );
    let out = engine
        .cmd()
        .current_dir(&app)
        .args([
            "queue",
            "receive",
            "fc-etl-processed-message",
            "--wait",
            "60",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let messages: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", crate::common::stderr(&out)));
    let record: Value = serde_json::from_str(messages[0]["body"].as_str().unwrap()).unwrap();
    let result: Value = serde_json::from_str(record["responsePayload"].as_str().unwrap()).unwrap();
    assert_eq!(result["received"], 2, "{result}");
    assert_eq!(result["transformed"], 1, "{result}");
    assert_eq!(result["rejected"], 1, "{result}");
    assert_eq!(result["records"][0]["order_id"], 7, "{result}");
    assert_eq!(result["records"][0]["customer_name"], "Lin", "{result}");
    assert_eq!(
        result["rejects"][0]["reason"], "value is not JSON",
        "{result}"
    );
}
