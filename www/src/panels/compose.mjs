// Compose: a request (typed, or read from a curl command) as every HTTP format's event.
import { $, h, renderInto, errorBox, richText } from '../dom.mjs';
import { HTTP } from '../formats.mjs';
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

export function setup() {
  $('use-curl').addEventListener('click', useCurl);
  for (const id of ['method', 'url', 'headers', 'body']) $(id).addEventListener('input', render);
}

export function restore() {
  if (state.compose) write(state.compose);
  if (state.curl) $('curl').value = state.curl;
  render();
}

export function render() {
  const req = read();
  state.compose = req;
  save();
  renderInto($('compose-cards'), () => HTTP.map((to) => eventCard(eventFor(to, { request: req }))));
}
