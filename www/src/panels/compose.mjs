// Compose: a request (typed, or read from a curl command) as every HTTP format's event, or an object-storage
// event from a short description ({bucket, keys, size, event, …}) as every object format's, written by the core.
import { $, h, renderInto, errorBox, richText } from '../dom.mjs';
import { HTTP, OBJECT } from '../formats.mjs';
import { state, save } from '../state.mjs';
import { eventFor, eventCard } from '../views.mjs';

// A textarea keeps line ends as LF; a multipart body read from curl needs its CRLFs, so the exact text is
// kept while the textarea still shows it.
let exactBody = null;

function read() {
  const headers = $('headers').value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const k = l.indexOf(':');
    return k > 0 ? [l.slice(0, k).trim(), l.slice(k + 1).trim()] : [l, ''];
  });
  const shown = $('body').value;
  const body = exactBody !== null && exactBody.replace(/\r\n/g, '\n') === shown ? exactBody : shown;
  return { method: $('method').value, url: $('url').value.trim(), headers, body };
}

function write(req) {
  const select = $('method');
  if (![...select.options].some((o) => o.value === req.method)) select.append(h('option', {}, req.method));
  select.value = req.method;
  $('url').value = req.url;
  $('headers').value = req.headers.map(([n, v]) => `${n}: ${v}`).join('\n');
  $('body').value = req.body;
  exactBody = req.body;
}

function showWarnings(warnings) {
  $('curl-warnings').replaceChildren(...warnings.map((w) => h('li', {}, richText(w))));
  $('curl-warnings').hidden = !warnings.length;
}

/** Read the curl command (the parser and its grammar load on first use). */
async function useCurl() {
  const button = $('use-curl');
  button.disabled = true;
  $('curl-status').textContent = 'Reading the command…';
  try {
    const { curlToRequest } = await import('../curl.mjs');
    const { request, warnings } = await curlToRequest($('curl').value);
    state.curl = $('curl').value;
    write(request);
    showWarnings(warnings);
    $('curl-status').textContent = warnings.length ? `Read, with ${warnings.length} warning${warnings.length > 1 ? 's' : ''}:` : 'Read: nothing ignored.';
    render();
  } catch (e) {
    showWarnings([]);
    $('curl-status').textContent = '';
    $('compose-cards').replaceChildren(errorBox(e, 'Not a curl command this page can read: '));
  } finally {
    button.disabled = false;
  }
}

const OBJECT_FIELDS = { event: 'object-event', bucket: 'object-bucket', size: 'object-size', keys: 'object-keys', region: 'object-region', account: 'object-account', etag: 'object-etag', version: 'object-version' };

/** The form as the fields it holds (texts), for the shared state. */
function readObjectForm() {
  return Object.fromEntries(Object.entries(OBJECT_FIELDS).map(([k, id]) => [k, $(id).value]));
}

/**
 * The description `eventFromObject` takes: empty fields left out (the core fills in its defaults), a size
 * that is not a number passed as it is typed, so the core says why it refuses it.
 */
export function objectDescription(form) {
  const d = {};
  for (const k of ['event', 'bucket', 'region', 'account', 'etag', 'version']) if (form[k].trim()) d[k] = form[k].trim();
  const size = form.size.trim();
  if (size) d.size = /^\d+$/.test(size) ? Number(size) : size;
  const keys = form.keys.split('\n').map((k) => k.replace(/\r$/, '')).filter((k) => k !== '');
  if (keys.length === 1) d.key = keys[0];
  else if (keys.length) d.keys = keys;
  return d;
}

function showKind(kind) {
  $('compose-kind').value = kind;
  $('compose-object').hidden = kind !== 'object';
  $('compose-request').hidden = kind === 'object';
}

export function setup() {
  $('use-curl').addEventListener('click', useCurl);
  for (const id of ['method', 'url', 'headers', 'body', ...Object.values(OBJECT_FIELDS)]) $(id).addEventListener('input', render);
  $('compose-kind').addEventListener('change', () => {
    showKind($('compose-kind').value);
    render();
  });
}

export function restore() {
  if (state.compose) write(state.compose);
  if (state.curl) $('curl').value = state.curl;
  if (state.composeObject) for (const [k, id] of Object.entries(OBJECT_FIELDS)) if (typeof state.composeObject[k] === 'string') $(id).value = state.composeObject[k];
  showKind(state.composeKind === 'object' ? 'object' : 'request');
  render();
}

export function render() {
  const kind = $('compose-kind').value;
  state.composeKind = kind;
  if (kind === 'object') {
    const form = readObjectForm();
    state.composeObject = form;
    save();
    const description = objectDescription(form);
    renderInto($('compose-cards'), () => OBJECT.map((to) => eventCard(eventFor(to, { object: description }))));
    return;
  }
  const req = read();
  state.compose = req;
  save();
  renderInto($('compose-cards'), () => HTTP.map((to) => eventCard(eventFor(to, { request: req }))));
}
