"""Media information of an object in the mounted bucket, as ffprobe reports it.

Event: {"object": "in/clip.mp4"}   Result: {"format": {...}, "streams": [...]}
"""
import json

from media import existing_object, parse_event, probe


def handler(event, context):
    _, path = existing_object(parse_event(event))
    return json.dumps(probe(path))
