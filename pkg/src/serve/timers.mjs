// Timer triggers: each fires on its cron schedule, computed by the core's cron engine (`cron.explain`) in the
// trigger's dialect and zone (Alibaba: UTC unless `CRON_TZ=`; Tencent: Asia/Shanghai; `--tz` overrides), and
// on demand (a local endpoint, a key press, or `fire()`). The event is the timer event of the handler's
// platform, converted by the core; each invocation is logged.

import tb from '../../index.cjs';
import { invoke, errorInfo } from '../invoke.mjs';
import { localContextInfo, fcContext, scfContext } from '../context.mjs';

const MAX_DELAY = 2 ** 31 - 1; // setTimeout's largest delay, ms

/** The timer event `platform` delivers (built as Alibaba's, converted by the core for Tencent). */
export function timerEvent(platform, { name, payload }, when = new Date()) {
  const aliyun = { triggerTime: when.toISOString().replace(/\.\d{3}Z$/, 'Z'), triggerName: name, payload: payload == null ? '' : String(payload) };
  return platform === 'tencent' ? tb.convertEvent(aliyun, { from: 'aliyun-timer', to: 'tencent-timer' }).event : aliyun;
}

/**
 * Schedule `timers` ([{name, cron, dialect, payload, enabled}]) for the handler of `platform`.
 * Returns `{ list, fire(name?), close() }`; `fire` resolves to the outcomes of the timers it fired.
 */
export function scheduleTimers({ timers, platform, loader, fn, log, tz, onFire }) {
  const handles = new Map();
  let closed = false;

  async function run(timer, why) {
    const started = Date.now();
    const event = timerEvent(platform, timer);
    const timeoutMs = fn.timeoutMs || 3000;
    const info = localContextInfo({ platform, functionName: fn.name, memoryMb: fn.memoryMb, timeoutMs, region: fn.region });
    const context = platform === 'aliyun' ? fcContext(info) : scfContext(info);
    let outcome;
    try {
      const handler = await loader.load();
      outcome = await invoke(handler.fn, event, context, { platform, timeoutMs });
    } catch (error) {
      outcome = { ok: false, kind: 'threw', error };
    }
    const entry = { name: timer.name, format: `${platform}-timer`, ms: Date.now() - started, ok: outcome.ok, why, event, result: outcome.ok ? outcome.result : undefined, error: outcome.ok ? null : outcome.kind === 'timeout' ? `no answer within ${timeoutMs} ms` : errorInfo(outcome.error).errorMessage };
    log.timer(entry);
    if (onFire) onFire(entry);
    return entry;
  }

  function arm(timer) {
    if (closed) return;
    let next;
    try {
      next = tb.cron.explain(timer.cron, { dialect: timer.dialect, tz, count: 1, after: Date.now() }).next[0];
    } catch (e) {
      log.warn(`timer ${timer.name}: ${e.message} (${e.code}); it fires on demand only`);
      return;
    }
    if (!next) return;
    const at = new Date(next).getTime();
    const wait = () => {
      const delay = at - Date.now();
      if (delay > MAX_DELAY) {
        handles.set(timer.name, setTimeout(wait, MAX_DELAY));
        return;
      }
      handles.set(timer.name, setTimeout(() => {
        run(timer, `schedule ${next}`).finally(() => arm(timer));
      }, Math.max(0, delay)));
    };
    wait();
  }

  const list = timers.filter((t) => t.cron);
  for (const t of list) {
    if (t.enabled) arm(t);
    else log.info(`timer ${t.name} is disabled in the configuration; it fires on demand only`);
  }

  return {
    list,
    /** Describe each timer's schedule, for the start-up banner. */
    describe() {
      return list.map((t) => {
        try {
          const e = tb.cron.explain(t.cron, { dialect: t.dialect, tz, count: 1 });
          return `${t.name}: ${t.cron} (${t.dialect}) ${e.description}; next ${e.next[0]}${t.enabled ? '' : ' [disabled]'}`;
        } catch (e) {
          return `${t.name}: ${t.cron} (${t.dialect}) cannot be scheduled: ${e.message}`;
        }
      });
    },
    async fire(name) {
      const chosen = name ? list.filter((t) => t.name === name) : list;
      return Promise.all(chosen.map((t) => run(t, 'on demand')));
    },
    close() {
      closed = true;
      for (const h of handles.values()) clearTimeout(h);
      handles.clear();
    },
  };
}
