// A TypeScript handler compiled with `--module commonjs` and no esModuleInterop, then run
// (scripts/test-js.sh): `require` users get the `export =` typing, so what type-checks also runs.
import tb = require('trigger-bridge');
import * as star from 'trigger-bridge';
import { convertEvent, TriggerBridgeError, type EventConversion, type Loss } from 'trigger-bridge';
// @ts-expect-error: the CommonJS module has no default export; without esModuleInterop this would be `undefined`.
import wrong from 'trigger-bridge';

function ok(condition: boolean, what: string): void {
  if (!condition) throw new Error(`commonjs.ts: ${what}`);
}

// An FC-style callback handler over a Buffer-like event.
export function handler(event: Uint8Array, _context: unknown, callback: (err: Error | null, result?: unknown) => void): void {
  const converted: EventConversion<'tencent-apigw'> = tb.convertEvent(event, { to: 'tencent-apigw' });
  const losses: Loss[] = converted.losses;
  callback(null, { statusCode: 200, body: JSON.stringify({ method: converted.event.httpMethod, losses: losses.length }) });
}

const event = new TextEncoder().encode(JSON.stringify({ httpMethod: 'GET', path: '/p', headers: {}, queryParameters: {}, pathParameters: {}, body: '', isBase64Encoded: false }));
handler(event, {}, (err, result) => {
  ok(err === null, 'the handler answered');
  ok(JSON.parse((result as { body: string }).body).method === 'GET', 'the converted method');
});
ok(star.detect(event) === 'aliyun-apigw', 'namespace import');
ok(convertEvent(event, { to: 'aliyun-http', output: 'json' }).includes('"rawPath":"/p"'), 'named import');
try {
  tb.detect('[]');
  ok(false, 'detect throws');
} catch (e) {
  ok(e instanceof TriggerBridgeError && typeof e.code === 'string', 'TriggerBridgeError');
}
ok(typeof wrong === 'undefined', 'the default import the types forbid is indeed missing at run time');
console.log('commonjs.ts: compiled and ran');
