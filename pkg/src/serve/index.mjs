// `trigger-bridge serve`: run a handler behind an emulated FC or SCF gateway on 127.0.0.1.
//
//   serve(options) -> Promise<{ servers: [{format, url, server}], timers, reload(), close() }>   (programmatic)
//   main(argv)                                                                                  (the command)
//
// The pieces, one per concern: config.mjs (s.yaml / serverless.yml), handler.mjs (loading and reloading),
// gateway.mjs (one request through the core's rules), server.mjs (node:http), limits.mjs, log.mjs, record.mjs,
// timers.mjs, events.mjs (object-storage triggers fired on demand), watch.mjs. Platform rules all live in the Rust core and are reached through the package API.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import tb from '../../index.cjs';
import { readConfig, splitHandler } from './config.mjs';
import { handlerLoader, resolveEntry } from './handler.mjs';
import { createServer, CONTROL_PATH, FIRE_PATH } from './server.mjs';
import { createLog } from './log.mjs';
import { createRecorder } from './record.mjs';
import { scheduleTimers } from './timers.mjs';
import { eventTriggers, kindOf, describable, sampleDescription, EVENT_FORMATS } from './events.mjs';
import { watchFiles } from './watch.mjs';
import { platformOf } from './gateway.mjs';

export const HELP = `\
npx trigger-bridge serve [ENTRY] [options]

Run a handler behind an emulated Alibaba FC or Tencent SCF gateway: each HTTP request becomes the event of
the chosen format, the handler is called in process with that platform's calling convention and context,
and the caller gets exactly what that gateway would send (its 502 / 403 included). Reads s.yaml (Serverless
Devs, fc3) or serverless.yml (Serverless Framework, scf) when present; flags override. Object-storage
triggers (an OSS trigger in s.yaml, a COS trigger in serverless.yml, or --as aliyun-oss | tencent-cos) fire on
demand: POST ${FIRE_PATH}/NAME with a JSON description such as {"key": "photos/a b.jpg", "size": 1024},
or with a whole event of their kind, which the core converts into the trigger's format; message triggers (MNS
topic, CMQ, Kafka, CKafka, RocketMQ) likewise, with {"body": "…"} or {"messages": […]} where the package writes
message events (eventFromMessage).

ENTRY                    the handler file (index.js) or the project folder (default: .)
  --handler NAME         the exported function (default: from the configuration, else handler / main_handler)
  --written-for FORMAT   the format the handler was written for (default: the configuration's trigger); behind
                         any other --as it runs through the package's adapt(), as it would deployed there
                         (an HTTP format for requests; an object or message format for those events)
  --fetch                ENTRY exports a fetch app (a function or an object with .fetch: Hono, itty-router),
                         run through the package's handle() on every format
  --node                 ENTRY exports a Node listener (express, koa, a plain (req, res) function), run
                         through the package's handleNode()
  --as FORMAT            aliyun-http | aliyun-apigw | tencent-apigw | tencent-url; repeat to compare gateways
                         (one port each, counting up from --port); aliyun-oss | tencent-cos | aliyun-mns |
                         tencent-cmq | aliyun-kafka | tencent-ckafka | aliyun-rocketmq adds an event trigger of
                         that format (named after it) to fire on demand
  --port N               default 9000 (the web-function port of both clouds); 0 picks a free port
  --host ADDR            default 127.0.0.1; 0.0.0.0 to serve as an FC custom runtime or SCF web function
  --timeout SECONDS      the function timeout (default: configuration, else 3)
  --memory MB, --region REGION, --function NAME (in an s.yaml with several), --config FILE
  --record FILE.jsonl    write {event, response, ...} per request: open it in the playground's Play back
  --watch                reload the handler when its files change, without restarting
  --timer 'CRON'         add a timer (the handler platform's cron dialect); --payload TEXT for its payload
  --tz ZONE              the zone timers are scheduled in (default: the dialect's)
  --verbose              losses, diagnostics and warnings under each log line
  --production           no watch, no record, no colours (also when running on FC or SCF without a terminal)

Timers also fire on demand: press t (or POST ${CONTROL_PATH}[/NAME]). Event triggers fire with
POST ${FIRE_PATH}/NAME, or press e (each fires with a sample key or message). r reloads, q quits.
`;

const HTTP_FORMATS = ['aliyun-http', 'aliyun-apigw', 'tencent-apigw', 'tencent-url'];

function usage(message) {
  const e = new Error(message);
  e.code = 'usage';
  return e;
}

/**
 * For --fetch and --node: find the app in the module and wrap it in the package's adapter (`handle` for fetch
 * apps, `handleNode` for Node listeners), which answers every HTTP format. `undefined` for event handlers.
 */
function appPicker(mode, name) {
  if (!mode || mode === 'handler') return undefined;
  const adapter = mode === 'fetch' ? tb.handle : tb.handleNode;
  if (typeof adapter !== 'function') throw usage(`--${mode} needs the package's ${mode === 'fetch' ? 'handle' : 'handleNode'} adapter, which this version does not have`);
  return (mod) => {
    const candidates = name ? [mod[name]] : mode === 'fetch' ? [mod.default, mod.app, mod.fetch, mod] : [mod.default, mod.app, mod.server, mod.listener, mod];
    let app = candidates.find((c) => c && (typeof c === 'function' || (mode === 'fetch' && typeof c.fetch === 'function') || (mode === 'node' && typeof c.callback === 'function')));
    if (!app) throw new Error(`the module exports no ${mode === 'fetch' ? 'fetch app (a function or an object with .fetch)' : 'Node listener (a function or a koa app)'}${name ? ` named ${name}` : ''}`);
    if (mode === 'node' && typeof app !== 'function' && typeof app.callback === 'function') app = app.callback();
    return adapter(app);
  };
}

/** On FC or SCF themselves: their runtime environment variables are there. */
const onPlatform = (env) => Boolean(env.FC_FUNCTION_NAME || env.FC_FUNC_CODE_PATH || env.SCF_FUNCTIONNAME || env.SCF_RUNTIME);

/**
 * Start serving. Options (all optional but a format, from `as` or the configuration):
 * `{ entry, cwd, handler, writtenFor, as: string[], port, host, timeout (s), memory, region, function, config, record,
 *    watch, timers: string[], payload, tz, verbose, production, colors, write(line), onRequest(entry),
 *    onTimer(entry), onEvent(entry) }`. `as` may hold event formats (`aliyun-oss`, `tencent-cos`), each adding an
 *    event trigger fired on demand (`fire(name, description)`, or `POST /__trigger-bridge/fire/NAME`).
 */
export async function serve(options = {}) {
  const cwd = path.resolve(options.cwd || process.cwd());
  const entryArg = options.entry ? path.resolve(cwd, options.entry) : cwd;
  const entryIsDir = fs.existsSync(entryArg) && fs.statSync(entryArg).isDirectory();
  const projectDir = entryIsDir ? entryArg : path.dirname(entryArg);
  const config = await readConfig(projectDir, { config: options.config, function: options.function });
  const production = Boolean(options.production);
  const log = createLog({ write: options.write, colors: !production && Boolean(options.colors), verbose: Boolean(options.verbose) });
  if (config) {
    log.info(`read ${path.relative(cwd, config.file) || config.file}: function ${config.name}, handler ${config.handler}${config.format ? `, ${config.format} trigger` : ''}${config.timers.length ? `, ${config.timers.length} timer(s)` : ''}${config.events.length ? `, ${config.events.length} object trigger(s)` : ''}`);
    for (const w of config.warnings) log.warn(w);
  }

  const asked = options.as && options.as.length ? options.as : [];
  for (const f of asked) if (!HTTP_FORMATS.includes(f) && !EVENT_FORMATS.includes(f)) throw usage(`--as ${f}: expected one of ${[...HTTP_FORMATS, ...EVENT_FORMATS].join(', ')}`);
  const configured = (config && config.events) || [];
  const formats = asked.some((f) => HTTP_FORMATS.includes(f)) ? asked.filter((f) => HTTP_FORMATS.includes(f)) : asked.length === 0 && config && config.format ? [config.format] : [];
  // Event triggers: the configuration's, and one per event format given with --as (named after the format).
  const triggerSpecs = [...configured, ...asked.filter((f) => EVENT_FORMATS.includes(f) && !configured.some((t) => t.name === f)).map((f) => ({ name: f, format: f, events: [], enabled: true }))];
  if (formats.length === 0 && triggerSpecs.length === 0) throw usage(`serve needs --as FORMAT (${[...HTTP_FORMATS, ...EVENT_FORMATS].join(', ')}), or an s.yaml / serverless.yml with an HTTP or object-storage trigger`);
  const platform = formats.length ? platformOf(formats[0]) : config ? config.platform : platformOf(triggerSpecs[0].format);

  // The handler: an explicit file wins; else the configuration's `module.name` under its code folder.
  const fromConfig = config ? splitHandler(config.handler) : null;
  let file;
  if (!entryIsDir) file = entryArg;
  else if (fromConfig) file = resolveEntry(config.codeDir, fromConfig.module);
  else file = resolveEntry(projectDir, 'index');
  const name = options.handler || (fromConfig && path.basename(file).replace(/\.[cm]?js$/, '') === path.basename(fromConfig.module) ? fromConfig.name : undefined);
  // Each gateway calls the handler with its own platform's convention; without an explicit name, each looks
  // for its platform's default export first (FC `handler`, SCF `main_handler`).
  const pick = appPicker(options.mode, options.handler);
  const loaders = {};
  for (const p of new Set([...formats.map(platformOf), platform])) {
    loaders[p] = handlerLoader(file, { name, platform: p, root: projectDir, pick });
    await loaders[p].load(); // fail now, not on the first request, when the export is missing
  }
  const loader = loaders[platform];
  // A handler written for one format (the configuration's trigger, or --written-for) behind another gateway
  // runs through the package's adapt(): it sees its own event and convention, and its result is converted
  // into what the serving gateway expects, as it would be deployed with adapt() on that platform.
  if (options.writtenFor && !HTTP_FORMATS.includes(options.writtenFor) && !EVENT_FORMATS.includes(options.writtenFor)) throw usage(`--written-for ${options.writtenFor}: expected one of ${[...HTTP_FORMATS, ...EVENT_FORMATS].join(', ')}`);
  const writtenFor = options.writtenFor && HTTP_FORMATS.includes(options.writtenFor) ? options.writtenFor : (config && config.format) || null;
  const adapted = {};
  if (writtenFor && !pick && formats.length) {
    const own = loaders[platformOf(writtenFor)] || handlerLoader(file, { name, platform: platformOf(writtenFor), root: projectDir });
    let cache = null;
    const adaptedLoader = {
      file,
      invalidate: () => own.invalidate(),
      async load() {
        const h = await own.load();
        if (!cache || cache.source !== h.fn) cache = { source: h.fn, fn: tb.adapt(h.fn, { as: writtenFor }) };
        return { ...h, fn: cache.fn, name: `${h.name} (written for ${writtenFor}, through adapt)` };
      },
    };
    for (const f of formats) if (f !== writtenFor) adapted[f] = adaptedLoader;
    if (Object.keys(adapted).length) await adaptedLoader.load();
  }
  const loaderFor = (format) => adapted[format] || loaders[platformOf(format)];
  const loaderOf = (p) => {
    if (!loaders[p]) loaders[p] = handlerLoader(file, { name, platform: p, root: projectDir, pick });
    return loaders[p];
  };
  // The format an event handler was written for, per kind: --written-for, else the configuration's trigger of
  // that kind, else that kind's format on the configuration's platform; without any, each trigger's own.
  const eventWrittenFor = {};
  for (const spec of triggerSpecs) {
    const kind = kindOf(spec.format);
    if (!kind || eventWrittenFor[kind.kind]) continue;
    const given = options.writtenFor && kindOf(options.writtenFor) === kind ? options.writtenFor : undefined;
    const ofConfig = configured.find((t) => kindOf(t.format) === kind);
    eventWrittenFor[kind.kind] = given || (ofConfig && ofConfig.format) || (config && kind.formats[config.platform]) || undefined;
  }
  for (const w of Object.values(eventWrittenFor)) if (w) await loaderOf(platformOf(w)).load();

  const seconds = options.timeout !== undefined ? Number(options.timeout) : undefined;
  if (seconds !== undefined && !(seconds > 0)) throw usage(`--timeout ${options.timeout}: expected a number of seconds`);
  const fn = {
    name: (config && config.name) || path.basename(projectDir) || 'local',
    memoryMb: options.memory !== undefined ? Number(options.memory) : config && config.memoryMb,
    timeoutMs: seconds !== undefined ? seconds * 1000 : (config && config.timeoutMs) || 3000,
    region: options.region || (config && config.region),
    // The configured trigger's method list applies behind that trigger's own format only.
    methodsFor: (format) => (config && config.format === format ? config.methods : null),
    apisFor: (format) => (config && config.format === format ? config.apis : undefined),
    signedFor: (format) => Boolean(config && config.format === format && config.auth === 'function'),
  };

  const timerSpecs = [...(config ? config.timers : [])];
  for (const [i, cron] of (options.timers || []).entries()) timerSpecs.push({ name: `timer-${i + 1}`, cron, dialect: platform, payload: options.payload ?? '', enabled: true });
  const timers = scheduleTimers({ timers: timerSpecs, platform, loader, fn, log, tz: options.tz, onFire: options.onTimer });

  const events = triggerSpecs.length ? eventTriggers({ triggers: triggerSpecs, writtenFor: eventWrittenFor, loaderOf, fn, log, onFire: options.onEvent }) : null;

  const recorder = options.record && !production ? createRecorder(path.resolve(cwd, options.record)) : null;
  const state = { fn, loaders, loaderFor, recorder, timers, events };
  const host = options.host || '127.0.0.1';
  const basePort = options.port === undefined ? 9000 : Number(options.port);
  const servers = [];
  try {
    // Without an HTTP trigger, one server answers the control endpoints (firing timers and event triggers).
    for (const [i, format] of (formats.length ? formats : [null]).entries()) {
      const server = createServer({ format, state, log, onRequest: options.onRequest });
      const port = basePort === 0 ? 0 : basePort + i;
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address();
      const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
      servers.push({ format, server, url: `http://${shown}:${address.port}` });
    }
  } catch (e) {
    for (const s of servers) s.server.close();
    timers.close();
    throw e;
  }
  for (const s of servers) {
    if (!s.format) {
      log.info(`event triggers: ${s.url}${FIRE_PATH}  (no HTTP trigger; handler ${path.relative(cwd, file) || file}, timeout ${fn.timeoutMs / 1000} s)`);
      continue;
    }
    const p = platformOf(s.format);
    log.info(`${s.format} gateway: ${s.url}  (handler ${path.relative(cwd, file) || file}#${(await loaderFor(s.format).load()).name}, ${p} calling convention, timeout ${fn.timeoutMs / 1000} s)`);
  }
  for (const line of timers.describe()) log.info(`timer ${line}`);
  if (events) {
    for (const line of events.describe()) log.info(`trigger ${line}`);
    const first = events.list[0];
    log.info(`fire one: curl -X POST ${servers[0].url}${FIRE_PATH}/${encodeURIComponent(first.name)} ${describable(first) ? `-d '${JSON.stringify(sampleDescription(first))}'` : '--data-binary @event.json  (a whole event of its kind)'}`);
  }
  if (recorder) log.info(`recording to ${recorder.file}`);

  const reload = async () => {
    for (const l of Object.values(loaders)) l.invalidate();
    try {
      const h = await loader.load();
      log.info(`reloaded ${path.relative(cwd, file) || file}#${h.name}`);
    } catch (e) {
      log.warn(`reload failed, requests answer as a failing function until it is fixed: ${e.message}`);
    }
  };
  const watcher = options.watch && !production ? watchFiles(projectDir, () => reload()) : null;
  if (watcher) log.info(`watching ${projectDir} for changes`);

  return {
    servers,
    timers,
    events,
    /** Fire the event trigger `name` with a description (`{key, size, …}`); see events.mjs. */
    fire: (triggerName, description) => {
      if (!events) return Promise.reject(new Error('this function has no event triggers'));
      return events.fire(triggerName, description);
    },
    reload,
    async close() {
      timers.close();
      if (watcher) watcher.close();
      await Promise.all(servers.map((s) => new Promise((resolve) => {
        s.server.close(() => resolve());
        if (typeof s.server.closeAllConnections === 'function') s.server.closeAllConnections();
      })));
      if (recorder) recorder.close();
    },
  };
}

/** The command: parse `argv` (after `serve`), start, and handle key presses on a terminal. */
export async function main(argv, { env = process.env, stdin = process.stdin, stdout = process.stdout, stderr = process.stderr } = {}) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        handler: { type: 'string' }, 'written-for': { type: 'string' }, fetch: { type: 'boolean' }, node: { type: 'boolean' },
        as: { type: 'string', multiple: true }, port: { type: 'string' }, host: { type: 'string' },
        timeout: { type: 'string' }, memory: { type: 'string' }, region: { type: 'string' }, function: { type: 'string' }, config: { type: 'string' },
        record: { type: 'string' }, watch: { type: 'boolean' }, timer: { type: 'string', multiple: true }, payload: { type: 'string' }, tz: { type: 'string' },
        verbose: { type: 'boolean' }, production: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    stderr.write(`trigger-bridge serve: ${e.message}\nrun \`npx trigger-bridge serve --help\` for usage\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    stdout.write(HELP);
    return 0;
  }
  if (values.fetch && values.node) {
    stderr.write('trigger-bridge serve: --fetch and --node exclude each other\n');
    return 2;
  }
  if (positionals.length > 1) {
    stderr.write(`trigger-bridge serve: expected one ENTRY, saw ${positionals.length}\n`);
    return 2;
  }
  const tty = Boolean(stdout.isTTY && stderr.isTTY);
  const production = Boolean(values.production) || (!tty && onPlatform(env));
  let running;
  try {
    running = await serve({
      entry: positionals[0], handler: values.handler, writtenFor: values['written-for'], as: values.as, port: values.port, host: values.host,
      timeout: values.timeout, memory: values.memory, region: values.region, function: values.function, config: values.config,
      record: values.record, watch: values.watch, timers: values.timer, payload: values.payload, tz: values.tz,
      verbose: values.verbose, production, colors: Boolean(stderr.isTTY), mode: values.fetch ? 'fetch' : values.node ? 'node' : 'handler',
    });
  } catch (e) {
    stderr.write(`trigger-bridge serve: ${e.message}\n`);
    return 2;
  }
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (stdin.isTTY && !production) {
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', (key) => {
      const k = String(key);
      if (k === 't') running.timers.fire();
      else if (k === 'e' && running.events) for (const t of running.events.list.filter(describable)) running.events.fire(t.name, sampleDescription(t)).catch((e) => stderr.write(`trigger ${t.name}: ${e.message}\n`));
      else if (k === 'r') running.reload();
      else if (k === 'q' || k === '\u0003') stop();
    });
    stderr.write(`press t to fire the timers,${running.events ? ' e the event triggers,' : ''} r to reload, q to quit\n`);
  }
  return new Promise(() => {}); // runs until a signal or q
}
