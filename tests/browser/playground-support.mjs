// Shared by the playground's browser tests: the static server, Debian's Chromium (driven by playwright-core),
// a page that records console errors, and the layout checks every screenshot gets.
import assert from 'node:assert/strict';
import test from 'node:test';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium } = createRequire(path.join(root, 'pkg/package.json'))('playwright-core');
export const shots = path.join(root, 'test-output');
fs.mkdirSync(shots, { recursive: true });
export const fixture = (p) => fs.readFileSync(path.join(root, 'tests/fixtures', p), 'utf8');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** Start scripts/serve.mjs on a free port; resolves to `{base, server}`. */
export async function startServer(extra = []) {
  const server = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { const m = /http:\/\/\S+/.exec(String(d)); if (m) resolve(m[0].replace(/\/$/, '')); });
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { base, server };
}

/**
 * For a test file: serve the playground (www/, plus `extra` options of scripts/serve.mjs) and launch
 * Chromium before its tests, stop both after them. The object's `base` (the URL) and `browser` are set once
 * `test.before` has run.
 */
export function usePlayground(extra = []) {
  const pg = {};
  test.before(async () => {
    ({ server: pg.server, base: pg.base } = await startServer(['--root', path.join(root, 'www'), ...extra]));
    pg.browser = await launch();
  });
  test.after(async () => {
    await pg.browser?.close();
    pg.server?.kill();
  });
  return pg;
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A page at `url`, waited until the playground is ready; `problems` collects console errors and page errors. */
export async function openPage(browser, url, viewport = DESKTOP, { ready = true } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  if (ready) await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { page, problems, context };
}

/** Replace the text of the CodeMirror editor in `#id` as a paste would. */
export async function paste(page, id, text) {
  const content = page.locator(`#${id} .cm-content`);
  await content.click();
  await page.keyboard.press('Control+A');
  await page.evaluate(([sel, t]) => {
    // A real paste event: CodeMirror reads the clipboard data and replaces the selection.
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.querySelector(sel).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [`#${id} .cm-content`, text]);
}

/** The playground state a link shares: its `#z=` hash (deflate-raw JSON, base64url) read back; null without one. */
export function sharedState(url) {
  const hash = new URL(url).hash;
  return hash.startsWith('#z=') ? JSON.parse(zlib.inflateRawSync(Buffer.from(hash.slice(3), 'base64url')).toString('utf8')) : null;
}

/**
 * Wait until the state in the page's address bar satisfies `accept`. The page writes it about 150 ms after
 * each change, so an earlier change's write can land after a later change is made: waiting for the hash
 * merely to change can see that one.
 */
export async function waitForSharedState(page, accept, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const state = sharedState(page.url());
    if (state !== null && accept(state)) return state;
    if (Date.now() > end) throw new Error(`the shared state never matched: ${JSON.stringify(state).slice(0, 300)}`);
    await page.waitForTimeout(50);
  }
}

/** The editor's whole text, as a user gets it: select all, copy, read the clipboard. */
export async function editorText(page, id) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.locator(`#${id} .cm-content`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Screenshot the page, after checking that nothing overflows sideways. */
export async function screenshot(page, name) {
  const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
  assert.ok(overflow.scroll <= overflow.width, `${name}: the page is ${overflow.scroll}px wide in a ${overflow.width}px viewport`);
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}
