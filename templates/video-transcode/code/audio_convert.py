"""Extract or convert the audio of an object in the mounted bucket.

Event: {"object": "in/clip.mp4", "output_dir": "audio", "dst_type": ".wav", "ac": 1, "ar": 16000}
`ac` (channels) and `ar` (sample rate) are optional. The result is
`<output_dir>/<folder of the object>/<name><dst_type>`.
"""
import json
import os
import re
import shutil
import tempfile

from media import MediaError, existing_object, parse_event, publish, run_ffmpeg, stem


def handler(event, context):
    data = parse_event(event)
    key, src = existing_object(data)
    dst_type = "." + str(data.get("dst_type", ".mp3")).lstrip(".")
    if not re.fullmatch(r"\.[a-z0-9]{1,8}", dst_type):
        raise MediaError(f'"dst_type" must look like ".wav", got `{dst_type}`')
    options = []
    for flag in ("ac", "ar"):
        if data.get(flag) is not None:
            options += [f"-{flag}", str(int(data[flag]))]
    out_dir = str(data.get("output_dir") or "audio").strip("/")
    folder = os.path.dirname(key)
    target = "/".join(p for p in (out_dir, folder, stem(key) + dst_type) if p)
    scratch = tempfile.mkdtemp(prefix="audio-")
    try:
        local = os.path.join(scratch, stem(key) + dst_type)
        run_ffmpeg(["-i", src, "-vn"] + options + [local], f"convert {key} to {dst_type}")
        return json.dumps({"output": publish(local, target)})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
