// --watch: call `onChange` once a burst of changes to code under `dir` settles: .js, .cjs, .mjs and .json files
// outside node_modules and dot folders (logs and --record output, written while serving, must not reload it). `fs.watch` is recursive on Linux from Node 20, on macOS and
// Windows earlier; where it is not, the top folder is watched.

import fs from 'node:fs';

const IGNORED = /(^|[\\/])(node_modules|\.[^\\/]+)([\\/]|$)/;
const CODE = /\.(c|m)?js$|\.json$/;

/** Watch `dir`; returns `{ close() }`. */
export function watchFiles(dir, onChange, { settleMs = 80 } = {}) {
  let timer = null;
  const changed = (_type, file) => {
    if (file && (IGNORED.test(String(file)) || !CODE.test(String(file)))) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, settleMs);
  };
  let watcher;
  try {
    watcher = fs.watch(dir, { recursive: true }, changed);
  } catch {
    watcher = fs.watch(dir, changed);
  }
  watcher.on('error', () => {});
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
