//! The Kafka source against a real broker: batch windows, event shapes, restarts without
//! loss, error tolerance, dead letters and broker outages. The function is a recording
//! `Deliver`; messages are produced with rdkafka's producer.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::future::BoxFuture;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Offset, TopicPartitionList};
use serde_json::{json, Value};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::test_broker::TestBroker;
use super::*;
use crate::engine::triggers::{Deliver, Delivery, TriggerStatus};

/// A function that records every event and fails while its event contains `fail_on`.
#[derive(Default)]
struct Recorder {
    calls: Mutex<Vec<(Bytes, bool)>>,
    fail_on: Mutex<Option<String>>,
}

impl Deliver for Recorder {
    fn deliver(&self, function: &str, payload: Bytes, is_async: bool) -> BoxFuture<'_, Delivery> {
        assert_eq!(function, "etl");
        self.calls.lock().unwrap().push((payload.clone(), is_async));
        let fail = self
            .fail_on
            .lock()
            .unwrap()
            .as_ref()
            .is_some_and(|needle| String::from_utf8_lossy(&payload).contains(needle.as_str()));
        Box::pin(async move {
            if fail {
                Delivery::FunctionError {
                    error_type: "UnhandledInvocationError".into(),
                    body: Bytes::from_static(b"{\"errorMessage\":\"boom\"}"),
                }
            } else {
                Delivery::Done { body: Bytes::new() }
            }
        })
    }
}

impl Recorder {
    fn failing_on(needle: &str) -> Arc<Recorder> {
        let r = Recorder::default();
        *r.fail_on.lock().unwrap() = Some(needle.into());
        Arc::new(r)
    }

    /// The message values of each call, in order.
    fn batches(&self) -> Vec<Vec<String>> {
        let calls = self.calls.lock().unwrap();
        calls.iter().map(|(p, _)| values(p)).collect()
    }

    /// Values of the calls that succeeded (those without `fail_on`).
    fn delivered(&self) -> Vec<String> {
        let needle = self.fail_on.lock().unwrap().clone();
        self.batches()
            .into_iter()
            .flatten()
            .filter(|v| needle.as_ref().is_none_or(|n| !v.contains(n.as_str())))
            .collect()
    }
}

/// A function that holds each call until another one runs beside it (for a few seconds at
/// most), recording the most calls it saw at once.
#[derive(Default)]
struct Overlap {
    inner: Recorder,
    running: AtomicUsize,
    most: AtomicUsize,
}

impl Deliver for Overlap {
    fn deliver(&self, function: &str, payload: Bytes, is_async: bool) -> BoxFuture<'_, Delivery> {
        let outcome = self.inner.deliver(function, payload, is_async);
        Box::pin(async move {
            let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
            self.most.fetch_max(now, Ordering::SeqCst);
            let deadline = Instant::now() + Duration::from_secs(5);
            while self.most.load(Ordering::SeqCst) < 2 && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            self.running.fetch_sub(1, Ordering::SeqCst);
            outcome.await
        })
    }
}

/// The message values inside a CloudEvents or RawData payload.
fn values(payload: &[u8]) -> Vec<String> {
    let items: Vec<Value> = serde_json::from_slice(payload).unwrap();
    items
        .into_iter()
        .map(|item| {
            let data = match item {
                Value::String(event) => {
                    serde_json::from_str::<Value>(&event).unwrap()["data"].clone()
                }
                object => object,
            };
            data["value"].as_str().unwrap().to_string()
        })
        .collect()
}

#[derive(Default, Clone)]
struct DeadLetters(Arc<Mutex<Vec<(String, Bytes)>>>);

impl DeadLetters {
    fn callback(&self) -> DeadLetter {
        let store = self.0.clone();
        Arc::new(move |queue, payload| {
            store.lock().unwrap().push((queue, payload));
            Box::pin(async { Ok(()) })
        })
    }

    fn all(&self) -> Vec<(String, Vec<String>)> {
        let store = self.0.lock().unwrap();
        store.iter().map(|(q, p)| (q.clone(), values(p))).collect()
    }
}

/// A trigger config like the documented example, with `run_options` merged in.
fn trigger(topic: &str, schema: &str, run_options: Value) -> KafkaTrigger {
    let mut run = json!({"mode": "event-streaming", "maximumTasks": 1, "errorsTolerance": "ALL",
        "batchWindow": {"CountBasedWindow": 10, "TimeBasedWindow": 0}});
    for (k, v) in run_options.as_object().unwrap() {
        run[k] = v.clone();
    }
    let config = json!({"triggerEnable": true, "asyncInvocationType": false,
        "eventSourceConfig": {"eventSourceType": "Kafka", "eventSourceParameters": {"sourceKafkaParameters":
            {"RegionId": "cn-hangzhou", "InstanceId": "alikafka_local", "Topic": topic,
             "ConsumerGroup": format!("{topic}-group"), "OffsetReset": "earliest", "Network": "Default"}}},
        "eventSinkConfig": {"deliveryOption": {"mode": "event-streaming", "eventSchema": schema}},
        "runOptions": run});
    let mut trigger = KafkaTrigger::from_config(&config.to_string()).unwrap();
    trigger.retry.unit = Duration::from_millis(50);
    trigger
}

/// A running source, stopped with `stop`.
struct Running {
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
    status: Arc<TriggerStatus>,
}

fn start(
    trigger: KafkaTrigger,
    broker: &TestBroker,
    deliver: Arc<dyn Deliver>,
    dead: &DeadLetters,
) -> Running {
    let (shutdown, receiver) = watch::channel(false);
    let status = Arc::new(TriggerStatus::default());
    let task = tokio::spawn(run(
        trigger,
        "etl".into(),
        BrokerSource::Fixed(broker.addr.clone()),
        deliver,
        dead.callback(),
        status.clone(),
        receiver,
    ));
    Running {
        shutdown,
        task,
        status,
    }
}

impl Running {
    async fn stop(self) {
        self.shutdown.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(30), self.task)
            .await
            .expect("the source stops when asked")
            .unwrap();
    }
}

async fn create_topic(broker: &TestBroker, topic: &str, partitions: i32) {
    let admin: AdminClient<DefaultClientContext> = ClientConfig::new()
        .set("bootstrap.servers", &broker.addr)
        .create()
        .unwrap();
    let new = NewTopic::new(topic, partitions, TopicReplication::Fixed(1));
    let results = admin
        .create_topics(&[new], &AdminOptions::new())
        .await
        .unwrap();
    for r in results {
        r.unwrap();
    }
}

async fn produce(broker: &TestBroker, topic: &str, messages: &[(&str, Option<&str>)]) {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", &broker.addr)
        .set("message.timeout.ms", "30000")
        .create()
        .unwrap();
    for (value, key) in messages {
        let mut record = FutureRecord::to(topic).payload(*value);
        if let Some(key) = key {
            record = record.key(*key);
        }
        producer
            .send(record, Duration::from_secs(30))
            .await
            .unwrap_or_else(|(e, _)| panic!("producing to `{topic}`: {e}"));
    }
}

fn plain<'a>(values: &[&'a str]) -> Vec<(&'a str, Option<&'a str>)> {
    values.iter().map(|v| (*v, None)).collect()
}

/// Poll `check` until it holds, or panic with `what` after `timeout`.
async fn wait_until(what: &str, timeout: Duration, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !check() {
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The group's committed offset of partition 0 (`None`: nothing committed).
async fn committed(broker: &TestBroker, topic: &str) -> Option<i64> {
    let (addr, topic) = (broker.addr.clone(), topic.to_string());
    tokio::task::spawn_blocking(move || {
        let consumer: BaseConsumer = ClientConfig::new()
            .set("bootstrap.servers", &addr)
            .set("group.id", format!("{topic}-group"))
            .create()
            .unwrap();
        let mut list = TopicPartitionList::new();
        list.add_partition(&topic, 0);
        let offsets = consumer
            .committed_offsets(list, Duration::from_secs(10))
            .unwrap();
        match offsets.find_partition(&topic, 0).unwrap().offset() {
            Offset::Offset(n) => Some(n),
            _ => None,
        }
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_count_window_of_two_and_a_ten_second_window_turn_three_messages_into_two_calls() {
    let broker = TestBroker::start();
    create_topic(&broker, "orders", 1).await;
    let recorder = Arc::new(Recorder::default());
    let options = json!({"batchWindow": {"CountBasedWindow": 2, "TimeBasedWindow": 10}});
    let running = start(
        trigger("orders", "CloudEvents", options),
        &broker,
        recorder.clone(),
        &DeadLetters::default(),
    );
    produce(&broker, "orders", &plain(&["m1", "m2", "m3"])).await;

    wait_until("the first batch", Duration::from_secs(30), || {
        recorder.batches().len() == 1
    })
    .await;
    let first_at = Instant::now();
    wait_until("the second batch", Duration::from_secs(30), || {
        recorder.batches().len() == 2
    })
    .await;
    // The last message waited for its time window, not for a second message.
    assert!(first_at.elapsed() >= Duration::from_secs(8));
    running.stop().await;
    assert_eq!(recorder.batches(), [vec!["m1", "m2"], vec!["m3"]]);
    assert!(recorder
        .calls
        .lock()
        .unwrap()
        .iter()
        .all(|(_, is_async)| !is_async));
    assert_eq!(committed(&broker, "orders").await, Some(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_events_and_raw_data_deliver_the_documented_shapes() {
    let broker = TestBroker::start();
    create_topic(&broker, "ce", 1).await;
    create_topic(&broker, "raw", 1).await;
    let (ce, raw) = (Arc::new(Recorder::default()), Arc::new(Recorder::default()));
    let dead = DeadLetters::default();
    let mut async_trigger = trigger("raw", "RawData", json!({}));
    async_trigger.is_async = true;
    let a = start(
        trigger("ce", "CloudEvents", json!({})),
        &broker,
        ce.clone(),
        &dead,
    );
    let b = start(async_trigger, &broker, raw.clone(), &dead);
    produce(&broker, "ce", &[("v1", Some("k1"))]).await;
    produce(&broker, "raw", &[("v2", Some("k2")), ("v3", None)]).await;
    wait_until("both topics delivered", Duration::from_secs(30), || {
        ce.delivered().len() == 1 && raw.delivered().len() == 2
    })
    .await;
    a.stop().await;
    b.stop().await;

    let (payload, is_async) = ce.calls.lock().unwrap()[0].clone();
    assert!(!is_async);
    let outer: Vec<String> = serde_json::from_slice(&payload).unwrap();
    let event: Value = serde_json::from_str(&outer[0]).unwrap();
    assert_eq!(event["source"], "acs:alikafka");
    assert_eq!(event["type"], "alikafka:Topic:Message");
    assert_eq!(event["subject"], "acs:alikafka:alikafka_local:topic:ce");
    assert_eq!(event["data"]["topic"], "ce");
    assert_eq!(event["data"]["partition"], 0);
    assert_eq!(event["data"]["offset"], 0);
    assert_eq!(event["data"]["key"], "k1");
    assert_eq!(event["data"]["value"], "v1");
    assert!(event["data"]["timestamp"].as_i64().unwrap() > 1_600_000_000_000);

    let calls = raw.calls.lock().unwrap().clone();
    assert!(calls.iter().all(|(_, is_async)| *is_async));
    let items: Vec<Value> = calls
        .iter()
        .flat_map(|(p, _)| serde_json::from_slice::<Vec<Value>>(p).unwrap())
        .collect();
    assert_eq!(items[0]["key"], "k2");
    assert_eq!(items[0]["value"], "v2");
    assert!(items[1].get("key").is_none());
    assert_eq!(
        (items[1]["topic"].clone(), items[1]["offset"].clone()),
        (json!("raw"), json!(1))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restarted_consumer_resumes_after_its_committed_offset() {
    let broker = TestBroker::start();
    create_topic(&broker, "resume", 1).await;
    let dead = DeadLetters::default();
    let first = Arc::new(Recorder::default());
    let running = start(
        trigger("resume", "RawData", json!({})),
        &broker,
        first.clone(),
        &dead,
    );
    produce(&broker, "resume", &plain(&["a", "b", "c"])).await;
    wait_until("the first three", Duration::from_secs(30), || {
        first.delivered().len() == 3
    })
    .await;
    running.stop().await;

    produce(&broker, "resume", &plain(&["d", "e", "f"])).await;
    let second = Arc::new(Recorder::default());
    let running = start(
        trigger("resume", "RawData", json!({})),
        &broker,
        second.clone(),
        &dead,
    );
    wait_until("the other three", Duration::from_secs(30), || {
        second.delivered().len() >= 3
    })
    .await;
    running.stop().await;
    assert_eq!(first.delivered(), ["a", "b", "c"]);
    assert_eq!(second.delivered(), ["d", "e", "f"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_errors_tolerance_all_a_failing_batch_is_dead_lettered_and_the_rest_flows() {
    let broker = TestBroker::start();
    create_topic(&broker, "tolerant", 1).await;
    let recorder = Recorder::failing_on("bad");
    let dead = DeadLetters::default();
    let options = json!({"errorsTolerance": "ALL",
        "retryStrategy": {"PushRetryStrategy": "BACKOFF_RETRY", "MaximumRetryAttempts": 2},
        "deadLetterQueue": {"Arn": "acs:mns:cn-hangzhou:123:/queues/dlq/messages"},
        "batchWindow": {"CountBasedWindow": 1, "TimeBasedWindow": 0}});
    let running = start(
        trigger("tolerant", "CloudEvents", options),
        &broker,
        recorder.clone(),
        &dead,
    );
    produce(&broker, "tolerant", &plain(&["bad-1", "good-2"])).await;
    wait_until("the good message", Duration::from_secs(30), || {
        !recorder.delivered().is_empty()
    })
    .await;
    running.stop().await;

    assert_eq!(dead.all(), [("dlq".to_string(), vec!["bad-1".to_string()])]);
    // One attempt and two retries, then the next message.
    assert_eq!(
        recorder.batches(),
        [vec!["bad-1"], vec!["bad-1"], vec!["bad-1"], vec!["good-2"]]
    );
    assert_eq!(committed(&broker, "tolerant").await, Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_errors_tolerance_none_a_failing_batch_blocks_and_is_never_committed() {
    let broker = TestBroker::start();
    create_topic(&broker, "strict", 1).await;
    let recorder = Recorder::failing_on("bad");
    let dead = DeadLetters::default();
    let options = json!({"errorsTolerance": "NONE",
        "retryStrategy": {"PushRetryStrategy": "BACKOFF_RETRY", "MaximumRetryAttempts": 1},
        "deadLetterQueue": {"Arn": "acs:mns:cn-hangzhou:123:/queues/dlq/messages"},
        "batchWindow": {"CountBasedWindow": 1, "TimeBasedWindow": 0}});
    let config = trigger("strict", "RawData", options);
    let running = start(config.clone(), &broker, recorder.clone(), &dead);
    produce(&broker, "strict", &plain(&["bad-1", "good-2"])).await;
    wait_until("retries beyond the limit", Duration::from_secs(30), || {
        recorder.batches().len() >= 5
    })
    .await;
    let (state, error) = running.status.get();
    assert_eq!(state, "Error");
    assert!(error.unwrap().contains("function error"));
    running.stop().await;
    assert!(
        recorder.batches().iter().all(|b| b == &["bad-1"]),
        "no progress past the failing batch"
    );
    assert!(dead.all().is_empty(), "NONE never dead-letters");
    assert_eq!(committed(&broker, "strict").await, None);

    // Once the function is fixed, the blocked batch and the rest arrive.
    let fixed = Arc::new(Recorder::default());
    let running = start(config, &broker, fixed.clone(), &dead);
    wait_until("both messages", Duration::from_secs(30), || {
        fixed.delivered().len() == 2
    })
    .await;
    running.stop().await;
    assert_eq!(fixed.delivered(), ["bad-1", "good-2"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broker_outage_shows_in_the_status_and_consumption_resumes_after_it() {
    let mut broker = TestBroker::start();
    create_topic(&broker, "outage", 1).await;
    let recorder = Arc::new(Recorder::default());
    let running = start(
        trigger("outage", "RawData", json!({})),
        &broker,
        recorder.clone(),
        &DeadLetters::default(),
    );
    produce(&broker, "outage", &plain(&["before"])).await;
    wait_until("the first message", Duration::from_secs(30), || {
        recorder.delivered().len() == 1
    })
    .await;
    assert_eq!(running.status.get().0, "Running");

    broker.stop();
    wait_until("the outage in the status", Duration::from_secs(30), || {
        running.status.get().0 == "Error"
    })
    .await;
    let error = running.status.get().1.unwrap();
    assert!(error.contains(&broker.addr), "{error}");

    broker.resume();
    wait_until(
        "the recovery in the status",
        Duration::from_secs(60),
        || running.status.get().0 == "Running",
    )
    .await;
    produce(&broker, "outage", &plain(&["after"])).await;
    wait_until(
        "the message after the outage",
        Duration::from_secs(60),
        || recorder.delivered().contains(&"after".to_string()),
    )
    .await;
    running.stop().await;
    let delivered: BTreeSet<String> = recorder.delivered().into_iter().collect();
    assert_eq!(delivered, BTreeSet::from(["after".into(), "before".into()]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maximum_tasks_consumers_deliver_in_parallel_and_miss_nothing() {
    let broker = TestBroker::start();
    create_topic(&broker, "wide", 4).await;
    let overlap = Arc::new(Overlap::default());
    let running = start(
        trigger("wide", "RawData", json!({"maximumTasks": 2})),
        &broker,
        overlap.clone(),
        &DeadLetters::default(),
    );
    let messages: BTreeSet<String> = (0..20).map(|i| format!("m{i}")).collect();
    let keyed: Vec<(&str, Option<&str>)> = messages
        .iter()
        .map(|m| (m.as_str(), Some(m.as_str())))
        .collect();
    produce(&broker, "wide", &keyed).await;
    let unique = || {
        overlap
            .inner
            .delivered()
            .into_iter()
            .collect::<BTreeSet<_>>()
    };
    wait_until("all twenty", Duration::from_secs(60), || {
        unique().len() == 20
    })
    .await;
    running.stop().await;
    // A rebalance between a delivery and its commit may repeat a batch (at-least-once).
    assert_eq!(unique(), messages);
    assert_eq!(
        overlap.most.load(Ordering::SeqCst),
        2,
        "two consumers at once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_broker_is_reported_and_the_source_still_stops_promptly() {
    let dead_broker = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().to_string()
    };
    let (shutdown, receiver) = watch::channel(false);
    let status = Arc::new(TriggerStatus::default());
    let task = tokio::spawn(run(
        trigger("nowhere", "RawData", json!({"maximumTasks": 2})),
        "etl".into(),
        BrokerSource::Fixed(dead_broker.clone()),
        Arc::new(Recorder::default()),
        DeadLetters::default().callback(),
        status.clone(),
        receiver,
    ));
    // The first check settles the status: a deploy waiting for it reports the dead broker.
    status.settled(Duration::from_secs(30)).await;
    assert_eq!(status.get().0, "Error");
    let error = status.get().1.unwrap();
    assert!(error.contains(&dead_broker), "{error}");
    assert!(error.contains("unreachable"), "{error}");
    shutdown.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(30), task)
        .await
        .expect("the source stops while its broker is down")
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_topic_is_reported_until_it_is_created() {
    let broker = TestBroker::start();
    let recorder = Arc::new(Recorder::default());
    let running = start(
        trigger("missing", "RawData", json!({})),
        &broker,
        recorder.clone(),
        &DeadLetters::default(),
    );
    wait_until(
        "the missing topic in the status",
        Duration::from_secs(30),
        || {
            running
                .status
                .get()
                .1
                .is_some_and(|e| e.contains("`missing`"))
        },
    )
    .await;
    create_topic(&broker, "missing", 1).await;
    produce(&broker, "missing", &plain(&["late"])).await;
    wait_until(
        "the message on the new topic",
        Duration::from_secs(60),
        || recorder.delivered() == ["late"],
    )
    .await;
    wait_until(
        "the recovery in the status",
        Duration::from_secs(30),
        || running.status.get().0 == "Running",
    )
    .await;
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_kafka_yaml_moves_a_running_trigger_to_the_new_broker() {
    let broker = TestBroker::start();
    create_topic(&broker, "moved", 1).await;
    let dead_broker = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().to_string()
    };
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join(BROKERS_FILE);
    std::fs::write(&file, format!("default: {dead_broker}\n")).unwrap();
    let (shutdown, receiver) = watch::channel(false);
    let status = Arc::new(TriggerStatus::default());
    let recorder = Arc::new(Recorder::default());
    let source = BrokerSource::File {
        s_home: home.path().to_path_buf(),
        instance_id: "alikafka_local".into(),
    };
    let task = tokio::spawn(run(
        trigger("moved", "RawData", json!({})),
        "etl".into(),
        source,
        recorder.clone(),
        DeadLetters::default().callback(),
        status.clone(),
        receiver,
    ));
    status.settled(Duration::from_secs(30)).await;
    let error = status.get().1.unwrap_or_default();
    assert!(error.contains(&dead_broker), "{error}");
    assert!(error.contains("kafka.yaml"), "{error}");

    std::fs::write(&file, format!("default: {}\n", broker.addr)).unwrap();
    produce(&broker, "moved", &plain(&["moved"])).await;
    wait_until(
        "the message from the broker `kafka.yaml` names now",
        Duration::from_secs(60),
        || recorder.delivered() == ["moved"],
    )
    .await;
    wait_until(
        "the status on the new broker",
        Duration::from_secs(30),
        || status.get().0 == "Running",
    )
    .await;
    shutdown.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(30), task)
        .await
        .expect("the source stops when asked")
        .unwrap();
}
