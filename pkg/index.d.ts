// Types of the trigger-bridge npm package: every declaration lives here. `require` users get them through
// index.d.cts (`export =`), `import` users through index.d.mts (a default export and the named exports).
// The same API is exported by the Node (CommonJS and ESM) and browser entries; in a browser call
// `await init()` first, and `await initTools()` before cron, timer configs, eventFromRequest or the CLI.

/** Alibaba API Gateway → FC, Alibaba FC 3.0 HTTP trigger, Tencent API Gateway, Tencent Function URL. */
export type HttpFormatId = 'aliyun-apigw' | 'aliyun-http' | 'tencent-apigw' | 'tencent-url';
/** Timer trigger events. */
export type TimerFormatId = 'aliyun-timer' | 'tencent-timer';
/** Object-storage trigger events: FC OSS trigger, SCF COS trigger (docs/object-events.md). */
export type ObjectFormatId = 'aliyun-oss' | 'tencent-cos';
/**
 * Message-queue trigger events (docs/message-events.md): FC MNS topic (JSON notify format) ⇄ SCF CMQ topic,
 * FC ApsaraMQ for Kafka ⇄ SCF CKafka, and FC ApsaraMQ for RocketMQ (no SCF counterpart: read and
 * validated; converting it elsewhere throws `unsupported`).
 */
export type MessageFormatId = 'aliyun-mns' | 'tencent-cmq' | 'aliyun-kafka' | 'tencent-ckafka' | 'aliyun-rocketmq';
/** Every format id. */
export type FormatId = HttpFormatId | TimerFormatId | ObjectFormatId | MessageFormatId;
/** Cron dialects. */
export type Dialect = 'aliyun' | 'tencent';

/** A flat string map as the platforms send it (a repeated Tencent query key arrives as an array). */
export type StringMap = Record<string, string>;

/** `aliyun-apigw`: what API Gateway passes an FC event function (seeds 000/001). */
export interface AliyunApigwEvent {
  path: string;
  httpMethod: string;
  headers: StringMap;
  queryParameters: StringMap;
  pathParameters: StringMap;
  /** base64 of the raw bytes when `isBase64Encoded` is true. */
  body: string;
  /** Documented as the string "true"/"false"; real events and this library's output use a boolean. */
  isBase64Encoded: boolean | 'true' | 'false';
  [extra: string]: unknown;
}

/** `aliyun-http`: FC 3.0 HTTP trigger event (built-in runtimes). Repeated values are comma-joined. */
export interface AliyunHttpEvent {
  version: 'v1' | string;
  /** Percent-encoded path. */
  rawPath: string;
  body: string;
  isBase64Encoded: boolean;
  headers: StringMap;
  queryParameters: StringMap;
  requestContext: {
    accountId?: string;
    domainName?: string;
    domainPrefix?: string;
    http: { method: string; /** Decoded path. */ path: string; protocol?: string; sourceIp?: string; userAgent?: string; [extra: string]: unknown };
    requestId?: string;
    /** RFC 3339. */
    time?: string;
    /** Unix milliseconds, as a string. */
    timeEpoch?: string;
    [extra: string]: unknown;
  };
  [extra: string]: unknown;
}

/** `tencent-apigw`: SCF API Gateway trigger integration request (seed 003). */
export interface TencentApigwEvent {
  requestContext: {
    serviceId?: string;
    /** The API's path template, e.g. `/users/{id}`. */
    path: string;
    httpMethod: string;
    requestId?: string;
    identity?: Record<string, unknown>;
    sourceIp?: string;
    stage?: string;
    [extra: string]: unknown;
  };
  headers: StringMap;
  body: string;
  pathParameters: StringMap;
  queryStringParameters: StringMap;
  headerParameters: StringMap;
  stageVariables: StringMap;
  path: string;
  /** The whole query; a repeated key is an array of its values. */
  queryString: Record<string, string | string[]>;
  httpMethod: string;
  isBase64Encoded?: boolean;
  [extra: string]: unknown;
}

/** `tencent-url`: SCF Function URL event. The client IP is in `x-scf-remote-addr` or `requestContext.sourceIp`. */
export interface TencentUrlEvent {
  body: string;
  headers: StringMap;
  httpMethod: string;
  path: string;
  queryString: Record<string, string | string[]>;
  requestContext?: { sourceIp?: string; [extra: string]: unknown };
  [extra: string]: unknown;
}

/** `aliyun-timer` (seed 002). */
export interface AliyunTimerEvent {
  triggerTime: string;
  triggerName: string;
  /** Up to 128 KB. */
  payload: string;
  [extra: string]: unknown;
}

/** `tencent-timer`. */
export interface TencentTimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
  /** Up to 4 KB. */
  Message: string;
  [extra: string]: unknown;
}

/** One record of an `aliyun-oss` event (docs/object-events.md). */
export interface AliyunOssRecord {
  /** `ObjectCreated:PutObject`, `ObjectRemoved:DeleteObject`, … (no `oss:` prefix in events). */
  eventName: string;
  /** RFC 3339 with milliseconds. */
  eventTime: string;
  region?: string;
  oss: {
    bucket: { name: string; arn?: string; ownerIdentity?: string; [extra: string]: unknown };
    /** `key` is the object name as it is: not URL-encoded, no prefix. */
    object: { key: string; size?: number; eTag?: string; objectMeta?: { mimeType?: string; userMeta?: Record<string, string> }; [extra: string]: unknown };
    [extra: string]: unknown;
  };
  requestParameters?: { sourceIPAddress?: string; [extra: string]: unknown };
  responseElements?: { requestId?: string; [extra: string]: unknown };
  [extra: string]: unknown;
}

/** `aliyun-oss`: FC's OSS trigger event; FC hands it to Node handlers as a Buffer of this JSON. */
export interface AliyunOssEvent {
  /** One or more records. */
  events: AliyunOssRecord[];
  [extra: string]: unknown;
}

/** One record of a `tencent-cos` event (docs/object-events.md). */
export interface TencentCosRecord {
  cos: {
    /** `name` is the bucket without `-<appid>`; `region` a short code (`gz`, `cd`). */
    cosBucket: { name: string; appid?: string; region?: string; [extra: string]: unknown };
    /** `key` is `/<appid>/<bucket>/<percent-encoded key>`; `vid` the version id (`""` without versioning). */
    cosObject: { key: string; size?: number; vid?: string; url?: string; meta?: Record<string, string>; [extra: string]: unknown };
    [extra: string]: unknown;
  };
  /** `eventName`: `cos:ObjectCreated:Put`, `cos:ObjectRemove:Delete`, …; `eventTime`: Unix seconds. */
  event: { eventName: string; eventTime: number; requestParameters?: { requestSourceIP?: string; [extra: string]: unknown }; [extra: string]: unknown };
  [extra: string]: unknown;
}

/** `tencent-cos`: SCF's COS trigger event, handed to handlers as an object. */
export interface TencentCosEvent {
  /** One or more records ("several messages may be merged into the list"). */
  Records: TencentCosRecord[];
  [extra: string]: unknown;
}

/** `aliyun-mns`: one MNS topic notification per invocation (JSON notify format), handed to Node as a Buffer. */
export interface AliyunMnsEvent {
  TopicOwner?: string;
  TopicName?: string;
  SubscriptionName?: string;
  MessageId?: string;
  /** The message body, text. */
  Message: string;
  /** One tag. */
  MessageTag?: string;
  /** Unix milliseconds (a number, or its text). */
  PublishTime?: number | string;
  [extra: string]: unknown;
}

/** `tencent-cmq`: SCF's CMQ topic trigger. */
export interface TencentCmqEvent {
  Records: Array<{
    CMQ: { type: string; topicOwner?: number | string; topicName?: string; subscriptionName?: string; publishTime?: string; msgId?: string; requestId?: string; msgBody: string; msgTag?: string[] | string; [extra: string]: unknown };
    [extra: string]: unknown;
  }>;
  [extra: string]: unknown;
}

/** One CloudEvent of an EventBridge delivery (FC's Kafka and RocketMQ triggers). */
export interface MessageCloudEvent {
  id?: string;
  source?: string;
  type?: string;
  time?: string;
  data: { topic?: string; partition?: number; offset?: number; timestamp?: number; key?: string; value?: string; body?: string; [extra: string]: unknown };
  [extra: string]: unknown;
}

/** `aliyun-kafka`: a batch of CloudEvents (each an object or, in older deliveries, a JSON string of one), as a Buffer on FC. */
export type AliyunKafkaEvent = Array<MessageCloudEvent | string>;
/** `aliyun-rocketmq`: one CloudEvent or a batch of them. */
export type AliyunRocketmqEvent = MessageCloudEvent | MessageCloudEvent[];

/** `tencent-ckafka`: SCF's CKafka trigger. */
export interface TencentCkafkaEvent {
  Records: Array<{ Ckafka: { topic?: string; partition?: number; offset?: number; msgKey?: string; msgBody: string; [extra: string]: unknown }; [extra: string]: unknown }>;
  [extra: string]: unknown;
}

/** The event shape of each format. */
export interface EventMap {
  'aliyun-apigw': AliyunApigwEvent;
  'aliyun-http': AliyunHttpEvent;
  'tencent-apigw': TencentApigwEvent;
  'tencent-url': TencentUrlEvent;
  'aliyun-timer': AliyunTimerEvent;
  'tencent-timer': TencentTimerEvent;
  'aliyun-oss': AliyunOssEvent;
  'tencent-cos': TencentCosEvent;
  /** Several messages into MNS: an array of notifications, one per invocation (`message-records-split`). */
  'aliyun-mns': AliyunMnsEvent | AliyunMnsEvent[];
  'aliyun-kafka': AliyunKafkaEvent;
  'aliyun-rocketmq': AliyunRocketmqEvent;
  'tencent-cmq': TencentCmqEvent;
  'tencent-ckafka': TencentCkafkaEvent;
}

/** The integration response of the gateway formats and of the FC 3.0 HTTP trigger, as this library writes it. */
export interface IntegrationResponse {
  isBase64Encoded: boolean;
  statusCode: number;
  headers: StringMap;
  body: string;
  [extra: string]: unknown;
}

/** The Tencent Function URL response (no base64 flag). */
export interface TencentUrlResponse {
  statusCode: number;
  headers: StringMap;
  body: string;
  [extra: string]: unknown;
}

/** The response shape of each HTTP format. */
export interface ResponseMap {
  'aliyun-apigw': IntegrationResponse;
  'aliyun-http': IntegrationResponse;
  'tencent-apigw': IntegrationResponse;
  'tencent-url': TencentUrlResponse;
}

/** What a function may return: tolerant of what Alibaba accepts (string status and flag, object body). */
export interface FunctionResult {
  statusCode?: number | string;
  isBase64Encoded?: boolean | 'true' | 'false';
  headers?: Record<string, string | number | boolean | string[]> | null;
  body?: unknown;
  [extra: string]: unknown;
}

/** Stable codes of what a conversion can lose (docs/codes.md). */
export type LossCode =
  | 'query-repeated-dropped' | 'query-repeated-joined' | 'header-joined' | 'set-cookie-dropped' | 'binary-body'
  | 'path-parameters-dropped' | 'path-template-dropped' | 'stage-dropped' | 'client-ip-dropped' | 'request-id-dropped'
  | 'time-dropped' | 'field-dropped' | 'payload-over-limit' | 'cron-year-dropped' | 'cron-day-of-week-ambiguous'
  | 'cron-interval-approximated' | 'cron-time-zone-shifted' | 'cron-daylight-saving' | 'body-not-base64' | 'body-base64-lenient'
  | 'query-reordered' | 'query-not-utf8' | 'trigger-methods-widened' | 'trigger-auth-changed' | 'header-unsafe-dropped' | 'body-dropped'
  | 'object-event-approximated' | 'etag-dropped' | 'object-version-dropped' | 'time-truncated' | 'trigger-source-foreign'
  | 'message-tags-joined' | 'message-id-dropped' | 'message-records-split';

/** Something the target could not carry. */
export interface Loss {
  code: LossCode;
  /** JSON pointer (RFC 6901) of what was lost. */
  path: string;
  /** Keys and values longer than 64 bytes are shortened; at most 4 KB. */
  message: string;
  /** How many times this code happened at this path, when more than once (one loss per code and path). */
  count?: number;
}

/** Stable diagnostic codes (docs/codes.md). */
export type DiagCode =
  | 'invalid-json' | 'too-deep' | 'unknown-format' | 'invalid-field' | 'missing-field' | 'invalid-base64'
  | 'response-not-object' | 'status-missing' | 'status-not-integer' | 'status-out-of-range' | 'base64-flag-not-boolean'
  | 'body-not-string' | 'headers-not-object' | 'header-value-not-string' | 'header-name-invalid' | 'header-value-invalid'
  | 'response-headers-too-large' | 'response-header-forbidden' | 'content-disposition-attachment' | 'passthrough-result'
  | 'binary-body-unflagged' | 'unknown-field' | 'method-not-allowed' | 'method-invalid' | 'path-not-absolute'
  | 'request-headers-too-large' | 'path-too-long' | 'body-too-large' | 'request-header-forbidden' | 'async-delay-invalid'
  | 'payload-too-large' | 'timer-time-invalid' | 'trigger-name-invalid' | 'base64-not-canonical'
  | 'response-too-large' | 'object-records-empty' | 'object-event-unknown' | 'object-key-ambiguous' | 'object-time-invalid'
  | 'message-records-empty' | 'message-time-invalid';

/** `error`: the platform rejects it; `warning`: it alters or drops something, or one cloud only accepts it. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding about a payload. */
export interface Diagnostic {
  code: DiagCode;
  severity: Severity;
  /** JSON pointer of the value at fault; `""` is the whole payload. */
  path: string;
  platform: 'aliyun' | 'tencent';
  message: string;
}

/** Validation result. */
export interface Report {
  /** The format validated against; `null` when it could not be detected. */
  format: FormatId | null;
  diagnostics: Diagnostic[];
}

/** Codes of thrown errors. */
export type ErrorCode =
  | 'invalid-json' | 'too-deep' | 'unknown-format' | 'invalid-field' | 'missing-field' | 'invalid-base64'
  | 'invalid-request' | 'invalid-cron' | 'invalid-time-zone' | 'unsupported' | 'usage' | 'io'
  | 'internal' | 'not-initialized' | 'wasm-not-found';

/** Every error thrown by this package. */
export class TriggerBridgeError extends Error {
  readonly name: 'TriggerBridgeError';
  readonly code: ErrorCode;
  /** JSON pointer of the value at fault (for cron errors, `/<character offset>`); `""` for the whole input. */
  readonly path: string;
  readonly format: FormatId | null;
}

/** What the event functions accept: FC's Buffer, a string, or SCF's object. */
export type Input = Uint8Array | ArrayBuffer | ArrayBufferView | string | object;

/** `output: 'json'` returns the result as JSON text instead of an object. */
export interface OutputOption {
  output?: 'object' | 'json';
}

export interface EventConversion<T extends FormatId> {
  from: FormatId | null;
  to: T;
  event: EventMap[T];
  losses: Loss[];
}

export interface ResponseConversion<T extends HttpFormatId> {
  from: HttpFormatId;
  to: T;
  response: ResponseMap[T];
  losses: Loss[];
}

/** What a caller receives for a function result. */
export interface ClientResponse {
  format: HttpFormatId;
  status: number;
  /** Header fields in order; a name may repeat. */
  headers: [name: string, value: string][];
  body: Uint8Array;
  /** The body as text when it is UTF-8, else null (decoded on first read, then kept). */
  bodyText: string | null;
  /** Set when the gateway rejects the result: 502 on Alibaba, 403 "Invalid scf response format" on Tencent. */
  gatewayError: { status: number; code: string | null; reason: string } | null;
  diagnostics: Diagnostic[];
}

/** A plain HTTP request for `eventFromRequest`. */
export interface HttpRequestInit {
  /** Default GET, or POST when there is a body. */
  method?: string;
  /** Absolute URL or a path starting with `/`. */
  url: string;
  headers?: Record<string, string | string[]> | [string, string][] | Map<string, string> | { forEach(cb: (value: string, name: string) => void): void; get(name: string): string | null };
  /** Text, bytes, or an object (sent as JSON). */
  body?: string | Uint8Array | ArrayBuffer | object | null;
  clientIp?: string;
  requestId?: string;
  /** RFC 3339. */
  time?: string;
}

/** One object of an `ObjectDescription` given with its own size, ETag or version. */
export interface ObjectDescriptionKey {
  /** The key, decoded, without platform prefixes. */
  key: string;
  size?: number;
  etag?: string;
  version?: string;
}

/**
 * What happened to one or more objects of a bucket, for `eventFromObject`. Fields it does not know are an
 * `invalid-request` error (a typo is not silently ignored).
 */
export interface ObjectDescription {
  /** Bucket name (COS: without the `-<appid>` of its host name). */
  bucket: string;
  /** The object key as the handler should see it: decoded text, spaces, `+`, `%` and non-ASCII as they are. */
  key?: string;
  /** Several objects, one record each, after `key` if both are given. */
  keys?: Array<string | ObjectDescriptionKey>;
  /** Size in bytes, for every key that does not give its own. */
  size?: number;
  /** ETag (OSS only; an `etag-dropped` loss into COS), for every key that does not give its own. */
  etag?: string;
  /** Version id (COS only; an `object-version-dropped` loss into OSS), for every key that does not give its own. */
  version?: string;
  /**
   * `created` (default), `removed`, `restored`, `modified`, or an event name of either cloud
   * (`ObjectCreated:PutObject`, `cos:ObjectRemove:Delete`, `ObjectCreated:Put`); one the target has no exact
   * counterpart for is written as the nearest with an `object-event-approximated` loss.
   */
  event?: string;
  /** Region as the target names it; default a placeholder (`cn-hangzhou` on OSS, `gz` on COS). */
  region?: string;
  /** OSS account id or COS appid; default a placeholder (`1234567890123456`, `1250000000`). */
  account?: string;
  /** RFC 3339 text or a Date; default now. */
  time?: string | Date;
  sourceIp?: string;
  requestId?: string;
  contentType?: string;
  /** User metadata, names without `x-oss-meta-` / `x-cos-meta-`. */
  metadata?: Record<string, string>;
}

/** One message of a `MessageDescription` given with its own key, partition, offset, id or tags. */
export interface MessageDescriptionItem {
  /** Text, or any other JSON value (sent as its JSON text). */
  body: unknown;
  key?: string;
  partition?: number;
  offset?: number;
  messageId?: string;
  tags?: string | string[];
}

/**
 * Messages delivered to a function, for `eventFromMessage`. Fields it does not know are an
 * `invalid-request` error. What the target cannot carry is a loss at the field: a key, partition or offset
 * into MNS or CMQ, tags into Kafka formats, several tags into MNS (`message-tags-joined`), a message id
 * into CKafka (`message-id-dropped`), several messages into MNS (`message-records-split`).
 */
export interface MessageDescription {
  /** One message: text, or any other JSON value (sent as its JSON text). */
  body?: unknown;
  /** Several messages, one record each, after `body` if both are given. */
  messages?: Array<unknown | MessageDescriptionItem>;
  topic?: string;
  /** Kafka record key (RocketMQ `KEYS`), for every message that does not give its own. */
  key?: string;
  partition?: number;
  offset?: number;
  messageId?: string;
  tags?: string | string[];
  /** MNS `TopicOwner`, CMQ `topicOwner`. */
  owner?: string;
  subscription?: string;
  /** CMQ `requestId`. */
  requestId?: string;
  /** RFC 3339 text or a Date; default now. */
  time?: string | Date;
}

/**
 * A time zone: a fixed offset (`UTC`, `+05:30`, `UTC+8`) or an IANA name (`America/New_York`) whose offsets
 * and daylight-saving changes come from the host's `Intl` tz data (the native CLI: the system's tzdb).
 */
export interface Zone {
  /** As given, or as the tz data spells an IANA name. */
  name: string;
  /**
   * Seconds east of UTC: the fixed offset, or for an IANA zone the one in effect at the instant the result
   * describes (a translation's `after`, an explanation's first fire time).
   */
  offset: number;
}

export interface CronTranslation {
  expression: string;
  fromZone: Zone;
  toZone: Zone;
  losses: Loss[];
}

export interface CronExplanation {
  description: string;
  zone: Zone;
  /** RFC 3339 instants in the zone. */
  next: string[];
}

export interface TimerConfigConversion {
  from: Dialect;
  to: Dialect;
  config: Record<string, unknown>;
  cron: CronTranslation;
  losses: Loss[];
}

export interface CliResult {
  stdout: Uint8Array;
  stdoutText: string;
  stderr: string;
  /** 0 ok; 1 validation errors or a gateway rejection; 2 usage or input errors. */
  code: number;
}

/** Every format id. */
export const formats: readonly FormatId[];
/** Where a browser fetches a wasm module from (default: next to the package's files). */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;
/**
 * Resolves when the core module (events and responses) is ready. A browser fetches it here. Node has loaded it
 * at `require` and here warms it up (a few conversions of each HTTP format, so that Node compiles the code they
 * run): await it in FC's initializer or at start-up and the first invocation does not pay for that compiling.
 */
export function init(wasm?: WasmSource): Promise<void>;
/**
 * Resolves when the tools module (`cron`, `convertTimerConfig`, `runCli`) is ready. Node loads it by itself
 * on first use; a browser must await this first, or those functions throw `not-initialized`.
 */
export function initTools(wasm?: WasmSource): Promise<void>;

/** Detect the format of an event. @throws TriggerBridgeError `unknown-format` naming the keys seen. */
export function detect(input: Input): FormatId;

/** Convert an event into `options.to` (the source is detected unless `options.from`). */
export function convertEvent<T extends FormatId>(input: Input, options: { to: T; from?: FormatId; output?: 'object' }): EventConversion<T>;
export function convertEvent(input: Input, options: { to: FormatId; from?: FormatId; output: 'json' }): string;

/** Convert a function result between the response formats. */
export function convertResponse<T extends HttpFormatId>(input: Input, options: { from: HttpFormatId; to: T; output?: 'object' }): ResponseConversion<T>;
export function convertResponse(input: Input, options: { from: HttpFormatId; to: HttpFormatId; output: 'json' }): string;

/** Validate an event as `options.format` (detected when absent). Never throws for bad payloads: they become diagnostics. */
export function validateEvent(input: Input, options?: { format?: FormatId; output?: 'object' }): Report;
export function validateEvent(input: Input, options: { format?: FormatId; output: 'json' }): string;

/** Validate a function result as the response of `options.format`. */
export function validateResponse(input: Input, options: { format: HttpFormatId; output?: 'object' }): Report;
export function validateResponse(input: Input, options: { format: HttpFormatId; output: 'json' }): string;

/** What the caller receives when a function behind `options.format` returns `result`. */
export function clientResponse(result: Input | FunctionResult, options: { format: HttpFormatId; output?: 'object' }): ClientResponse;
export function clientResponse(result: Input | FunctionResult, options: { format: HttpFormatId; output: 'json' }): string;

/** `eventFromRequest` with a WHATWG Request: its body is read first. Tools module: in a browser, `await initTools()` first. */
export function eventFromRequest<T extends HttpFormatId>(request: Request, options: { to: T; output?: 'object' }): Promise<EventConversion<T>>;
/** Build the event `options.to` would deliver for a plain HTTP request (for local gateways and tests). Tools
 * module: in a browser, `await initTools()` first. */
export function eventFromRequest<T extends HttpFormatId>(request: HttpRequestInit, options: { to: T; output?: 'object' }): EventConversion<T>;
export function eventFromRequest(request: HttpRequestInit, options: { to: HttpFormatId; output: 'json' }): string;

/**
 * Build the object-storage event `options.to` would deliver for a description: one record per key, the key
 * encoded as that platform encodes it (COS: `/<appid>/<bucket>/` and percent escapes; OSS: as it is), the
 * time in its form. Tools module: in a browser, `await initTools()` first.
 * @example
 * const { event, losses } = eventFromObject({ bucket: 'photos', key: 'a b+c.jpg', size: 10 }, { to: 'tencent-cos' });
 * // event.Records[0].cos.cosObject.key === '/1250000000/photos/a%20b%2Bc.jpg'
 */
export function eventFromObject<T extends ObjectFormatId>(description: ObjectDescription, options: { to: T; output?: 'object' }): EventConversion<T>;
export function eventFromObject(description: ObjectDescription, options: { to: ObjectFormatId; output: 'json' }): string;

/**
 * Build the message-queue event `options.to` would deliver for a description: one record per message, times
 * and tags in its form. Tools module: in a browser, `await initTools()` first.
 * @example
 * const { event } = eventFromMessage({ topic: 'orders', messages: ['{"id":1}', '{"id":2}'] }, { to: 'tencent-cmq' });
 * // event.Records[1].CMQ.msgBody === '{"id":2}'
 */
export function eventFromMessage<T extends MessageFormatId>(description: MessageDescription, options: { to: T; output?: 'object' }): EventConversion<T>;
export function eventFromMessage(description: MessageDescription, options: { to: MessageFormatId; output: 'json' }): string;

/**
 * Convert a timer trigger configuration (Alibaba `{cronExpression, enable, payload}` ⇄ Tencent `{TriggerDesc, Enable, CustomArgument, …}`).
 * Zones and `after` as for `cron.convert`.
 */
export function convertTimerConfig(input: Input, options: { from: Dialect; to: Dialect; fromTz?: string; toTz?: string; after?: Date | string | number; output?: 'object' }): TimerConfigConversion;

/** Trigger kinds of `convertTrigger` results. */
export type TriggerKind = 'aliyun-http' | 'aliyun-timer' | 'tencent-apigw' | 'tencent-url' | 'tencent-timer' | 'aliyun-oss' | 'tencent-cos' | 'aliyun-mns' | 'tencent-cmq' | 'aliyun-kafka' | 'tencent-ckafka';

export interface TriggerConversion {
  from: TriggerKind;
  to: TriggerKind;
  /**
   * Alibaba: `{triggerName?, authType, methods, disableURLInternet?}`, a timer config, or an OSS trigger's
   * s.yaml entry `{triggerName, triggerType: 'oss', sourceArn, triggerConfig: {events, filter}}`; Tencent:
   * CreateTrigger's `{Type, TriggerName, TriggerDesc (JSON text), …}`, or for `tencent-cos` serverless.yml
   * entries `{cos: {name?, parameters: {bucket, events, filter, enable}}}`: one object, or a list of them
   * when the OSS trigger listed several event types (a COS trigger listens to one). Topic triggers: an FC
   * MNS topic trigger's s.yaml entry `{triggerName, triggerType: 'mns_topic', sourceArn, triggerConfig}` ⇄
   * a serverless.yml CMQ entry `{cmq: {name?, parameters: {name, enable}}}`. Kafka triggers: an FC s.yaml
   * entry `{triggerName, triggerType: 'eventbridge', triggerConfig: {eventSourceConfig: {eventSourceType:
   * 'Kafka', eventSourceParameters: {sourceKafkaParameters}}, runOptions}}` ⇄ a serverless.yml CKafka entry
   * `{ckafka: {name?, parameters: {name, topic, maxMsgNum, offset, retry, timeout, enable}}}`.
   */
  config: Record<string, unknown> | Array<Record<string, unknown>>;
  /** For timers, the cron translation; null for HTTP triggers. */
  cron: CronTranslation | null;
  /** `trigger-methods-widened`, `trigger-auth-changed`, `stage-dropped`, `field-dropped`, the cron losses, and for storage triggers `object-event-approximated` and `trigger-source-foreign`. */
  losses: Loss[];
}

/**
 * Convert an HTTP, timer or storage (OSS ⇄ COS) trigger configuration between the clouds (the kind and, unless `options.from`,
 * the cloud are read from its keys; an `s.yaml` trigger entry is accepted). `to: 'tencent'` writes an API
 * gateway trigger for HTTP, `'tencent-url'` a Function URL. Tools module.
 */
export function convertTrigger(input: Input, options: { to: 'aliyun' | 'tencent' | 'tencent-apigw' | 'tencent-url'; from?: Dialect; fromTz?: string; toTz?: string; output?: 'object' }): TriggerConversion;
export function convertTrigger(input: Input, options: { to: 'aliyun' | 'tencent' | 'tencent-apigw' | 'tencent-url'; from?: Dialect; fromTz?: string; toTz?: string; output: 'json' }): string;

/** How a function call failed, for `gateway.failure`. */
export type CallFailure =
  | { kind: 'error'; errorType?: string; errorMessage?: string; stackTrace?: string[] }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'response-too-large'; size: number };

/** The gateway's own answers around a function call, as a local gateway needs them (tools module). */
export const gateway: {
  /**
   * What the gateway answers before calling the function, or null when it lets the request through: FC 400
   * `InvalidArgument` over its request limits, 403 for a method the trigger does not list, 400 without
   * `Authorization` and `Date` when `signed` (authType function; signatures are not checked); Tencent 406 for
   * an event over 6 MB and (API gateway) 404 for a method the API does not take.
   */
  refusal(event: Input, options: { format: HttpFormatId; method: string; methods?: string[]; signed?: boolean }): ClientResponse | null;
  /**
   * Which API of a Tencent API gateway service a request hits (628/11939: `=` exact, `^~` prefix, `{variables}`,
   * then the longest plain prefix; only APIs taking the method): the event with the API's path and path
   * parameters filled in, or the gateway's 404 as `refusal`.
   */
  route(event: Input, options: { format: HttpFormatId; method: string; path: string; apis: { path: string; method?: string | string[] }[] }):
    | { event: object; api: { index: number; template: string; parameters: { name: string; value: string }[] }; refusal: null }
    | { event: null; api: null; refusal: ClientResponse };
  /** What the caller receives when the call fails: FC 502 `UnhandledInvocationError`; Tencent 430, 433 (timeout), 407. */
  failure(failure: CallFailure, options: { format: HttpFormatId }): ClientResponse;
  /** Whether a result of `size` bytes is more than the platform carries back (SCF: 6 MB). */
  responseTooLarge(size: number, options: { format: HttpFormatId }): boolean;
};

export const cron: {
  /**
   * Translate a cron expression. Zones (IANA names such as `America/New_York`, `UTC`, `UTC+8`, `+05:30`)
   * default to UTC (Alibaba) and Asia/Shanghai (Tencent); an Alibaba `CRON_TZ=` prefix sets its side.
   * Times move to the second (Asia/Kolkata 09:00 is 11:30 in Beijing). The year from `after` (default now)
   * is checked: where daylight saving time changes the zones' difference, the difference leaving the fewest
   * days different is used and a `cron-daylight-saving` loss names every date that fires at other instants.
   * @throws TriggerBridgeError `invalid-time-zone`, `invalid-cron`, `usage` (a bad `after`).
   */
  convert(expression: string, options: { from: Dialect; to: Dialect; fromTz?: string; toTz?: string; after?: Date | string | number }): CronTranslation;
  /**
   * Describe an expression and list its next fire instants, each at the offset in effect then. Across a
   * daylight-saving change the schedule follows the wall clock as Alibaba's scheduler does: a local time the
   * clocks skip does not fire that day; one they pass twice fires twice.
   */
  explain(expression: string, options: { dialect: Dialect; tz?: string; count?: number; after?: Date | string | number }): CronExplanation;
};

/** Run the command line exactly as the native `trigger-bridge` binary does. */
export function runCli(args: string[], io?: { stdin?: Input; readFile?: (path: string) => Uint8Array | string }): CliResult;

// ---- Adapters: calling conventions and contexts (pkg/src/invoke.mjs, pkg/src/context.mjs; docs/adapters.md) ----

/** The two clouds. */
export type Platform = 'aliyun' | 'tencent';

/** Alibaba FC 3.0 event function context (alibabacloud.com/help/zh/fc/context-3). */
export interface FcContext {
  requestId: string;
  /** `{}` when the function has no role. */
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken: string } | Record<string, never>;
  function: { name: string; handler: string; /** MB */ memory: number; /** seconds */ timeout: number; [extra: string]: unknown };
  service: { name?: string; logProject: string; logStore: string; qualifier: string; versionId: string; [extra: string]: unknown };
  region: string;
  accountId: string;
  logger: ContextLogger;
  [extra: string]: unknown;
}

/** Tencent SCF event function context (cloud.tencent.com/document/product/583/9210). */
export interface ScfContext {
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  request_id: string;
  /** A JSON string holding `TENCENTCLOUD_SECRETID`, `TENCENTCLOUD_SECRETKEY`, `TENCENTCLOUD_SESSIONTOKEN`, `SCF_NAMESPACE`. */
  environment: string;
  /** `KEY=value;KEY=value`. */
  environ?: string;
  function_version: string;
  function_name: string;
  namespace: string;
  tencentcloud_region: string;
  tencentcloud_appid: string;
  tencentcloud_uin: string;
  [extra: string]: unknown;
}

export interface ContextLogger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Temporary credentials of the function's role. */
export interface Credentials {
  accessKeyId: string | null;
  accessKeySecret: string | null;
  securityToken: string | null;
}

/** One context for fetch and Node apps, whichever platform runs them. */
export interface NormalizedContext {
  platform: Platform | 'unknown';
  requestId: string | null;
  functionName: string | null;
  /** FC qualifier, SCF function_version. */
  functionVersion: string | null;
  namespace: string | null;
  region: string | null;
  /** FC accountId, SCF tencentcloud_uin. */
  accountId: string | null;
  /** SCF tencentcloud_appid. */
  appId: string | null;
  memoryMb: number | null;
  /** The configured timeout, ms. */
  timeoutMs: number | null;
  /** Unix ms at which the platform stops the invocation. */
  deadline: number | null;
  /** null when the function has no role. */
  credentials: Credentials | null;
  logger: ContextLogger;
  /** deadline − now, at least 0; null without a deadline. */
  remainingTimeMs(): number | null;
  /** The context as the platform passed it. */
  raw: unknown;
}

/** What builds a platform context: a normalised context or any part of it. */
export type ContextInfo = Partial<Omit<NormalizedContext, 'remainingTimeMs' | 'logger'>> & { handler?: string; logger?: Partial<ContextLogger> };

/** Read an FC, SCF or normalised context (platform detected unless given). Never throws. */
export function normalizeContext(context: unknown, platform?: Platform): NormalizedContext;
/** The context `platform` passes, filled from any context (returned as is when it already is one). */
export function contextFor(context: unknown, platform: 'aliyun'): FcContext;
export function contextFor(context: unknown, platform: 'tencent'): ScfContext;
/** Build an FC event context. */
export function fcContext(info?: ContextInfo): FcContext;
/** Build an SCF event context. */
export function scfContext(info?: ContextInfo): ScfContext;
/** A context for a local invocation: fresh request id, defaults, placeholder credentials unless given (`null`: no role). */
export function localContextInfo(options?: ContextInfo & { platform?: Platform }): NormalizedContext;

/** FC `exports.handler` / SCF `exports.main_handler`: promise style or callback style. */
export type EventHandler<E = any, C = any, R = any> =
  | ((event: E, context: C) => Promise<R> | R)
  | ((event: E, context: C, callback: (error?: unknown, result?: R) => void) => void | Promise<R | undefined>);

/** An FC event function (`exports.handler`): the event is a Buffer of JSON (typed as its bytes); promise or callback style. */
export type FcEventHandler<R = unknown> = (event: Uint8Array, context: FcContext, callback: (error?: unknown, result?: R) => void) => Promise<R> | void;
/** An SCF event function (`exports.main_handler`): the event is an object (`TencentApigwEvent`, `TencentTimerEvent`, …). */
export type ScfEventHandler<E = unknown, R = unknown> = (event: E, context: ScfContext, callback: (error?: unknown, result?: R) => void) => Promise<R> | void;

/** Something a handler did after its outcome was decided (or a sync return that was ignored). */
export interface InvokeWarning {
  code: 'second-callback' | 'callback-after-promise' | 'promise-after-callback' | 'late-rejection' | 'late-answer' | 'sync-return-ignored';
  message: string;
}

/** How an invocation ended. `error` is whatever the handler threw or passed. */
export type InvokeOutcome<R = unknown> =
  | { ok: true; result: R; via: 'promise' | 'callback' | 'return'; warnings: InvokeWarning[] }
  | { ok: false; error: unknown; kind: 'threw' | 'rejected' | 'callback-error' | 'timeout' | 'not-a-function'; via: 'promise' | 'callback' | 'return' | 'threw' | 'timeout'; warnings: InvokeWarning[] };

/**
 * Call a handler with `platform`'s calling convention (FC: a Buffer of JSON; SCF: an object; a callback is
 * always passed; the first answer wins). Never rejects.
 */
export function invoke<R = unknown>(handler: EventHandler<any, any, R>, event: Input, context: unknown, options: { platform: Platform; timeoutMs?: number; onLate?: (warning: InvokeWarning) => void }): Promise<InvokeOutcome<R>>;

// ---- Adapters: fetch apps, Node listeners, handlers across formats (pkg/src/fetch.mjs, node.mjs, adapt.mjs) ----

/** What a request carried besides the HTTP request itself. */
export interface RequestInfo {
  format: HttpFormatId;
  clientIp: string | null;
  requestId: string | null;
  stage: string | null;
  pathParameters: [name: string, value: string][];
  /** The API's path template, e.g. `/users/{id}`. */
  pathTemplate: string | null;
  /** RFC 3339. */
  time: string | null;
}

/**
 * Which response bodies go out as base64: media types that always do (`image/*`), a boolean for all, or a
 * function of the content type and header pairs. By default: base64 for a `Content-Encoding`, a type that is
 * not text, JSON, XML, JavaScript or a form, and bytes that are not UTF-8.
 */
export type BinaryOption = readonly string[] | boolean | ((contentType: string | null, headers: [name: string, value: string][]) => boolean);

/** The integration response for an app's response, with what it cost. */
export interface IntegrationResult<T extends HttpFormatId = HttpFormatId> {
  format: T;
  /** What to return from the handler; the platform's own answer when `gatewayError` is set. */
  response: ResponseMap[T];
  losses: Loss[];
  diagnostics: Diagnostic[];
  /** Set when the platform would reject the result (headers over 8 KB on FC, over 6 MB on SCF, …). */
  gatewayError: { status: number; code: string | null; reason: string } | null;
}

/** A timer event, in Alibaba's field names whichever platform sent it. */
export interface TimerInfo {
  format: TimerFormatId;
  name: string;
  /** RFC 3339. */
  time: string;
  payload: string;
  event: AliyunTimerEvent;
}

/** Where a loss or diagnostic was found. */
export interface ReportPlace {
  format: FormatId;
  platform: Platform;
  requestId: string | null;
  /** For `adapt`: the format the handler was written for. */
  as?: FormatId;
}

/** Options every adapter takes. */
export interface AdapterOptions {
  /** Each loss; default: one warning per distinct code per handler instance, through the platform's logger. */
  onLoss?: (loss: Loss, where: ReportPlace) => void;
  /** Each diagnostic of the answer; default: errors logged every time, the rest once per code. */
  onDiagnostic?: (diagnostic: Diagnostic, where: ReportPlace) => void;
  /** Force the platform instead of telling it from the event (FC: a Buffer; SCF: an object). */
  platform?: Platform;
  /** The event's format, instead of detecting it. */
  from?: FormatId;
  /** Also answer through the callback the platform passes; default: only on FC under Node 18 (callback-only runtimes). */
  callback?: boolean;
}

/** Options of `handle` and `handleNode`. */
export interface HttpAdapterOptions extends AdapterOptions {
  binary?: BinaryOption;
  /** Put the stack of an app's error in the 500's body. */
  debug?: boolean;
  /** An app that threw; default: logged through the platform's logger. The answer is a generic 500. */
  onError?: (error: unknown, where: ReportPlace) => void;
  /** A timer event is POSTed here (body: the payload; `x-timer-name`, `x-timer-time` headers). */
  timerRoute?: string;
}

/** The platform-neutral execution context a fetch app gets as its third argument. */
export interface ExecutionContext {
  /** The handler waits for it before it answers (the platform may freeze the instance after). */
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  context: NormalizedContext;
}

/** The env a fetch app gets when `options.env` is not given. */
export interface DefaultEnv {
  context: NormalizedContext;
  /** The event as it arrived (FC: a Buffer). */
  event: unknown;
}

/** A fetch app: a function, or an object with `.fetch` (Hono, itty-router). */
export type FetchApp<Env> =
  | ((request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>)
  | { fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response>; scheduled?(timer: TimerInfo, env: Env, ctx: ExecutionContext): unknown };

/** What `handle`, `handleNode` and `adapt` return: FC's `exports.handler` and SCF's `exports.main_handler` at once. */
export type PlatformHandler = (event: unknown, context: unknown, callback?: (error?: unknown, result?: unknown) => void) => Promise<any>;

/** A Node listener: express, `http.createServer`'s callback, koa's `app.callback()`; or a koa or fastify app, or an `http.Server`. */
export type NodeListener = ((req: any, res: any) => unknown) | { callback(): (req: any, res: any) => unknown } | { inject(options: object): Promise<unknown>; ready(): unknown } | { emit(event: string, ...args: any[]): boolean; listeners(event: string): Function[] };

/** The WHATWG Request for an HTTP event (Node 18+, browsers). A GET or HEAD body is dropped with a `body-dropped` loss. */
export function toRequest(event: Input, options?: { from?: HttpFormatId }): { request: Request; losses: Loss[]; info: RequestInfo };
/** The integration response of `options.format` for a WHATWG Response. */
export function fromResponse<T extends HttpFormatId>(response: Response, options: { format: T; binary?: BinaryOption }): Promise<IntegrationResult<T>>;
/** One handler for a fetch app on FC and SCF, all four HTTP formats; timers go to `scheduled` or `timerRoute`. */
export function handle<Env = DefaultEnv>(
  app: FetchApp<Env>,
  options?: HttpAdapterOptions & { env?: Env | ((context: NormalizedContext, event: unknown) => Env); scheduled?: (timer: TimerInfo, env: Env, ctx: ExecutionContext) => unknown }
): PlatformHandler;
/** One handler for a Node listener, injected in memory with light-my-request (Node only). */
export function handleNode(listener: NodeListener, options?: HttpAdapterOptions & { scheduled?: (timer: TimerInfo, context: NormalizedContext) => unknown }): PlatformHandler;
/** Run a handler written for the trigger format `as` on either platform, converting event, context and result. */
export function adapt(
  handler: EventHandler,
  options: AdapterOptions & { as: FormatId; timeoutMs?: number; onLate?: (warning: InvokeWarning, where: ReportPlace) => void }
): PlatformHandler;

declare const api: {
  formats: typeof formats;
  /** How many times a wasm module has been re-instantiated, plus one (recoveries from traps and large-input resets). */
  readonly instances: number;
  TriggerBridgeError: typeof TriggerBridgeError;
  init: typeof init;
  initTools: typeof initTools;
  detect: typeof detect;
  convertEvent: typeof convertEvent;
  convertResponse: typeof convertResponse;
  validateEvent: typeof validateEvent;
  validateResponse: typeof validateResponse;
  clientResponse: typeof clientResponse;
  eventFromRequest: typeof eventFromRequest;
  eventFromObject: typeof eventFromObject;
  eventFromMessage: typeof eventFromMessage;
  convertTimerConfig: typeof convertTimerConfig;
  convertTrigger: typeof convertTrigger;
  gateway: typeof gateway;
  cron: typeof cron;
  runCli: typeof runCli;
  invoke: typeof invoke;
  normalizeContext: typeof normalizeContext;
  contextFor: typeof contextFor;
  fcContext: typeof fcContext;
  scfContext: typeof scfContext;
  localContextInfo: typeof localContextInfo;
  toRequest: typeof toRequest;
  fromResponse: typeof fromResponse;
  handle: typeof handle;
  handleNode: typeof handleNode;
  adapt: typeof adapt;
};
/**
 * The whole API as one object: what `require('trigger-bridge')` returns and what `import tb from
 * 'trigger-bridge'` binds (index.d.cts and index.d.mts give each module system its view of this file).
 */
export type TriggerBridge = typeof api;
