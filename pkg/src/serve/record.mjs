// --record FILE.jsonl: one JSON line per request, `{event, response, ...}`, the shape the playground's Play
// back opens as it is (`event`: what the function received; `response`: what it returned, or null when it
// threw or timed out). The extra fields (`format`, `request`, `status`, `error`, `time`, `ms`) are for people
// and scripts; Play back ignores them. Request headers are not written: the event holds the ones that reached
// the function, and credential headers never do.

import fs from 'node:fs';

/** A recorder appending to `file`; `write(entry)` is synchronous so lines never interleave. */
export function createRecorder(file) {
  const fd = fs.openSync(file, 'a');
  return {
    file,
    write({ format, method, path, ms, r }) {
      if (!r.event) return; // a request too malformed to become an event has nothing to play back
      const line = {
        event: r.event,
        response: r.result === undefined ? null : r.result,
        format,
        request: { method, path },
        status: r.client.status,
        error: r.error || undefined,
        requestId: r.requestId,
        time: new Date().toISOString(),
        ms,
      };
      fs.writeSync(fd, `${JSON.stringify(line)}\n`);
    },
    close() {
      fs.closeSync(fd);
    },
  };
}
