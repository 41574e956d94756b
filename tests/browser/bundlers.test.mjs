// The package README's browser recipes, run as written: the app bundled by esbuild (with the two .wasm
// files copied beside it) and by Vite (which emits them itself), each served and run in headless
// Chromium, where it converts an event (core module) and a cron expression (tools module).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkgRequire = createRequire(path.join(root, 'pkg/package.json'));
const { chromium } = pkgRequire('playwright-core');
const readme = fs.readFileSync(path.join(root, 'pkg/README.md'), 'utf8');

/** The package README's code block marked `recipe=<name>`. */
function recipe(name) {
  const m = new RegExp('```\\w+ recipe=' + name + '\\n([\\s\\S]*?)```').exec(readme);
  assert.ok(m, `pkg/README.md has a recipe=${name} block`);
  return m[1];
}

/** A project that depends on the package (node_modules/trigger-bridge is pkg/, as built) and uses pkg's tools. */
function project(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-bundler-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(path.join(root, 'pkg'), path.join(dir, 'node_modules/trigger-bridge'));
  for (const tool of ['esbuild', 'vite']) fs.symlinkSync(path.dirname(pkgRequire.resolve(`${tool}/package.json`)), path.join(dir, 'node_modules', tool));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true,"type":"module"}\n');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

let browser;
const servers = [];
test.before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});
test.after(async () => {
  await browser?.close();
  for (const s of servers) s.kill();
});

/** Serve `dir` with the playground's static server and open its index.html; the app's result, or its errors. */
async function run(dir) {
  const server = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '--port', '0', '--root', dir]);
  servers.push(server);
  const base = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { const m = /http:\/\/\S+/.exec(String(d)); if (m) resolve(m[0]); });
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  const wasm = [];
  page.on('response', (r) => {
    const file = new URL(r.url()).pathname;
    if (file.endsWith('.wasm')) wasm.push([path.basename(file), r.status()]);
    else if (r.status() >= 400 && file !== '/favicon.ico') problems.push(`${r.status()} ${file}`);
  });
  await page.goto(base);
  await page.waitForFunction(() => document.body && document.body.dataset.result, null, { timeout: 20000 }).catch(() => {});
  const result = await page.evaluate(() => document.body.dataset.result);
  await page.close();
  server.kill();
  assert.deepEqual(problems, []);
  assert.ok(result, 'the app set its result');
  return { result: JSON.parse(result), wasm };
}

function checkResult({ result, wasm }) {
  assert.deepEqual(result.event, { triggerTime: '2024-01-01T00:00:00Z', triggerName: 'nightly', payload: '' });
  assert.equal(result.expression, '0 0 17 * * * *');
  assert.equal(wasm.length, 2, `two .wasm files fetched: ${JSON.stringify(wasm)}`);
  for (const [, status] of wasm) assert.equal(status, 200);
}

test('esbuild: the browser recipe bundles and runs in Chromium', async () => {
  const dir = project({ 'app.js': recipe('browser-app'), 'build.mjs': recipe('browser-esbuild') });
  const built = spawnSync(process.execPath, ['build.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  fs.writeFileSync(path.join(dir, 'dist/index.html'), '<!doctype html><body><script type="module" src="app.js"></script></body>\n');
  const out = await run(path.join(dir, 'dist'));
  checkResult(out);
  assert.deepEqual(out.wasm.map(([f]) => f).sort(), ['trigger_bridge_core_bg.wasm', 'trigger_bridge_tools_bg.wasm']);
});

test('vite: the browser recipe builds and runs in Chromium', async () => {
  const dir = project({ 'app.js': recipe('browser-app'), 'index.html': '<!doctype html><body><script type="module" src="./app.js"></script></body>\n' });
  const command = recipe('browser-vite').split('#')[0].trim().split(/\s+/);
  assert.deepEqual(command.slice(0, 2), ['npx', 'vite']);
  const vite = path.join(path.dirname(pkgRequire.resolve('vite/package.json')), 'bin/vite.js');
  const built = spawnSync(process.execPath, [vite, ...command.slice(2), '--logLevel', 'warn'], { cwd: dir, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr + built.stdout);
  checkResult(await run(path.join(dir, 'dist')));
});
