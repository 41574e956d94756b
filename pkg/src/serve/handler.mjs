// Loading the user's handler, and loading it again after a change (`--watch`) without restarting the server.
//
// CommonJS modules are required through `createRequire`; before a reload every cached module under the
// project's folder (outside node_modules) is dropped, so edited helpers are read again too. ES modules are
// imported with a `?v=N` query, which makes Node read them afresh (the old copies stay in memory: fine for
// a development server). Requests already running keep the handler they started with.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const EXTENSIONS = ['', '.js', '.cjs', '.mjs'];

/** The file `modulePath` (with or without an extension) names in `dir`; throws when there is none. */
export function resolveEntry(dir, modulePath) {
  for (const ext of EXTENSIONS) {
    const file = path.resolve(dir, modulePath + ext);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  throw new Error(`cannot find the handler module ${modulePath} in ${dir} (tried ${EXTENSIONS.map((e) => modulePath + e).join(', ')})`);
}

function isEsm(file) {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  // A .js file is ESM when the nearest package.json says "type": "module".
  let dir = path.dirname(file);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    const up = path.dirname(dir);
    if (up === dir) return false;
    dir = up;
  }
}

/** The export names tried, in order, when none is given: the platform's own default first. */
const DEFAULT_NAMES = { aliyun: ['handler', 'main_handler'], tencent: ['main_handler', 'handler'] };

/**
 * A loader for `file`'s export `name` (undefined: the platform's default name, then `default`).
 * `load()` returns `{ fn, name, module, version }`; each call after `invalidate()` reads the files again.
 */
export function handlerLoader(file, { name, platform = 'aliyun', root = path.dirname(file), pick } = {}) {
  let version = 0;
  let current = null;
  const esm = isEsm(file);
  const require = createRequire(file);

  async function importFresh() {
    if (esm) return import(`${pathToFileURL(file).href}?v=${version}`);
    for (const key of Object.keys(require.cache)) {
      if (key.startsWith(root) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[key];
    }
    return require(file);
  }

  return {
    file,
    get version() {
      return version;
    },
    invalidate() {
      version++;
      current = null;
    },
    async load() {
      if (current && current.version === version) return current;
      const mod = await importFresh();
      const exportsOf = mod && mod.__esModule === undefined && mod.default && typeof mod.default === 'object' && esm ? { ...mod.default, ...mod } : mod;
      if (pick) {
        current = { fn: pick(exportsOf), name: name ?? '(app)', module: exportsOf, version };
        return current;
      }
      const names = name ? [name] : [...(DEFAULT_NAMES[platform] || DEFAULT_NAMES.aliyun), 'default'];
      const found = names.find((n) => exportsOf && typeof exportsOf[n] === 'function');
      if (!found) {
        const have = exportsOf && typeof exportsOf === 'object' ? Object.keys(exportsOf).join(', ') || 'nothing' : typeof exportsOf;
        throw new Error(`${path.basename(file)} exports no function ${names.join(' or ')} (it exports ${have})`);
      }
      current = { fn: exportsOf[found], name: found, module: exportsOf, version };
      return current;
    },
  };
}
