"""The transcoder's `onFailure` destination: FC calls it with the destination record of a
task that failed for good. It logs the reason and files the record in the bucket as
`failed/<task id>.json`, next to the outputs, so failures are easy to find."""
import json
import os
import re

from media import ROOT, logger


def handler(event, context):
    record = json.loads(event)
    request = record.get("requestContext", {})
    task = str(request.get("requestId") or context.request_id)
    logger.error("task %s failed (%s) after %s attempt(s): %s", task,
                 request.get("condition"), request.get("approximateInvokeCount"),
                 record.get("responsePayload"))
    folder = os.path.join(ROOT, "failed")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, re.sub(r"[^A-Za-z0-9_.-]", "_", task) + ".json")
    with open(path, "w") as f:
        json.dump(record, f, indent=2)
    return "{}"
