"""Shared by the media functions: the mounted bucket and running ffmpeg / ffprobe.

The OSS bucket is mounted as a folder (`ossMountConfig` in s.yaml), so objects are plain
files: no OSS SDK, no signed URLs. `MEDIA_ROOT` names the mount dir (`/mnt/oss`).
"""
import json
import logging
import os
import shutil
import subprocess
import threading

logger = logging.getLogger()

ROOT = os.environ.get("MEDIA_ROOT", "/mnt/oss").rstrip("/")


class MediaError(Exception):
    """A failure worth a clear one-line message (the async task's error)."""


def parse_event(event):
    try:
        data = json.loads(event)
    except ValueError as e:
        raise MediaError(f"the event is not JSON: {e}")
    if not isinstance(data, dict):
        raise MediaError("the event must be a JSON object")
    return data


def bucket_path(key):
    """The file behind object `key`; refuses keys that climb out of the bucket."""
    path = os.path.normpath(os.path.join(ROOT, str(key).lstrip("/")))
    if not path.startswith(ROOT + "/"):
        raise MediaError(f"`{key}` is outside the bucket")
    return path


def existing_object(data):
    """The file of the event's `object` (or `object_key`), which must exist."""
    key = data.get("object") or data.get("object_key")
    if not key:
        raise MediaError('the event has no "object" (the key of the input in the bucket)')
    path = bucket_path(key)
    if not os.path.exists(path):
        raise MediaError(f"object `{key}` does not exist in the bucket")
    return key, path


def key_of(path):
    return os.path.relpath(path, ROOT)


def stem(key):
    return os.path.splitext(os.path.basename(key))[0]


def tool(name):
    """`ffmpeg` / `ffprobe` from PATH (FC has both built in), else the imageio-ffmpeg wheel."""
    found = shutil.which(name)
    if found:
        return found
    if name == "ffmpeg":
        try:
            import imageio_ffmpeg

            return imageio_ffmpeg.get_ffmpeg_exe()
        except ImportError:
            pass
    raise MediaError(
        f"`{name}` was not found on PATH; install it (Debian: `apt-get install ffmpeg`)"
    )


def probe(path):
    """ffprobe's view of a media file: `{"format": {...}, "streams": [...]}`."""
    cmd = [tool("ffprobe"), "-v", "error", "-print_format", "json",
           "-show_format", "-show_streams", path]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise MediaError(f"ffprobe failed: {done.stderr.strip() or done.returncode}")
    return json.loads(done.stdout)


def run_ffmpeg(args, label):
    """Run ffmpeg with `args`, logging progress as ffmpeg reports it (`-progress`); on
    failure raise with ffmpeg's own error lines."""
    cmd = [tool("ffmpeg"), "-hide_banner", "-nostdin", "-y",
           "-loglevel", "level+info", "-nostats", "-progress", "pipe:1"] + args
    logger.info("%s: %s", label, " ".join(cmd))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, errors="replace")
    seen = {"errors": [], "duration": None}
    reader = threading.Thread(target=_read_stderr, args=(proc.stderr, seen), daemon=True)
    reader.start()
    block = {}
    for line in proc.stdout:
        key, _, value = line.strip().partition("=")
        block[key] = value
        if key == "progress":
            _log_progress(label, block, seen["duration"])
            block = {}
    code = proc.wait()
    reader.join()
    if code != 0:
        detail = "; ".join(seen["errors"]) or f"exit status {code}"
        raise MediaError(f"{label} failed, detail: {detail}")


def _read_stderr(stream, seen):
    for line in stream:
        line = line.rstrip()
        for level in ("[error] ", "[fatal] ", "[panic] "):
            if level in line:
                seen["errors"].append(line.split(level, 1)[1])
        if seen["duration"] is None and "Duration: " in line:
            seen["duration"] = _seconds(line.split("Duration: ", 1)[1].split(",", 1)[0])


def _seconds(clock):
    try:
        h, m, s = clock.strip().split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)
    except ValueError:
        return None


def _log_progress(label, block, duration):
    done = _seconds(block.get("out_time", ""))
    share = ""
    if done is not None and duration:
        share = f" {min(100.0, 100 * done / duration):.0f}%"
    logger.info("%s: progress%s out_time=%s speed=%s %s", label, share,
                block.get("out_time", "N/A"), block.get("speed", "N/A").strip(),
                block.get("progress"))


def publish(local, key):
    """Copy a finished file from scratch space into the bucket as `key`. Outputs are written
    locally first: media muxers seek, which a mounted bucket does poorly."""
    dest = bucket_path(key)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copyfile(local, dest)
    return key_of(dest)
