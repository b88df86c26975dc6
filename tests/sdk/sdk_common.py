"""What the SDK scripts share: a client for a local engine, a check that ends the script,
and a zip of one handler file. Scripts import it from their own folder."""

import base64
import io
import sys
import zipfile

from alibabacloud_fc20230330.client import Client

try:
    from alibabacloud_tea_openapi.utils_models import Config
except ImportError:  # tea-openapi before 0.4
    from alibabacloud_tea_openapi.models import Config


def engine_client(endpoint, key_id="test-id", secret="test-secret"):
    """The official SDK client, pointed at an engine over plain HTTP."""
    return Client(
        Config(
            endpoint=endpoint,
            protocol="http",
            access_key_id=key_id,
            access_key_secret=secret,
            region_id="cn-hangzhou",
            read_timeout=60000,
            connect_timeout=5000,
        )
    )


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}", flush=True)
        sys.exit(1)


def code_zip(source):
    """Base64 of a zip holding `index.py` with `source`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", source)
    return base64.b64encode(buffer.getvalue()).decode()
