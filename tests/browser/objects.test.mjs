// Object-storage events in the playground, in headless Chromium: an OSS upload from the gallery shown as COS
// receives it with what was lost (checked against the conversion expected beside the fixture), and an object
// event composed from a short description, written by the core for both clouds.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fixture, usePlayground, openPage, paste, screenshot, PHONE } from './playground-support.mjs';

const pg = usePlayground();

const card = (page, panel, format) => page.locator(`#${panel} article[data-format="${format}"]`);
const eventOf = async (page, panel, format) => JSON.parse(await card(page, panel, format).locator('pre').first().textContent());
const lossCodes = async (page, panel, format) => card(page, panel, format).locator('ul.losses li > :first-child').evaluateAll((els) => els.map((e) => e.dataset.code || (e.classList.contains('code') ? e.textContent : null)).filter(Boolean));

test('translate: an OSS upload from the gallery, shown as COS receives it, with what was lost', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  // The format pickers list the object formats.
  assert.ok(await page.locator('#read-as option[value="aliyun-oss"]').count());
  assert.ok(await page.locator('#read-as option[value="tencent-cos"]').count());
  const names = await page.locator('#gallery-events option').allTextContents();
  assert.ok(names.includes('aliyun-oss / doc-put-object'), names.join(', '));
  assert.ok(!names.some((n) => /README/.test(n)), 'the fixtures\' READMEs are not events');
  const value = await page.locator('#gallery-events option', { hasText: 'aliyun-oss / doc-put-object' }).getAttribute('value');
  await page.selectOption('#gallery-events', value);
  await page.waitForFunction(() => document.getElementById('detected').textContent === 'detected: aliyun-oss');
  await page.locator('#event-cards article.source').waitFor();
  assert.match(await page.locator('#event-cards article.source').textContent(), /as a Buffer/, 'the source card says how FC hands the event over');
  // One target: the other object format (not the HTTP ones).
  assert.equal(await page.locator('#event-cards article:not(.source)').count(), 1);
  const expected = JSON.parse(fixture('aliyun-oss/doc-put-object.expected/tencent-cos.json'));
  const cos = await eventOf(page, 'event-cards', 'tencent-cos');
  assert.deepEqual(cos, expected.event);
  assert.equal(cos.Records[0].cos.cosObject.key, '/164901546557****/testbucket/source/a.png');
  assert.deepEqual(await lossCodes(page, 'event-cards', 'tencent-cos'), expected.losses.map((l) => l.code));
  const text = await card(page, 'event-cards', 'tencent-cos').textContent();
  assert.match(text, /etag-dropped/);
  assert.match(text, /percent-encoded/, 'the card says how SCF hands the event over');
  // The diff against the source: the key gains its /appid/bucket/ prefix.
  await card(page, 'event-cards', 'tencent-cos').locator('details[data-diff="event"] summary').click();
  // The diff is computed when it is opened: wait for it.
  await card(page, 'event-cards', 'tencent-cos').locator('details[data-diff="event"] pre.diff ins').first().waitFor();
  assert.match(await card(page, 'event-cards', 'tencent-cos').locator('pre.diff ins').allTextContents().then((t) => t.join('')), /"key": "\/164901546557\*\*\*\*\/testbucket\/source\/a\.png"/);
  await screenshot(page, 'objects-translate');

  // And back: a COS event with several records and encoded keys, as OSS receives it.
  const cosExpected = JSON.parse(fixture('tencent-cos/records-keys-kinds.expected/aliyun-oss.json'));
  const cosValue = await page.locator('#gallery-events option', { hasText: 'tencent-cos / records-keys-kinds' }).getAttribute('value');
  await page.selectOption('#gallery-events', cosValue);
  await page.waitForFunction(() => document.getElementById('detected').textContent === 'detected: tencent-cos');
  await page.waitForFunction(() => document.querySelector('#event-cards article[data-format="aliyun-oss"]'));
  assert.deepEqual(await eventOf(page, 'event-cards', 'aliyun-oss'), cosExpected.event);
  assert.deepEqual(await lossCodes(page, 'event-cards', 'aliyun-oss'), cosExpected.losses.map((l) => l.code));
  assert.match(await card(page, 'event-cards', 'aliyun-oss').textContent(), /as a Buffer/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('compose: an object event from a short description, as each cloud writes it', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`, PHONE);
  await page.click('#tab-compose');
  await page.selectOption('#compose-kind', 'object');
  assert.equal(await page.isVisible('#curl'), false, 'the request inputs are hidden');
  await page.fill('#object-bucket', 'photos');
  await page.fill('#object-size', '2048');
  await page.fill('#object-event', 'ObjectCreated:AppendObject');
  await page.fill('#object-etag', '5B3C1A2E053D763E1B002CC607C5A0FE');
  await page.fill('#object-keys', 'uploads/summer 2024+1.jpg\n照片/100%.png');
  await page.waitForFunction(() => /100%/.test(document.querySelector('#compose-cards article[data-format="aliyun-oss"] pre')?.textContent || ''));
  const oss = await eventOf(page, 'compose-cards', 'aliyun-oss');
  assert.deepEqual(oss.events.map((e) => e.oss.object.key), ['uploads/summer 2024+1.jpg', '照片/100%.png']);
  assert.deepEqual(oss.events.map((e) => e.oss.object.size), [2048, 2048]);
  assert.equal(oss.events[0].eventName, 'ObjectCreated:AppendObject');
  assert.equal(oss.events[0].oss.bucket.name, 'photos');
  assert.deepEqual(await lossCodes(page, 'compose-cards', 'aliyun-oss'), []);

  const cos = await eventOf(page, 'compose-cards', 'tencent-cos');
  const [first, second] = cos.Records;
  const prefix = `/${first.cos.cosBucket.appid}/photos/`;
  assert.equal(first.cos.cosObject.key, `${prefix}uploads/summer%202024%2B1.jpg`);
  assert.equal(second.cos.cosObject.key, `${prefix}${encodeURIComponent('照片')}/100%25.png`);
  assert.equal(decodeURIComponent(second.cos.cosObject.key.slice(prefix.length)), '照片/100%.png');
  assert.equal(first.cos.cosObject.size, 2048);
  // COS has no append event and carries no ETag: both are said.
  assert.equal(first.event.eventName, 'cos:ObjectCreated:*');
  const codes = await lossCodes(page, 'compose-cards', 'tencent-cos');
  assert.ok(codes.includes('etag-dropped'), codes.join(', '));
  assert.ok(codes.includes('object-event-approximated'), codes.join(', '));
  await screenshot(page, 'objects-compose');

  // A description the core refuses is said on each card, not thrown.
  await page.fill('#object-bucket', '');
  await card(page, 'compose-cards', 'tencent-cos').locator('.error-box').waitFor();
  assert.match(await card(page, 'compose-cards', 'tencent-cos').textContent(), /bucket/);

  // The form is part of the shared state: a reopened link shows the same description.
  // The address bar is written asynchronously (debounced, then compressed): wait for that write to be said.
  await page.evaluate(() => { document.getElementById('share-note').textContent = ''; });
  await page.fill('#object-bucket', 'photos');
  await page.waitForFunction(() => document.querySelector('#compose-cards article[data-format="tencent-cos"] pre'));
  await page.waitForFunction(() => /restores this state/.test(document.getElementById('share-note').textContent));
  const url = page.url();
  const again = await openPage(pg.browser, url, PHONE);
  await again.page.waitForFunction(() => document.getElementById('compose-kind').value === 'object', null, { timeout: 20000 });
  assert.equal(await again.page.inputValue('#object-keys'), 'uploads/summer 2024+1.jpg\n照片/100%.png');
  assert.deepEqual(await eventOf(again.page, 'compose-cards', 'aliyun-oss').then((e) => e.events.length), 2);
  assert.deepEqual(problems, []);
  assert.deepEqual(again.problems, []);
  await again.context.close();
  await context.close();
});

test('run: an FC OSS handler, unchanged, behind the COS trigger (through adapt) and its own', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  // The current event: COS records with encoded keys (spaces, +, %, non-ASCII) and several kinds.
  await paste(page, 'event-editor', fixture('tencent-cos/records-keys-kinds.json'));
  await page.waitForFunction(() => document.getElementById('detected').textContent === 'detected: tencent-cos');
  const expectedKeys = JSON.parse(fixture('tencent-cos/records-keys-kinds.expected/aliyun-oss.json')).event.events.map((e) => e.oss.object.key);
  await page.click('#tab-run');
  await paste(page, 'run-source', `exports.handler = async (raw, context) => {
  const event = JSON.parse(raw.toString());
  return { buffer: Buffer.isBuffer(raw), keys: event.events.map((e) => e.oss.object.key), requestId: context.requestId };
};`);
  await page.selectOption('#run-format', 'aliyun-oss');
  await page.click('#run-handler');
  await page.waitForFunction(() => /^Ran handler behind 2 triggers/.test(document.getElementById('run-status').textContent), null, { timeout: 30000 });
  for (const trigger of ['aliyun-oss', 'tencent-cos']) {
    const el = page.locator(`#run-cards article[data-format="${trigger}"]`);
    const result = JSON.parse(await el.locator('pre[aria-label="result"]').textContent());
    assert.deepEqual(result.keys, expectedKeys, trigger);
    assert.equal(result.buffer, true, `${trigger}: FC hands the handler a Buffer`);
    assert.equal(typeof result.requestId, 'string');
  }
  assert.match(await page.locator('#run-cards article[data-format="tencent-cos"]').textContent(), /through adapt\(\)/);
  await screenshot(page, 'objects-run');
  assert.deepEqual(problems, []);
  await context.close();
});
