// A JSON pointer → the text range it names, for pointing at what a diagnostic is about. Ranges are string
// offsets (UTF-16 units), as the editor counts. Returns null when the pointer is not in the text.
export function locate(text, pointer) {
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
        if (i >= text.length) throw new Error('end');
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
        return { from: start, to: i };
      }
      const want = tokens[depth];
      const c = text[i];
      if (c !== '{' && c !== '[') return null;
      i++;
      let index = 0;
      let found = false;
      for (;;) {
        ws();
        if (text[i] === '}' || text[i] === ']' || i >= text.length) return null;
        if (c === '{') {
          const keyStart = i;
          const key = str();
          ws();
          i++; // colon
          if (key === want) {
            // From the key when the value is what is wanted, so short values stay visible.
            if (depth === tokens.length - 1) { skip(0); return { from: keyStart, to: i }; }
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

/**
 * Where the core's `invalid-json` message points ("… at line L column C", both 1-based, the column in
 * bytes of UTF-8): the string offset in `text`, or null when the message has no position.
 */
export function syntaxErrorOffset(text, message) {
  const m = /line (\d+) column (\d+)/.exec(message || '');
  if (!m) return null;
  const [line, column] = [Number(m[1]), Number(m[2])];
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return text.length;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  const lineText = text.slice(start, end < 0 ? text.length : end);
  // Walk the line's characters until `column - 1` bytes are behind.
  let bytes = 0;
  let offset = 0;
  const encoder = new TextEncoder();
  for (const ch of lineText) {
    if (bytes >= column - 1) break;
    bytes += encoder.encode(ch).length;
    offset += ch.length;
  }
  return start + offset;
}
