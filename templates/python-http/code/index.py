import base64
import json
import logging

logger = logging.getLogger()


def handler(event, context):
    # An HTTP trigger turns the request into a JSON event (FC 3.0): method, path, headers,
    # query parameters and the body (base64 when it is binary).
    request = json.loads(event)
    http = request.get("requestContext", {}).get("http", {})
    body = request.get("body") or ""
    if request.get("isBase64Encoded"):
        body = base64.b64decode(body).decode("utf-8", "replace")
    query = request.get("queryParameters") or {}
    logger.info("%s %s", http.get("method"), http.get("path"))
    answer = {
        "message": f"hello, {query.get('name', 'world')}!",
        "method": http.get("method"),
        "path": http.get("path"),
        "query": query,
        "body": body,
    }
    # The returned object becomes the HTTP response.
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "isBase64Encoded": False,
        "body": json.dumps(answer),
    }
