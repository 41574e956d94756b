// Views shared by the panels: an event card, what a caller receives, a request, a diff.
import { diffLines } from 'diff';
import tb from './core.mjs';
import { h, card, lossList, errorBox, output, pretty, richText } from './dom.mjs';
import { codeLink } from './codes.mjs';
import { NOTES } from './formats.mjs';

/** The event `to` receives for `source` (a plain `request`, an object-storage description `object`, a message
 * description `message`, or another
 * format's `event`, read as `from` when given), with the errors its platform would reject it for. */
export function eventFor(to, source) {
  try {
    const c = source.request ? tb.eventFromRequest(source.request, { to })
      : source.object ? tb.eventFromObject(source.object, { to })
        : source.message ? tb.eventFromMessage(source.message, { to })
        : tb.convertEvent(source.event, { to, from: source.from || undefined });
    const errors = tb.validateEvent(JSON.stringify(c.event), { format: to }).diagnostics.filter((d) => d.severity === 'error');
    return { to, c, errors };
  } catch (e) {
    return { to, error: e, errors: [{ code: e.code, message: e.message }] };
  }
}

/** A diff of two texts, line by line: removed lines marked `-`, added `+`. */
export function diffView(before, after, label) {
  const parts = diffLines(before, after);
  const changed = parts.some((p) => p.added || p.removed);
  if (!changed) return h('p', { class: 'muted diff-none' }, 'No difference.');
  return h('pre', { class: 'diff', tabindex: 0, 'aria-label': label },
    parts.map((p) => {
      const sign = p.added ? '+' : p.removed ? '-' : ' ';
      const lines = p.value.replace(/\n$/, '').split('\n').map((l) => `${sign} ${l}\n`).join('');
      return p.added ? h('ins', {}, lines) : p.removed ? h('del', {}, lines) : h('span', {}, lines);
    }));
}

/**
 * A collapsible diff against the source `what`; `texts()` gives `[before, after]` (or a promise of them, or
 * null when there is nothing to compare) when it is first opened.
 */
export function diffToggle(texts, what) {
  const body = h('div', { class: 'diff-body' });
  const details = h('details', { class: 'diff-toggle', 'data-diff': what }, h('summary', {}, `Diff against the source ${what}`), body);
  details.addEventListener('toggle', async () => {
    if (!details.open || body.firstChild) return;
    try {
      const pair = await texts();
      body.replaceChildren(pair ? diffView(pair[0], pair[1], `diff of the ${what}`) : h('p', { class: 'muted' }, 'Not available in this build.'));
    } catch (e) {
      body.replaceChildren(errorBox(e));
    }
  });
  return details;
}

/** `sourceText`: the source event, pretty-printed; `requestDiff(event)`: the source's and this event's
 * neutral requests as texts, when the package can read them. */
export function eventCard({ to, c, error, errors }, { sourceText, requestDiff } = {}) {
  if (error) return card(to, errorBox(error));
  const text = pretty(c.event);
  const el = card(to,
    NOTES[to] ? h('p', { class: 'note' }, NOTES[to]) : null,
    errors.length ? h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, `${to} would reject this event:`), errors.map((d) => h('div', {}, codeLink(d.code), ': ', richText(d.message)))) : null,
    lossList(c.losses),
    output(text, { label: `${to} event`, file: `${to}.json` }),
    sourceText ? diffToggle(() => [sourceText, text], 'event') : null,
    requestDiff ? diffToggle(() => requestDiff(c.event, to), 'request') : null);
  if (errors.length) el.classList.add('rejected');
  return el;
}

const REASONS = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 504: 'Gateway Timeout' };
const EXT = { 'application/json': 'json', 'text/html': 'html', 'text/plain': 'txt', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/svg+xml': 'svg', 'application/pdf': 'pdf' };

function bodyView(client) {
  const type = (client.headers.find(([n]) => n.toLowerCase() === 'content-type') || [])[1] || '';
  const mime = type.split(';')[0].trim().toLowerCase();
  const file = `${client.format}-body.${EXT[mime] || (client.bodyText !== null ? 'txt' : 'bin')}`;
  if (client.body.length === 0) return h('p', { class: 'muted' }, '(empty body)');
  if (mime.startsWith('image/')) {
    const url = URL.createObjectURL(new Blob([client.body], { type }));
    return h('div', { class: 'output' }, h('img', { src: url, alt: `${type} body, ${client.body.length} bytes` }),
      output(`${client.body.length} bytes of ${mime}`, { label: 'body', file, data: client.body, type }));
  }
  if (client.bodyText !== null) {
    let text = client.bodyText;
    try { text = pretty(JSON.parse(client.bodyText)); } catch { /* not JSON: as it is */ }
    return output(text, { label: 'body', file, data: client.body, type: type || 'text/plain' });
  }
  const hex = Array.from(client.body.slice(0, 256), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return output(`${client.body.length} bytes (binary):\n${hex}${client.body.length > 256 ? ' …' : ''}`, { label: 'body (hex)', file, data: client.body, type: type || 'application/octet-stream' });
}

/** What a caller of `c.format` receives: status line, headers, body, or the gateway's rejection. */
export function clientCard(c) {
  const el = card(c.format,
    h('div', { class: `status ${c.gatewayError ? 'bad' : 'ok'}` }, `HTTP/1.1 ${c.status} ${REASONS[c.status] || ''}`),
    c.gatewayError ? h('div', { class: 'error-box', role: 'alert' }, `Rejected by the gateway${c.gatewayError.code ? ` (${c.gatewayError.code})` : ''}: `, richText(c.gatewayError.reason)) : null,
    output(c.headers.map(([n, v]) => `${n}: ${v}`).join('\n') || '(no headers)', { label: 'headers', file: `${c.format}-headers.txt`, type: 'text/plain' }),
    bodyView(c),
    c.diagnostics.length ? h('ul', { class: 'losses' }, c.diagnostics.map((d) => h('li', {}, codeLink(d.code), ` ${d.severity}: `, richText(d.message)))) : null);
  if (c.gatewayError) el.classList.add('rejected');
  return el;
}

/** A plain request (`method`, `url`, header pairs, body bytes or text) as the source card shows it. */
/** A body for reading: its text when it is UTF-8, else its size and first bytes in hex. */
export function bodyPreview(body, limit = 2000) {
  if (typeof body === 'string') return body.length > limit ? `${body.slice(0, limit)}\n… (${body.length} characters)` : body;
  if (!body || !body.length) return '';
  try {
    return bodyPreview(new TextDecoder('utf-8', { fatal: true }).decode(body), limit);
  } catch {
    const hex = Array.from(body.slice(0, 64), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return `${body.length} bytes (binary): ${hex}${body.length > 64 ? ' …' : ''}`;
  }
}

export function requestView(req, extra = []) {
  const preview = bodyPreview(req.body);
  const body = preview;
  return h('div', { class: 'request-view' },
    h('div', { class: 'request-line' }, h('strong', {}, req.method), ' ', h('span', { class: 'url' }, req.url)),
    extra.length ? h('dl', { class: 'facts' }, extra.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null,
    output(req.headers.map(([n, v]) => `${n}: ${v}`).join('\n') || '(no headers)', { label: 'headers', file: 'request-headers.txt', type: 'text/plain' }),
    body ? output(preview, { label: 'body preview', file: 'request-body.txt', data: req.body, type: 'application/octet-stream' }) : h('p', { class: 'muted' }, '(no body)'));
}
