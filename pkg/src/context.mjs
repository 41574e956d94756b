// The one place where context fields are mapped: Alibaba FC's event context ⇄ Tencent SCF's event context ⇄ the
// normalised context fetch and Node apps receive, and the headers web functions receive. Field sources:
// RUNTIMES.md "Context fields" (alibabacloud.com/help/zh/fc/context-3, cloud.tencent.com/document/product/583/9210).
// docs/adapters.md shows the same table for users.
//
// API
//
//   normalizeContext(context, platform?) -> NormalizedContext
//     Reads an FC context, an SCF context or an already normalised one (platform detected when not given:
//     `request_id`/`function_name` mean SCF, `requestId`/`function` mean FC). Never throws; a missing field is
//     null. Call it when the invocation starts: FC has no remaining-time function, so its deadline is "now +
//     function.timeout".
//
//   NormalizedContext = {
//     platform: 'aliyun' | 'tencent' | 'unknown',
//     requestId, functionName, functionVersion, namespace, region, accountId, appId: string | null,
//     memoryMb: number | null,              MB
//     timeoutMs: number | null,             the function's configured timeout, ms
//     deadline: number | null,              Unix ms at which the platform stops the invocation
//     credentials: { accessKeyId, accessKeySecret, securityToken } | null   (null when the function has no role)
//     logger: { debug, info, warn, error }  FC's context.logger, else console
//     remainingTimeMs(): number | null      deadline - now, at least 0
//     raw: the context as the platform passed it
//   }
//
//   fcContext(info) -> FC context      { requestId, credentials, function: {name, handler, memory, timeout},
//                                        service: {name, logProject, logStore, qualifier, versionId}, region,
//                                        accountId, logger, tracing }
//   scfContext(info) -> SCF context    { callbackWaitsForEmptyEventLoop, getRemainingTimeInMillis(),
//                                        memory_limit_in_mb, time_limit_in_ms, request_id, environment (a JSON
//                                        string), environ, function_version, function_name, namespace,
//                                        tencentcloud_region, tencentcloud_appid, tencentcloud_uin }
//     `info` is a NormalizedContext or any subset of its fields (plus `handler`, `appId`); a missing deadline
//     is computed from timeoutMs at build time.
//   contextFor(context, platform) -> the context `platform` would pass, filled from any context (returned as is
//     when it already is that platform's).
//   localContextInfo(options) -> NormalizedContext for a local invocation (serve, tests): a fresh request id,
//     defaults (function "local", 128 MB, 3 s, region by platform) and PLACEHOLDER_CREDENTIALS unless
//     `options.credentials` is given (`null` for a function without a role).
//   webHeaders(info, platform) -> [name, value][]   the request headers a web function receives on `platform`
//   contextFromWebHeaders(headers) -> NormalizedContext   the reverse, from a Headers object, pairs or a map
//   CREDENTIAL_HEADERS: lower-case names of headers that carry credentials (never let them reach an app).

/** Credentials a local invocation gets: recognisably fake, so nothing mistakes them for real keys. */
export const PLACEHOLDER_CREDENTIALS = Object.freeze({
  accessKeyId: 'LOCAL-PLACEHOLDER-ACCESS-KEY-ID',
  accessKeySecret: 'LOCAL-PLACEHOLDER-ACCESS-KEY-SECRET',
  securityToken: 'LOCAL-PLACEHOLDER-SECURITY-TOKEN',
});

/** Lower-case request headers that carry credentials on web functions. */
export const CREDENTIAL_HEADERS = Object.freeze([
  'x-fc-access-key-id',
  'x-fc-access-key-secret',
  'x-fc-security-token',
  'x-scf-secret-id',
  'x-scf-secret-key',
  'x-scf-session-token',
]);

const DEFAULT_REGION = { aliyun: 'cn-hangzhou', tencent: 'ap-guangzhou' };

const str = (v) => (v === undefined || v === null || v === '' ? null : String(v));
const num = (v) => {
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};
const obj = (v) => (v !== null && typeof v === 'object' ? v : {});

function credentialsOf(accessKeyId, accessKeySecret, securityToken) {
  const c = { accessKeyId: str(accessKeyId), accessKeySecret: str(accessKeySecret), securityToken: str(securityToken) };
  return c.accessKeyId === null && c.accessKeySecret === null && c.securityToken === null ? null : c;
}

/** SCF's `environment`: a JSON string per the docs; some typings (and older runtimes) give an object. */
function scfEnvironment(value) {
  if (typeof value === 'string') {
    try {
      return obj(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return obj(value);
}

const consoleLogger = () => ({
  debug: (...a) => console.debug(...a),
  info: (...a) => console.info(...a),
  warn: (...a) => console.warn(...a),
  error: (...a) => console.error(...a),
});

function withLogger(logger) {
  const l = obj(logger);
  const fallback = consoleLogger();
  const pick = (name) => (typeof l[name] === 'function' ? l[name].bind(l) : typeof l.log === 'function' ? l.log.bind(l) : fallback[name]);
  return { debug: pick('debug'), info: pick('info'), warn: pick('warn'), error: pick('error') };
}

function finish(n) {
  n.remainingTimeMs = () => (n.deadline === null ? null : Math.max(0, n.deadline - Date.now()));
  return n;
}

function detectPlatform(c) {
  if (c.platform === 'aliyun' || c.platform === 'tencent') return c.platform;
  if ('request_id' in c || 'function_name' in c || 'memory_limit_in_mb' in c) return 'tencent';
  if ('requestId' in c || (c.function !== null && typeof c.function === 'object')) return 'aliyun';
  return 'unknown';
}

const isNormalized = (c) => typeof c.remainingTimeMs === 'function' && 'raw' in c && 'memoryMb' in c;

/** Read any context into the normalised shape (see the header of this file). */
export function normalizeContext(context, platform) {
  const c = obj(context);
  if (isNormalized(c)) return c;
  const p = platform ?? detectPlatform(c);
  if (p === 'tencent') {
    const env = scfEnvironment(c.environment);
    let deadline = null;
    if (typeof c.getRemainingTimeInMillis === 'function') {
      const left = num(c.getRemainingTimeInMillis());
      if (left !== null) deadline = Date.now() + left;
    }
    const timeoutMs = num(c.time_limit_in_ms);
    if (deadline === null && timeoutMs !== null) deadline = Date.now() + timeoutMs;
    return finish({
      platform: 'tencent',
      requestId: str(c.request_id),
      functionName: str(c.function_name),
      functionVersion: str(c.function_version),
      namespace: str(c.namespace ?? env.SCF_NAMESPACE),
      region: str(c.tencentcloud_region ?? env.TENCENTCLOUD_REGION),
      accountId: str(c.tencentcloud_uin),
      appId: str(c.tencentcloud_appid),
      memoryMb: num(c.memory_limit_in_mb),
      timeoutMs,
      deadline,
      credentials: credentialsOf(env.TENCENTCLOUD_SECRETID, env.TENCENTCLOUD_SECRETKEY, env.TENCENTCLOUD_SESSIONTOKEN),
      logger: withLogger(c.logger),
      raw: context,
    });
  }
  if (p === 'aliyun') {
    const fn = obj(c.function);
    const service = obj(c.service);
    const cred = obj(c.credentials);
    const timeoutSeconds = num(fn.timeout);
    const timeoutMs = timeoutSeconds === null ? null : timeoutSeconds * 1000;
    return finish({
      platform: 'aliyun',
      requestId: str(c.requestId),
      functionName: str(fn.name),
      functionVersion: str(service.qualifier ?? service.versionId),
      namespace: str(service.name),
      region: str(c.region),
      accountId: str(c.accountId),
      appId: null,
      memoryMb: num(fn.memory),
      timeoutMs,
      deadline: timeoutMs === null ? null : Date.now() + timeoutMs,
      credentials: credentialsOf(cred.accessKeyId, cred.accessKeySecret, cred.securityToken),
      logger: withLogger(c.logger),
      raw: context,
    });
  }
  return finish({
    platform: 'unknown',
    requestId: str(c.requestId ?? c.request_id),
    functionName: str(c.functionName ?? c.function_name),
    functionVersion: str(c.functionVersion ?? c.function_version),
    namespace: str(c.namespace),
    region: str(c.region),
    accountId: str(c.accountId),
    appId: str(c.appId),
    memoryMb: num(c.memoryMb),
    timeoutMs: num(c.timeoutMs),
    deadline: num(c.deadline),
    credentials: c.credentials ? credentialsOf(c.credentials.accessKeyId, c.credentials.accessKeySecret, c.credentials.securityToken) : null,
    logger: withLogger(c.logger),
    raw: context,
  });
}

/** Fill a missing deadline from the timeout, at build time. */
function deadlineOf(info) {
  const d = num(info.deadline);
  if (d !== null) return d;
  const t = num(info.timeoutMs);
  return t === null ? null : Date.now() + t;
}

/** The FC 3.0 event context for `info` (a NormalizedContext or a subset of its fields). */
export function fcContext(info = {}) {
  const cred = info.credentials;
  const timeoutMs = num(info.timeoutMs);
  return {
    requestId: info.requestId ?? '',
    // FC passes `{}` for a function without a role.
    credentials: cred ? { accessKeyId: cred.accessKeyId ?? '', accessKeySecret: cred.accessKeySecret ?? '', securityToken: cred.securityToken ?? '' } : {},
    function: {
      name: info.functionName ?? '',
      handler: info.handler ?? 'index.handler',
      memory: num(info.memoryMb) ?? 0,
      // Seconds, as FC reports it.
      timeout: timeoutMs === null ? 0 : Math.ceil(timeoutMs / 1000),
    },
    service: { name: info.namespace ?? '', logProject: '', logStore: '', qualifier: info.functionVersion === '$LATEST' || info.functionVersion == null ? 'LATEST' : info.functionVersion, versionId: '' },
    region: info.region ?? '',
    accountId: info.accountId ?? '',
    logger: withLogger(info.logger),
    tracing: {},
  };
}

/** The SCF event context for `info` (a NormalizedContext or a subset of its fields). */
export function scfContext(info = {}) {
  const cred = info.credentials;
  const deadline = deadlineOf(info);
  const namespace = info.namespace ?? 'default';
  const env = { SCF_NAMESPACE: namespace };
  if (cred) {
    env.TENCENTCLOUD_SECRETID = cred.accessKeyId ?? '';
    env.TENCENTCLOUD_SECRETKEY = cred.accessKeySecret ?? '';
    env.TENCENTCLOUD_SESSIONTOKEN = cred.securityToken ?? '';
  }
  return {
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => (deadline === null ? 0 : Math.max(0, deadline - Date.now())),
    memory_limit_in_mb: num(info.memoryMb) ?? 0,
    time_limit_in_ms: num(info.timeoutMs) ?? 0,
    request_id: info.requestId ?? '',
    environment: JSON.stringify(env),
    environ: Object.entries(env).map(([k, v]) => `${k}=${v}`).join(';'),
    function_version: info.functionVersion === 'LATEST' || info.functionVersion == null ? '$LATEST' : info.functionVersion,
    function_name: info.functionName ?? '',
    namespace,
    tencentcloud_region: info.region ?? '',
    tencentcloud_appid: info.appId ?? '',
    tencentcloud_uin: info.accountId ?? '',
  };
}

/** The context `platform` would pass, filled from any context; returned as is when it already is one. */
export function contextFor(context, platform) {
  const n = normalizeContext(context);
  if (n.platform === platform && n.raw !== null && typeof n.raw === 'object' && !isNormalized(n.raw)) return n.raw;
  if (platform === 'aliyun') return fcContext(n);
  if (platform === 'tencent') return scfContext(n);
  throw new TypeError(`unknown platform ${JSON.stringify(platform)}: expected 'aliyun' or 'tencent'`);
}

function randomId() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `local-${Date.now().toString(16)}-${Math.random().toString(16).slice(2, 10)}`;
}

/** A NormalizedContext for a local invocation on `options.platform` (see the header of this file). */
export function localContextInfo(options = {}) {
  const platform = options.platform === 'tencent' ? 'tencent' : 'aliyun';
  const timeoutMs = num(options.timeoutMs) ?? 3000;
  return finish({
    platform,
    requestId: str(options.requestId) ?? randomId(),
    functionName: str(options.functionName) ?? 'local',
    functionVersion: str(options.functionVersion) ?? (platform === 'tencent' ? '$LATEST' : 'LATEST'),
    namespace: str(options.namespace) ?? (platform === 'tencent' ? 'default' : null),
    region: str(options.region) ?? DEFAULT_REGION[platform],
    accountId: str(options.accountId) ?? '0',
    appId: str(options.appId) ?? (platform === 'tencent' ? '0' : null),
    memoryMb: num(options.memoryMb) ?? 128,
    timeoutMs,
    deadline: num(options.deadline) ?? Date.now() + timeoutMs,
    credentials: options.credentials === undefined ? { ...PLACEHOLDER_CREDENTIALS } : options.credentials === null ? null : credentialsOf(options.credentials.accessKeyId, options.credentials.accessKeySecret, options.credentials.securityToken),
    logger: withLogger(options.logger),
    raw: null,
  });
}

/** The request headers a web function receives on `platform` for `info` (credentials included when present). */
export function webHeaders(info, platform) {
  const out = [];
  const add = (name, value) => {
    if (value !== null && value !== undefined && value !== '') out.push([name, String(value)]);
  };
  const cred = info.credentials || {};
  if (platform === 'aliyun') {
    add('x-fc-request-id', info.requestId);
    add('x-fc-function-name', info.functionName);
    add('x-fc-function-memory', info.memoryMb);
    add('x-fc-qualifier', info.functionVersion);
    add('x-fc-region', info.region);
    add('x-fc-account-id', info.accountId);
    add('x-fc-access-key-id', cred.accessKeyId);
    add('x-fc-access-key-secret', cred.accessKeySecret);
    add('x-fc-security-token', cred.securityToken);
  } else if (platform === 'tencent') {
    add('X-Scf-Request-Id', info.requestId);
    add('X-Scf-Name', info.functionName);
    add('X-Scf-Memory', info.memoryMb);
    add('X-Scf-Timeout', info.timeoutMs);
    add('X-Scf-Version', info.functionVersion);
    add('X-Scf-Namespace', info.namespace);
    add('X-Scf-Region', info.region);
    add('X-Scf-Secret-Id', cred.accessKeyId);
    add('X-Scf-Secret-Key', cred.accessKeySecret);
    add('X-Scf-Session-Token', cred.securityToken);
  } else {
    throw new TypeError(`unknown platform ${JSON.stringify(platform)}: expected 'aliyun' or 'tencent'`);
  }
  return out;
}

/** A NormalizedContext from the headers of a web function request (`raw` is a plain lower-case map). */
export function contextFromWebHeaders(headers) {
  const map = Object.create(null);
  if (headers && typeof headers.forEach === 'function' && typeof headers.get === 'function' && !(headers instanceof Map)) {
    headers.forEach((v, k) => {
      map[String(k).toLowerCase()] = String(v);
    });
  } else {
    const entries = Array.isArray(headers) || headers instanceof Map ? Array.from(headers) : Object.entries(obj(headers));
    for (const [k, v] of entries) map[String(k).toLowerCase()] = Array.isArray(v) ? String(v[0]) : String(v);
  }
  const h = (name) => str(map[name]);
  const platform = 'x-fc-request-id' in map ? 'aliyun' : 'x-scf-request-id' in map ? 'tencent' : 'unknown';
  const scf = platform === 'tencent';
  const timeoutMs = scf ? num(map['x-scf-timeout']) : null;
  return finish({
    platform,
    requestId: h(scf ? 'x-scf-request-id' : 'x-fc-request-id'),
    functionName: h(scf ? 'x-scf-name' : 'x-fc-function-name'),
    functionVersion: h(scf ? 'x-scf-version' : 'x-fc-qualifier'),
    namespace: scf ? h('x-scf-namespace') : null,
    region: h(scf ? 'x-scf-region' : 'x-fc-region'),
    accountId: scf ? null : h('x-fc-account-id'),
    appId: null,
    memoryMb: num(map[scf ? 'x-scf-memory' : 'x-fc-function-memory']),
    timeoutMs,
    deadline: timeoutMs === null ? null : Date.now() + timeoutMs,
    credentials: scf
      ? credentialsOf(map['x-scf-secret-id'], map['x-scf-secret-key'], map['x-scf-session-token'])
      : credentialsOf(map['x-fc-access-key-id'], map['x-fc-access-key-secret'], map['x-fc-security-token']),
    logger: withLogger(null),
    raw: map,
  });
}
