// Kafka trigger configurations through the packed package: convertTrigger turns an FC ApsaraMQ for Kafka
// trigger (an s.yaml `eventbridge` entry with a Kafka source) into a serverless.yml CKafka entry and back,
// with the other cloud's instance written as a placeholder to fill, reported.
import test from 'node:test';
import assert from 'node:assert/strict';
import tb from 'trigger-bridge';

const K = '/eventSourceConfig/eventSourceParameters/sourceKafkaParameters';
const fc = {
  triggerName: 'orders',
  triggerType: 'eventbridge',
  triggerConfig: {
    triggerEnable: true,
    eventSourceConfig: { eventSourceType: 'Kafka', eventSourceParameters: { sourceKafkaParameters: { RegionId: 'cn-hangzhou', InstanceId: 'alikafka-1', Topic: 'orders', ConsumerGroup: 'GID_orders', OffsetReset: 'earliest', Network: 'Default' } } },
    runOptions: { mode: 'event-streaming', batchWindow: { CountBasedWindow: 50, TimeBasedWindow: 5 } },
  },
};

test('convertTrigger: an FC Kafka trigger becomes a CKafka entry and back, through the tools module', () => {
  const scf = tb.convertTrigger(fc, { to: 'tencent' });
  assert.deepEqual([scf.from, scf.to], ['aliyun-kafka', 'tencent-ckafka']);
  assert.deepEqual(scf.config, { ckafka: { name: 'orders', parameters: { name: '${env:CKAFKA_INSTANCE_ID}', topic: 'orders', maxMsgNum: 50, offset: 'earliest', retry: 10000, timeout: 5, enable: true } } });
  assert.deepEqual(scf.losses.map((l) => [l.code, l.path]).sort(), [
    ['field-dropped', `${K}/ConsumerGroup`],
    ['field-dropped', `${K}/RegionId`],
    ['trigger-source-foreign', `${K}/InstanceId`],
    ['trigger-source-foreign', `${K}/Topic`],
  ]);
  const back = tb.convertTrigger(scf.config, { to: 'aliyun' });
  assert.deepEqual([back.from, back.to], ['tencent-ckafka', 'aliyun-kafka']);
  const source = back.config.triggerConfig.eventSourceConfig.eventSourceParameters.sourceKafkaParameters;
  assert.deepEqual([source.Topic, source.OffsetReset, source.InstanceId, source.ConsumerGroup], ['orders', 'earliest', "${env('KAFKA_INSTANCE_ID')}", "${env('KAFKA_CONSUMER_GROUP')}"]);
  assert.deepEqual(back.config.triggerConfig.runOptions.batchWindow, { CountBasedWindow: 50, TimeBasedWindow: 5 });
  assert.ok(back.losses.some((l) => l.code === 'trigger-source-foreign' && l.path === '/ckafka/parameters' && /consumer group/.test(l.message)));
  assert.throws(() => tb.convertTrigger({ ckafka: { parameters: { name: 'c' } } }, { to: 'aliyun' }), { code: 'missing-field', path: '/ckafka/parameters/topic' });
});
