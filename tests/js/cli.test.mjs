// `npx trigger-bridge` gives the same stdout, stderr and exit code as the native binary.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const fixtures = process.env.TB_FIXTURES;
const native = process.env.TB_NATIVE;
const npxBin = path.resolve('node_modules/.bin/trigger-bridge');
const f = (p) => path.join(fixtures, p);

const cases = [
  [['detect', f('tencent-url/captured-get.json')]],
  [['detect', '--json', '-'], '{"triggerTime":"x","triggerName":"y"}'],
  [['convert', '--to', 'aliyun-apigw', f('tencent-apigw/get-repeated-query.json')]],
  [['convert', '--json', '--to', 'tencent-url', f('aliyun-apigw/binary-png.json')]],
  [['convert', '--response', '--from', 'aliyun-apigw', '--to', 'tencent-apigw', f('responses/alibaba-node-sample.json')]],
  [['validate', '--response', '--as', 'tencent-apigw', f('responses/alibaba-python-sample.json')]],
  [['validate', '--json', f('aliyun-http/doc-get-joined.json')]],
  [['request', '--to', 'aliyun-http', '-X', 'PUT', '-H', 'Content-Type: text/plain', '--data', 'hi', 'https://x.example.com/a%20b?q=1&q=2']],
  [['respond', '--as', 'tencent-apigw', f('responses/binary-png.json')]],
  [['respond', '--as', 'aliyun-apigw', f('responses/missing-status.json')]],
  [['cron', 'convert', '--from', 'tencent', '--to', 'aliyun', '0 0 0 1 1 * 2026']],
  [['cron', 'explain', '--dialect', 'aliyun', '--after', '2024-02-28T00:00:00Z', '--count', '3', '0 0 9 * * ?']],
  [['cron', 'config', '--from', 'aliyun', '--to', 'tencent', f('configs/aliyun-daily.json')]],
  [['trigger', 'convert', '--to', 'tencent', f('configs/aliyun-http.json')]],
  [['trigger', 'convert', '--json', '--to', 'aliyun', f('configs/tencent-apigw.json')]],
  [['convert', '-']],
  [['frobnicate']],
  [['detect', '/no/such/file']],
  [['--help']],
  [['convert', '--help']],
  [['cron', 'explain', '-h']],
  [['convert', '--fail-on-loss', '--to', 'aliyun-apigw', f('tencent-apigw/get-repeated-query.json')]],
  [['request', '--to', 'aliyun-http', '-X', 'TRACE', 'https://x.example.com/p']],
];

test('npx trigger-bridge matches the native CLI', () => {
  assert.ok(native, 'TB_NATIVE must point at the native binary');
  for (const [args, stdin = ''] of cases) {
    const a = spawnSync(native, args, { input: stdin });
    const b = spawnSync(process.execPath, [npxBin, ...args], { input: stdin });
    const what = args.join(' ');
    assert.equal(b.status, a.status, `${what}: ${b.stderr}`);
    assert.equal(b.stdout.toString('latin1'), a.stdout.toString('latin1'), what);
    assert.equal(b.stderr.toString(), a.stderr.toString(), what);
  }
});
