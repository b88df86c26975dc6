//! The event a function receives for a batch of Kafka messages, in EventBridge's two schemas
//! (events reference §A4): CloudEvents (a JSON array of strings, each a serialised CloudEvent)
//! or RawData (a JSON array of the `data` objects). Pure: no broker types here.

use bytes::Bytes;
use serde_json::{json, Map, Value};
use time::macros::format_description;
use time::OffsetDateTime;

use super::config::EventSchema;

/// One consumed message, copied out of the client's buffers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    /// Epoch milliseconds (the producer's or the broker's).
    pub timestamp: i64,
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<(String, Vec<u8>)>,
}

/// Who the CloudEvents say they come from.
pub struct Origin<'a> {
    pub instance_id: &'a str,
    pub account_id: &'a str,
}

/// The invocation payload for `records`.
pub fn batch_payload(schema: EventSchema, origin: &Origin<'_>, records: &[Record]) -> Bytes {
    let items: Vec<Value> = records
        .iter()
        .map(|r| match schema {
            EventSchema::RawData => data(r),
            EventSchema::CloudEvents => Value::String(cloud_event(origin, r).to_string()),
        })
        .collect();
    Bytes::from(serde_json::to_vec(&items).unwrap_or_default())
}

/// The message as EventBridge's `data` object; `key` only when the message has one.
fn data(r: &Record) -> Value {
    let mut data = Map::new();
    data.insert("topic".into(), json!(r.topic));
    data.insert("partition".into(), json!(r.partition));
    data.insert("offset".into(), json!(r.offset));
    data.insert("timestamp".into(), json!(r.timestamp));
    let headers: Vec<Value> = r
        .headers
        .iter()
        .map(|(k, v)| json!({"key": k, "value": text(v)}))
        .collect();
    data.insert(
        "headers".into(),
        json!({"headers": headers, "isReadOnly": false}),
    );
    if let Some(key) = &r.key {
        data.insert("key".into(), json!(text(key)));
    }
    data.insert(
        "value".into(),
        json!(r.value.as_deref().map(text).unwrap_or_default()),
    );
    Value::Object(data)
}

fn cloud_event(origin: &Origin<'_>, r: &Record) -> Value {
    json!({
        "data": data(r),
        "id": event_id(),
        "source": "acs:alikafka",
        "specversion": "1.0",
        "type": "alikafka:Topic:Message",
        "datacontenttype": "application/json; charset=utf-8",
        "time": rfc3339_millis(r.timestamp),
        "subject": format!("acs:alikafka:{}:topic:{}", origin.instance_id, r.topic),
        "aliyunaccountid": origin.account_id,
    })
}

/// Kafka bytes as the string FC shows; invalid UTF-8 is replaced rather than dropped.
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A random UUID (version 4) string.
fn event_id() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// `2022-08-01T09:32:56.797Z`.
fn rfc3339_millis(epoch_ms: i64) -> String {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(epoch_ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .format(&format)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(offset: i64, key: Option<&str>) -> Record {
        Record {
            topic: "HelloTopic".into(),
            partition: 9,
            offset,
            timestamp: 1_659_346_376_797,
            key: key.map(|k| k.as_bytes().to_vec()),
            value: Some(br#"{"Test": "x"}"#.to_vec()),
            headers: vec![],
        }
    }

    const ORIGIN: Origin<'static> = Origin {
        instance_id: "alikafka_pre-cn-7pp2t2jwj001",
        account_id: "1938858730552836",
    };

    #[test]
    fn cloud_events_are_an_array_of_serialised_events() {
        let payload = batch_payload(EventSchema::CloudEvents, &ORIGIN, &[record(3, None)]);
        let outer: Vec<String> = serde_json::from_slice(&payload).unwrap();
        let event: Value = serde_json::from_str(&outer[0]).unwrap();
        assert_eq!(event["source"], "acs:alikafka");
        assert_eq!(event["type"], "alikafka:Topic:Message");
        assert_eq!(event["specversion"], "1.0");
        assert_eq!(event["time"], "2022-08-01T09:32:56.797Z");
        assert_eq!(
            event["subject"],
            "acs:alikafka:alikafka_pre-cn-7pp2t2jwj001:topic:HelloTopic"
        );
        assert_eq!(event["aliyunaccountid"], "1938858730552836");
        assert_eq!(event["datacontenttype"], "application/json; charset=utf-8");
        assert_eq!(event["id"].as_str().unwrap().len(), 36);
        let data = &event["data"];
        assert_eq!(data["topic"], "HelloTopic");
        assert_eq!(
            (data["partition"].clone(), data["offset"].clone()),
            (json!(9), json!(3))
        );
        assert_eq!(data["timestamp"], 1_659_346_376_797i64);
        assert_eq!(data["value"], r#"{"Test": "x"}"#);
        assert_eq!(data["headers"], json!({"headers": [], "isReadOnly": false}));
        assert!(data.get("key").is_none(), "no key on a keyless message");
    }

    #[test]
    fn raw_data_is_an_array_of_data_objects_with_the_key_when_present() {
        let records = [record(1, Some("order-1")), record(2, None)];
        let payload = batch_payload(EventSchema::RawData, &ORIGIN, &records);
        let items: Vec<Value> = serde_json::from_slice(&payload).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["key"], "order-1");
        assert_eq!(items[0]["offset"], 1);
        assert!(items[1].get("key").is_none());
        assert_eq!(items[1]["value"], r#"{"Test": "x"}"#);
    }

    #[test]
    fn times_always_carry_milliseconds() {
        assert_eq!(
            rfc3339_millis(1_659_346_376_000),
            "2022-08-01T09:32:56.000Z"
        );
        assert_eq!(rfc3339_millis(5), "1970-01-01T00:00:00.005Z");
    }
}
