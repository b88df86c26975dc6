# Bootstrap for Python instances. Takes invocations from the engine over the private channel
# it inherits as descriptor 3 (framed: u32 head length, u32 body length, JSON head, body),
# calls the user's handler with FC semantics (event as bytes, FC context object) and sends
# back the result or a Python-shaped error. Imports stay minimal: cold start time matters.
import importlib
import json
import os
import socket
import sys
import threading

CODE = os.environ.get("FC_FUNC_CODE_PATH", "/code/")
CONCURRENCY = int(os.environ.get("FC_INSTANCE_CONCURRENCY", "1"))
_tls = threading.local()


class Channel:
    """The engine's end of the socket pair; user subprocesses never inherit it."""

    def __init__(self):
        os.set_inheritable(3, False)
        self.sock = socket.socket(fileno=3)
        self.rfile = self.sock.makefile("rb")
        self.lock = threading.Lock()

    def receive(self):
        lengths = self.rfile.read(8)
        if len(lengths) < 8:
            raise SystemExit(0)
        head = self.rfile.read(int.from_bytes(lengths[:4], "big"))
        body = self.rfile.read(int.from_bytes(lengths[4:], "big"))
        return json.loads(head), body

    def send(self, head, body=b""):
        head = json.dumps(head).encode()
        frame = len(head).to_bytes(4, "big") + len(body).to_bytes(4, "big") + head + body
        with self.lock:
            self.sock.sendall(frame)


class Tagged:
    """With instanceConcurrency > 1, tags each printed line with its request id."""

    def __init__(self, raw):
        self.raw = raw
        self.local = threading.local()

    def write(self, s):
        rid = getattr(_tls, "rid", None)
        if rid is None:
            return self.raw.write(s)
        buf = getattr(self.local, "buf", "") + s
        *lines, rest = buf.split("\n")
        for line in lines:
            self.raw.write("\x01%s\x02%s\n" % (rid, line))
        self.local.buf = rest
        return len(s)

    def flush(self):
        buf = getattr(self.local, "buf", "")
        rid = getattr(_tls, "rid", None)
        if buf and rid is not None:
            self.raw.write("\x01%s\x02%s\n" % (rid, buf))
        self.local.buf = ""
        self.raw.flush()

    def __getattr__(self, name):
        return getattr(self.raw, name)


class Credentials:
    def __init__(self, h):
        self.access_key_id = self.accessKeyId = h.get("x-fc-access-key-id", "")
        self.access_key_secret = self.accessKeySecret = h.get("x-fc-access-key-secret", "")
        self.security_token = self.securityToken = h.get("x-fc-security-token", "")


class FunctionMeta:
    def __init__(self, h):
        self.name = h.get("x-fc-function-name", "")
        self.handler = h.get("x-fc-function-handler", "")
        self.memory = int(h.get("x-fc-function-memory", "0") or 0)
        self.timeout = int(h.get("x-fc-function-timeout", "0") or 0)
        self.version_id = h.get("x-fc-version-id", "")
        self.qualifier = h.get("x-fc-qualifier", "LATEST")


class ServiceMeta:
    def __init__(self, h):
        self.name = h.get("x-fc-service-name", "")
        self.log_project = h.get("x-fc-service-logproject", "")
        self.log_store = h.get("x-fc-service-logstore", "")
        self.qualifier = h.get("x-fc-qualifier", "LATEST")
        self.version_id = h.get("x-fc-version-id", "")


class Context:
    def __init__(self, h):
        self.request_id = h.get("x-fc-request-id", "")
        self.credentials = Credentials(h)
        self.function = FunctionMeta(h)
        self.service = ServiceMeta(h)
        self.region = h.get("x-fc-region", "")
        self.account_id = h.get("x-fc-account-id", "")
        self.retry_count = int(h.get("x-fc-retry-count", "0") or 0)
        self.deadline_ms = int(h.get("x-fc-function-deadline", "0") or 0)

    def get_remaining_time_in_millis(self):
        import time
        return max(0, self.deadline_ms - int(time.time() * 1000))

    @property
    def logger(self):
        import logging
        return logging.getLogger()


def setup_logging():
    """As FC's runtime: the root logger prints INFO and up with the current request id."""
    import logging
    import time

    class RequestId(logging.Filter):
        def filter(self, record):
            record.request_id = getattr(_tls, "rid", None) or ""
            return True

    formatter = logging.Formatter(
        "%(asctime)s.%(msecs)03dZ %(request_id)s [%(levelname)s] %(message)s",
        "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(formatter)
    handler.addFilter(RequestId())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return root


_handlers = {}


def load(name):
    fn = _handlers.get(name)
    if fn is None:
        module, _, attr = name.rpartition(".")
        if not module:
            raise ValueError("invalid handler `%s`: expected `module.function`" % name)
        fn = getattr(importlib.import_module(module.replace("/", ".")), attr)
        _handlers[name] = fn
    return fn


def encode(result):
    if result is None:
        return b""
    if isinstance(result, (bytes, bytearray)):
        return bytes(result)
    if isinstance(result, str):
        return result.encode("utf-8")
    return json.dumps(result, default=str).encode("utf-8")


def error_body(exc):
    import traceback

    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == "<string>":
        tb = tb.tb_next  # the shim's own frames are not the user's business
    frames = [
        ['File "%s"' % f.filename, "line %d" % f.lineno, "in %s" % f.name, f.line or ""]
        for f in traceback.extract_tb(tb)
    ]
    traceback.print_exception(type(exc), exc, tb, file=sys.stderr)
    return json.dumps({
        "errorMessage": str(exc),
        "errorType": type(exc).__name__,
        "stackTrace": frames,
    }).encode("utf-8")


def run(kind, event, ctx):
    if kind == "1":
        return load(os.environ["FC_INITIALIZER_HANDLER"])(ctx)
    if kind == "3":
        return load(os.environ["FC_PRESTOP_HANDLER"])(ctx)
    return load(ctx.function.handler)(event, ctx)


def sync(rid):
    # Everything this request printed is in the pipes before the engine sees the result.
    sys.stdout.flush()
    sys.stderr.flush()
    marker = ("\x01%s\x03\n" % rid).encode()
    os.write(1, marker)
    os.write(2, marker)


def handle(channel, head, event):
    headers = head["h"]
    rid = head["id"]
    _tls.rid = rid
    try:
        body = encode(run(headers.get("x-fc-function-type", "0"), event, Context(headers)))
        reply = {"id": rid, "ok": True}
    except Exception as exc:  # noqa: BLE001 - every user error is reported
        body = error_body(exc)
        reply = {"id": rid, "error": "UnhandledInvocationError"}
    sync(rid)
    _tls.rid = None
    channel.send(reply, body)


def worker(channel, work):
    while True:
        handle(channel, *work.get())


def main():
    sys.path[:0] = [CODE.rstrip("/") or "/", os.path.join(CODE, "python")]
    setup_logging()
    channel = Channel()
    channel.send({"ready": True})
    if CONCURRENCY == 1:
        while True:
            handle(channel, *channel.receive())
    import queue
    sys.stdout = Tagged(sys.stdout)
    sys.stderr = Tagged(sys.stderr)
    work = queue.SimpleQueue()
    for _ in range(CONCURRENCY):
        threading.Thread(target=worker, args=(channel, work), daemon=True).start()
    while True:
        work.put(channel.receive())


main()
