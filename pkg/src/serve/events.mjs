// Event triggers fired on demand: object storage (an OSS trigger in s.yaml, a COS trigger in serverless.yml,
// or `--as aliyun-oss | tencent-cos`) and message queues (MNS topic ⇄ CMQ topic, ApsaraMQ for Kafka ⇄ CKafka,
// ApsaraMQ for RocketMQ). Firing one takes a short description ({bucket, key, size, …} or {body, messages,
// topic, …}), from which the core's `eventFromObject` / `eventFromMessage` writes the event that trigger's
// platform delivers (key encoding, prefixes, time and tag forms; where the package has that function), or
// a whole event of any format of the trigger's kind (a captured one, a fixture), which the core detects and
// converts into the trigger's format. The handler gets it with its platform's convention and context (FC a Buffer, SCF an object);
// a handler written for the other cloud's trigger runs through the package's `adapt()`, as it would deployed
// there. Each invocation is logged; the answer says what the handler got and returned.

import tb from '../../index.cjs';
import { invoke, errorInfo } from '../invoke.mjs';
import { localContextInfo, fcContext, scfContext } from '../context.mjs';
import { platformOf } from './gateway.mjs';

/**
 * The kinds of event trigger serve can fire: each kind's format on either platform, and the package function
 * that writes that kind's event from a description.
 */
export const EVENT_KINDS = [
  { kind: 'object', formats: { aliyun: 'aliyun-oss', tencent: 'tencent-cos' }, build: 'eventFromObject' },
  { kind: 'topic', formats: { aliyun: 'aliyun-mns', tencent: 'tencent-cmq' }, build: 'eventFromMessage' },
  { kind: 'kafka', formats: { aliyun: 'aliyun-kafka', tencent: 'tencent-ckafka' }, build: 'eventFromMessage' },
  { kind: 'rocketmq', formats: { aliyun: 'aliyun-rocketmq' }, build: 'eventFromMessage' },
].map((k) => ({ ...k, formats: Object.fromEntries(Object.entries(k.formats).filter(([, f]) => tb.formats.includes(f))) }));

/** The kind a format belongs to, or undefined for HTTP and timer formats. */
export function kindOf(format) {
  return EVENT_KINDS.find((k) => Object.values(k.formats).includes(format));
}

/** Whether a trigger fires from a short description (its kind has a builder in the package), not only a whole event. */
export function describable(trigger) {
  const kind = kindOf(trigger.format);
  return Boolean(kind && kind.build && typeof tb[kind.build] === 'function');
}

/** A sample description for `trigger` (the `e` key, the banner's curl line): a key, or a message. */
export function sampleDescription(trigger) {
  if (kindOf(trigger.format).kind !== 'object') return { body: '{"hello":"trigger-bridge"}' };
  return { ...(trigger.bucket ? {} : { bucket: 'examplebucket' }), key: 'trigger-bridge/example 1.txt', size: 12 };
}

/** Every format serve can fire (those this version of the package reads). */
export const EVENT_FORMATS = EVENT_KINDS.flatMap((k) => Object.values(k.formats));

/** A description's fields the trigger's configuration supplies when the description leaves them out. */
function defaults(trigger) {
  const d = {};
  if (trigger.bucket) d.bucket = trigger.bucket;
  if (trigger.region) d.region = trigger.region;
  if (trigger.account) d.account = trigger.account;
  if (trigger.events && trigger.events.length) d.event = trigger.events[0];
  if (trigger.topic) d.topic = trigger.topic;
  return d;
}

/** Why the trigger's key filter would keep the platform from firing for these keys (a note, not a refusal). */
function filterNotes(trigger, description) {
  const keys = [description.key, ...(Array.isArray(description.keys) ? description.keys.map((k) => (k && typeof k === 'object' ? k.key : k)) : [])].filter((k) => typeof k === 'string');
  const notes = [];
  for (const key of keys) {
    if (trigger.prefix && !key.startsWith(trigger.prefix)) notes.push(`the trigger's filter takes keys starting with ${JSON.stringify(trigger.prefix)}: the platform would not fire for ${JSON.stringify(key)}`);
    if (trigger.suffix && !key.endsWith(trigger.suffix)) notes.push(`the trigger's filter takes keys ending with ${JSON.stringify(trigger.suffix)}: the platform would not fire for ${JSON.stringify(key)}`);
  }
  return notes;
}

/** An error for the fire endpoint's caller: `status` 400 (their description) or 404 (no such trigger). */
function fireError(status, code, message) {
  const e = new Error(message);
  e.status = status;
  e.code = code;
  return e;
}

/**
 * The event triggers of a served function. `triggers`: the configuration's (`config.events`) and one per
 * event format given with `--as` (named after the format). `writtenFor`: the format the handler was written
 * for, per kind (`{object: 'aliyun-oss'}`). `loaderOf(platform)`: the handler loader with that platform's
 * default export names. Returns `{ list, describe(), fire(name, description) }`; `fire` resolves to
 * `{name, format, from, writtenFor, adapted, ok, ms, event, invocations, losses, adaptLosses, notes, result,
 * error}` and rejects with
 * `{status, code, message}` for an unknown trigger or a description the core refuses.
 */
export function eventTriggers({ triggers, writtenFor, loaderOf, fn, log, onFire }) {
  const list = triggers.filter((t) => kindOf(t.format));

  /**
   * The handler as the trigger's platform calls it: itself, or, written for the other cloud's trigger, wrapped
   * in adapt() (whose losses are collected into `losses`).
   */
  async function handlerFor(trigger, losses) {
    const own = writtenFor[kindOf(trigger.format).kind] || trigger.format;
    const h = await loaderOf(platformOf(own)).load();
    if (own === trigger.format) return { fn: h.fn, own, adapted: false };
    return { fn: tb.adapt(h.fn, { as: own, from: trigger.format, onLoss: (l) => losses.push(l), onDiagnostic: () => {} }), own, adapted: true };
  }

  async function fire(name, description = {}) {
    const trigger = list.find((t) => t.name === name);
    if (!trigger) throw fireError(404, 'no-trigger', `no event trigger named ${name}; there are: ${list.map((t) => t.name).join(', ') || 'none'}`);
    const kind = kindOf(trigger.format);
    // A whole event of the trigger's kind, as the core detects it; else a description.
    let from = null;
    try {
      from = description !== null && typeof description === 'object' ? tb.detect(description) : null;
    } catch {
      from = null;
    }
    if (from && kindOf(from) !== kind) throw fireError(400, 'invalid-request', `the body is a ${from} event, which cannot fire the ${trigger.format} trigger ${trigger.name}: post a description or a ${Object.values(kind.formats).join(' or ')} event`);
    const build = describable(trigger) && tb[kind.build];
    if (!from && !build) throw fireError(400, 'invalid-request', `the ${trigger.format} trigger ${trigger.name} fires with a whole ${Object.values(kind.formats).join(' or ')} event (a captured one, a fixture), and the body is none`);
    if (!from && (!description || typeof description !== 'object' || Array.isArray(description))) throw fireError(400, 'invalid-request', 'the description must be a JSON object such as {"key": "photos/a.jpg", "size": 1024}');
    const full = from ? description : { ...defaults(trigger), ...description };
    let built;
    try {
      if (from === trigger.format) built = { event: description, losses: [] };
      else if (from) built = tb.convertEvent(description, { from, to: trigger.format });
      else built = build(full, { to: trigger.format });
    } catch (e) {
      throw fireError(400, e.code || 'invalid-request', e.message);
    }
    const started = Date.now();
    const platform = platformOf(trigger.format);
    const timeoutMs = fn.timeoutMs || 3000;
    // Several messages into a format that carries one per invocation (MNS): the core writes one event each
    // and says so (`message-records-split`); the platform invokes the function once for each.
    const split = Array.isArray(built.event) && built.losses.some((l) => l.code === 'message-records-split');
    const deliveries = split ? built.event : [built.event];
    const adaptLosses = [];
    const outcomes = [];
    let handler = { own: writtenFor[kind.kind] || trigger.format, adapted: false };
    for (const event of deliveries) {
      const info = localContextInfo({ platform, functionName: fn.name, memoryMb: fn.memoryMb, timeoutMs, region: fn.region });
      const context = platform === 'aliyun' ? fcContext(info) : scfContext(info);
      let outcome;
      try {
        handler = await handlerFor(trigger, adaptLosses);
        outcome = await invoke(handler.fn, JSON.stringify(event), context, { platform, timeoutMs });
      } catch (error) {
        outcome = { ok: false, kind: 'threw', error };
      }
      outcomes.push(outcome);
    }
    const failed = outcomes.find((o) => !o.ok);
    const results = outcomes.map((o) => (o.ok ? (o.result === undefined ? null : o.result) : null));
    const entry = {
      name: trigger.name,
      format: trigger.format,
      writtenFor: handler.own,
      adapted: handler.adapted,
      ok: !failed,
      ms: Date.now() - started,
      event: built.event,
      invocations: deliveries.length,
      losses: built.losses,
      adaptLosses,
      from: from || 'description',
      notes: from ? [] : filterNotes(trigger, full),
      // One invocation: its result; several (a split batch): each one's, in order.
      result: split ? results : results[0],
      error: !failed ? null : failed.kind === 'timeout' ? `no answer within ${timeoutMs} ms` : errorInfo(failed.error).errorMessage,
    };
    log.event(entry);
    if (onFire) onFire(entry);
    return entry;
  }

  return {
    list,
    /** One line per trigger, for the start-up banner. */
    describe() {
      return list.map((t) => {
        const parts = [t.bucket ? `bucket ${t.bucket}` : null, t.topic ? `topic ${t.topic}` : null, t.events && t.events.length ? t.events.join(', ') : null, t.prefix ? `prefix ${t.prefix}` : null, t.suffix ? `suffix ${t.suffix}` : null].filter(Boolean);
        const own = writtenFor[kindOf(t.format).kind] || t.format;
        return `${t.name}: ${t.format}${parts.length ? ` (${parts.join('; ')})` : ''}${own !== t.format ? `, handler written for ${own}, through adapt` : ''}${t.enabled === false ? ' [disabled in the configuration]' : ''}`;
      });
    },
    fire,
  };
}
