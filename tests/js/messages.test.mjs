// Message-queue handlers on the other cloud through the packed package (adapt): an FC MNS topic handler
// behind an SCF CMQ trigger (called once per message, as FC does), an SCF CMQ handler behind FC's MNS
// trigger, and Kafka handlers both ways. Fixtures: tests/fixtures/{tencent-cmq,aliyun-mns,tencent-ckafka}.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import tb from 'trigger-bridge';

const fixture = (format, name) => JSON.parse(fs.readFileSync(path.join(process.env.TB_FIXTURES, format, `${name}.json`), 'utf8'));
const fcContext = (requestId) => tb.fcContext(tb.localContextInfo({ platform: 'aliyun', requestId }));
const scfContext = (requestId) => tb.scfContext(tb.localContextInfo({ platform: 'tencent', requestId }));

test('adapt: an FC MNS handler behind a CMQ trigger gets one message per call, as FC calls it', async () => {
  const cmq = fixture('tencent-cmq', 'records-several');
  const calls = [];
  const mnsHandler = (event, context, callback) => {
    assert.ok(Buffer.isBuffer(event), 'FC hands a Buffer');
    const n = JSON.parse(event.toString());
    calls.push([n.TopicName, n.MessageId, n.Message, n.MessageTag, context.requestId]);
    callback(null, `done ${n.MessageId}`);
  };
  const losses = [];
  const adapted = tb.adapt(mnsHandler, { as: 'aliyun-mns', onLoss: (l) => losses.push(l.code) });
  const result = await adapted(cmq, scfContext('scf-1'));
  assert.deepEqual(calls.map((c) => c.slice(0, 2)), cmq.Records.map((r) => ['orders', r.CMQ.msgId]));
  assert.equal(calls[0][2], '{"order":"订单-42","note":"a + b = 100%"}');
  assert.deepEqual(calls.map((c) => c[3]), ['paid', undefined, 'refund,urgent']);
  assert.deepEqual(calls.map((c) => c[4]), ['scf-1', 'scf-1', 'scf-1']);
  assert.deepEqual(result, cmq.Records.map((r) => `done ${r.CMQ.msgId}`));
  assert.ok(losses.includes('message-records-split') && losses.includes('message-tags-joined'), losses.join());
  // A failure of any call is the invocation's failure.
  await assert.rejects(tb.adapt(async () => { throw new Error('nope'); }, { as: 'aliyun-mns', onLoss: () => {} })(cmq, scfContext('x')), /nope/);
});

test('adapt: an SCF CMQ handler behind FC\'s MNS trigger, and Kafka handlers both ways', async () => {
  const mns = Buffer.from(JSON.stringify(fixture('aliyun-mns', 'doc-notify-json')));
  const cmqHandler = async (event, context) => {
    assert.ok(!Buffer.isBuffer(event) && Array.isArray(event.Records), 'SCF hands an object');
    return event.Records.map((r) => [r.CMQ.topicName, r.CMQ.msgBody, r.CMQ.msgTag, context.request_id]);
  };
  assert.deepEqual(await tb.adapt(cmqHandler, { as: 'tencent-cmq', onLoss: () => {} })(mns, fcContext('fc-1')), [['TopicName', 'xxxxx', ['important'], 'fc-1']]);

  const ckafka = fixture('tencent-ckafka', 'keys-unicode');
  const fcKafka = async (event) => {
    const batch = JSON.parse(event.toString());
    return batch.map((e) => [e.data.topic, e.data.key, e.data.value]);
  };
  assert.deepEqual(await tb.adapt(fcKafka, { as: 'aliyun-kafka', onLoss: () => {} })(ckafka, scfContext('s')), [
    ['orders', '用户-7', '{"total":"¥100","note":"a+b%20c"}'],
    ['orders', '', ''],
  ]);
  const fcBatch = Buffer.from(JSON.stringify(tb.convertEvent(ckafka, { to: 'aliyun-kafka' }).event));
  const scfKafka = async (event) => event.Records.map((r) => [r.Ckafka.msgKey, r.Ckafka.msgBody]);
  assert.deepEqual(await tb.adapt(scfKafka, { as: 'tencent-ckafka', onLoss: () => {} })(fcBatch, fcContext('f')), [
    ['用户-7', '{"total":"¥100","note":"a+b%20c"}'],
    ['', ''],
  ]);
  // Formats of different pairs do not convert: a CMQ handler cannot run behind a Kafka trigger.
  await assert.rejects(tb.adapt(cmqHandler, { as: 'tencent-cmq' })(fcBatch, fcContext('f')), { code: 'unsupported' });
});

test('eventFromMessage builds each trigger\'s event; an MNS handler behind CMQ reads what was described', async () => {
  const description = { topic: 'orders', owner: '1250000000', time: '2024-01-01T00:00:00.123Z', messages: [{ body: { order: '订单-1' }, tags: ['paid'] }, 'a + b = 100%'] };
  const cmq = tb.eventFromMessage(description, { to: 'tencent-cmq' });
  assert.deepEqual([cmq.from, cmq.to, cmq.losses], [null, 'tencent-cmq', []]);
  assert.deepEqual(cmq.event.Records.map((r) => [r.CMQ.topicName, r.CMQ.msgBody, r.CMQ.publishTime, r.CMQ.msgTag]), [
    ['orders', '{"order":"订单-1"}', '2024-01-01T00:00:00.123Z', ['paid']],
    ['orders', 'a + b = 100%', '2024-01-01T00:00:00.123Z', undefined],
  ]);
  assert.equal(tb.detect(cmq.event), 'tencent-cmq');
  const mns = tb.eventFromMessage(description, { to: 'aliyun-mns' });
  assert.ok(Array.isArray(mns.event) && mns.event.length === 2);
  assert.deepEqual(mns.losses.map((l) => [l.code, l.path]), [['message-records-split', '/messages']]);
  assert.equal(mns.event[0].PublishTime, 1704067200123);

  const seen = [];
  const adapted = tb.adapt(async (event) => { seen.push(JSON.parse(event.toString()).Message); }, { as: 'aliyun-mns', onLoss: () => {} });
  await adapted(cmq.event, scfContext('s'));
  assert.deepEqual(seen, ['{"order":"订单-1"}', 'a + b = 100%']);

  const kafka = tb.eventFromMessage({ topic: 't', body: 'v', key: '用户', partition: 3, offset: 42, tags: 'x' }, { to: 'tencent-ckafka' });
  assert.deepEqual(kafka.event.Records[0].Ckafka, { topic: 't', partition: 3, offset: 42, msgKey: '用户', msgBody: 'v' });
  assert.deepEqual(kafka.losses.map((l) => [l.code, l.path]), [['field-dropped', '/tags']]);
  assert.throws(() => tb.eventFromMessage({ topic: 't' }, { to: 'tencent-cmq' }), { code: 'invalid-request', path: '/body' });
  assert.throws(() => tb.eventFromMessage({ body: 'x', topik: 't' }, { to: 'tencent-cmq' }), { code: 'invalid-request', path: '/topik' });
  assert.throws(() => tb.eventFromMessage({ body: 'x' }, { to: 'tencent-cos' }), { code: 'unsupported' });
});
