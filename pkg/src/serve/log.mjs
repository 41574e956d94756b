// The access log: one line per request (time, format, method, path, status, ms, losses and diagnostics), per
// event trigger fired and per timer invocation, colours on a terminal, details with --verbose. It is given only the path and the
// event-side values, never the request headers, so credentials cannot reach it.

const CODES = { reset: '\x1b[0m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', cyan: '\x1b[36m' };

function stamp(date = new Date()) {
  return date.toISOString().slice(11, 23);
}

function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A logger writing lines to `write` (default: standard error). `colors` adds ANSI colours, `verbose` adds the
 * losses, diagnostics and warnings under each line.
 */
export function createLog({ write = (line) => process.stderr.write(`${line}\n`), colors = false, verbose = false } = {}) {
  const paint = (color, text) => (colors ? `${CODES[color]}${text}${CODES.reset}` : text);
  const statusColor = (s) => (s >= 500 ? 'red' : s >= 400 ? 'yellow' : 'green');
  const details = (items, label) => {
    if (!verbose) return;
    for (const d of items) write(paint('dim', `    ${label} ${d.code}${d.path ? ` at ${d.path}` : ''}: ${d.message}`));
  };
  return {
    write,
    info(text) {
      write(text);
    },
    warn(text) {
      write(paint('yellow', text));
    },
    /** One request: `r` is serveRequest's answer. */
    request({ format, method, path, ms, r }) {
      const diagnostics = (r.client && r.client.diagnostics) || [];
      const counts = [r.losses.length ? count(r.losses.length, 'loss', 'losses') : '', diagnostics.length ? count(diagnostics.length, 'diagnostic', 'diagnostics') : ''].filter(Boolean).join(', ');
      const status = r.client.status;
      let line = `${paint('dim', stamp())} ${paint('cyan', format)} ${method} ${path} → ${paint(statusColor(status), String(status))} ${ms} ms`;
      if (counts) line += ` (${counts})`;
      if (r.error) line += ` ${paint(status >= 500 || status === 403 ? 'red' : 'yellow', r.error)}`;
      write(line);
      details(r.losses, 'loss');
      details(diagnostics.map((d) => ({ ...d, code: `${d.severity} ${d.code}` })), 'diagnostic');
      for (const w of r.warnings || []) write(paint('yellow', `    warning ${w.code}: ${w.message}`));
    },
    /** One event trigger fired (events.mjs): the keys it carried, the verdict, what was lost, the result. */
    event({ name, format, from, writtenFor, adapted, ok, ms, event, invocations, losses, adaptLosses, notes, result, error }) {
      const verdict = ok ? paint('green', 'ok') : paint('red', `failed: ${error}`);
      const all = [...losses, ...adaptLosses];
      const source = from && from !== 'description' && from !== format ? ` (a ${from} event, converted)` : '';
      const through = adapted ? ` (handler written for ${writtenFor}, through adapt)` : '';
      const times = invocations > 1 ? ` (${invocations} invocations, one per message)` : '';
      write(`${paint('dim', stamp())} ${paint('cyan', format)} trigger ${name}${source}${times}${through} → ${verdict} ${ms} ms${all.length ? ` (${count(all.length, 'loss', 'losses')})` : ''}`);
      for (const n of notes) write(paint('yellow', `    note: ${n}`));
      details(all, 'loss');
      if (verbose) {
        write(paint('dim', `    event ${JSON.stringify(event)}`));
        if (ok) write(paint('dim', `    result ${JSON.stringify(result === undefined ? null : result)}`));
      }
    },
    /** One timer invocation. */
    timer({ name, format, ms, ok, error, why }) {
      const verdict = ok ? paint('green', 'ok') : paint('red', `failed: ${error}`);
      write(`${paint('dim', stamp())} ${paint('cyan', format)} timer ${name} (${why}) → ${verdict} ${ms} ms`);
    },
  };
}
