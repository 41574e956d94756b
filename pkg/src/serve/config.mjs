// Reading a project's own deployment configuration, as `sam local` reads template.yaml:
//
// - Serverless Devs `s.yaml` (FC 3.0 component `fc3`): `resources.<name>.props` with `region`, `functionName`,
//   `runtime`, `code`, `handler`, `timeout` (s), `memorySize` (MB) and `triggers: [{triggerName, triggerType:
//   http | timer, triggerConfig: {authType, methods} | {cronExpression, payload, enable}}]`
//   (github.com/devsapp/fc3 docs/zh/yaml).
// - Tencent Serverless Framework `serverless.yml` (component `scf`): `inputs` with `name`, `src` (a path or
//   `{src}`), `handler`, `runtime`, `region`, `timeout` (s), `memorySize` (MB), `events: [{apigw: {parameters:
//   {environment, endpoints: [{path, method}]}}}, {timer: {parameters: {cronExpression, argument, enable}}},
//   {http: {parameters: {…}}}, {cos: {parameters: {bucket: <bucket>-<appid>.cos.<region>.myqcloud.com, events,
//   filter: {prefix, suffix}, enable}}}]` (github.com/serverless-components/tencent-scf docs/configure.md). The
//   endpoints become the API gateway service's APIs, among which each request is routed.
//
// Object-storage triggers become `events` entries, `{name, format, bucket, region, account, events, prefix,
// suffix, enabled}`, and message triggers `{name, format, topic, enabled}` (s.yaml: `mns_topic`, and
// `eventbridge` with `eventSourceConfig.eventSourceType` Kafka or RocketMQ; serverless.yml: `cmq`, `ckafka`),
// which serve fires on demand (events.mjs).
//
// Only fields are read here; what they mean (which methods a trigger lets through, how a cron expression fires)
// is decided by the Rust core at request and schedule time. The YAML parser (`yaml`, maintained, no
// dependencies) is loaded only when a configuration file is there.

import fs from 'node:fs';
import path from 'node:path';

/** Configuration file names, in the order they are looked for. */
export const CONFIG_FILES = ['s.yaml', 's.yml', 'serverless.yml', 'serverless.yaml'];

const EVERY_METHOD = null;

/** A value that is still a `${…}` variable is treated as absent: serve cannot resolve it. */
function plain(value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && /\$\{[^}]*\}/.test(value)) return undefined;
  return value;
}

function number(value) {
  const v = plain(value);
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function enabled(value) {
  const v = plain(value);
  if (v === undefined) return true;
  if (typeof v === 'string') return !/^(false|close|0)$/i.test(v.trim());
  return Boolean(v);
}

function methodList(value) {
  const v = plain(value);
  if (v === undefined) return EVERY_METHOD;
  const list = (Array.isArray(v) ? v : String(v).split(',')).map((m) => String(m).trim().toUpperCase()).filter(Boolean);
  return list.includes('ANY') ? EVERY_METHOD : list;
}

function list(value) {
  const v = plain(value);
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : String(v).split(',')).map((e) => plain(e)).filter((e) => typeof e === 'string' && e.trim()).map((e) => e.trim());
}

/** A case-insensitive field (`filter.key.prefix` is `Key`/`Prefix` in some FC documents). */
function field(object, name) {
  if (!object || typeof object !== 'object') return undefined;
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

/** `acs:oss:<region>:<account>:<bucket>`: each part that is not a `${…}` variable. */
function ossArn(value) {
  if (typeof value !== 'string') return {};
  const [acs, service, region, account, bucket] = value.split(':');
  if (acs !== 'acs' || service !== 'oss') return {};
  return { region: plain(region) || undefined, account: plain(account) || undefined, bucket: plain(bucket) || undefined };
}

/** An FC OSS trigger of s.yaml. */
function ossTrigger(t) {
  const c = t.triggerConfig || {};
  const arn = ossArn(t.sourceArn);
  const key = field(field(c, 'filter'), 'key');
  return {
    name: String(t.triggerName || 'oss'), format: 'aliyun-oss', bucket: arn.bucket ?? plain(c.bucketName), region: arn.region, account: arn.account,
    events: list(c.events), prefix: plain(field(key, 'prefix')) || undefined, suffix: plain(field(key, 'suffix')) || undefined, enabled: enabled(c.enable),
  };
}

/** The event source of an FC EventBridge trigger: `aliyun-kafka`, `aliyun-rocketmq`, or undefined. */
function eventBridgeFormat(t) {
  const source = field(field(t.triggerConfig, 'eventSourceConfig'), 'eventSourceType');
  return { kafka: 'aliyun-kafka', rocketmq: 'aliyun-rocketmq' }[String(plain(source) || '').toLowerCase()];
}

/** An FC message trigger of s.yaml (MNS topic, or Kafka / RocketMQ through EventBridge). */
function messageTrigger(t, format) {
  const arn = typeof t.sourceArn === 'string' ? t.sourceArn.split(':') : [];
  const params = field(field(field(t.triggerConfig, 'eventSourceConfig'), 'eventSourceParameters'), format === 'aliyun-kafka' ? 'sourceKafkaParameters' : 'sourceRocketMQParameters');
  const topic = format === 'aliyun-mns' ? plain(String(arn[4] || '').replace(/^\/topics\//, '')) : plain(field(params, 'topic'));
  return { name: String(t.triggerName || format.slice(7)), format, topic: topic || undefined, enabled: enabled((t.triggerConfig || {}).enable) };
}

/** A COS trigger of serverless.yml: `bucket` is the bucket's host (`<name>-<appid>.cos.<region>.myqcloud.com`) or its name. */
function cosTrigger(body, p) {
  const host = plain(p.bucket);
  const m = typeof host === 'string' ? /^([a-z0-9-]+?)-(\d+)(?:\.cos\.[a-z0-9-]+\.myqcloud\.com)?$/i.exec(host) : null;
  const filter = p.filter || {};
  return {
    name: String((body && body.name) || p.name || 'cos'), format: 'tencent-cos', bucket: m ? m[1] : host, region: undefined, account: m ? m[2] : undefined,
    events: list(p.events), prefix: plain(filter.prefix) || undefined, suffix: plain(filter.suffix) || undefined, enabled: enabled(p.enable),
  };
}

/** Split `index.main_handler` (or `src/app.handler`) into a module path and an export name. */
export function splitHandler(handler) {
  const text = String(handler);
  const dot = text.lastIndexOf('.');
  if (dot <= 0) return { module: text, name: undefined };
  return { module: text.slice(0, dot), name: text.slice(dot + 1) };
}

/**
 * The function a configuration describes, normalised:
 * `{ file, kind: 's.yaml' | 'serverless.yml', platform, name, region, runtime, codeDir, handler, timeoutMs,
 *    memoryMb, format, methods: string[] | null, apis: [{path, method}] | undefined, auth, stage, timers: [{name, cron, dialect, payload, enabled}],
 *    events: [{name, format, bucket, region, account, events: string[], prefix, suffix, enabled} | {name, format, topic, enabled}],
 *    warnings: string[] }`.
 */
export function normalizeConfig(doc, kind, file, options = {}) {
  const dir = path.dirname(file);
  const warnings = [];
  if (kind === 's.yaml') {
    const resources = doc && typeof doc.resources === 'object' && doc.resources ? doc.resources : {};
    const entries = Object.entries(resources).filter(([, r]) => r && typeof r === 'object' && r.props && (!r.component || String(r.component).startsWith('fc')));
    const chosen = options.function ? entries.find(([name, r]) => name === options.function || r.props.functionName === options.function) : entries[0];
    if (!chosen) throw new Error(`${file}: no FC function under resources${options.function ? ` named ${options.function}` : ''}`);
    if (entries.length > 1 && !options.function) warnings.push(`${file} has ${entries.length} functions; serving ${chosen[0]} (choose with --function NAME)`);
    const props = chosen[1].props;
    const code = plain(props.code);
    const triggers = Array.isArray(props.triggers) ? props.triggers : [];
    const http = triggers.find((t) => t && String(t.triggerType).toLowerCase() === 'http');
    const httpConfig = (http && http.triggerConfig) || {};
    const timers = triggers
      .filter((t) => t && String(t.triggerType).toLowerCase() === 'timer')
      .map((t) => {
        const c = t.triggerConfig || {};
        return { name: String(t.triggerName || 'timer'), cron: plain(c.cronExpression), dialect: 'aliyun', payload: plain(c.payload) ?? '', enabled: enabled(c.enable) };
      });
    const events = triggers.filter((t) => t && typeof t === 'object').flatMap((t) => {
      const type = String(t.triggerType).toLowerCase();
      if (type === 'oss') return [ossTrigger(t)];
      if (type === 'mns_topic') return [messageTrigger(t, 'aliyun-mns')];
      const bridged = type === 'eventbridge' ? eventBridgeFormat(t) : undefined;
      return bridged ? [messageTrigger(t, bridged)] : [];
    });
    return {
      file,
      kind,
      platform: 'aliyun',
      name: plain(props.functionName) ?? chosen[0],
      region: plain(props.region),
      runtime: plain(props.runtime),
      codeDir: path.resolve(dir, typeof code === 'string' ? code : code && typeof code.src === 'string' ? code.src : '.'),
      handler: plain(props.handler) ?? 'index.handler',
      timeoutMs: number(props.timeout) === undefined ? undefined : number(props.timeout) * 1000,
      memoryMb: number(props.memorySize),
      format: http ? 'aliyun-http' : undefined,
      methods: http ? methodList(httpConfig.methods) : EVERY_METHOD,
      auth: plain(httpConfig.authType),
      stage: undefined,
      trigger: http ? { triggerName: http.triggerName, triggerType: 'http', triggerConfig: httpConfig } : undefined,
      timers,
      events,
      warnings,
    };
  }
  const inputs = (doc && doc.inputs) || {};
  const src = plain(inputs.src);
  const events = Array.isArray(inputs.events) ? inputs.events : [];
  let format;
  const methods = EVERY_METHOD;
  let apis;
  let stage;
  const timers = [];
  const triggers = [];
  for (const event of events) {
    if (!event || typeof event !== 'object') continue;
    const [type, body] = Object.entries(event)[0] || [];
    const p = (body && body.parameters) || {};
    if (type === 'apigw' && !format) {
      format = 'tencent-apigw';
      stage = plain(p.environment);
      const endpoints = (Array.isArray(p.endpoints) ? p.endpoints : []).filter((e) => e && typeof plain(e.path) === 'string');
      // The service's APIs: the core routes each request among them as Tencent's gateway does.
      apis = endpoints.map((e) => ({ path: String(e.path), method: plain(e.method) ?? 'ANY' }));
    } else if (type === 'http' && !format) {
      format = 'tencent-url';
    } else if (type === 'timer') {
      timers.push({ name: String((body && body.name) || p.name || 'timer'), cron: plain(p.cronExpression), dialect: 'tencent', payload: plain(p.argument) ?? '', enabled: enabled(p.enable) });
    } else if (type === 'cos') {
      triggers.push(cosTrigger(body, p));
    } else if (type === 'cmq' || type === 'ckafka') {
      triggers.push({ name: String((body && body.name) || type), format: `tencent-${type}`, topic: plain(type === 'cmq' ? p.name : p.topic) || undefined, enabled: enabled(p.enable) });
    }
  }
  return {
    file,
    kind,
    platform: 'tencent',
    name: plain(inputs.name) ?? plain(doc && doc.name) ?? 'local',
    region: plain(inputs.region),
    runtime: plain(inputs.runtime),
    codeDir: path.resolve(dir, typeof src === 'string' ? src : src && typeof src.src === 'string' ? src.src : '.'),
    handler: plain(inputs.handler) ?? 'index.main_handler',
    timeoutMs: number(inputs.timeout) === undefined ? undefined : number(inputs.timeout) * 1000,
    memoryMb: number(inputs.memorySize),
    format,
    methods,
    apis,
    auth: undefined,
    stage,
    timers,
    events: triggers,
    warnings,
  };
}

/**
 * Find and read the configuration in `dir` (or the file `options.config`); `null` when there is none.
 * Throws an Error naming the file and line for YAML it cannot parse.
 */
export async function readConfig(dir, options = {}) {
  const candidates = options.config ? [path.resolve(dir, options.config)] : CONFIG_FILES.map((name) => path.join(dir, name));
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) {
    if (options.config) throw new Error(`cannot read ${options.config}: not found`);
    return null;
  }
  const { parse } = await import('yaml');
  let doc;
  try {
    doc = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${path.relative(process.cwd(), file) || file}: ${e.message}`);
  }
  const base = path.basename(file);
  const kind = base.startsWith('s.') ? 's.yaml' : 'serverless.yml';
  return normalizeConfig(doc, kind, file, options);
}
