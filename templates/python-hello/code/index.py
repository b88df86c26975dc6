import json
import logging

logger = logging.getLogger()


def handler(event, context):
    # Function Compute passes the event as bytes; a JSON event becomes a dict.
    try:
        payload = json.loads(event) if event else {}
    except ValueError:
        payload = event.decode("utf-8", "replace")
    name = payload.get("name", "world") if isinstance(payload, dict) else "world"
    logger.info("greeting %s", name)
    return json.dumps({"message": f"hello, {name}!", "event": payload})
