// Run a handler: paste an FC or SCF handler, pick the format it was written for, and see what a caller behind
// each HTTP trigger receives when it runs there on the current event, through the package's adapt(); an object
// or message handler (OSS, COS, MNS, CMQ, Kafka, CKafka) runs behind its kind's triggers, and what it read and
// returned is shown. The
// handler runs in a Web Worker (worker.mjs) with no network, and is stopped at the time limit.
import tb from '../core.mjs';
import { $, h, renderInto, errorBox, output, pretty, richText, card } from '../dom.mjs';
import { HTTP, OBJECT, MESSAGE, TITLES, groupOf } from '../formats.mjs';
import { state, save } from '../state.mjs';
import { clientCard } from '../views.mjs';
import { codeLink } from '../codes.mjs';
import { makeEditor } from '../editor.mjs';

export const EXAMPLE = `// An SCF API gateway handler, as Tencent's docs write one.
exports.main_handler = async (event, context) => {
  const name = (event.queryString && event.queryString.name) || 'world';
  return {
    isBase64Encoded: false,
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ hello: name, method: event.httpMethod, path: event.path, requestId: context.request_id }),
  };
};
`;

let worker = null;
let editor;
let timer = 0;

function stop() {
  clearTimeout(timer);
  worker?.terminate();
  worker = null;
  $('run-handler').disabled = false;
}

/** A module worker started from a blob: URL, so it runs under this page's Content-Security-Policy. */
function startWorker() {
  const script = new URL('./worker.js', import.meta.url).href;
  const boot = URL.createObjectURL(new Blob([`import ${JSON.stringify(script)};`], { type: 'text/javascript' }));
  const w = new Worker(boot, { type: 'module', name: 'handler' });
  setTimeout(() => URL.revokeObjectURL(boot), 10000);
  return w;
}

function runCard(run, format) {
  const notes = [];
  if (run.losses.length) {
    notes.push(h('details', { class: 'run-losses' }, h('summary', {}, `${run.losses.length} loss${run.losses.length > 1 ? 'es' : ''} on the way`),
      h('ul', { class: 'losses', 'aria-label': 'Losses' }, run.losses.map((l) => h('li', {}, codeLink(l.code), ` ${l.step}, ${l.path || '/'}: `, richText(l.message))))));
  }
  const seen = run.event ? h('details', {}, h('summary', {}, `The ${format} event the handler received`), output(pretty(run.event), { label: `${format} event`, file: `${format}-event.json` })) : null;
  const result = run.result !== undefined ? h('details', {}, h('summary', {}, `The handler's answer as ${run.trigger}'s integration response`), output(typeof run.result === 'string' ? run.result : pretty(run.result), { label: 'integration response', file: `${run.trigger}-response.json` })) : null;
  if (run.error) return card(run.trigger, errorBox(run.error, 'Cannot run behind this trigger: '), ...notes, seen);
  if (run.failure) {
    return card(run.trigger, h('div', { class: 'error-box', role: 'alert' }, `The handler failed (${run.failure.kind}): ${run.failure.errorType}: ${run.failure.errorMessage}`), ...notes, seen);
  }
  if (!run.client) {
    // An asynchronous trigger (object storage, a message queue): no caller; the result is only recorded.
    return card(run.trigger, h('p', { class: 'muted' }, `The handler written for ${format}, run by ${TITLES[run.trigger]}${run.trigger === format ? '' : ' through adapt()'}: it succeeded. This trigger invokes asynchronously; nobody receives the result.`),
      ...notes, seen, h('h4', {}, 'The handler returned'), output(typeof run.result === 'string' ? run.result : pretty(run.result), { label: 'result', file: `${run.trigger}-result.json` }));
  }
  const el = clientCard(run.client);
  // Through `adapt`, a result the gateway refuses comes back as the gateway's own answer; the diagnostics say why.
  const refused = (run.diagnostics || []).filter((d) => d.severity === 'error');
  if (refused.length) {
    el.classList.add('rejected');
    el.querySelector('.status').after(h('div', { class: 'error-box', role: 'alert' }, 'Rejected by the gateway: ',
      refused.map((d) => h('div', {}, codeLink(d.code), ` (${d.format}) `, richText(d.message)))));
  }
  el.querySelector('h3').after(h('p', { class: 'muted' }, `A caller of ${TITLES[run.trigger]}, with the handler written for ${format} running behind it:`));
  el.append(...notes, seen, result);
  return el;
}

async function run() {
  stop();
  const format = $('run-format').value;
  const timeoutMs = Math.max(50, Math.min(60000, Number($('run-timeout').value) || 3000));
  const event = state.event.trim();
  const cards = $('run-cards');
  if (!event) {
    cards.replaceChildren(errorBox(new Error('There is no current event: paste one in Translate events first.')));
    return;
  }
  $('run-handler').disabled = true;
  $('run-status').textContent = 'Running…';
  worker = startWorker();
  const started = performance.now();
  const done = new Promise((resolve) => {
    worker.onmessage = ({ data }) => resolve(data);
    worker.onerror = (e) => { e.preventDefault(); resolve({ ok: false, error: { message: e.message || 'the handler module could not be loaded' } }); };
    // The whole run: four invocations and the core's start. A busy handler is stopped here.
    timer = setTimeout(() => resolve({ ok: false, timedOut: true, error: { message: `the handler kept the worker busy past the time limit (${timeoutMs} ms per invocation; a loop that never ends?), so the worker was stopped` } }), timeoutMs * groupOf(format).length + 3000);
  });
  worker.postMessage({ source: editor.value, format, event, timeoutMs });
  const data = await done;
  stop();
  const ms = Math.round(performance.now() - started);
  $('run-status').textContent = data.ok ? `Ran ${data.handler} behind ${data.runs.length} triggers in ${ms} ms.` : '';
  renderInto(cards, () => [
    data.ok ? data.runs.map((r) => runCard(r, format)) : errorBox(data.error, data.timedOut ? 'Time limit: ' : 'The handler did not run: '),
    data.logs && data.logs.length ? h('article', { class: 'card wide logs' }, h('h3', {}, 'Console output'), output(data.logs.join('\n'), { label: 'console', file: 'handler-console.txt', type: 'text/plain' })) : null,
  ]);
}

function remember() {
  state.handler = { source: editor.value, format: $('run-format').value, timeoutMs: Number($('run-timeout').value) || 3000 };
  save();
}

export function setup() {
  const select = $('run-format');
  for (const f of [...HTTP, ...OBJECT, ...MESSAGE]) select.append(h('option', { value: f }, `${f} (${TITLES[f]})`));
  editor = makeEditor($('run-source'), { onChange: remember, language: 'javascript' });
  $('run-handler').addEventListener('click', run);
  for (const id of ['run-format', 'run-timeout']) $(id).addEventListener('input', remember);
}

export function restore() {
  const saved = state.handler || {};
  editor.value = saved.source || EXAMPLE;
  $('run-format').value = [...HTTP, ...OBJECT, ...MESSAGE].includes(saved.format) ? saved.format : 'tencent-apigw';
  $('run-timeout').value = saved.timeoutMs || 3000;
}

/** Called when the tab is shown: name the event the handler will get. */
export function describeEvent() {
  let format = state.readAs;
  try { format ||= tb.detect(state.event); } catch { format = 'not detected'; }
  $('run-event').textContent = state.event.trim() ? `The event: the current one from Translate events (${format}), as each trigger delivers it.` : 'No current event: paste one in Translate events.';
}
