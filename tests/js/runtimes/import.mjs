// `import` of 'trigger-bridge' on the Node running this file: the default export runs every API
// (every-api.cjs), the named exports are the same functions, and both module systems share one instance.
import { createRequire } from 'module';
import tb, * as named from 'trigger-bridge';

const require = createRequire(import.meta.url);
const assert = require('assert').strict;
const { checkEveryApi } = require('./every-api.cjs');

// No top-level await: Node 12 does not have it.
checkEveryApi(tb, 'import').then((checked) => {
  let n = checked;
  for (const name of ['detect', 'convertEvent', 'convertResponse', 'validateEvent', 'validateResponse', 'clientResponse', 'eventFromRequest', 'eventFromObject', 'eventFromMessage', 'convertTimerConfig', 'runCli', 'init', 'initTools']) {
    assert.equal(named[name], tb[name], name);
    n++;
  }
  assert.equal(named.cron, tb.cron);
  assert.equal(named.TriggerBridgeError, tb.TriggerBridgeError);
  assert.equal(require('trigger-bridge'), tb, 'import and require share one instance');
  console.log(`import on Node ${process.version}: ${n + 3} passed, 0 failed`);
}).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
