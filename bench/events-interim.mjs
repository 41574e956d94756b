// Stand-in for bench/events.mjs (the realistic event and the hand-written mappings, owned by the core
// performance work) until it lands: the same interface, so bench/bench.mjs imports whichever exists.
//
//   makeEvent(bytes)          -> Buffer: an Alibaba API Gateway event of about `bytes` bytes, 20 headers,
//                                a query, path parameters and a base64 JSON body (what FC hands a handler)
//   handwrittenObject(buffer) -> the Tencent API Gateway event, as trigger-bridge's `convertEvent` gives it
//   handwrittenText(buffer)   -> the same as JSON text

const HEADERS = [
  ['Host', 'api.example.com'],
  ['Content-Type', 'application/json; charset=utf-8'],
  ['Accept', 'application/json'],
  ['Accept-Encoding', 'gzip, deflate, br'],
  ['Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.8'],
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36'],
  ['X-Forwarded-For', '203.0.113.7, 198.51.100.2'],
  ['X-Forwarded-Proto', 'https'],
  ['X-Real-IP', '203.0.113.7'],
  ['X-Ca-Request-Id', '5B2A1C3D-7E8F-4A9B-8C0D-1E2F3A4B5C6D'],
  ['X-Ca-Stage', 'RELEASE'],
  ['X-Ca-Api-Gateway', 'apigateway.cn-hangzhou.aliyuncs.com'],
  ['Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.dGVzdA'],
  ['Cookie', 'session=abc123; theme=dark; lang=zh-CN'],
  ['Referer', 'https://www.example.com/app/orders'],
  ['Origin', 'https://www.example.com'],
  ['Cache-Control', 'no-cache'],
  ['Connection', 'keep-alive'],
  ['X-Trace-Id', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
  ['Content-Length', '0'],
];

/** A JSON body of about `bytes` bytes: a list of orders. */
function jsonBody(bytes) {
  const items = [];
  let size = 12;
  for (let i = 0; size < bytes; i++) {
    const item = { id: i, sku: `SKU-${1000 + i}`, name: `商品 item number ${i}`, qty: (i % 5) + 1, price: 19.9 + i };
    size += Buffer.byteLength(JSON.stringify(item)) + 1;
    items.push(item);
  }
  return JSON.stringify({ items });
}

function build(headerCount, body) {
  const headers = Object.fromEntries(HEADERS.slice(0, headerCount).map(([k, v]) => [k, k === 'Content-Length' ? String(body.length) : v]));
  return Buffer.from(
    JSON.stringify({
      path: '/api/orders/42',
      httpMethod: 'POST',
      headers,
      queryParameters: { page: '2', sort: 'created', expand: 'items' },
      pathParameters: { id: '42' },
      body: body.toString('base64'),
      isBase64Encoded: true,
    })
  );
}

/**
 * The event, of about `bytes` bytes in all (the body's base64 is 4/3 of the body). 20 headers take about
 * 1.1 KB: below 2 KB the event keeps the headers that fit next to a small body (at least 4).
 */
export function makeEvent(bytes) {
  let headerCount = HEADERS.length;
  while (headerCount > 4 && build(headerCount, Buffer.alloc(96)).length > bytes) headerCount--;
  const skeleton = build(headerCount, Buffer.alloc(0)).length;
  return build(headerCount, Buffer.from(jsonBody(Math.max(16, Math.floor(((bytes - skeleton) * 3) / 4)))));
}

/** Alibaba API Gateway event → Tencent API Gateway event, the semantics of `convertEvent`, object out. */
export function handwrittenObject(buffer) {
  const e = JSON.parse(buffer);
  const headers = {};
  for (const k in e.headers) headers[k] = String(e.headers[k]);
  const query = {};
  for (const k in e.queryParameters) query[k] = String(e.queryParameters[k]);
  const params = {};
  for (const k in e.pathParameters) params[k] = String(e.pathParameters[k]);
  return {
    from: 'aliyun-apigw',
    to: 'tencent-apigw',
    event: {
      requestContext: { path: e.path, httpMethod: e.httpMethod },
      headers,
      body: e.body || '',
      pathParameters: params,
      queryStringParameters: {},
      headerParameters: {},
      stageVariables: {},
      path: e.path,
      queryString: query,
      httpMethod: e.httpMethod,
      isBase64Encoded: e.isBase64Encoded === true || e.isBase64Encoded === 'true',
    },
    losses: [],
  };
}

/** The same, as JSON text. */
export function handwrittenText(buffer) {
  return JSON.stringify(handwrittenObject(buffer));
}
