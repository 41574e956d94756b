// The playground and the package's web build in real headless Chromium (Debian's, driven by
// playwright-core). Screenshots go to test-output/. Run by scripts/test-browser.sh.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium } = createRequire(path.join(root, 'pkg/package.json'))('playwright-core');
const shots = path.join(root, 'test-output');
fs.mkdirSync(shots, { recursive: true });
const fixture = (p) => fs.readFileSync(path.join(root, 'tests/fixtures', p), 'utf8');

let server, base, browser;

test.before(async () => {
  server = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '--port', '0', '--root', path.join(root, 'www'), '--mount', `/pkg=${path.join(root, 'pkg')}`]);
  base = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { const m = /http:\/\/\S+/.exec(String(d)); if (m) resolve(m[0].replace(/\/$/, '')); });
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});

test.after(async () => {
  await browser?.close();
  server?.kill();
});

async function openPage(url, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return { page, problems };
}

const card = (page, panel, format) => page.locator(`#${panel} article[data-format="${format}"]`);

test('translate a pasted event, see a diagnostic highlighted', async () => {
  const { page, problems } = await openPage(`${base}/`);
  await page.locator('#event-editor textarea').fill(fixture('tencent-apigw/seed-post.json'));
  await assert.doesNotReject(page.waitForFunction(() => document.getElementById('detected').textContent.includes('tencent-apigw')));
  assert.equal(await page.locator('#event-cards article').count(), 4);
  assert.match(await card(page, 'event-cards', 'aliyun-http').textContent(), /"rawPath": "\/test\/value"/);
  assert.match(await card(page, 'event-cards', 'aliyun-apigw').textContent(), /stage-dropped/);
  await page.screenshot({ path: path.join(shots, 'translate.png'), fullPage: true });

  const bad = '{\n  "httpMethod": "GET",\n  "path": "/",\n  "queryParameters": {},\n  "headers": {\n    "X-Ok": "fine",\n    "X-Bad": "a\\r\\nInjected: yes"\n  }\n}';
  await page.locator('#event-editor textarea').fill(bad);
  await page.waitForSelector('#event-diagnostics button[data-path="/headers/X-Bad"]');
  const mark = page.locator('#event-editor mark');
  await mark.waitFor();
  assert.match(await mark.textContent(), /^"X-Bad": "a\\r\\nInjected: yes"$/);
  await page.screenshot({ path: path.join(shots, 'diagnostic-highlighted.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('responses: what each caller gets, the 403 and 502 included', async () => {
  const { page, problems } = await openPage(`${base}/`);
  await page.click('#tab-responses');
  await page.locator('#result-editor textarea').fill(fixture('responses/alibaba-node-sample.json'));
  await page.waitForFunction(() => document.querySelector('#response-cards article[data-format="tencent-apigw"] .status')?.textContent.includes('403'));
  assert.match(await card(page, 'response-cards', 'tencent-apigw').textContent(), /Rejected by the gateway/);
  assert.match(await card(page, 'response-cards', 'aliyun-apigw').locator('.status').textContent(), /200/);
  await page.locator('#result-editor textarea').fill(fixture('responses/binary-png.json'));
  await page.locator('#response-cards article[data-format="aliyun-apigw"] img').waitFor();
  await page.screenshot({ path: path.join(shots, 'responses.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('compose from a curl command', async () => {
  const { page, problems } = await openPage(`${base}/`);
  await page.click('#tab-compose');
  await page.fill('#curl', `curl 'https://api.example.com/v1/orders?tag=a&tag=b' -X PUT -H 'Content-Type: application/json' --data-raw '{"qty":2}'`);
  await page.click('#use-curl');
  assert.equal(await page.inputValue('#method'), 'PUT');
  const tencent = await card(page, 'compose-cards', 'tencent-apigw').textContent();
  assert.match(tencent, /"tag": \[\s*"a",\s*"b"\s*\]/);
  assert.match(await card(page, 'compose-cards', 'aliyun-apigw').textContent(), /query-repeated-dropped/);
  await page.screenshot({ path: path.join(shots, 'compose.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('play back a HAR step by step, flagging rejected steps, then restore it from the shared URL', async () => {
  const { page, problems } = await openPage(`${base}/`);
  await page.click('#tab-playback');
  await page.setInputFiles('#recording-file', path.join(root, 'tests/fixtures/recordings/shop.har'));
  await page.waitForFunction(() => document.querySelectorAll('#timeline li').length === 5);
  const flagged = await page.locator('#timeline li.flagged').allTextContents();
  assert.equal(flagged.length, 2, flagged.join('\n'));
  assert.match(flagged[0], /\/api\/debug.*rejected by aliyun-http/);
  assert.match(flagged[1], /TRACE \/api\/echo.*rejected by aliyun-http/);
  await page.click('#next');
  await page.click('#next');
  assert.equal(await page.textContent('#step-label'), 'Step 3 of 5');
  await page.locator('#playback-cards article[data-format="tencent-apigw"] img').last().waitFor();
  await page.screenshot({ path: path.join(shots, 'playback-binary.png'), fullPage: true });
  await page.click('#next');
  const rejected = page.locator('#playback-cards article.rejected[data-format="aliyun-http"]');
  assert.match(await rejected.last().textContent(), /502/);
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('step-label').textContent === 'Step 5 of 5', null, { timeout: 5000 });
  await page.waitForTimeout(400);
  const shared = page.url();
  assert.match(shared, /#s=/);
  await page.close();

  const again = await openPage(shared, { width: 390, height: 844 });
  assert.equal(await again.page.getAttribute('#tab-playback', 'aria-selected'), 'true');
  assert.equal(await again.page.textContent('#step-label'), 'Step 5 of 5');
  assert.equal(await again.page.locator('#timeline li').count(), 5);
  await again.page.screenshot({ path: path.join(shots, 'shared-url-phone.png'), fullPage: true });
  assert.deepEqual([...problems, ...again.problems], []);
  await again.page.close();
});

test('the cron panel and a JSON-lines recording', async () => {
  const { page, problems } = await openPage(`${base}/`);
  await page.click('#tab-cron');
  await page.fill('#cron-expr', '0 0 9 * * ?');
  assert.match(await page.locator('#cron-cards').textContent(), /0 0 17 \* \* \* \*/);
  await page.click('#tab-playback');
  await page.fill('#recording', fixture('recordings/functions.jsonl'));
  await page.waitForFunction(() => document.querySelectorAll('#timeline li').length === 3);
  assert.match(await page.locator('#timeline li').nth(1).textContent(), /rejected by tencent-apigw, tencent-url/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the package web build loads in a page and survives hostile input', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  const result = await page.evaluate(async () => {
    const tb = await import('/pkg/browser.mjs');
    const before = (() => { try { tb.detect('{}'); } catch (e) { return e.code; } })();
    await tb.init();
    const converted = tb.convertEvent('{"httpMethod":"GET","path":"/x","queryParameters":{"__proto__":"p"}}', { to: 'tencent-apigw' });
    const deep = (() => { try { tb.detect('['.repeat(1e6)); } catch (e) { return [e instanceof Error, e.code]; } })();
    const after = tb.detect('{"triggerTime":"t","triggerName":"n"}');
    const toolsBefore = (() => { try { tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent' }); } catch (e) { return e.code; } })();
    await tb.initTools();
    const cron = tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent' }).expression;
    return { before, from: converted.from, proto: Object.getPrototypeOf(converted.event.queryString) === Object.prototype, own: converted.event.queryString.__proto__, deep, after, toolsBefore, cron };
  });
  assert.deepEqual(result, {
    before: 'not-initialized', from: 'aliyun-apigw', proto: true, own: 'p', deep: [true, 'too-deep'], after: 'aliyun-timer',
    toolsBefore: 'not-initialized', cron: '0 0 17 * * * *',
  });
  await page.close();
});
