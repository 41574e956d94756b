// Compose: a request (typed, or read from a curl command) as every HTTP format's event, an object-storage event
// from a short description ({bucket, keys, size, event, …}) as every object format's, or messages ({topic,
// messages, key, tags}) as every message format's; the core writes each.
import { $, h, renderInto, errorBox, richText } from '../dom.mjs';
import tb from '../core.mjs';
import { HTTP, OBJECT, MESSAGE } from '../formats.mjs';
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

const MESSAGE_FIELDS = { topic: 'message-topic', key: 'message-key', tags: 'message-tags', bodies: 'message-bodies' };

/** The description `eventFromMessage` takes: one message per line, tags split at commas, empty fields left out. */
export function messageDescription(form) {
  const d = {};
  if (form.topic.trim()) d.topic = form.topic.trim();
  if (form.key.trim()) d.key = form.key.trim();
  const tags = form.tags.split(',').map((t) => t.trim()).filter(Boolean);
  if (tags.length) d.tags = tags.length === 1 ? tags[0] : tags;
  const bodies = form.bodies.split('\n').map((b) => b.replace(/\r$/, '')).filter((b) => b !== '');
  if (bodies.length === 1) d.body = bodies[0];
  else d.messages = bodies;
  return d;
}

const canCompose = { request: () => true, object: () => typeof tb.eventFromObject === 'function' && OBJECT.length > 0, message: () => typeof tb.eventFromMessage === 'function' && MESSAGE.length > 0 };

function showKind(kind) {
  const chosen = canCompose[kind] && canCompose[kind]() ? kind : 'request';
  $('compose-kind').value = chosen;
  $('compose-object').hidden = chosen !== 'object';
  $('compose-message').hidden = chosen !== 'message';
  $('compose-request').hidden = chosen !== 'request';
}

export function setup() {
  $('use-curl').addEventListener('click', useCurl);
  for (const id of ['method', 'url', 'headers', 'body', ...Object.values(OBJECT_FIELDS), ...Object.values(MESSAGE_FIELDS)]) $(id).addEventListener('input', render);
  // A kind this build of the package cannot write is not offered.
  for (const option of $('compose-kind').options) option.hidden = option.disabled = !canCompose[option.value]();
  $('compose-kind').addEventListener('change', () => {
    showKind($('compose-kind').value);
    render();
  });
}

export function restore() {
  if (state.compose) write(state.compose);
  if (state.curl) $('curl').value = state.curl;
  if (state.composeObject) for (const [k, id] of Object.entries(OBJECT_FIELDS)) if (typeof state.composeObject[k] === 'string') $(id).value = state.composeObject[k];
  if (state.composeMessage) for (const [k, id] of Object.entries(MESSAGE_FIELDS)) if (typeof state.composeMessage[k] === 'string') $(id).value = state.composeMessage[k];
  showKind(state.composeKind);
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
  if (kind === 'message') {
    const form = Object.fromEntries(Object.entries(MESSAGE_FIELDS).map(([k, id]) => [k, $(id).value]));
    state.composeMessage = form;
    save();
    const description = messageDescription(form);
    renderInto($('compose-cards'), () => MESSAGE.map((to) => eventCard(eventFor(to, { message: description }))));
    return;
  }
  const req = read();
  state.compose = req;
  save();
  renderInto($('compose-cards'), () => HTTP.map((to) => eventCard(eventFor(to, { request: req }))));
}
