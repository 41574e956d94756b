// The same handler as an ES module under `--module nodenext`, compiled and run (scripts/test-js.sh):
// the default export is the whole API and the named exports are its functions.
import tb, { convertEvent, cron, initTools, TriggerBridgeError, type EventConversion, type Loss } from 'trigger-bridge';

function ok(condition: boolean, what: string): void {
  if (!condition) throw new Error(`nodenext.mts: ${what}`);
}

// An SCF-style async handler over an object event.
export const main_handler = async (event: object) => {
  const converted: EventConversion<'aliyun-http'> = tb.convertEvent(event, { to: 'aliyun-http' });
  const losses: Loss[] = converted.losses;
  return { statusCode: 200, body: JSON.stringify({ path: converted.event.rawPath, losses: losses.length }) };
};

const result = await main_handler({ httpMethod: 'GET', path: '/p', headers: {}, queryParameters: {}, pathParameters: {}, body: '', isBase64Encoded: false });
ok(JSON.parse(result.body).path === '/p', 'the converted path');
ok(convertEvent === tb.convertEvent, 'named and default exports are the same functions');
await initTools();
ok(cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent' }).expression === '0 0 17 * * * *', 'cron');
ok(typeof tb.instances === 'number', 'the default export carries the whole API');
try {
  tb.detect('[]');
  ok(false, 'detect throws');
} catch (e) {
  ok(e instanceof TriggerBridgeError, 'TriggerBridgeError');
}
console.log('nodenext.mts: compiled and ran');
