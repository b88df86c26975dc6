import json
import logging
import os
import shutil

logger = logging.getLogger()

# The bucket is mounted here (ossMountConfig in s.yaml), so objects are plain files.
ROOT = os.environ.get("BUCKET_ROOT", "/mnt/oss").rstrip("/")
SOURCE = "source/"
TARGET = "processed/"


def handler(event, context):
    # An OSS trigger sends {"events": [{"eventName": "ObjectCreated:PutObject",
    # "oss": {"bucket": {"name": ...}, "object": {"key": ..., "size": ...}}, ...}]}.
    done = []
    for record in json.loads(event)["events"]:
        key = record["oss"]["object"]["key"]
        logger.info("%s %s (%s bytes)", record["eventName"], key,
                    record["oss"]["object"].get("size"))
        if not key.startswith(SOURCE) or key.endswith("/"):
            continue
        target = TARGET + key[len(SOURCE):]
        dest = os.path.join(ROOT, target)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        # Process the object here; this example copies it.
        shutil.copyfile(os.path.join(ROOT, key), dest)
        logger.info("wrote %s", target)
        done.append(target)
    return json.dumps({"processed": done})
