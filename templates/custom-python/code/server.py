"""A custom-runtime function: your own HTTP server, standard library only.

FC starts `python3 server.py` (customRuntimeConfig in s.yaml) and sends it:
  - POST /invoke with the event as the body, for `s invoke` and async invocations;
  - every request to the HTTP trigger, unchanged (method, path, query, headers, body).
It must listen on 0.0.0.0:$FC_CUSTOM_LISTEN_PORT (9000 on FC).
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/invoke":
            return self.invoke(body)
        self.web(body)

    def do_GET(self):
        self.web(b"")

    def invoke(self, body):
        request_id = self.headers.get("x-fc-request-id", "")
        try:
            event = json.loads(body or b"{}")
        except ValueError:
            # A non-2xx answer marks the invocation as failed.
            return self.reply(400, {"error": "the event is not JSON"})
        name = event.get("name", "world") if isinstance(event, dict) else "world"
        print(f"{request_id} invoked for {name}", flush=True)
        self.reply(200, {"message": f"hello, {name}!", "event": event})

    def web(self, body):
        url = urlparse(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        print(f"{self.command} {url.path}", flush=True)
        self.reply(200, {
            "message": f"hello, {query.get('name', 'world')}!",
            "method": self.command,
            "path": url.path,
            "query": query,
            "body": body.decode("utf-8", "replace"),
        })

    def reply(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass  # one line per request is printed above; skip the default access log


if __name__ == "__main__":
    port = int(os.environ.get("FC_CUSTOM_LISTEN_PORT", "9000"))
    print(f"listening on {port}", file=sys.stderr, flush=True)
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
