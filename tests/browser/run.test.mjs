// Run a handler in headless Chromium: a pasted SCF or FC handler runs in a worker behind all four HTTP
// triggers on the current event; no network, a time limit, and the gateways' answers.
import test from 'node:test';
import assert from 'node:assert/strict';
import { root, fixture, usePlayground, openPage, paste, screenshot, PHONE } from './playground-support.mjs';

const pg = usePlayground();

const TRIGGERS = ['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url'];
const card = (page, format) => page.locator(`#run-cards article[data-format="${format}"]`);

/** Paste `event` in Translate events, then run `source` written for `format`; resolves when the run ended. */
async function runHandler(page, { event, source, format, timeoutMs }) {
  if (event) {
    await paste(page, 'event-editor', event);
    await page.waitForFunction(() => document.getElementById('detected').textContent.startsWith('detected'));
  }
  await page.click('#tab-run');
  await paste(page, 'run-source', source);
  await page.selectOption('#run-format', format);
  if (timeoutMs) await page.fill('#run-timeout', String(timeoutMs));
  await page.evaluate(() => { document.getElementById('run-cards').replaceChildren(); });
  await page.click('#run-handler');
  await page.waitForFunction(() => document.querySelector('#run-cards').children.length > 0, null, { timeout: 30000 });
}

test('an SCF handler from Tencent\'s docs, on the current event, behind all four HTTP triggers', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  await runHandler(page, {
    event: fixture('aliyun-apigw/seed-post-json.json'),
    format: 'tencent-apigw',
    source: `'use strict';
exports.main_handler = async (event, context) => {
  console.log('got', event.httpMethod, event.path);
  return {
    isBase64Encoded: false,
    statusCode: 200,
    headers: { 'Content-Type': 'application/json', 'Set-Cookie': 'a=1' },
    body: JSON.stringify({ method: event.httpMethod, path: event.path, query: event.queryString, fn: context.function_name, hasFetch: typeof fetch }),
  };
};`,
  });
  assert.match(await page.textContent('#run-status'), /Ran main_handler behind 4 triggers/);
  assert.match(await page.textContent('#run-event'), /aliyun-apigw/);
  const original = JSON.parse(fixture('aliyun-apigw/seed-post-json.json'));
  for (const trigger of TRIGGERS) {
    const c = card(page, trigger);
    assert.match(await c.locator('.status').textContent(), /HTTP\/1\.1 200/, trigger);
    const body = JSON.parse(await c.locator('pre[aria-label="body"]').textContent());
    // The handler saw an SCF API gateway event and SCF's context, and no network API.
    assert.equal(body.method, original.httpMethod, trigger);
    assert.equal(body.path, original.path, trigger);
    assert.equal(body.fn, 'playground');
    assert.equal(body.hasFetch, 'undefined');
    assert.match(await c.locator('pre[aria-label="headers"]').textContent(), /Content-Type: application\/json/);
  }
  assert.match(await page.textContent('#run-cards .logs'), /log: got POST/);
  await screenshot(page, 'run-scf-handler');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an FC handler gets a Buffer and a callback; a header FC drops is named', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`, PHONE);
  await runHandler(page, {
    event: fixture('tencent-apigw/seed-post.json'),
    format: 'aliyun-apigw',
    source: `exports.handler = function (event, context, callback) {
  const e = JSON.parse(event.toString());
  // FC handlers answer with the JSON text of the integration response.
  callback(null, JSON.stringify({ statusCode: 200, headers: { 'x-fc-trace': 'no' }, body: JSON.stringify({ path: e.path, buffer: Buffer.isBuffer(event), id: context.requestId.length > 0 }) }));
};`,
  });
  for (const trigger of TRIGGERS) {
    const text = await card(page, trigger).textContent();
    assert.match(text, /"path": "\/test\/value"/, trigger);
    assert.match(text, /"buffer": true/, trigger);
  }
  // FC does not let a function set x-fc-* headers: its HTTP trigger's caller does not get it, and the card says why.
  const fc = card(page, 'aliyun-http');
  assert.equal(await fc.locator('pre[aria-label="headers"]').textContent(), '(no headers)');
  assert.match(await fc.locator('a.code-link[data-code="response-header-forbidden"]').locator('..').textContent(), /FC does not let a function set x-fc-trace/);
  await screenshot(page, 'run-fc-handler-phone');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an SCF handler returning what only Alibaba accepts: Tencent\'s gateway answers 403 and says why', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  await runHandler(page, {
    event: fixture('tencent-apigw/seed-post.json'),
    format: 'tencent-apigw',
    source: 'exports.main_handler = async () => ({ statusCode: "200", headers: { "Content-Type": "application/json" }, body: { ok: true } });',
  });
  const tencent = card(page, 'tencent-apigw');
  assert.match(await tencent.locator('.status').textContent(), /403/);
  assert.match(await tencent.textContent(), /Rejected by the gateway/);
  assert.equal(await tencent.evaluate((el) => el.classList.contains('rejected')), true);
  assert.match(await tencent.locator('.error-box').textContent(), /status-not-integer/);
  // adapt answers every trigger as the handler's own gateway would have: its callers get the same 403.
  for (const trigger of TRIGGERS) assert.match(await card(page, trigger).locator('.status').textContent(), /403/, trigger);
  assert.deepEqual(problems, []);
  await context.close();
});

test('no network, and a time limit whatever the handler does', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  // A remote import is refused by the page's policy, which the worker inherits.
  await runHandler(page, { event: fixture('tencent-apigw/seed-post.json'), format: 'tencent-url', source: 'import "https://example.com/steal.mjs";\nexport const main_handler = async () => ({ statusCode: 200, body: "sent" });' });
  assert.match(await page.textContent('#run-cards .error-box'), /The handler did not run/);
  // fetch and XMLHttpRequest are gone.
  await runHandler(page, { format: 'tencent-url', source: 'exports.main_handler = async () => { await fetch("https://example.com/"); return { statusCode: 200, body: "sent" }; };' });
  for (const trigger of TRIGGERS) assert.match(await card(page, trigger).textContent(), /The handler failed \(rejected\): TypeError: fetch is not a function/, trigger);
  // A handler that never answers: each invocation times out.
  await runHandler(page, { format: 'tencent-url', timeoutMs: 200, source: 'exports.main_handler = () => new Promise(() => {});' });
  for (const trigger of TRIGGERS) assert.match(await card(page, trigger).textContent(), /The handler failed \(timeout\)/, trigger);
  // A handler that never yields: the worker is stopped at the limit, and the page stays responsive.
  const started = Date.now();
  await runHandler(page, { format: 'tencent-url', timeoutMs: 200, source: 'exports.main_handler = () => { for (;;) {} };' });
  assert.match(await page.textContent('#run-cards .error-box'), /Time limit: the handler kept the worker busy past the time limit \(200 ms per invocation; .*\), so the worker was stopped/);
  assert.ok(Date.now() - started < 10000);
  assert.equal(await page.isDisabled('#run-handler'), false);
  await screenshot(page, 'run-time-limit');
  assert.deepEqual(problems, []);
  await context.close();
});
