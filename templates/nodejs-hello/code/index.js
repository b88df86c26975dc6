'use strict';

// Function Compute passes the event as a Buffer; a JSON event becomes an object.
exports.handler = async (event, context) => {
  const text = Buffer.isBuffer(event) ? event.toString('utf8') : String(event || '');
  let payload = {};
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch (err) {
      payload = text;
    }
  }
  const name = (payload && payload.name) || 'world';
  console.log(`greeting ${name}`);
  return JSON.stringify({ message: `hello, ${name}!`, event: payload });
};
