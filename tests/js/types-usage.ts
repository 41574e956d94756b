// Compiled with `tsc --noEmit` against the installed package: the declarations must describe real use.
import tb, { type FcEventHandler, type ScfEventHandler, type IntegrationResponse, type TencentUrlEvent, convertEvent, clientResponse, cron, initTools, TriggerBridgeError, type Loss, type FormatId, type TencentApigwEvent, type Diagnostic, type AliyunOssEvent, type TencentCosEvent, type EventMap } from 'trigger-bridge';

const buffer = new Uint8Array([123, 125]);
const converted = convertEvent(buffer, { to: 'tencent-apigw' });
const event: TencentApigwEvent = converted.event;
const method: string = event.httpMethod;
const q: string | string[] | undefined = event.queryString['a'];
const losses: Loss[] = converted.losses;
const code: Loss['code'] = 'set-cookie-dropped';
const text: string = convertEvent('{}', { to: 'aliyun-http', output: 'json' });
const fc = convertEvent({}, { to: 'aliyun-http' }).event.requestContext.http.method;

const client = clientResponse({ statusCode: '200', body: { a: 1 } }, { format: 'aliyun-apigw' });
const status: number = client.status;
const first: [string, string] | undefined = client.headers[0];
const diagnostics: Diagnostic[] = client.diagnostics;
const rejected: number | undefined = client.gatewayError?.status;

const t = cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent' });
const expr: string = t.expression;
const format: FormatId = tb.detect(buffer);
try {
  tb.detect('{}');
} catch (e) {
  if (e instanceof TriggerBridgeError) {
    const c: TriggerBridgeError['code'] = e.code;
    const p: string = e.path;
    void c, p;
  }
}

// @ts-expect-error: not a format id
convertEvent(buffer, { to: 'aws-lambda' });
// @ts-expect-error: a timer has no response format
tb.validateResponse('{}', { format: 'aliyun-timer' });

void method, q, losses, code, text, fc, status, first, diagnostics, rejected, expr, format;

const toolsReady: Promise<void> = initTools();
const alsoReady: Promise<void> = tb.initTools(new URL('https://example.com/tools.wasm'));
void toolsReady, alsoReady;

// Adapters: contexts and calling conventions.
{
  const scf = tb.contextFor({ requestId: 'r' }, 'tencent');
  const left: number = scf.getRemainingTimeInMillis();
  const env: string = scf.environment;
  const n = tb.normalizeContext(scf);
  const mb: number | null = n.memoryMb;
  const fc = tb.fcContext(tb.localContextInfo({ platform: 'aliyun', credentials: null }));
  const seconds: number = fc.function.timeout;
  void tb.invoke(async (event: Uint8Array) => event.length, new Uint8Array(2), fc, { platform: 'aliyun', timeoutMs: 100 }).then((o) => {
    if (o.ok) {
      const r: number = o.result;
      void r;
    } else {
      const kind: 'threw' | 'rejected' | 'callback-error' | 'timeout' | 'not-a-function' = o.kind;
      void kind;
    }
  });
  // @ts-expect-error: not a platform
  tb.contextFor({}, 'aws');
  void left, env, mb, seconds;
}

// Adapters: fetch apps generic over their env, Node listeners, handlers across formats.
{
  interface MyEnv { greeting: string }
  const app = { fetch: async (req: Request, env: MyEnv) => new Response(`${env.greeting} ${new URL(req.url).pathname}`) };
  const handler = tb.handle<MyEnv>(app, { env: { greeting: 'hi' }, binary: ['image/*'], onLoss: (loss, where) => void [loss.code, where.format] });
  const withDefault = tb.handle(async (_req: Request, env) => new Response(env.context.requestId ?? ''));
  // @ts-expect-error: the env is MyEnv, not a string
  tb.handle<MyEnv>(app, { env: 'nope' });
  const node = tb.handleNode((_req: unknown, res: { end(text: string): void }) => res.end('ok'), { debug: true, timerRoute: '/tick' });
  const scf = tb.adapt(async (event: TencentApigwEvent) => ({ statusCode: 200, headers: {}, body: event.path }), { as: 'tencent-apigw' });
  const answered: Promise<unknown> = handler(new Uint8Array(2), {});
  void withDefault, node, scf, answered;
  const { request, losses: lost, info } = tb.toRequest('{}');
  const m: string = request.method;
  const stage: string | null = info.stage;
  void m, stage, lost;
  void tb.fromResponse(new Response('x'), { format: 'aliyun-http', binary: (type) => type === 'image/png' }).then((r) => {
    const status: number | string | undefined = r.response.statusCode;
    const rejected: number | undefined = r.gatewayError?.status;
    void status, rejected;
  });
  const fromRequest: Promise<{ event: TencentUrlEvent }> = tb.eventFromRequest(new Request('https://x/'), { to: 'tencent-url' });
  void fromRequest;
}

// Object events from a description, typed by their target.
{
  const cos = tb.eventFromObject({ bucket: 'b', keys: ['a b', { key: 'c', size: 1 }], time: new Date(), metadata: { a: '1' } }, { to: 'tencent-cos' });
  const rawKey: string = cos.event.Records[0].cos.cosObject.key;
  const seconds: number = cos.event.Records[0].event.eventTime;
  const oss: AliyunOssEvent = tb.eventFromObject({ bucket: 'b', key: 'k', size: 1, event: 'removed' }, { to: 'aliyun-oss' }).event;
  const key: string = oss.events[0].oss.object.key;
  const text: string = tb.eventFromObject({ bucket: 'b', key: 'k' }, { to: 'aliyun-oss', output: 'json' });
  const cosHandler: ScfEventHandler<TencentCosEvent> = async (event) => event.Records.map((r) => r.cos.cosObject.size);
  // @ts-expect-error an HTTP format is no object format
  tb.eventFromObject({ bucket: 'b', key: 'k' }, { to: 'aliyun-http' });
  void rawKey, seconds, key, text, cosHandler;
}

// Message events, typed by their target.
{
  const cmq: EventMap['tencent-cmq'] = tb.convertEvent('{}', { to: 'tencent-cmq' }).event;
  const body: string = cmq.Records[0].CMQ.msgBody;
  const kafka = tb.convertEvent('{}', { to: 'aliyun-kafka' }).event;
  const first = kafka[0];
  const value: string | undefined = typeof first === 'string' ? undefined : first.data.value;
  const built = tb.eventFromMessage({ topic: 'orders', messages: ['a', { body: { id: 2 }, tags: ['x'] }], time: new Date() }, { to: 'tencent-cmq' });
  const built2: string = built.event.Records[1].CMQ.msgBody;
  void body, value, built2;
}

// Platform handler types.
{
  const fc: FcEventHandler<IntegrationResponse> = async (event, context) => ({ isBase64Encoded: false, statusCode: 200, headers: { 'x-fn': context.function.name }, body: String(event.length) });
  const scf: ScfEventHandler<TencentApigwEvent> = (event, context, callback) => callback(null, { statusCode: 200, headers: {}, body: `${event.path} ${context.request_id}` });
  void tb.adapt(scf, { as: 'tencent-apigw' }), fc;
}

// Trigger configurations and the gateway's own answers (serve).
{
  const http = tb.convertTrigger({ authType: 'anonymous', methods: ['GET'] }, { to: 'tencent-url' });
  const kind: 'aliyun-http' | 'aliyun-timer' | 'tencent-apigw' | 'tencent-url' | 'tencent-timer' | 'aliyun-oss' | 'tencent-cos' | 'aliyun-mns' | 'tencent-cmq' | 'aliyun-kafka' | 'tencent-ckafka' = http.to;
  const cos = tb.convertTrigger({ triggerType: 'oss', sourceArn: 'acs:oss:cn-hangzhou:1:b', triggerConfig: { events: ['oss:ObjectCreated:*'] } }, { to: 'tencent' });
  const entries: Array<Record<string, unknown>> = Array.isArray(cos.config) ? cos.config : [cos.config];
  const foreign: Loss['code'] = 'trigger-source-foreign';
  void entries, foreign;
  const widened: Loss['code'] = 'trigger-methods-widened';
  const refusal = tb.gateway.refusal('{}', { format: 'aliyun-http', method: 'OPTIONS', methods: ['GET'] });
  const status: number | undefined = refusal?.status;
  const failed = tb.gateway.failure({ kind: 'timeout', timeoutMs: 3000 }, { format: 'tencent-apigw' });
  const body: Uint8Array = failed.body;
  const big: boolean = tb.gateway.responseTooLarge(7e6, { format: 'tencent-url' });
  const routed = tb.gateway.route('{}', { format: 'tencent-apigw', method: 'GET', path: '/items/1', apis: [{ path: '/items/{id}', method: 'GET' }] });
  if (routed.refusal === null) {
    const template: string = routed.api.template;
    void template;
  }
  // @ts-expect-error: not a failure kind
  tb.gateway.failure({ kind: 'nap' }, { format: 'tencent-apigw' });
  void kind, widened, status, body, big;
}
