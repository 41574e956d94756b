// Recordings for Play back: a HAR file (what a browser sent and got) or JSON lines of `{event, response, ...}`
// (what `trigger-bridge serve --record` writes). Each becomes steps of `{label, request | event, result}`.
// Errors say what is wrong in the file.

/** An error about the file the user gave, with where in it. */
export class RecordingError extends Error {
  constructor(message) {
    super(message);
    this.name = 'RecordingError';
  }
}

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    const cut = /end of (JSON )?input|Unterminated/i.test(e.message);
    throw new RecordingError(`${what} is not valid JSON${cut ? ': it ends too early (was the file or the paste cut off?)' : ''} (${e.message})`);
  }
}

function base64Bytes(text, where) {
  try {
    return Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  } catch {
    throw new RecordingError(`${where} is marked base64 but is not base64`);
  }
}

/** HAR `postData` → the body: `text` (base64 when `encoding` says so), or `params` as a form. */
async function harBody(postData, where) {
  if (!postData) return '';
  if (typeof postData.text === 'string') return postData.encoding === 'base64' ? base64Bytes(postData.text, `${where}.text`) : postData.text;
  if (Array.isArray(postData.params)) {
    const type = String(postData.mimeType || '');
    if (/^multipart\/form-data/i.test(type)) {
      const form = new FormData();
      for (const p of postData.params) {
        if (p.fileName !== undefined) form.append(String(p.name), new File([String(p.value ?? '')], String(p.fileName), p.contentType ? { type: p.contentType } : {}));
        else form.append(String(p.name), String(p.value ?? ''));
      }
      const encoded = new Response(form);
      return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') };
    }
    return new URLSearchParams(postData.params.map((p) => [String(p.name), String(p.value ?? '')])).toString();
  }
  return '';
}

/** A HAR response as the integration response a function would have returned for the caller to get it. */
function harResult(response, where) {
  if (!response || typeof response !== 'object') throw new RecordingError(`${where}.response is missing`);
  const headers = {};
  for (const { name, value } of response.headers || []) {
    if (String(name).startsWith(':')) continue; // HTTP/2 pseudo-headers
    const key = Object.keys(headers).find((k) => k.toLowerCase() === String(name).toLowerCase()) ?? String(name);
    headers[key] = Object.hasOwn(headers, key) ? [].concat(headers[key], value) : value;
  }
  const content = response.content || {};
  return { isBase64Encoded: content.encoding === 'base64', statusCode: response.status, headers, body: content.text || '' };
}

async function readHar(har) {
  if (!har.log || typeof har.log !== 'object') throw new RecordingError('this JSON is not a HAR: it has no `log` object');
  if (!Array.isArray(har.log.entries)) throw new RecordingError('this HAR has no `log.entries` list');
  const steps = [];
  for (const [i, e] of har.log.entries.entries()) {
    const where = `log.entries[${i}]`;
    const r = e && e.request;
    if (!r || typeof r !== 'object') throw new RecordingError(`${where}.request is missing`);
    if (typeof r.url !== 'string' || !r.url) throw new RecordingError(`${where}.request.url is missing`);
    if (typeof r.method !== 'string' || !r.method) throw new RecordingError(`${where}.request.method is missing`);
    const headers = (Array.isArray(r.headers) ? r.headers : []).filter((x) => x && !String(x.name).startsWith(':')).map((x) => [String(x.name), String(x.value)]);
    const notes = [];
    let url;
    try {
      url = new URL(r.url);
    } catch {
      // A relative URL (some tools write one): resolve it against the Host header, or a placeholder host.
      const authority = (Array.isArray(r.headers) ? r.headers : []).find((x) => x && x.name === ':authority');
      const host = headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? authority?.value;
      try {
        url = new URL(r.url, `https://${host || 'example.invalid'}`);
      } catch {
        throw new RecordingError(`${where}.request.url is not a URL: ${JSON.stringify(r.url).slice(0, 80)}`);
      }
      notes.push(host ? `relative URL resolved against the Host header (${host})` : 'relative URL: resolved against https://example.invalid (the HAR names no host)');
    }
    let body = await harBody(r.postData, `${where}.request.postData`);
    if (body && body.contentType) {
      if (!headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', body.contentType]);
      body = body.body;
    }
    steps.push({
      label: `${i + 1}. ${r.method} ${url.pathname} → ${e.response?.status ?? '?'}`,
      notes,
      request: { method: r.method, url: url.href, headers, body },
      result: harResult(e.response, where),
    });
  }
  return steps;
}

/**
 * Parse a recording: a HAR (one JSON object with `log`) or JSON lines of `{event, response}` (other keys are
 * ignored). `detect(event)` names an event's format for its label. Throws RecordingError.
 */
export async function parseRecording(text, detect) {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const lines = trimmed.split('\n').filter((l) => l.trim());
  // One JSON document over several lines is a HAR (or a mistake); one object per line is JSON lines.
  const firstLineIsJson = (() => { try { JSON.parse(lines[0]); return true; } catch { return false; } })();
  if (!firstLineIsJson || lines.length === 1) {
    const doc = parseJson(trimmed, lines.length === 1 ? 'this recording' : 'this HAR');
    if (doc && typeof doc === 'object' && 'log' in doc) return readHar(doc);
    if (lines.length > 1 || !doc || !('event' in doc)) throw new RecordingError('this is neither a HAR (no `log`) nor JSON lines of `{"event": …, "response": …}`');
  }
  return lines.map((line, i) => {
    const where = `line ${i + 1}`;
    const doc = parseJson(line, where);
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new RecordingError(`${where} is not a JSON object`);
    if (!('event' in doc)) throw new RecordingError(`${where} has no \`event\``);
    let label = `${i + 1}.`;
    try { label += ` ${detect(doc.event)}`; } catch { label += ' (unknown event)'; }
    return { label, notes: doc.response === undefined || doc.response === null ? ['no response recorded'] : [], event: doc.event, result: doc.response ?? null };
  });
}
