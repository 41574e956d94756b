// Cron with real time zones in the installed package: the tools module reads tz data from the host's
// `Intl` (no bundled tzdb), and must agree with the native binary, which reads the system's tzdb.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import tb from 'trigger-bridge';

const native = process.env.TB_NATIVE;
const after = '2025-01-01T00:00:00Z';

test('half- and quarter-hour zones shift minutes exactly (Kolkata 09:00 is 11:30 in Beijing)', () => {
  const kolkata = tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent', fromTz: 'Asia/Kolkata', after });
  assert.equal(kolkata.expression, '0 30 11 * * * *');
  assert.deepEqual(kolkata.losses, []);
  assert.deepEqual(kolkata.fromZone, { name: 'Asia/Kolkata', offset: 19800 });
  const kathmandu = tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent', fromTz: 'Asia/Kathmandu', after });
  assert.equal(kathmandu.expression, '0 15 11 * * * *');
  assert.equal(kathmandu.fromZone.offset, 5 * 3600 + 45 * 60);
  const back = tb.cron.convert('0 0 9 * * * *', { from: 'tencent', to: 'aliyun', toTz: 'Asia/Kolkata', after });
  assert.equal(back.expression, 'CRON_TZ=Asia/Kolkata 0 30 6 * * ?');
});

test('New York 09:00 into Beijing time: 21:00 (daylight time), with a loss naming the standard-time dates', () => {
  const t = tb.cron.convert('CRON_TZ=America/New_York 0 0 9 * * ?', { from: 'aliyun', to: 'tencent', after });
  assert.equal(t.expression, '0 0 21 * * * *');
  assert.deepEqual(t.losses.map((l) => l.code), ['cron-daylight-saving']);
  assert.match(t.losses[0].message, /fires 1 hour early on 2025-01-01 to 2025-03-08, 2025-11-02 to 2026-01-01 \(128 days in America\/New_York\)/);
  assert.deepEqual([t.fromZone.offset, t.toZone.offset], [-5 * 3600, 8 * 3600]);
  // And back: Beijing 21:00 into New York time.
  const back = tb.cron.convert('0 0 21 * * * *', { from: 'tencent', to: 'aliyun', toTz: 'America/New_York', after: new Date(after) });
  assert.equal(back.expression, 'CRON_TZ=America/New_York 0 0 9 * * ?');
  assert.match(back.losses[0].message, /fires 1 hour late on 2025-01-01 to 2025-03-08/);
  // Zones that change on the same instants keep every instant: no loss.
  const london = tb.cron.convert('0 30 2 * * ?', { from: 'aliyun', to: 'aliyun', fromTz: 'Europe/Berlin', toTz: 'Europe/London', after });
  assert.deepEqual([london.expression, london.losses], ['CRON_TZ=Europe/London 0 30 1 * * ?', []]);
});

test('explain follows the wall clock across changes: skipped times do not fire, repeated ones fire twice', () => {
  const next = (expr, tz, from, count) => tb.cron.explain(expr, { dialect: 'aliyun', tz, after: from, count }).next;
  assert.deepEqual(next('0 30 2 * * ?', 'America/New_York', '2026-03-07T00:00:00Z', 3), ['2026-03-07T02:30:00-05:00', '2026-03-09T02:30:00-04:00', '2026-03-10T02:30:00-04:00']);
  assert.deepEqual(next('0 30 1 * * ?', 'America/New_York', '2026-10-31T12:00:00Z', 3), ['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00', '2026-11-02T01:30:00-05:00']);
  assert.deepEqual(next('0 30 2 * * ?', 'Australia/Sydney', '2026-04-04T00:00:00Z', 3), ['2026-04-05T02:30:00+11:00', '2026-04-05T02:30:00+10:00', '2026-04-06T02:30:00+10:00']);
  assert.deepEqual(next('0 0 9 * * ?', 'Europe/Berlin', '2026-03-28T12:00:00Z', 2), ['2026-03-29T09:00:00+02:00', '2026-03-30T09:00:00+02:00']);
  const e = tb.cron.explain('CRON_TZ=America/New_York 0 0 9 * * ?', { dialect: 'aliyun', after: '2026-07-01T00:00:00Z', count: 1 });
  assert.deepEqual(e.zone, { name: 'America/New_York', offset: -4 * 3600 });
});

test('timer configurations take zones and the checked year too', () => {
  const config = { triggerName: 'daily', cronExpression: 'CRON_TZ=Europe/Berlin 0 0 9 * * ?', enable: true, payload: '' };
  const c = tb.convertTimerConfig(config, { from: 'aliyun', to: 'tencent', after });
  // 09:00 CEST (UTC+2, most of the year) is 15:00 in Beijing; 09:00 CET is 16:00.
  assert.equal(c.config.TriggerDesc, '0 0 15 * * * *');
  assert.deepEqual(c.losses.map((l) => l.code), ['cron-daylight-saving']);
  assert.throws(() => tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent', after: 'not a date' }), { code: 'usage' });
});

test('unknown zones are typed errors, and the module keeps working', () => {
  for (const tz of ['Mars/Olympus', 'America/New_Yrok', '../../etc/passwd', 'Europe/Berlin\u0000']) {
    assert.throws(() => tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent', fromTz: tz }), { name: 'TriggerBridgeError', code: 'invalid-time-zone' }, tz);
  }
  assert.throws(() => tb.cron.explain('CRON_TZ=Mars/Olympus 0 0 9 * * ?', { dialect: 'aliyun' }), { code: 'invalid-cron', path: '/0' });
  assert.equal(tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent', fromTz: 'Asia/Tokyo' }).expression, '0 0 8 * * * *');
});

test('the host Intl data and the native tzdb give the same translations and fire times', () => {
  assert.ok(native, 'TB_NATIVE must point at the native binary');
  const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Pacific/Chatham', 'Asia/Kathmandu', 'Asia/Kolkata', 'Asia/Tokyo'];
  const exprs = ['0 0 9 * * ?', '0 30 1 * * ?', '0 30 2 ? * MON-FRI', '0 */20 * * * ?', '0 45 23 1,15 * ?'];
  const cli = (args) => {
    const out = spawnSync(native, args, { encoding: 'utf8' });
    assert.equal(out.status, 0, `${args.join(' ')}: ${out.stderr}`);
    return JSON.parse(out.stdout);
  };
  let compared = 0;
  for (const zone of zones) {
    for (const expr of exprs) {
      const there = tb.cron.convert(expr, { from: 'aliyun', to: 'tencent', fromTz: zone, after });
      assert.deepEqual(there, cli(['cron', 'convert', '--json', '--from', 'aliyun', '--to', 'tencent', '--from-tz', zone, '--after', after, expr]), `${zone} ${expr}`);
      const back = tb.cron.convert(there.expression, { from: 'tencent', to: 'aliyun', toTz: zone, after });
      assert.deepEqual(back, cli(['cron', 'convert', '--json', '--from', 'tencent', '--to', 'aliyun', '--to-tz', zone, '--after', after, there.expression]), `${zone} ${there.expression}`);
      const explained = tb.cron.explain(expr, { dialect: 'aliyun', tz: zone, after: '2026-03-01T00:00:00Z', count: 40 });
      assert.deepEqual(explained, cli(['cron', 'explain', '--json', '--dialect', 'aliyun', '--tz', zone, '--after', '2026-03-01T00:00:00Z', '--count', '40', expr]), `${zone} ${expr}`);
      compared += 3;
    }
  }
  assert.equal(compared, zones.length * exprs.length * 3);
});
