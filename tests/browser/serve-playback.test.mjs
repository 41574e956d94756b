// A session recorded by `trigger-bridge serve --record` opens as it is in the playground's Play back: through
// the file input and pasted. Uses only the page's public UI. Run by scripts/test-browser.sh.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium } = createRequire(path.join(root, 'pkg/package.json'))('playwright-core');
const shots = path.join(root, 'test-output');
fs.mkdirSync(shots, { recursive: true });

/** Spawn a node script; resolves with the child and the first URL matching `pattern` on `stream`. */
function spawnWithUrl(args, options, stream, pattern) {
  const child = spawn(process.execPath, args, options);
  return new Promise((resolve, reject) => {
    let seen = '';
    child[stream].on('data', (d) => {
      seen += d;
      const m = pattern.exec(seen);
      if (m) resolve({ child, url: m[1].replace(/\/$/, '') });
    });
    child.on('exit', (code) => reject(new Error(`${args[0]} exited ${code}: ${seen}`)));
  });
}

let browser, site;

test.before(async () => {
  site = await spawnWithUrl([path.join(root, 'scripts/serve.mjs'), '--port', '0', '--root', path.join(root, 'www'), '--mount', `/pkg=${path.join(root, 'pkg')}`], {}, 'stdout', /(http:\/\/\S+)/);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});

test.after(async () => {
  await browser?.close();
  site?.child.kill();
});

test('a session recorded by serve plays back in the playground', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-playback-'));
  fs.writeFileSync(path.join(dir, 'index.js'), `
exports.main_handler = async (event) => event.path === '/broken'
  ? { statusCode: '200', body: { ok: false } }
  : { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: event.path }) };
`);
  const recording = path.join(dir, 'session.jsonl');
  const gateway = await spawnWithUrl([path.join(root, 'pkg/cli.cjs'), 'serve', '--as', 'tencent-apigw', '--port', '0', '--record', recording], { cwd: dir }, 'stderr', /tencent-apigw gateway: (http:\/\/\S+)/);
  try {
    assert.equal((await fetch(`${gateway.url}/items?page=2`)).status, 200);
    assert.equal((await fetch(`${gateway.url}/items`, { method: 'POST', body: '{"name":"tea"}', headers: { 'content-type': 'application/json' } })).status, 200);
    assert.equal((await fetch(`${gateway.url}/broken`)).status, 403);
  } finally {
    gateway.child.kill();
  }
  const text = fs.readFileSync(recording, 'utf8');
  assert.equal(text.trim().split('\n').length, 3);

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${site.url}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.click('#tab-playback');
  await page.setInputFiles('#recording-file', recording);
  await page.waitForFunction(() => document.querySelectorAll('#timeline li').length === 3, null, { timeout: 10000 });
  const steps = await page.locator('#timeline li').allTextContents();
  assert.match(steps[0], /tencent-apigw/);
  assert.doesNotMatch(steps[0], /rejected by[^\n]*tencent-apigw/);
  assert.match(steps[2], /rejected by[^\n]*tencent-apigw/, 'the result Tencent answered 403 for is flagged');
  await page.screenshot({ path: path.join(shots, 'serve-playback.png'), fullPage: true });

  // Pasted as it is, the same session loads the same steps.
  await page.fill('#recording', '');
  await page.fill('#recording', text);
  await page.waitForFunction(() => document.querySelectorAll('#timeline li').length === 3);
  assert.deepEqual(await page.locator('#timeline li').allTextContents(), steps);
  assert.deepEqual(problems, []);
  await page.close();
});
