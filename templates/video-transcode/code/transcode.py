"""Transcode a video in the mounted bucket into another format.

Event (invoke it asynchronously, as a task):
  {"object": "in/clip.mp4", "output_dir": "out", "dst_format": "mov"}
`dst_format` is one of mov, flv, avi, mp4, gif, m3u8. The result is
`<output_dir>/<name>.<format>`; m3u8 gives `<output_dir>/<name>/playlist.m3u8` plus
`<name>_000.ts`, ... segments of 10 seconds.
"""
import json
import os
import shutil
import tempfile

from media import MediaError, bucket_path, existing_object, logger, parse_event, publish, run_ffmpeg, stem

FORMATS = ("mov", "flv", "avi", "mp4", "gif", "m3u8")


def handler(event, context):
    data = parse_event(event)
    fmt = str(data.get("dst_format", "")).lower().lstrip(".")
    if fmt not in FORMATS:
        raise MediaError(f'"dst_format" must be one of {", ".join(FORMATS)}, got `{fmt}`')
    key, src = existing_object(data)
    out_dir = str(data.get("output_dir") or "output").strip("/")
    bucket_path(out_dir + "/x")  # refuse an output dir outside the bucket early
    name = stem(key)
    label = f"transcode {key} to {fmt}"
    scratch = tempfile.mkdtemp(prefix="transcode-")
    try:
        if fmt == "m3u8":
            outputs = to_hls(src, name, out_dir, scratch, label)
        else:
            local = os.path.join(scratch, f"{name}.{fmt}")
            run_ffmpeg(["-i", src, local], label)
            outputs = [publish(local, f"{out_dir}/{name}.{fmt}")]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    logger.info("%s: wrote %s", label, ", ".join(outputs))
    return json.dumps({"outputs": outputs})


def to_hls(src, name, out_dir, scratch, label):
    """H.264/AAC cut into 10-second MPEG-TS segments and a VOD playlist."""
    segment = os.path.join(scratch, f"{name}_%03d.ts")
    playlist = os.path.join(scratch, "playlist.m3u8")
    run_ffmpeg(["-i", src, "-c:v", "libx264", "-c:a", "aac", "-f", "hls",
                "-hls_time", "10", "-hls_playlist_type", "vod",
                "-hls_segment_filename", segment, playlist], label)
    # Segments first, so a reader never sees a playlist naming missing pieces.
    pieces = sorted(f for f in os.listdir(scratch) if f.endswith(".ts"))
    outputs = [publish(os.path.join(scratch, f), f"{out_dir}/{name}/{f}") for f in pieces]
    outputs.append(publish(playlist, f"{out_dir}/{name}/playlist.m3u8"))
    return outputs
