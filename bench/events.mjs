// The event the benchmarks share (issue 14): an Alibaba API Gateway event as a real browser or API client
// produces it, at any size, and the hand-written JavaScript mapping to a Tencent API Gateway event that
// trigger-bridge's conversion is measured against.
//
//   makeEvent(bytes)            -> Buffer   an `aliyun-apigw` event of `bytes` bytes (within 4): 20 headers
//                                           (fewer below 1.6 KB), query and path parameters, a base64 JSON body
//   handwrittenObject(buffer)   -> object   what `convertEvent(buffer, {to: 'tencent-apigw'})` returns
//   handwrittenText(buffer)     -> string   what `convertEvent(buffer, {to: 'tencent-apigw', output: 'json'})`
//                                           returns, byte for byte
//
// The hand-written mapping is what a careful person writes for this one pair, with trigger-bridge's
// semantics (src/formats/aliyun_apigw.rs, src/formats/tencent.rs, `drop_unsafe_headers` in src/lib.rs): header
// fields HTTP cannot carry (a name that is not a token; a control character or a character beyond Latin-1 in
// the value) are dropped first, header names keep their case, headers that differ only in case are joined
// (`Set-Cookie` keeps its first value), the raw path keeps its escapes and gains the ones a request target needs, `queryParameters` becomes `queryString`, path parameters are
// carried, a base64 body passes through when it is canonical base64 (else it is read as text, unflagged),
// `requestContext` gets the path and method, the three configured-parameter maps are empty, and every
// loss is reported. Fields outside the format are dropped with a loss. It is checked against trigger-bridge
// on the benchmark's events and on events that exercise each rule (tests/js/bench-events.test.mjs), so the
// two do the same work. Until 2026-11-23 it kept the unsafe header fields; `headerCheck: false` still does.

// An API client's headers first, then a browser's: a small event takes the first ones that fit.
const HEADERS = [
  ['Host', 'api.example.com'],
  ['Content-Type', 'application/json'],
  ['Content-Length', '0'], // set to the body's length
  ['Accept', 'application/json, text/plain, */*'],
  ['X-Forwarded-For', '203.0.113.7, 10.0.0.12'],
  ['X-Forwarded-Proto', 'https'],
  ['X-Real-IP', '203.0.113.7'],
  ['X-Ca-Request-Id', '5D1F7A7C-3B4E-4F0A-9C2D-6E8B1A0F3C55'],
  ['X-Ca-Stage', 'RELEASE'],
  ['Accept-Encoding', 'gzip, deflate, br, zstd'],
  ['Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJl'],
  ['User-Agent', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'],
  ['Accept-Language', 'zh-CN,zh;q=0.9,en-US;q=0.8,en;q=0.7'],
  ['Origin', 'https://console.example.com'],
  ['Referer', 'https://console.example.com/orders/42?tab=items'],
  ['Cookie', 'session=9f2c1d7e8a6b4c3d2e1f0a9b8c7d6e5f; theme=dark; lang=zh-CN'],
  ['Sec-Fetch-Mode', 'cors'],
  ['Sec-Fetch-Site', 'same-site'],
  ['Sec-Fetch-Dest', 'empty'],
  ['Sec-Ch-Ua', '"Chromium";v="126", "Google Chrome";v="126", "Not-A.Brand";v="8"'],
];

/** A JSON body of `n` bytes or a little more (an order's items; none for `n` = 0). */
function jsonBody(n) {
  const items = [];
  let size = 40;
  for (let i = 1; size < n; i++) {
    const item = `{"sku":"SKU-${100000 + i}","name":"Item ${i}","quantity":${(i % 7) + 1},"price":${(i * 37) % 1000}.5,"tags":["sale","new"]}`;
    items.push(item);
    size += item.length + 1;
  }
  return `{"orderId":"42","currency":"CNY","items":[${items.join(',')}],"note":""}`;
}

function eventText(bodyBytes, padding, headerCount = HEADERS.length) {
  const body = Buffer.from(jsonBody(bodyBytes).replace('"note":""', `"note":"${' '.repeat(padding)}"`));
  const headers = Object.fromEntries(HEADERS.slice(0, headerCount).map(([k, v]) => [k, k === 'Content-Length' ? String(body.length) : v]));
  return JSON.stringify({
    path: '/api/orders/42/items',
    httpMethod: 'POST',
    headers,
    queryParameters: { page: '2', pageSize: '50', sort: 'created_at', order: 'desc' },
    pathParameters: { orderId: '42' },
    body: body.toString('base64'),
    isBase64Encoded: true,
  });
}

/**
 * An `aliyun-apigw` event of `bytes` bytes (within 4) as the Buffer FC hands a handler, with the 20 headers
 * from 1.6 KB up; a smaller event has no items in its body and the first headers of the list that fit (those
 * of an API client rather than a browser's).
 */
export function makeEvent(bytes) {
  let headerCount = HEADERS.length;
  while (headerCount > 1 && eventText(0, 0, headerCount).length > bytes) headerCount--;
  if (headerCount < HEADERS.length) {
    const text = eventText(0, 0, headerCount);
    return Buffer.from(eventText(0, Math.max(0, Math.floor(((bytes - text.length) * 3) / 4)), headerCount));
  }
  const overhead = eventText(0, 0).length - Buffer.from(jsonBody(0)).toString('base64').length;
  // Items up to about 200 bytes short of the size (an item is about 100), then the note fills the rest.
  const bodyBytes = Math.max(0, Math.floor(((bytes - overhead) * 3) / 4) - 200);
  let text = eventText(bodyBytes, 0);
  // Pad the note (3 body bytes are 4 base64 characters) until the event reaches the size asked.
  const padding = Math.max(0, Math.floor(((bytes - text.length) * 3) / 4));
  if (padding > 0) text = eventText(bodyBytes, padding);
  return Buffer.from(text);
}

// Canonical base64: the alphabet, a length that is a multiple of 4, padding whose unused bits are zero. The
// length is checked apart from the pattern: a repeated group of four overflows V8's regexp stack on 32 MB.
const BASE64_TEXT = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=|[A-Za-z0-9+/][AQgw]==)?$/;
const CANONICAL_BASE64 = { test: (text) => text.length % 4 === 0 && BASE64_TEXT.test(text) };
// A raw path byte a request target does not hold literally, or a `%` that starts no escape.
const PATH_NEEDS_ESCAPE = /[^\x21-\x7E]|["#<>?`{}\\]|%(?![0-9A-Fa-f]{2})/;
const KNOWN = new Set(['path', 'httpMethod', 'headers', 'queryParameters', 'pathParameters', 'body', 'isBase64Encoded']);
// A header field HTTP can carry: a name that is an RFC 9110 token, a value of tabs, printable ASCII and
// Latin-1 (no CR, LF, NUL or other control character, nothing beyond U+00FF).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const UNSAFE_VALUE = /[^\t\x20-\x7E\x80-\xFF]/;
const pointerToken = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function escapePath(raw) {
  const bytes = Buffer.from(raw);
  const hex = (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const escape = b === 0x25 ? !(hex(bytes[i + 1]) && hex(bytes[i + 2])) : b < 0x21 || b > 0x7e || '"#<>?`{}\\'.includes(String.fromCharCode(b));
    out += escape ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
  }
  return out;
}

function stringMap(value, name) {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${name} is not an object`);
  return value;
}

/**
 * The hand-written mapping `aliyun-apigw` → `tencent-apigw`, as the object a handler would go on with.
 * `headerCheck: false` skips dropping the header fields HTTP cannot carry: the benchmark's baseline before
 * 2026-11-23, kept as a row of its own so that runs before and after compare (it gives the same object for
 * the benchmark's events, which carry no such field).
 */
export function handwrittenObject(buffer, { headerCheck = true } = {}) {
  const e = JSON.parse(buffer);
  if (typeof e.httpMethod !== 'string') throw new TypeError('httpMethod is required');
  if (typeof e.path !== 'string') throw new TypeError('path is required');
  const losses = [];
  const path = PATH_NEEDS_ESCAPE.test(e.path) ? escapePath(e.path) : e.path;

  // Fields HTTP cannot carry are dropped first; headers keep their case; names that differ only in case are
  // one header.
  const unsafe = [];
  const headers = {};
  const seen = new Map();
  for (const [name, value] of Object.entries(stringMap(e.headers, 'headers'))) {
    if (typeof value !== 'string') throw new TypeError(`headers.${name} is not a string`);
    if (headerCheck && (!TOKEN.test(name) || UNSAFE_VALUE.test(value))) {
      unsafe.push({ code: 'header-unsafe-dropped', path: `/headers/${pointerToken(name)}` });
      continue;
    }
    const lower = name.toLowerCase();
    const first = seen.get(lower);
    if (first === undefined) {
      seen.set(lower, [name, 1]);
      headers[name] = value;
    } else {
      first[1]++;
      const pointer = `/headers/${pointerToken(first[0])}`;
      if (lower === 'set-cookie') {
        if (first[1] === 2) losses.push({ code: 'set-cookie-dropped', path: pointer });
      } else {
        headers[first[0]] += (lower === 'cookie' ? '; ' : ', ') + value;
        if (first[1] === 2) losses.push({ code: 'header-joined', path: pointer });
      }
    }
  }
  const queryString = {};
  for (const [k, v] of Object.entries(stringMap(e.queryParameters, 'queryParameters'))) {
    if (typeof v !== 'string') throw new TypeError(`queryParameters.${k} is not a string`);
    queryString[k] = v;
  }
  const pathParameters = {};
  for (const [k, v] of Object.entries(stringMap(e.pathParameters, 'pathParameters'))) {
    if (typeof v !== 'string') throw new TypeError(`pathParameters.${k} is not a string`);
    pathParameters[k] = v;
  }
  const flagged = e.isBase64Encoded === true || e.isBase64Encoded === 'true';
  const body = typeof e.body === 'string' ? e.body : '';
  let isBase64Encoded = flagged;
  if (flagged && !CANONICAL_BASE64.test(body)) {
    isBase64Encoded = false;
    losses.push({ code: 'body-not-base64', path: '/body' });
  }
  for (const key of Object.keys(e)) {
    if (!KNOWN.has(key)) losses.push({ code: 'field-dropped', path: `/${key}` });
  }
  const event = {
    requestContext: { path, httpMethod: e.httpMethod },
    headers,
    body,
    pathParameters,
    queryStringParameters: {},
    headerParameters: {},
    stageVariables: {},
    path,
    queryString,
    httpMethod: e.httpMethod,
    isBase64Encoded,
  };
  return { from: 'aliyun-apigw', to: 'tencent-apigw', event, losses: unsafe.length > 0 ? [...unsafe, ...losses] : losses };
}

/** The hand-written mapping `aliyun-apigw` → `tencent-apigw`, as JSON text (what a handler returns or sends on). */
export function handwrittenText(buffer) {
  return JSON.stringify(handwrittenObject(buffer));
}
