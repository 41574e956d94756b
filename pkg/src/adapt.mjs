// Handlers written for one trigger format, run on either platform: the event that arrived is converted to the
// format the handler was written for, the handler is called with its platform's convention and context, and
// its result is converted back into what arrived. Every conversion is the core's.
//
// API (through the package's entries)
//
//   adapt(handler, { as, platform?, from?, timeoutMs?, onLoss?, onDiagnostic?, onLate? })
//       -> handler(event, context, callback?)
//     as        the format the handler was written for: 'tencent-apigw' for an SCF API Gateway handler,
//               'aliyun-http' for an FC 3.0 HTTP trigger handler, 'tencent-timer', …
//     The handler sees that format's event in its platform's form (FC a Buffer, SCF an object), that
//     platform's context filled from the one it runs on (contextFor), and the calling convention it was
//     written with (promise or callback, see invoke.mjs). Its result goes back through convertResponse into
//     the format that arrived; a result the arriving gateway would reject is answered as that gateway would
//     (and the diagnostic logged). A result the handler's own gateway would have rejected gets that
//     gateway's answer, as the client would have seen it at home. A throw, a rejection or a timeout (the
//     platform's remaining time, else `timeoutMs`) is thrown again, so the platform records a failed
//     invocation as it would for the handler itself; what the handler does after answering goes to `onLate`
//     (default: one warning per code). Timer handlers: `aliyun-timer` ⇄ `tencent-timer`, result as is.
//     Object-storage handlers: `aliyun-oss` ⇄ `tencent-cos` (an FC OSS handler gets a Buffer whose
//     `events[i].oss.object.key` is the decoded key; an SCF COS handler an object whose `cosObject.key` is
//     `/<appid>/<bucket>/` and the percent-encoded key), every record converted; the result as is, since
//     neither platform has an integration response for these triggers. Message handlers: `aliyun-mns` ⇄
//     `tencent-cmq`, `aliyun-kafka` ⇄ `tencent-ckafka`, result as is; FC invokes an MNS handler once per
//     message, so a CMQ batch reaching an `aliyun-mns` handler calls it once per message, in order (the
//     results as an array).

import { contextFor, normalizeContext } from './context.mjs';
import { invoke } from './invoke.mjs';
import { handlerEntry, platformOf, reporter } from './runtime.mjs';

const platformOfFormat = (format) => (format.startsWith('aliyun') ? 'aliyun' : 'tencent');
/** Formats whose trigger has no integration response: the handler's result goes back as it is. */
const NO_RESPONSE = ['aliyun-timer', 'tencent-timer', 'aliyun-oss', 'tencent-cos', 'aliyun-mns', 'aliyun-kafka', 'aliyun-rocketmq', 'tencent-cmq', 'tencent-ckafka'];

export function createAdapt(core) {
  return function adapt(handler, options) {
    const as = options && options.as;
    if (!core.formats.includes(as)) throw new core.TriggerBridgeError('usage', `adapt needs options.as, one of ${core.formats.join(', ')}`);
    if (typeof handler !== 'function') throw new core.TriggerBridgeError('usage', 'adapt needs a handler function');
    const writtenFor = platformOfFormat(as);
    const report = reporter(options);
    const lateSeen = new Set();

    return handlerEntry(async (event, context) => {
      const platform = platformOf(event, options);
      const ctx = normalizeContext(context, platform);
      const rep = report(ctx.logger);
      const bytes = core.toBytes(event);
      const arrived = options.from ?? core.detect(bytes);
      const where = { format: arrived, platform, requestId: ctx.requestId, as };

      let inputs = [event];
      if (arrived !== as) {
        const converted = core.convertEvent(bytes, { from: arrived, to: as });
        rep.losses(converted.losses, where);
        // Several messages into MNS come as an array of notifications, one per invocation.
        inputs = as === 'aliyun-mns' && Array.isArray(converted.event) ? converted.event : [converted.event];
      }
      const results = [];
      for (const input of inputs) {
        const remaining = ctx.remainingTimeMs();
        const outcome = await invoke(handler, input, contextFor(ctx, writtenFor), {
          platform: writtenFor,
          timeoutMs: remaining ?? options.timeoutMs,
          onLate: (w) => {
            if (typeof options.onLate === 'function') options.onLate(w, where);
            else if (!lateSeen.has(w.code)) {
              lateSeen.add(w.code);
              ctx.logger.warn(`trigger-bridge: ${w.code}: ${w.message} [logged once per instance]`);
            }
          },
        });
        if (!outcome.ok) throw outcome.error;
        results.push(outcome.result);
      }
      const result = inputs.length === 1 ? results[0] : results;
      if (NO_RESPONSE.includes(arrived)) return result;
      return answer(core, result, as, arrived, rep, where);
    }, options);
  };
}

/** The handler's result as the response of `arrived`, or the gateway's answer where one would reject it. */
function answer(core, result, as, arrived, rep, where) {
  const value = result === undefined ? null : result;
  let converted;
  if (as === arrived) {
    converted = value;
  } else {
    const home = core.validateResponse(value, { format: as });
    if (home.diagnostics.some((d) => d.severity === 'error')) {
      // At home the client would have got the gateway's error: give the same from here.
      rep.diagnostics(home.diagnostics, { ...where, format: as });
      return gatewayAnswer(core, value, as, arrived);
    }
    const out = core.convertResponse(value, { from: as, to: arrived });
    rep.losses(out.losses, where);
    converted = out.response;
  }
  const report = core.validateResponse(converted, { format: arrived });
  rep.diagnostics(report.diagnostics, where);
  if (report.diagnostics.some((d) => d.severity === 'error')) return gatewayAnswer(core, converted, arrived, arrived);
  return converted;
}

/** What the client of `format` receives for `result`, written as an integration response of `arrived`. */
function gatewayAnswer(core, result, format, arrived) {
  const client = core.clientResponse(result, { format });
  return core.integrationResponse({ status: client.status, headers: client.headers, body: client.body }, arrived, undefined).response;
}
