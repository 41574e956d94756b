// ESM import of the installed package: named and default exports, one instance shared with require.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import tb, { convertEvent, detect, formats, TriggerBridgeError, init } from 'trigger-bridge';

test('ESM named and default exports work and share the CommonJS instance', async () => {
  await init();
  const required = createRequire(import.meta.url)('trigger-bridge');
  assert.equal(tb.convertEvent, required.convertEvent);
  assert.equal(convertEvent, required.convertEvent);
  assert.equal(formats, required.formats);
  assert.equal(formats.length, 13); // four HTTP, two timer, two object-storage, five message-queue formats
  assert.equal(detect('{"Type":"Timer","TriggerName":"t","Time":"2024-01-01T00:00:00Z","Message":""}'), 'tencent-timer');
  const timer = convertEvent({ triggerTime: '2024-01-01T00:00:00Z', triggerName: 'nightly', payload: 'p' }, { to: 'tencent-timer' });
  assert.deepEqual(timer.event, { Type: 'Timer', TriggerName: 'nightly', Time: '2024-01-01T00:00:00Z', Message: 'p' });
  assert.throws(() => detect('[]'), TriggerBridgeError);
});
