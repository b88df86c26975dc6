'use strict';

// An HTTP trigger turns the request into a JSON event (FC 3.0): method, path, headers,
// query parameters and the body (base64 when it is binary).
exports.handler = async (event, context) => {
  const request = JSON.parse(event.toString());
  const http = (request.requestContext || {}).http || {};
  let body = request.body || '';
  if (request.isBase64Encoded) {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  const query = request.queryParameters || {};
  console.log(`${http.method} ${http.path}`);
  const answer = {
    message: `hello, ${query.name || 'world'}!`,
    method: http.method,
    path: http.path,
    query,
    body,
  };
  // The returned object becomes the HTTP response.
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    isBase64Encoded: false,
    body: JSON.stringify(answer),
  };
};
