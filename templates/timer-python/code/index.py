import json
import logging

logger = logging.getLogger()


def handler(event, context):
    # A timer trigger sends {"triggerTime": "2024-01-01T08:00:00Z", "triggerName": "...",
    # "payload": "..."}; the payload is the trigger's text, which may itself be JSON.
    tick = json.loads(event)
    payload = tick.get("payload", "")
    try:
        payload = json.loads(payload)
    except ValueError:
        pass
    logger.info("tick from %s at %s, payload: %s", tick.get("triggerName"),
                tick.get("triggerTime"), json.dumps(payload))
    # Do the scheduled work here.
    return json.dumps({"ranAt": tick.get("triggerTime"), "payload": payload})
