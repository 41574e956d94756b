// Format ids and their titles: names for the page, no rules.
export const HTTP = ['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url'];
export const TIMER = ['aliyun-timer', 'tencent-timer'];
export const OBJECT = ['aliyun-oss', 'tencent-cos'];
/** Formats that convert into each other: an event of one group is shown as each other format of its group. */
export const GROUPS = [HTTP, TIMER, OBJECT];
export const ALL = GROUPS.flat();
export const TITLES = {
  'aliyun-apigw': 'Alibaba API Gateway → FC',
  'aliyun-http': 'Alibaba FC 3.0 HTTP trigger',
  'tencent-apigw': 'Tencent API Gateway → SCF',
  'tencent-url': 'Tencent SCF Function URL',
  'aliyun-timer': 'Alibaba FC timer',
  'tencent-timer': 'Tencent SCF timer',
  'aliyun-oss': 'Alibaba FC OSS trigger',
  'tencent-cos': 'Tencent SCF COS trigger',
};
export const platformOf = (format) => (format.startsWith('aliyun') ? 'aliyun' : 'tencent');
/** The formats `format` converts into (its group), itself included. */
export const groupOf = (format) => GROUPS.find((g) => g.includes(format)) || [format];
/** What a card of the format should say beside its event: how the platform hands it over. */
export const NOTES = {
  'aliyun-oss': 'FC hands a Node handler this JSON as a Buffer (JSON.parse(event)); the key is the object name as it is.',
  'tencent-cos': 'SCF hands a handler this object; the key carries /appid/bucket/ and is percent-encoded.',
};
