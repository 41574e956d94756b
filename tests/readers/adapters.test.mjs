// For the same event, the request an app sees through trigger-bridge's adapters (`handle` for a fetch app,
// `handleNode` for a Node listener) is the request the third-party reader of that format gives its app:
// method, host, path as sent, query in order, headers and body. Run by scripts/test-readers.sh against the
// packed package, beside readers.test.mjs (whose readers and reading shape this uses).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import tb from 'trigger-bridge';
import { READERS } from './readers.mjs';

const FIXTURES = process.env.TB_FIXTURES;
const HTTP = ['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url'];
/** What readers.mjs leaves out of `headers`: what a Node-level reader or Fetch adds on its own. */
const ADDED = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'x-fc-express-event', 'x-fc-express-context']);

const headersOf = (entries) => {
  const out = {};
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (value !== undefined && !ADDED.has(lower)) out[lower] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
};

/** The reading of a fetch app behind `handle`. */
async function throughHandle(event, format) {
  let reading = null;
  const losses = [];
  const handler = tb.handle(async (request) => {
    const url = new URL(request.url);
    reading = { method: request.method, host: url.host, path: url.pathname, query: [...url.searchParams], headers: headersOf(request.headers), body: Buffer.from(await request.arrayBuffer()) };
    return new Response('ok');
  }, { onLoss: (l) => losses.push(l.code), onDiagnostic: () => {}, platform: format.startsWith('aliyun') ? 'aliyun' : 'tencent' });
  await handler(format.startsWith('aliyun') ? Buffer.from(JSON.stringify(event)) : event, {});
  return { reading, losses };
}

/** The reading of a Node listener behind `handleNode`. */
async function throughHandleNode(event, format) {
  let reading = null;
  const handler = tb.handleNode((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const q = req.url.indexOf('?');
      reading = {
        method: req.method,
        host: req.headers.host ?? null,
        path: q < 0 ? req.url : req.url.slice(0, q),
        query: [...new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1))],
        headers: headersOf(Object.entries(req.headers)),
        body: Buffer.concat(chunks),
      };
      res.end('ok');
    });
  }, { onLoss: () => {}, onDiagnostic: () => {} });
  await handler(format.startsWith('aliyun') ? Buffer.from(JSON.stringify(event)) : event, {});
  return reading;
}

const wire = (p) => p.replace(/[^\x21-\x7e]+/gu, (text) => encodeURI(text));

function compare(got, want, label, { body = true } = {}) {
  assert.equal(got.method, want.method, `${label}: method`);
  if (want.host !== null) assert.equal(got.host, want.host, `${label}: host`);
  assert.equal(wire(got.path), wire(want.path), `${label}: path`);
  assert.deepEqual(got.query, want.query, `${label}: query`);
  // Fetch gives a body without a type `text/plain;charset=UTF-8`; the Hono reader's reading drops it.
  const headers = (h) => Object.fromEntries(Object.entries(h).filter(([k]) => !(k === 'content-type' && !('content-type' in want.headers))));
  assert.deepEqual(headers(got.headers), want.headers, `${label}: headers`);
  if (body) assert.deepEqual(got.body, want.body, `${label}: body`);
}

for (const format of HTTP) {
  for (const file of fs.readdirSync(path.join(FIXTURES, format)).filter((f) => f.endsWith('.json')).sort()) {
    const event = JSON.parse(fs.readFileSync(path.join(FIXTURES, format, file), 'utf8'));
    test(`${format}/${file}: an app behind handle and handleNode sees what the format's readers give`, async (t) => {
      const viaHandle = await throughHandle(event, format);
      const viaNode = await throughHandleNode(event, format);
      assert.ok(viaHandle.reading && viaNode, 'both apps were called');
      let compared = 0;
      for (const [name, reader] of Object.entries(READERS[format])) {
        if (name === 'midway') continue; // Midway's body is parsed, not bytes: readers.test.mjs compares it
        const want = await reader(event).catch((e) => e);
        if (want instanceof Error) {
          // A reader bug readers.test.mjs names (KNOWN); trigger-bridge still reads the event.
          t.diagnostic(`${name} fails on this event (${want.message}); compared with the other readers only`);
          continue;
        }
        // A fetch Request cannot carry a GET body: handle drops it with a loss, Node listeners keep it.
        const dropped = viaHandle.losses.includes('body-dropped');
        // fc-express decodes a body flagged with the string "false" as base64 (readers.test.mjs, KNOWN).
        const wrongBody =
          (name === 'fc-express' && typeof event.isBase64Encoded === 'string' && event.isBase64Encoded.toLowerCase() === 'false') ||
          // A body flagged as base64 that is not: trigger-bridge reads the text and says so (a loss); readers decode it.
          viaHandle.losses.includes('body-not-base64');
        if (wrongBody) t.diagnostic(`${name} and trigger-bridge read this body differently, for a reason a loss or KNOWN names; bodies compared with the event instead`);
        compare(viaHandle.reading, want, `handle vs ${name}`, { body: !dropped && !wrongBody });
        compare(viaNode, want, `handleNode vs ${name}`, { body: !wrongBody });
        if (dropped) assert.equal(viaHandle.reading.body.length, 0);
        if (wrongBody) assert.equal(viaNode.body.toString(), event.body);
        compared++;
      }
      if (compared === 0) t.diagnostic('no reader could read this event');
    });
  }
}
