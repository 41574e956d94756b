// Converted events read, in every third-party reader of their format, as the same request as the original
// read by its own format's reader: method, host, path, query, headers and body, except where the
// conversion reported a loss. Run by scripts/test-readers.sh against the packed package.
//
// Where a reader has a bug of its own, the test says so (KNOWN below): it asserts the bug still shows,
// and reads around it for the rest. The fixtures stay as the platforms send them.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import tb from 'trigger-bridge';
import { READERS, midway } from './readers.mjs';

const FIXTURES = process.env.TB_FIXTURES;
const HTTP = ['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url'];

function fixtures() {
  const out = [];
  for (const format of HTTP) {
    for (const file of fs.readdirSync(path.join(FIXTURES, format)).filter((f) => f.endsWith('.json')).sort()) {
      out.push({ format, name: file.replace(/\.json$/, ''), event: JSON.parse(fs.readFileSync(path.join(FIXTURES, format, file), 'utf8')) });
    }
  }
  return out;
}

const isTrue = (flag) => flag === true || (typeof flag === 'string' && flag.toLowerCase() === 'true');
/** The bytes an event's body stands for, by the format's documented reading. */
const bodyOf = (event) => Buffer.from(event.body ?? '', isTrue(event.isBase64Encoded) ? 'base64' : 'utf8');
const methodOf = (event) => event.requestContext?.http?.method ?? event.httpMethod;

/**
 * Reader bugs, each with the events it shows on and how the test reads around it. `read(reader, event)`
 * returns the reading the reader would give without its bug.
 */
const KNOWN = [
  {
    reader: 'hono-fc3',
    why: 'the Hono FC 3.0 adapter passes the body of a GET or HEAD to `new Request`, which Fetch refuses',
    applies: (event) => ['GET', 'HEAD'].includes(methodOf(event)) && Boolean(event.body),
    shows: (reading) => reading instanceof Error && /GET\/HEAD method cannot have body/.test(reading.message),
    read: async (reader, event) => ({ ...(await reader({ ...event, body: '' })), body: bodyOf(event) }),
  },
  {
    reader: 'fc-express',
    why: 'fc-express tests `isBase64Encoded` for truth, so a body flagged with the string "false" (as Alibaba documents the flag) is decoded as base64',
    applies: (event) => typeof event.isBase64Encoded === 'string' && !isTrue(event.isBase64Encoded) && Boolean(event.body),
    shows: (reading) => !(reading instanceof Error) && Buffer.isBuffer(reading.body) && !reading.body.equals(Buffer.from('user=%E5%BC%A0%E4%B8%89&remember=on')),
    read: async (reader, event) => ({ ...(await reader(event)), body: bodyOf(event) }),
  },
  {
    reader: 'fc-express',
    why: 'fc-express hands `path` to Node\'s http as the request target, so a path that arrives decoded with non-ASCII characters or spaces is refused (500); trigger-bridge writes paths percent-encoded',
    applies: (event) => /[^\x21-\x7e]/.test(event.path ?? ''),
    shows: (reading) => reading instanceof Error && /answered 500/.test(reading.message),
    read: async (reader, event) => reader({ ...event, path: encodeURI(event.path) }),
  },
];

/** Read `event` with `reader` (named `name`), reading around a known bug after checking that it shows. */
async function readAround(name, reader, event, label) {
  const bug = KNOWN.find((k) => k.reader === name && k.applies(event));
  const reading = await reader(event).catch((e) => e);
  if (!bug) {
    if (reading instanceof Error) throw new Error(`${label}: ${name} failed: ${reading.message}`);
    return reading;
  }
  assert.ok(bug.shows(reading), `${label}: ${name}'s known bug (${bug.why}) no longer shows; drop it from KNOWN`);
  return bug.read(reader, event);
}

/** What Midway makes of a request read by another reader: the request as an event Midway reads. */
function asMidwayEvent(reading) {
  const queryString = {};
  for (const [k, v] of reading.query) queryString[k] = k in queryString ? [].concat(queryString[k], v) : v;
  const headers = { ...reading.headers, ...(reading.host === null ? {} : { host: reading.host }) };
  return { httpMethod: reading.method, path: reading.path, headers, queryString, body: reading.body.toString('base64'), isBase64Encoded: true };
}

/** Compare a reading of the converted event with the reference, field by field, except what `losses` name. */
function compare(got, want, losses, label) {
  const lost = (code) => losses.filter((l) => l.code === code);
  assert.equal(got.method, want.method, `${label}: method`);
  if (want.host !== null) assert.equal(got.host, want.host, `${label}: host`);
  // Paths compare as request targets: Midway passes `path` on as the event has it, so an event that holds a
  // decoded non-ASCII path (as the source fixture may) reads as text that the wire carries escaped.
  const wire = (p) => p.replace(/[^\x21-\x7e]+/gu, (text) => encodeURI(text));
  assert.equal(wire(got.path), wire(want.path), `${label}: path`);

  const keys = (q) => [...new Set(q.map(([k]) => k))];
  if (lost('query-repeated-dropped').length || lost('query-repeated-joined').length) {
    assert.deepEqual(keys(got.query), keys(want.query), `${label}: query keys`);
  } else if (lost('query-reordered').length) {
    const byKey = (q) => keys(q).map((k) => [k, q.filter(([n]) => n === k).map(([, v]) => v)]);
    assert.deepEqual(byKey(got.query), byKey(want.query), `${label}: query values per key`);
  } else {
    assert.deepEqual(got.query, want.query, `${label}: query`);
  }

  const joined = new Set(lost('header-joined').map((l) => decodeURIComponent(l.path.split('/').pop().replace(/~1/g, '/').replace(/~0/g, '~')).toLowerCase()));
  const headers = (h) => Object.fromEntries(Object.entries(h).filter(([k]) => !joined.has(k)));
  assert.deepEqual(headers(got.headers), headers(want.headers), `${label}: headers`);

  if (lost('binary-body').length || lost('body-not-base64').length) return;
  assert.deepEqual(got.body, want.body, `${label}: body`);
}

for (const { format, name, event } of fixtures()) {
  test(`${format}/${name} reads the same in every reader of every format`, async () => {
    const [primaryName, primary] = Object.entries(READERS[format])[0];
    const reference = await readAround(primaryName, primary, event, `${format}/${name} (original)`);
    const midwayReference = await midway(asMidwayEvent(reference));
    for (const to of HTTP) {
      const { event: converted, losses } = tb.convertEvent(event, { to });
      assert.equal(tb.detect(converted), to, `${format}/${name} → ${to} is detected as ${to}`);
      for (const [readerName, reader] of Object.entries(READERS[to])) {
        const label = `${format}/${name} → ${to}, read by ${readerName}`;
        const reading = await readAround(readerName, reader, converted, label);
        compare(reading, readerName === 'midway' ? midwayReference : reference, losses, label);
      }
    }
  });
}

test('every known reader bug shows on some fixture', async () => {
  const all = fixtures();
  for (const bug of KNOWN) {
    const format = Object.keys(READERS).find((f) => bug.reader in READERS[f]);
    assert.ok(all.some((f) => f.format === format && bug.applies(f.event)), `no fixture shows: ${bug.why}`);
  }
});

test('the readers see the host that FC 3.0 events carry as domainName and the others as a Host header', async () => {
  const fc = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'aliyun-http/encoded-path-binary.json'), 'utf8'));
  assert.equal((await READERS['aliyun-http']['hono-fc3'](fc)).host, 'x.cn-hangzhou.fcapp.run');
  for (const to of ['aliyun-apigw', 'tencent-apigw', 'tencent-url']) {
    const { event } = tb.convertEvent(fc, { to });
    for (const [readerName, reader] of Object.entries(READERS[to])) {
      const reading = await reader(event);
      assert.equal(reading.host, 'x.cn-hangzhou.fcapp.run', `${to} read by ${readerName}`);
      assert.equal(reading.path, '/files/my%20report+final.gz', `${to} read by ${readerName}`);
    }
  }
  const built = tb.eventFromRequest({ url: 'https://api.example.com/a%2Fb/c d?x=1' }, { to: 'aliyun-http' }).event;
  const reading = await READERS['aliyun-http']['hono-fc3'](built);
  assert.equal(reading.host, 'api.example.com');
  assert.equal(reading.path, '/a%2Fb/c%20d');
});
