"""Kafka ETL: parse, validate and normalize a batch of Kafka messages.

The batch arrives in any of the three shapes Function Compute delivers Kafka messages in:
  1. EventBridge, eventSchema CloudEvents: a JSON array of serialised CloudEvents whose
     `data` is the message ({topic, partition, offset, timestamp, key, value, ...});
  2. EventBridge, eventSchema RawData: a JSON array of those `data` objects (or of strings
     holding them);
  3. the older Kafka connector: a JSON array of {key, offset, overflowFlag, partition,
     timestamp, topic, value, valueSize}.

Each message's value must be a JSON object; it is normalized (keys in snake_case, strings
trimmed, Kafka coordinates added). Invalid messages are rejected, with the reason, in the
result. The result of a batch is the onSuccess record (queue `fc-etl-processed-message`); a
batch that is not a Kafka batch at all raises, and after the retries its record goes to
onFailure (queue `dead-letter-queue`).
"""
import json
import logging
import re
from datetime import datetime, timezone

logger = logging.getLogger()


class BatchError(Exception):
    """The whole batch is unusable: it goes to the failure destination."""


def handler(event, context):
    messages = [message_of(item, i) for i, item in enumerate(batch_of(event))]
    result = {"received": len(messages), "transformed": 0, "rejected": 0,
              "topics": {}, "maxOffset": {}, "records": [], "rejects": []}
    for message in messages:
        topic, partition, offset = message["topic"], message["partition"], message["offset"]
        result["topics"][topic] = result["topics"].get(topic, 0) + 1
        slot = f"{topic}-{partition}"
        result["maxOffset"][slot] = max(offset, result["maxOffset"].get(slot, offset))
        try:
            result["records"].append(transform(message))
            result["transformed"] += 1
        except ValueError as e:
            result["rejected"] += 1
            result["rejects"].append({"topic": topic, "partition": partition,
                                      "offset": offset, "reason": str(e)})
    logger.info("batch of %d: %d transformed, %d rejected", result["received"],
                result["transformed"], result["rejected"])
    return json.dumps(result)


def batch_of(event):
    try:
        batch = json.loads(event)
    except ValueError as e:
        raise BatchError(f"the batch is not JSON: {e}")
    if not isinstance(batch, list):
        raise BatchError(f"a Kafka batch is a JSON array, got {type(batch).__name__}")
    return batch


def message_of(item, index):
    """The Kafka message inside one element of any of the three shapes."""
    if isinstance(item, str):  # CloudEvents (and possibly RawData) elements are strings
        try:
            item = json.loads(item)
        except ValueError:
            raise BatchError(f"element {index} is a string but not JSON")
    if isinstance(item, dict) and "specversion" in item:  # a CloudEvent
        item = item.get("data")
    if not isinstance(item, dict) or not {"topic", "partition", "offset"} <= item.keys():
        raise BatchError(f"element {index} is not a Kafka message (no topic/partition/offset)")
    return item


def transform(message):
    """One message to one output record; ValueError rejects it."""
    if message.get("overflowFlag"):
        # The connector leaves out values over its size limit: fetch it by its coordinates.
        raise ValueError(f"value of {message.get('valueSize')} bytes was too large to deliver; "
                         "fetch it by topic, partition and offset")
    value = parse_value(message.get("value"))
    record = {snake(k): tidy(v) for k, v in value.items()}
    record["_kafka"] = {
        "topic": message["topic"],
        "partition": message["partition"],
        "offset": message["offset"],
        "key": message.get("key"),
        "time": iso_time(message.get("timestamp")),
    }
    return record


def parse_value(raw):
    if raw is None or raw == "":
        raise ValueError("empty value")
    text = raw
    # Python producers sometimes send str(bytes): b'{...}'.
    literal = re.fullmatch(r"b'(.*)'", text, re.S) if isinstance(text, str) else None
    if literal:
        text = literal.group(1).encode().decode("unicode_escape")
    try:
        value = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        raise ValueError("value is not JSON")
    if not isinstance(value, dict) or not value:
        raise ValueError("value is not a non-empty JSON object")
    return value


def snake(name):
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(name).strip())
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").lower()


def tidy(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {snake(k): tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tidy(v) for v in value]
    return value


def iso_time(ms):
    if not isinstance(ms, (int, float)):
        return None
    return datetime.fromtimestamp(ms / 1000, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
