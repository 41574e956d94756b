// The playground: UI only. Detection, validation, conversion and "what the caller gets" all come from the
// trigger-bridge WebAssembly core; this file reads inputs, renders results and keeps the state in the URL.
import tb, { init, initTools } from './tb/browser.mjs';

const HTTP = ['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url'];
const TIMER = ['aliyun-timer', 'tencent-timer'];
const TITLES = {
  'aliyun-apigw': 'Alibaba API Gateway → FC',
  'aliyun-http': 'Alibaba FC 3.0 HTTP trigger',
  'tencent-apigw': 'Tencent API Gateway → SCF',
  'tencent-url': 'Tencent SCF Function URL',
  'aliyun-timer': 'Alibaba FC timer',
  'tencent-timer': 'Tencent SCF timer',
};
const platformOf = (format) => (format.startsWith('aliyun') ? 'aliyun' : 'tencent');

// ---------- small DOM helpers (text only: nothing untrusted goes through innerHTML)
const $ = (id) => document.getElementById(id);
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}
const pretty = (value) => JSON.stringify(value, null, 2);
function errorBox(e) {
  return h('div', { class: 'error-box', role: 'alert' }, e && e.code ? `${e.code}${e.path ? ` at ${e.path}` : ''}: ${e.message}` : String(e && e.message ? e.message : e));
}
/** Render into a container; a failure shows an error there and never blanks the page. */
function renderInto(container, build) {
  try {
    container.replaceChildren(...[build()].flat());
  } catch (e) {
    console.warn(e);
    container.replaceChildren(errorBox(e));
  }
}

// ---------- JSON pointer → text range, for highlighting what a diagnostic points at
function locate(text, pointer) {
  const tokens = pointer === '' ? [] : pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  const ws = () => { while (i < text.length && /\s/.test(text[i])) i++; };
  const str = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const skip = (depth) => {
    if (depth > 200) throw new Error('too deep');
    ws();
    const c = text[i];
    if (c === '"') return str();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) { i++; return; }
      for (;;) {
        if (c === '{') { ws(); str(); ws(); i++; }
        skip(depth + 1);
        ws();
        if (text[i++] === close) return;
      }
    }
    while (i < text.length && !/[\s,}\]]/.test(text[i])) i++;
  };
  try {
    for (let depth = 0; depth <= tokens.length; depth++) {
      ws();
      if (depth === tokens.length) {
        const start = i;
        skip(0);
        return { start, end: i };
      }
      const want = tokens[depth];
      const c = text[i];
      if (c !== '{' && c !== '[') return null;
      i++;
      let index = 0;
      let found = false;
      for (;;) {
        ws();
        if (text[i] === '}' || text[i] === ']') return null;
        if (c === '{') {
          const keyStart = i;
          const key = str();
          ws();
          i++; // colon
          if (key === want) {
            // Highlight from the key when the value is what is wanted, so short values stay visible.
            if (depth === tokens.length - 1) { skip(0); return { start: keyStart, end: i }; }
            found = true;
            break;
          }
        } else if (String(index) === want) { found = true; break; }
        skip(0);
        ws();
        if (text[i] === ',') { i++; index++; continue; }
        return null;
      }
      if (!found) return null;
    }
  } catch {
    return null;
  }
  return null;
}

// ---------- an editor: textarea over a backdrop that can mark a range
function makeEditor(host, onInput) {
  const backdrop = h('pre', { 'aria-hidden': 'true' });
  const area = h('textarea', { spellcheck: 'false', 'aria-label': host.dataset.label, placeholder: host.dataset.label });
  host.append(backdrop, area);
  const paint = (range) => {
    const text = area.value;
    if (!range) return backdrop.replaceChildren(text + '\n');
    backdrop.replaceChildren(text.slice(0, range.start), h('mark', {}, text.slice(range.start, range.end)), text.slice(range.end) + '\n');
    const mark = backdrop.querySelector('mark');
    area.scrollTop = Math.max(0, mark.offsetTop - 40);
    backdrop.scrollTop = area.scrollTop;
  };
  area.addEventListener('input', () => { paint(null); onInput(); });
  area.addEventListener('scroll', () => { backdrop.scrollTop = area.scrollTop; });
  host.addEventListener('dragover', (e) => { e.preventDefault(); host.classList.add('dragover'); });
  host.addEventListener('dragleave', () => host.classList.remove('dragover'));
  host.addEventListener('drop', async (e) => {
    e.preventDefault();
    host.classList.remove('dragover');
    const file = e.dataTransfer.files[0];
    if (file) { area.value = await file.text(); paint(null); onInput(); }
  });
  return {
    get value() { return area.value; },
    set value(v) { area.value = v; paint(null); },
    highlight(pointer) {
      const range = pointer === null ? null : locate(area.value, pointer);
      paint(range);
      return range !== null;
    },
  };
}

function diagnosticsList(diagnostics, editor) {
  if (!diagnostics.length) return [h('li', { class: 'none' }, '✓ No diagnostics')];
  return diagnostics.map((d) =>
    h('li', { class: d.severity },
      h('button', { class: d.severity, title: 'Highlight in the editor', 'data-path': d.path, onclick: () => editor.highlight(d.path) },
        h('code', {}, `${d.severity} ${d.code}`), ` at ${d.path || '/'} [${d.platform}]: ${d.message}`)));
}

function lossList(losses) {
  if (!losses.length) return h('ul', { class: 'losses none' }, h('li', {}, '✓ nothing lost'));
  return h('ul', { class: 'losses', 'aria-label': 'Losses' }, losses.map((l) => h('li', {}, h('code', {}, l.code), ` ${l.path || '/'}: ${l.message}`)));
}

function card(format, ...children) {
  return h('article', { class: `card ${platformOf(format)}`, 'data-format': format }, h('h3', {}, TITLES[format], ' ', h('span', { class: `badge ${platformOf(format)}` }, format)), ...children);
}

// ---------- state in the URL hash
const state = { tab: 'translate', event: '', result: '', compose: null, cron: null, recording: '', step: 0 };
function encodeState() {
  const s = { ...state };
  if (s.recording.length > 16000) s.recording = ''; // keep links a sensible length
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function decodeState(hash) {
  try {
    const b64 = hash.replace(/^#s=/, '').replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}
let saveTimer = 0;
function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => history.replaceState(null, '', `#s=${encodeState()}`), 150);
}

// ---------- Translate events
let eventEditor;
function renderTranslate() {
  state.event = eventEditor.value;
  save();
  const text = eventEditor.value.trim();
  const badge = $('detected');
  if (!text) {
    badge.className = 'badge';
    badge.textContent = '';
    $('event-diagnostics').replaceChildren();
    $('event-cards').replaceChildren(h('p', {}, 'Paste an event, drop a file, or pick an example: every other format appears here with what it loses.'));
    return;
  }
  let format = null;
  let detectError = null;
  try {
    format = tb.detect(text);
    badge.className = `badge ${platformOf(format)}`;
    badge.textContent = `detected: ${format}`;
  } catch (e) {
    detectError = e;
    badge.className = 'badge unknown';
    badge.textContent = `not detected (${e.code})`;
  }
  renderInto($('event-diagnostics'), () => {
    const report = tb.validateEvent(text);
    const items = diagnosticsList(report.diagnostics, eventEditor);
    const first = report.diagnostics.find((d) => d.severity !== 'info');
    if (first) eventEditor.highlight(first.path);
    return items;
  });
  renderInto($('event-cards'), () => {
    if (!format) return errorBox(detectError);
    const targets = TIMER.includes(format) ? TIMER : HTTP;
    return targets.map((to) => {
      if (to === format) return card(to, h('p', {}, 'The source format.'));
      try {
        const c = tb.convertEvent(text, { to });
        return card(to, lossList(c.losses), h('pre', { tabindex: 0, 'aria-label': `${to} event` }, pretty(c.event)));
      } catch (e) {
        return card(to, errorBox(e));
      }
    });
  });
}

// ---------- Responses: what each caller receives
let resultEditor;
function bodyView(client) {
  const type = (client.headers.find(([n]) => n.toLowerCase() === 'content-type') || [])[1] || '';
  if (client.body.length === 0) return h('p', { class: 'muted' }, '(empty body)');
  if (type.startsWith('image/')) {
    const url = URL.createObjectURL(new Blob([client.body], { type }));
    return h('img', { src: url, alt: `${type} body, ${client.body.length} bytes` });
  }
  if (client.bodyText !== null) {
    try {
      return h('pre', {}, pretty(JSON.parse(client.bodyText)));
    } catch {
      return h('pre', {}, client.bodyText);
    }
  }
  const hex = Array.from(client.body.slice(0, 256), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return h('pre', { 'aria-label': 'hex dump' }, `${client.body.length} bytes (binary):\n${hex}${client.body.length > 256 ? ' …' : ''}`);
}
function clientCard(c) {
  const format = c.format;
  const reason = { 200: 'OK', 201: 'Created', 204: 'No Content', 302: 'Found', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway' }[c.status] || '';
  const el = card(format,
    h('div', { class: `status ${c.gatewayError ? 'bad' : 'ok'}` }, `HTTP/1.1 ${c.status} ${reason}`),
    c.gatewayError ? h('div', { class: 'error-box', role: 'alert' }, `Rejected by the gateway${c.gatewayError.code ? ` (${c.gatewayError.code})` : ''}: ${c.gatewayError.reason}`) : null,
    h('pre', { 'aria-label': 'headers' }, c.headers.map(([n, v]) => `${n}: ${v}`).join('\n') || '(no headers)'),
    bodyView(c),
    c.diagnostics.length ? h('ul', { class: 'losses' }, c.diagnostics.map((d) => h('li', {}, h('code', {}, `${d.severity} ${d.code}`), ` ${d.message}`))) : null);
  if (c.gatewayError) el.classList.add('rejected');
  return el;
}
function renderResponses() {
  state.result = resultEditor.value;
  save();
  const text = resultEditor.value.trim();
  if (!text) {
    $('result-diagnostics').replaceChildren();
    $('response-cards').replaceChildren(h('p', {}, 'Paste what your function returns: each platform\'s caller response appears here.'));
    return;
  }
  renderInto($('result-diagnostics'), () => {
    // Diagnostics of the strictest reading (Tencent API Gateway) and of Alibaba's, merged by place.
    const all = [...tb.validateResponse(text, { format: 'tencent-apigw' }).diagnostics, ...tb.validateResponse(text, { format: 'aliyun-http' }).diagnostics];
    const first = all.find((d) => d.severity === 'error') || all[0];
    if (first) resultEditor.highlight(first.path);
    return diagnosticsList(all, resultEditor);
  });
  renderInto($('response-cards'), () => HTTP.map((format) => clientCard(tb.clientResponse(text, { format }))));
}

// ---------- Compose: a request (or a curl command) → every event
function shellWords(cmd) {
  const words = [];
  let cur = null;
  let i = 0;
  const s = cmd.replace(/\\\r?\n/g, ' ');
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { if (cur !== null) { words.push(cur); cur = null; } i++; continue; }
    cur ??= '';
    if (c === "'") { const j = s.indexOf("'", i + 1); cur += s.slice(i + 1, j < 0 ? s.length : j); i = j < 0 ? s.length : j + 1; }
    else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') { if (s[i] === '\\' && i + 1 < s.length) i++; cur += s[i++]; }
      i++;
    } else if (c === '$' && s[i + 1] === "'") {
      const j = s.indexOf("'", i + 2);
      cur += s.slice(i + 2, j < 0 ? s.length : j).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\'/g, "'");
      i = j < 0 ? s.length : j + 1;
    } else if (c === '\\') { cur += s[i + 1] ?? ''; i += 2; }
    else { cur += c; i++; }
  }
  if (cur !== null) words.push(cur);
  return words;
}
function parseCurl(cmd) {
  const words = shellWords(cmd.trim());
  if (words[0] !== 'curl') throw new Error('a curl command starts with `curl`');
  const req = { method: '', url: '', headers: [], body: '' };
  let dataSeen = false;
  const takesValue = new Set(['-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '--url', '-u', '--user', '-o', '--output', '-m', '--max-time', '--connect-timeout']);
  for (let i = 1; i < words.length; i++) {
    let w = words[i];
    let v;
    const eq = w.startsWith('--') ? w.indexOf('=') : -1;
    if (eq > 0 && takesValue.has(w.slice(0, eq))) { v = w.slice(eq + 1); w = w.slice(0, eq); }
    else if (takesValue.has(w)) v = words[++i] ?? '';
    else if (/^-[XHdAeb]./.test(w)) { v = w.slice(2); w = w.slice(0, 2); }
    switch (w) {
      case '-X': case '--request': req.method = v; break;
      case '-H': case '--header': { const k = v.indexOf(':'); if (k > 0) req.headers.push([v.slice(0, k).trim(), v.slice(k + 1).trim()]); break; }
      case '-d': case '--data': case '--data-raw': case '--data-binary': case '--data-ascii': case '--data-urlencode':
        req.body = dataSeen ? `${req.body}&${v}` : v; dataSeen = true; break;
      case '--json': req.body = v; dataSeen = true;
        if (!req.headers.some(([n]) => n.toLowerCase() === 'content-type')) req.headers.push(['Content-Type', 'application/json']);
        if (!req.headers.some(([n]) => n.toLowerCase() === 'accept')) req.headers.push(['Accept', 'application/json']);
        break;
      case '-A': case '--user-agent': req.headers.push(['User-Agent', v]); break;
      case '-e': case '--referer': req.headers.push(['Referer', v]); break;
      case '-b': case '--cookie': req.headers.push(['Cookie', v]); break;
      case '--url': req.url = v; break;
      case '-I': case '--head': req.method = 'HEAD'; break;
      default:
        if (v === undefined && !w.startsWith('-')) req.url = w;
    }
  }
  if (dataSeen && !req.headers.some(([n]) => n.toLowerCase() === 'content-type')) req.headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  if (!req.method) req.method = dataSeen ? 'POST' : 'GET';
  if (!req.url) throw new Error('no URL in the curl command');
  return req;
}
function readCompose() {
  const headers = $('headers').value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const k = l.indexOf(':');
    return k > 0 ? [l.slice(0, k).trim(), l.slice(k + 1).trim()] : [l, ''];
  });
  return { method: $('method').value, url: $('url').value.trim(), headers, body: $('body').value };
}
function writeCompose(req) {
  const select = $('method');
  if (![...select.options].some((o) => o.value === req.method)) select.append(h('option', {}, req.method));
  select.value = req.method;
  $('url').value = req.url;
  $('headers').value = req.headers.map(([n, v]) => `${n}: ${v}`).join('\n');
  $('body').value = req.body;
}
function renderCompose() {
  const req = readCompose();
  state.compose = req;
  save();
  renderInto($('compose-cards'), () => HTTP.map((to) => eventCard(eventFor(to, { request: req }))));
}

/** The event `to` receives for `source` (a plain `request`, or another format's `event`), with the errors its
 * platform would reject it for. */
function eventFor(to, source) {
  try {
    const c = source.request ? tb.eventFromRequest(source.request, { to }) : tb.convertEvent(source.event, { to });
    const errors = tb.validateEvent(JSON.stringify(c.event), { format: to }).diagnostics.filter((d) => d.severity === 'error');
    return { to, c, errors };
  } catch (e) {
    return { to, error: e, errors: [{ code: e.code, message: e.message }] };
  }
}
function eventCard({ to, c, error, errors }) {
  if (error) return card(to, errorBox(error));
  const el = card(to,
    errors.length ? h('div', { class: 'error-box', role: 'alert' }, errors.map((d) => `${d.code}: ${d.message}`).join('\n')) : null,
    lossList(c.losses), h('pre', { tabindex: 0 }, pretty(c.event)));
  if (errors.length) el.classList.add('rejected');
  return el;
}

// ---------- Play back a HAR or JSON lines
let steps = [];
let playing = 0;
function harResult(response) {
  const headers = {};
  for (const { name, value } of response.headers || []) {
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    headers[key] = key in headers ? [].concat(headers[key], value) : value;
  }
  const content = response.content || {};
  return { isBase64Encoded: content.encoding === 'base64', statusCode: response.status, headers, body: content.text || '' };
}
function parseRecording(text) {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith('{') && trimmed.includes('"log"')) {
    const har = JSON.parse(trimmed);
    return (har.log.entries || []).map((e, i) => {
      const r = e.request;
      const headers = (r.headers || []).filter((x) => !x.name.startsWith(':')).map((x) => [x.name, x.value]);
      return { label: `${i + 1}. ${r.method} ${new URL(r.url).pathname} → ${e.response.status}`, request: { method: r.method, url: r.url, headers, body: r.postData ? r.postData.text || '' : '' }, result: harResult(e.response) };
    });
  }
  return trimmed.split('\n').filter((l) => l.trim()).map((line, i) => {
    const { event, response } = JSON.parse(line);
    let label = `${i + 1}.`;
    try { label += ` ${tb.detect(event)}`; } catch { label += ' (unknown event)'; }
    return { label, event, result: response };
  });
}
function analyse(step) {
  const events = HTTP.map((to) => eventFor(to, step));
  const clients = HTTP.map((format) => tb.clientResponse(step.result, { format }));
  const rejectedBy = new Set([...events.filter((e) => e.errors.length).map((e) => e.to), ...clients.filter((c) => c.gatewayError).map((c) => c.format)]);
  return { events, clients, rejectedBy: [...rejectedBy] };
}
function loadRecording(text) {
  state.recording = text;
  $('recording').value = text;
  try {
    steps = parseRecording(text).map((s) => ({ ...s, analysis: analyse(s) }));
  } catch (e) {
    steps = [];
    $('playback-cards').replaceChildren(errorBox(e));
  }
  state.step = Math.min(state.step, Math.max(0, steps.length - 1));
  renderTimeline();
}
function renderTimeline() {
  save();
  renderInto($('timeline'), () => steps.map((s, i) => h('li', { class: s.analysis.rejectedBy.length ? 'flagged' : '' },
    h('button', { 'aria-current': i === state.step ? 'step' : null, onclick: () => { state.step = i; renderTimeline(); } },
      s.label, s.analysis.rejectedBy.length ? h('span', { class: 'flag' }, ` ⚠ rejected by ${s.analysis.rejectedBy.join(', ')}`) : ''))));
  $('step-label').textContent = steps.length ? `Step ${state.step + 1} of ${steps.length}` : 'No recording loaded';
  const step = steps[state.step];
  if (!step) return;
  renderInto($('playback-cards'), () => [
    h('h2', { style: 'grid-column: 1 / -1' }, `Request ${step.label}: what each function receives`),
    ...step.analysis.events.map(eventCard),
    h('h2', { style: 'grid-column: 1 / -1' }, 'Response: what each caller receives'),
    ...step.analysis.clients.map(clientCard),
  ]);
}
function move(delta) {
  if (!steps.length) return;
  state.step = (state.step + delta + steps.length) % steps.length;
  renderTimeline();
}
function togglePlay() {
  if (playing) {
    clearInterval(playing);
    playing = 0;
    $('play').textContent = '▶ Play';
    return;
  }
  playing = setInterval(() => {
    if (state.step >= steps.length - 1) return togglePlay();
    move(1);
  }, 1500);
  $('play').textContent = '⏸ Pause';
}

// ---------- Cron
function renderCron() {
  const c = { expr: $('cron-expr').value, from: $('cron-from').value, fromTz: $('cron-from-tz').value.trim(), toTz: $('cron-to-tz').value.trim() };
  state.cron = c;
  save();
  const to = c.from === 'aliyun' ? 'tencent' : 'aliyun';
  const names = { aliyun: 'Alibaba FC', tencent: 'Tencent SCF' };
  renderInto($('cron-cards'), () => {
    const opts = { from: c.from, to, fromTz: c.fromTz || undefined, toTz: c.toTz || undefined };
    const source = tb.cron.explain(c.expr, { dialect: c.from, tz: opts.fromTz, count: 5 });
    const t = tb.cron.convert(c.expr, opts);
    const target = tb.cron.explain(t.expression, { dialect: to, tz: opts.toTz ?? (to === 'aliyun' ? undefined : t.toZone.name), count: 5 });
    const side = (dialect, expr, e) => h('article', { class: `card ${dialect}` }, h('h3', {}, names[dialect]), h('pre', {}, expr), h('p', {}, e.description), h('pre', { 'aria-label': 'next fire times' }, e.next.join('\n')));
    return [side(c.from, c.expr, source), side(to, t.expression, target), h('article', { class: 'card' }, h('h3', {}, 'What changed'), lossList(t.losses), h('p', {}, `Zones: ${t.fromZone.name} → ${t.toZone.name}`))];
  });
}

// ---------- tabs, gallery, start-up
function showTab(tab) {
  state.tab = tab;
  for (const b of document.querySelectorAll('[role=tab]')) {
    const on = b.dataset.tab === tab;
    b.setAttribute('aria-selected', String(on));
    b.tabIndex = on ? 0 : -1;
    $(b.getAttribute('aria-controls')).hidden = !on;
  }
  save();
}
function wireTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  tabs.forEach((b, i) => {
    b.addEventListener('click', () => showTab(b.dataset.tab));
    b.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      const next = tabs[(i + d + tabs.length) % tabs.length];
      next.focus();
      showTab(next.dataset.tab);
    });
  });
}

async function main() {
  wireTabs();
  const restored = decodeState(location.hash) || {};
  Object.assign(state, restored);
  showTab(state.tab || 'translate');
  try {
    await Promise.all([init(), initTools()]);
  } catch (e) {
    $('status').textContent = `The WebAssembly core failed to load: ${e.message}`;
    $('status').className = 'error';
    return;
  }
  let examples = { events: [], responses: [], recordings: [] };
  try {
    examples = await (await fetch('./tb/examples.json')).json();
  } catch (e) {
    console.warn('no examples', e);
  }
  eventEditor = makeEditor($('event-editor'), renderTranslate);
  resultEditor = makeEditor($('result-editor'), renderResponses);
  const fill = (select, items, onPick) => {
    items.forEach((x, i) => select.append(h('option', { value: i }, x.name)));
    select.addEventListener('change', () => { if (select.value !== '') onPick(items[Number(select.value)]); });
  };
  fill($('gallery-events'), examples.events, (x) => { eventEditor.value = x.text; renderTranslate(); });
  fill($('gallery-responses'), examples.responses, (x) => { resultEditor.value = x.text; renderResponses(); });
  fill($('gallery-recordings'), examples.recordings, (x) => loadRecording(x.text));

  eventEditor.value = state.event || (examples.events.find((e) => e.format === 'aliyun-apigw') || {}).text || '';
  resultEditor.value = state.result || (examples.responses.find((e) => e.name === 'alibaba-node-sample') || {}).text || '';
  if (state.compose) writeCompose(state.compose);
  if (state.cron) {
    $('cron-expr').value = state.cron.expr;
    $('cron-from').value = state.cron.from;
    $('cron-from-tz').value = state.cron.fromTz || '';
    $('cron-to-tz').value = state.cron.toTz || '';
  }
  $('use-curl').addEventListener('click', () => {
    try {
      writeCompose(parseCurl($('curl').value));
      renderCompose();
    } catch (e) {
      $('compose-cards').replaceChildren(errorBox(e));
    }
  });
  for (const id of ['method', 'url', 'headers', 'body']) $(id).addEventListener('input', renderCompose);
  for (const id of ['cron-expr', 'cron-from', 'cron-from-tz', 'cron-to-tz']) $(id).addEventListener('input', renderCron);
  $('recording').addEventListener('input', () => loadRecording($('recording').value));
  $('recording-file').addEventListener('change', async (e) => { const f = e.target.files[0]; if (f) loadRecording(await f.text()); });
  $('prev').addEventListener('click', () => move(-1));
  $('next').addEventListener('click', () => move(1));
  $('play').addEventListener('click', togglePlay);

  renderTranslate();
  renderResponses();
  renderCompose();
  renderCron();
  if (state.recording) loadRecording(state.recording);
  else renderTimeline();
  $('status').textContent = 'Ready. Everything runs locally in WebAssembly.';
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  console.error(e);
  $('status').textContent = `Something went wrong: ${e.message}`;
  $('status').className = 'error';
});
