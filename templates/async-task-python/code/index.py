import json
import logging
import time

logger = logging.getLogger()


def handler(event, context):
    # Event: {"seconds": 3} to work for a while, {"mock_error": true} to fail.
    job = json.loads(event) if event else {}
    seconds = int(job.get("seconds", 0))
    for done in range(seconds):
        logger.info("working: %d/%d s", done, seconds)
        time.sleep(1)
    if job.get("mock_error"):
        # An error fails this attempt; after the retries the record goes to onFailure.
        raise Exception("mock error requested by the event")
    logger.info("done after %d s", seconds)
    # The result becomes `responsePayload` of the onSuccess record.
    return json.dumps({"done": True, "seconds": seconds, "requestId": context.request_id})
