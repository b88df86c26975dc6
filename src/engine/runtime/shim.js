// Bootstrap for Node.js instances. Takes invocations from the engine over the private
// channel it inherits as descriptor 3 (framed: u32 head length, u32 body length, JSON head,
// body), calls the user's handler (CommonJS or ESM; callback or async) with FC semantics
// (event as Buffer, FC context object) and sends back the result or the error.
'use strict';
const net = require('net');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const CODE = process.env.FC_FUNC_CODE_PATH || '/code/';
const CONCURRENCY = Number(process.env.FC_INSTANCE_CONCURRENCY || '1');
const channel = new net.Socket({ fd: 3, readable: true, writable: true });

function send(head, body) {
  const h = Buffer.from(JSON.stringify(head));
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32BE(h.length, 0);
  lengths.writeUInt32BE(body ? body.length : 0, 4);
  channel.write(body && body.length ? Buffer.concat([lengths, h, body]) : Buffer.concat([lengths, h]));
}

// With instanceConcurrency > 1, lines written through console.* carry their request id.
let als = null;
if (CONCURRENCY > 1) {
  const { AsyncLocalStorage } = require('async_hooks');
  const util = require('util');
  als = new AsyncLocalStorage();
  for (const m of ['log', 'info', 'debug', 'warn', 'error']) {
    const orig = console[m].bind(console);
    const stream = m === 'warn' || m === 'error' ? process.stderr : process.stdout;
    console[m] = (...args) => {
      const rid = als.getStore();
      if (!rid) return orig(...args);
      const text = util.format(...args).split('\n').map((l) => `\x01${rid}\x02${l}`).join('\n');
      stream.write(text + '\n');
    };
  }
}

const modules = new Map();
async function load(handler) {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`invalid handler \`${handler}\`: expected \`file.function\``);
  const name = handler.slice(0, dot);
  const fn = handler.slice(dot + 1);
  let mod = modules.get(name);
  if (!mod) {
    mod = await importModule(path.join(CODE, name));
    modules.set(name, mod);
  }
  const f = mod[fn] ?? (mod.default && mod.default[fn]);
  if (typeof f !== 'function') throw new Error(`handler \`${handler}\` is not a function exported by \`${name}\``);
  return f;
}

async function importModule(base) {
  if (fs.existsSync(base + '.mjs')) return import(pathToFileURL(base + '.mjs').href);
  const file = fs.existsSync(base + '.js') ? base + '.js' : fs.existsSync(base + '.cjs') ? base + '.cjs' : base;
  if (file.endsWith('.js') && isModulePackage(path.dirname(file))) return import(pathToFileURL(file).href);
  return require(file);
}

function isModulePackage(dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    const pkg = path.join(d, 'package.json');
    if (fs.existsSync(pkg)) {
      try { return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module'; } catch (_) { return false; }
    }
    if (path.dirname(d) === d) return false;
  }
}

function call(fn, args) {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (f) => (v) => { if (!done) { done = true; f(v); } };
    const ok = finish(resolve);
    const fail = (handled) => finish((err) => reject({ handled, err }));
    const callback = (err, result) => (err ? fail(true)(err) : ok(result));
    try {
      const r = fn(...args, callback);
      if (r && typeof r.then === 'function') r.then(ok, fail(false));
      else if (fn.length <= args.length) ok(r);
    } catch (e) {
      fail(false)(e);
    }
  });
}

function context(h) {
  const logger = {};
  for (const m of ['log', 'info', 'debug', 'warn', 'error']) {
    logger[m] = (...a) => console[m](new Date().toISOString(), h['x-fc-request-id'], `[${m.toUpperCase()}]`, ...a);
  }
  return {
    requestId: h['x-fc-request-id'] || '',
    credentials: {
      accessKeyId: h['x-fc-access-key-id'] || '',
      accessKeySecret: h['x-fc-access-key-secret'] || '',
      securityToken: h['x-fc-security-token'] || '',
    },
    function: {
      name: h['x-fc-function-name'] || '',
      handler: h['x-fc-function-handler'] || '',
      memory: Number(h['x-fc-function-memory'] || 0),
      timeout: Number(h['x-fc-function-timeout'] || 0),
    },
    service: {
      name: h['x-fc-service-name'] || '',
      logProject: h['x-fc-service-logproject'] || '',
      logStore: h['x-fc-service-logstore'] || '',
      qualifier: h['x-fc-qualifier'] || 'LATEST',
      versionId: h['x-fc-version-id'] || '',
    },
    region: h['x-fc-region'] || '',
    accountId: h['x-fc-account-id'] || '',
    retryCount: Number(h['x-fc-retry-count'] || 0),
    logger,
  };
}

function encode(result) {
  if (result === undefined || result === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(result)) return result;
  if (result instanceof Uint8Array) return Buffer.from(result);
  if (typeof result === 'object') return Buffer.from(JSON.stringify(result));
  return Buffer.from(String(result));
}

function errorBody(err) {
  const e = err instanceof Error ? err : { message: typeof err === 'string' ? err : JSON.stringify(err), name: 'Error' };
  const stack = typeof e.stack === 'string' ? e.stack.split('\n').slice(1).map((s) => s.trim()) : [];
  return Buffer.from(JSON.stringify({ errorMessage: e.message, errorType: e.name || 'Error', stackTrace: stack }));
}

async function run(kind, event, ctx) {
  if (kind === '1') return call(await load(process.env.FC_INITIALIZER_HANDLER), [ctx]);
  if (kind === '3') return call(await load(process.env.FC_PRESTOP_HANDLER), [ctx]);
  return call(await load(ctx.function.handler), [event, ctx]);
}

async function handle(head, event) {
  const headers = head.h || {};
  const rid = head.id;
  let body, reply;
  try {
    body = encode(await run(headers['x-fc-function-type'] || '0', event, context(headers)));
    reply = { id: rid, ok: true };
  } catch (failure) {
    const { handled, err } = failure && 'handled' in failure ? failure : { handled: false, err: failure };
    console.error(err instanceof Error ? err.stack : err);
    body = errorBody(err);
    reply = { id: rid, error: handled ? 'HandledInvocationError' : 'UnhandledInvocationError' };
  }
  // Pipes are synchronous on Linux: the markers land after everything the request printed.
  const marker = `\x01${rid}\x03\n`;
  process.stdout.write(marker);
  process.stderr.write(marker);
  send(reply, body);
}

let pending = Buffer.alloc(0);
channel.on('data', (data) => {
  pending = pending.length ? Buffer.concat([pending, data]) : data;
  while (pending.length >= 8) {
    const headLen = pending.readUInt32BE(0);
    const bodyLen = pending.readUInt32BE(4);
    if (pending.length < 8 + headLen + bodyLen) break;
    const head = JSON.parse(pending.subarray(8, 8 + headLen).toString());
    const event = Buffer.from(pending.subarray(8 + headLen, 8 + headLen + bodyLen));
    pending = pending.subarray(8 + headLen + bodyLen);
    const work = () => handle(head, event);
    (als ? als.run(head.id, work) : work()).catch(() => process.exit(1));
  }
});
channel.on('close', () => process.exit(0));
channel.on('error', () => process.exit(0));
send({ ready: true });
