// Format ids and their titles: names for the page, no rules. Only the formats this build of the package knows
// are listed (`tb.formats`).
import tb from '../tb/browser.mjs';

const known = (list) => list.filter((f) => tb.formats.includes(f));
export const HTTP = known(['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url']);
export const TIMER = known(['aliyun-timer', 'tencent-timer']);
export const OBJECT = known(['aliyun-oss', 'tencent-cos']);
export const MESSAGE = known(['aliyun-mns', 'tencent-cmq', 'aliyun-kafka', 'tencent-ckafka', 'aliyun-rocketmq']);
/**
 * Formats that convert into each other: an event of one group is shown as each other format of its group.
 * RocketMQ has no counterpart: beside CKafka, its card says why it cannot be converted.
 */
export const GROUPS = [HTTP, TIMER, OBJECT, known(['aliyun-mns', 'tencent-cmq']), known(['aliyun-kafka', 'tencent-ckafka']), known(['aliyun-rocketmq', 'tencent-ckafka'])].filter((g) => g.length);
export const ALL = [...HTTP, ...TIMER, ...OBJECT, ...MESSAGE];
export const TITLES = {
  'aliyun-apigw': 'Alibaba API Gateway → FC',
  'aliyun-http': 'Alibaba FC 3.0 HTTP trigger',
  'tencent-apigw': 'Tencent API Gateway → SCF',
  'tencent-url': 'Tencent SCF Function URL',
  'aliyun-timer': 'Alibaba FC timer',
  'tencent-timer': 'Tencent SCF timer',
  'aliyun-oss': 'Alibaba FC OSS trigger',
  'tencent-cos': 'Tencent SCF COS trigger',
  'aliyun-mns': 'Alibaba FC MNS topic trigger',
  'tencent-cmq': 'Tencent SCF CMQ topic trigger',
  'aliyun-kafka': 'Alibaba FC ApsaraMQ for Kafka trigger',
  'tencent-ckafka': 'Tencent SCF CKafka trigger',
  'aliyun-rocketmq': 'Alibaba FC ApsaraMQ for RocketMQ trigger',
};
export const platformOf = (format) => (format.startsWith('aliyun') ? 'aliyun' : 'tencent');
/** The formats `format` converts into (its group), itself included. */
export const groupOf = (format) => GROUPS.find((g) => g.includes(format)) || [format];
/** What a card of the format should say beside its event: how the platform hands it over. */
export const NOTES = {
  'aliyun-oss': 'FC hands a Node handler this JSON as a Buffer (JSON.parse(event)); the key is the object name as it is.',
  'tencent-cos': 'SCF hands a handler this object; the key carries /appid/bucket/ and is percent-encoded.',
  'aliyun-mns': 'FC hands a Node handler this event as a Buffer (JSON.parse(event)).',
  'aliyun-kafka': 'FC hands a Node handler this batch as a Buffer (JSON.parse(event)).',
  'aliyun-rocketmq': 'FC hands a Node handler this batch as a Buffer (JSON.parse(event)).',
  'tencent-cmq': 'SCF hands a handler this object.',
  'tencent-ckafka': 'SCF hands a handler this object.',
};
