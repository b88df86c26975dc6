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


_wsgi = {}


def takes_wsgi(name, fn):
    """FC's Python HTTP handler signature, `handler(environ, start_response)`: a function,
    or a callable such as a Flask app object given as the handler."""
    shaped = _wsgi.get(name)
    if shaped is None:
        code = getattr(fn, "__code__", None)
        skip = 0
        if code is None:
            call = getattr(getattr(type(fn), "__call__", None), "__code__", None)
            code, skip = call, 1
        names = code.co_varnames[skip:code.co_argcount] if code is not None else ()
        shaped = _wsgi[name] = tuple(names[:2]) == ("environ", "start_response")
    return shaped


def environ_of(request, ctx):
    """A PEP 3333 environ from FC's HTTP trigger event, with FC's own `fc.*` keys."""
    import base64
    import io
    from urllib.parse import urlencode

    body = request.get("body") or ""
    body = base64.b64decode(body) if request.get("isBase64Encoded") else body.encode("utf-8")
    http = request.get("requestContext", {}).get("http", {})
    query = urlencode(request.get("queryParameters") or {})
    path = http.get("path") or "/"
    host = "localhost"
    env = {
        "REQUEST_METHOD": http.get("method", "GET"),
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": http.get("sourceIp", ""),
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": CONCURRENCY > 1,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "fc.context": ctx,
        "fc.request_uri": path + ("?" + query if query else ""),
    }
    for key, value in (request.get("headers") or {}).items():
        name = key.upper().replace("-", "_")
        if name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            env[name] = value
        else:
            env["HTTP_" + name] = value
        if name == "HOST":
            host = value
    env["SERVER_NAME"], _, port = host.partition(":")
    env["SERVER_PORT"] = port or "80"
    return env


def call_wsgi(app, request, ctx):
    """Run a WSGI app on one HTTP event; its answer as FC's `{statusCode, headers, body}`."""
    import base64

    started = {}
    chunks = []

    def start_response(status, headers, exc_info=None):
        if exc_info and started:
            raise exc_info[1].with_traceback(exc_info[2])
        started["status"], started["headers"] = status, headers
        return chunks.append

    result = app(environ_of(request, ctx), start_response)
    try:
        chunks.extend(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    if not started:
        raise RuntimeError("the HTTP handler returned without calling start_response")
    headers = {}
    for name, value in started["headers"]:
        headers.setdefault(name, []).append(value)
    body = b"".join(c if isinstance(c, bytes) else str(c).encode("utf-8") for c in chunks)
    return {
        "statusCode": int(started["status"].split()[0]),
        "headers": {k: v[0] if len(v) == 1 else v for k, v in headers.items()},
        "isBase64Encoded": True,
        "body": base64.b64encode(body).decode("ascii"),
    }


def http_event(event):
    try:
        request = json.loads(event)
    except ValueError:
        return None
    if isinstance(request, dict) and request.get("version") == "v1" and "requestContext" in request:
        return request
    return None


def run(kind, event, ctx):
    if kind == "1":
        return load(os.environ["FC_INITIALIZER_HANDLER"])(ctx)
    if kind == "3":
        return load(os.environ["FC_PRESTOP_HANDLER"])(ctx)
    name = ctx.function.handler
    fn = load(name)
    if takes_wsgi(name, fn):
        request = http_event(event)
        if request is not None:
            return call_wsgi(fn, request, ctx)
    return fn(event, ctx)


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
