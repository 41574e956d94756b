// Play back in headless Chromium: a HAR step by step (base64 request bodies, postData.params, relative URLs,
// errors that say what is wrong), JSON lines as `trigger-bridge serve --record` writes them, and the shared URL.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { root, fixture, usePlayground, openPage, screenshot, waitForSharedState, PHONE } from './playground-support.mjs';

const pg = usePlayground();

const eventOf = async (page, format) => JSON.parse(await page.locator(`#playback-cards article[data-format="${format}"] pre`).first().textContent());
const ok = { status: 200, headers: [{ name: 'Content-Type', value: 'application/json' }], content: { mimeType: 'application/json', text: '{"ok":true}' } };
const har = (entries) => JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }, null, 1);

test('play back a HAR step by step, flagging rejected steps, then restore it from the shared URL', async () => {
  const { page, problems } = await openPage(pg.browser, `${pg.base}/`);
  await page.click('#tab-playback');
  await page.setInputFiles('#recording-file', path.join(root, 'tests/fixtures/recordings/shop.har'));
  await page.waitForFunction(() => document.querySelectorAll('#timeline li').length === 5);
  const flagged = await page.locator('#timeline li.flagged').allTextContents();
  assert.equal(flagged.length, 2, flagged.join('\n'));
  assert.match(flagged[0], /\/api\/debug.*rejected by aliyun-http/);
  assert.match(flagged[1], /TRACE \/api\/echo.*rejected by aliyun-http/);
  // The page explains what a HAR response is and how it is used.
  await page.click('details.explain summary');
  assert.match(await page.textContent('details.explain'), /what the caller\s+received, not what a function returned/);
  await page.click('#next');
  await page.click('#next');
  assert.equal(await page.textContent('#step-label'), 'Step 3 of 5');
  await page.locator('#playback-cards article[data-format="tencent-apigw"] img').last().waitFor();
  await screenshot(page, 'playback-binary');
  await page.click('#next');
  const rejected = page.locator('#playback-cards article.rejected[data-format="aliyun-http"]');
  assert.match(await rejected.last().textContent(), /502/);
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('step-label').textContent === 'Step 5 of 5', null, { timeout: 20000 });
  await waitForSharedState(page, (s) => s.tab === 'playback' && s.step === 4);
  const shared = page.url();
  assert.match(shared, /#z=/);
  await page.context().close();

  const again = await openPage(pg.browser, shared, PHONE);
  assert.equal(await again.page.getAttribute('#tab-playback', 'aria-selected'), 'true');
  assert.equal(await again.page.textContent('#step-label'), 'Step 5 of 5');
  assert.equal(await again.page.locator('#timeline li').count(), 5);
  await screenshot(again.page, 'shared-url-phone');
  assert.deepEqual([...problems, ...again.problems], []);
  await again.page.context().close();
});

test('HAR: base64 request bodies, postData.params (form and multipart), and a relative URL', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  await page.click('#tab-playback');
  await page.fill('#recording', har([
    { request: { method: 'POST', url: '/api/upload', headers: [{ name: 'Host', value: 'shop.example.com' }, { name: 'Content-Type', value: 'application/octet-stream' }], postData: { mimeType: 'application/octet-stream', encoding: 'base64', text: Buffer.from([0, 1, 2, 255]).toString('base64') } }, response: ok },
    { request: { method: 'POST', url: 'https://shop.example.com/api/login', headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }], postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'user', value: '张三' }, { name: 'pw', value: 'a&b' }] } }, response: ok },
    { request: { method: 'POST', url: 'https://shop.example.com/api/avatar', headers: [], postData: { mimeType: 'multipart/form-data', params: [{ name: 'note', value: 'hi' }, { name: 'file', fileName: 'a.txt', contentType: 'text/plain', value: 'hello' }] } }, response: ok },
    { request: { method: 'GET', url: '/no-host', headers: [] }, response: ok },
  ]));
  await page.waitForFunction(() => document.querySelectorAll('#timeline li').length === 4);
  assert.match(await page.textContent('#timeline li:nth-child(1)'), /POST \/api\/upload → 200/);

  let event = await eventOf(page, 'aliyun-http');
  assert.equal(event.isBase64Encoded, true);
  assert.deepEqual([...Buffer.from(event.body, 'base64')], [0, 1, 2, 255]);
  assert.equal(event.headers.Host, 'shop.example.com');
  assert.equal(event.rawPath, '/api/upload');
  assert.match(await page.textContent('#playback-cards .note'), /relative URL resolved against the Host header \(shop\.example\.com\)/);

  await page.click('#next');
  await page.waitForFunction(() => document.getElementById('step-label').textContent === 'Step 2 of 4');
  event = await eventOf(page, 'aliyun-http');
  assert.equal(event.body, 'user=%E5%BC%A0%E4%B8%89&pw=a%26b');

  await page.click('#next');
  await page.waitForFunction(() => document.getElementById('step-label').textContent === 'Step 3 of 4');
  event = await eventOf(page, 'tencent-url');
  const boundary = /boundary=(.+)$/.exec(event.headers['Content-Type'])[1];
  assert.ok(event.body.includes(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`), event.body);

  await page.click('#next');
  await page.waitForFunction(() => document.getElementById('step-label').textContent === 'Step 4 of 4');
  assert.match(await page.textContent('#playback-cards .note'), /resolved against https:\/\/example\.invalid/);
  await screenshot(page, 'playback-har-details');
  assert.deepEqual(problems, []);
  await context.close();
});

test('HAR errors say what is wrong in the file', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  await page.click('#tab-playback');
  const error = async (text) => {
    await page.fill('#recording', text);
    const box = page.locator('#playback-cards .error-box');
    await box.waitFor();
    return box.textContent();
  };
  const whole = fixture('recordings/shop.har');
  assert.match(await error(whole.slice(0, Math.floor(whole.length / 2))), /this HAR is not valid JSON: it ends too early \(was the file or the paste cut off\?\)/);
  assert.doesNotMatch(await page.textContent('#playback-cards'), /Failed to construct/);
  assert.match(await error(har([{ request: { method: 'GET', headers: [] }, response: ok }])), /log\.entries\[0\]\.request\.url is missing/);
  assert.match(await error(har([{ request: { method: 'GET', url: 'http://[bad', headers: [] }, response: ok }])), /log\.entries\[0\]\.request\.url is not a URL/);
  assert.match(await error('{"log": {"version": "1.2"}}'), /no `?log\.entries`? list/);
  assert.match(await error('{"event": {"httpMethod": "GET"}}\nnot json'), /line 2 is not valid JSON/);
  assert.equal(await page.locator('#timeline li').count(), 0);
  await screenshot(page, 'playback-error');
  assert.deepEqual(problems, []);
  await context.close();
});

test('JSON lines as `trigger-bridge serve --record` writes them ({event, response, ...}) open as they are', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  await page.click('#tab-playback');
  const lines = fixture('recordings/functions.jsonl').trim().split('\n').map((l) => {
    const { event, response } = JSON.parse(l);
    return JSON.stringify({ time: '2026-11-23T12:00:00Z', format: 'tencent-apigw', event, response, status: 200, ms: 3, losses: [], diagnostics: [] });
  });
  lines.push(JSON.stringify({ event: JSON.parse(lines[0]).event, response: null, error: 'handler threw' }));
  await page.fill('#recording', lines.join('\n'));
  await page.waitForFunction((n) => document.querySelectorAll('#timeline li').length === n, lines.length);
  assert.match(await page.locator('#timeline li').nth(1).textContent(), /rejected by tencent-apigw, tencent-url/);
  await page.click(`#timeline li:nth-child(${lines.length}) button`);
  assert.match(await page.textContent('#playback-cards .note'), /no response recorded/);
  assert.equal(await page.locator('#playback-cards article').count(), 4, 'the events, and no caller cards without a response');
  assert.deepEqual(problems, []);
  await context.close();
});
