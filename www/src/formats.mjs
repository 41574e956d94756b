// Format ids and their titles: names for the page, no rules.
export const HTTP = ['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url'];
export const TIMER = ['aliyun-timer', 'tencent-timer'];
export const ALL = [...HTTP, ...TIMER];
export const TITLES = {
  'aliyun-apigw': 'Alibaba API Gateway → FC',
  'aliyun-http': 'Alibaba FC 3.0 HTTP trigger',
  'tencent-apigw': 'Tencent API Gateway → SCF',
  'tencent-url': 'Tencent SCF Function URL',
  'aliyun-timer': 'Alibaba FC timer',
  'tencent-timer': 'Tencent SCF timer',
};
export const platformOf = (format) => (format.startsWith('aliyun') ? 'aliyun' : 'tencent');
