// Bundle the playground (www/src/) and its third-party widgets into www/tb/app/ with esbuild, so the page needs
// nothing from the network. Also turns docs/codes.md into www/tb/codes.json, shipped with the page.
// Run by scripts/build-www.sh after it has copied the package's browser build into www/tb/.
import * as esbuild from 'esbuild';
import { marked } from 'marked';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const www = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(www, '..');
const out = path.join(www, 'tb/app');

// docs/codes.md → [{title, intro, codes: [{code, meaning}]}]: the tables, with their sections' first paragraph.
function codesFromMarkdown(text) {
  const sections = [];
  let current = null;
  for (const token of marked.lexer(text)) {
    if (token.type === 'heading' && token.depth === 2) sections.push((current = { title: token.text, intro: '', codes: [] }));
    else if (current && token.type === 'paragraph' && !current.intro) current.intro = token.text;
    else if (current && token.type === 'table') {
      for (const row of token.rows) {
        const code = row[0].text.replace(/`/g, '').trim();
        if (code) current.codes.push({ code, meaning: row.slice(1).map((c) => c.text).join(' ') });
      }
    }
  }
  return sections.filter((s) => s.codes.length);
}

const codes = codesFromMarkdown(fs.readFileSync(path.join(root, 'docs/codes.md'), 'utf8'));
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'pkg/package.json'), 'utf8'));
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(www, 'tb/codes.json'), JSON.stringify(codes));

/** curlconverter's browser shell parser fetches its grammar from "/"; ours fetches it from next to the bundle. */
const curlShell = {
  name: 'curl-shell',
  setup(build) {
    build.onResolve({ filter: /^\.\/(Parser|webParser)\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}curlconverter${path.sep}`) ? { path: path.join(www, 'src/curl-shell.mjs') } : undefined);
  },
};

/**
 * The package's browser build stays as the package ships it (copied to www/tb/ by build-www.sh), not bundled:
 * its glue finds its own wasm files next to itself, whatever the package names them.
 */
const packageBuild = {
  name: 'package-build',
  setup(build) {
    build.onResolve({ filter: /\/tb\/browser\.mjs$/ }, () => ({ path: '../browser.mjs', external: true }));
  },
};

const result = await esbuild.build({
  entryPoints: { main: path.join(www, 'src/main.mjs'), worker: path.join(www, 'src/worker.mjs') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  define: { __VERSION__: JSON.stringify(version) },
  // web-tree-sitter reads files with `fs` only when it runs under Node; the page never takes that branch.
  external: ['fs', 'path', 'module', 'url'],
  plugins: [curlShell, packageBuild],
  logLevel: 'warning',
  metafile: true,
});
for (const wasm of ['web-tree-sitter/tree-sitter.wasm', 'curlconverter/dist/tree-sitter-bash.wasm']) {
  fs.copyFileSync(path.join(www, 'node_modules', wasm), path.join(out, path.basename(wasm)));
}
const bytes = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js')).reduce((n, [, o]) => n + o.bytes, 0);
console.error(`www/tb/app: ${Math.round(bytes / 1024)} KB of JavaScript, ${codes.reduce((n, s) => n + s.codes.length, 0)} codes from docs/codes.md`);
