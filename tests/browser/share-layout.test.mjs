// Share links (compressed; a 60 KB event under 20 KB; a state too large says so), the layout at 1280 and
// 390 px (tabs scroll, labels stay with their controls, nothing overflows), and the page opened as a file.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, usePlayground, openPage, paste, editorText, screenshot, PHONE, DESKTOP } from './playground-support.mjs';

const pg = usePlayground();

/** An Alibaba API Gateway event whose JSON body lists orders: about `kb` KB of realistic, varied JSON. */
function bigEvent(kb) {
  const orders = [];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const cities = ['杭州', 'Shenzhen', 'Beijing', '上海', 'Chengdu', 'Guangzhou'];
  while (JSON.stringify(orders).length < kb * 1024 * 0.9) {
    const id = orders.length + 1;
    orders.push({ id, sku: `SKU-${Math.floor(rand() * 1e6)}`, qty: 1 + Math.floor(rand() * 9), price: Math.round(rand() * 1e5) / 100, city: cities[Math.floor(rand() * cities.length)], note: rand() > 0.7 ? 'gift wrap, deliver after 18:00' : '', created: new Date(1.7e12 + Math.floor(rand() * 1e10)).toISOString() });
  }
  return JSON.stringify({ path: '/api/orders/import', httpMethod: 'POST', headers: { 'Content-Type': 'application/json' }, queryParameters: {}, pathParameters: {}, body: JSON.stringify({ orders }), isBase64Encoded: false }, null, 2);
}


test('share links are compressed: a 60 KB event makes a link under 20 KB that restores it', async (t) => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  const event = bigEvent(60);
  assert.ok(event.length >= 60 * 1024, `${event.length} bytes`);
  await paste(page, 'event-editor', event);
  await page.waitForFunction(() => location.hash.length > 4000);
  const link = page.url();
  assert.ok(link.length < 20 * 1024, `the link is ${link.length} characters`);
  t.diagnostic(`a ${event.length}-byte event makes a ${link.length}-character link`);
  assert.match(await page.textContent('#share-note'), /restores this state/);
  await context.close();

  const again = await openPage(pg.browser, link);
  assert.equal(await editorText(again.page, 'event-editor'), event);
  assert.match(await again.page.textContent('#detected'), /aliyun-apigw/);
  assert.deepEqual([...problems, ...again.problems], []);
  await again.context.close();
});

test('a state too large to share says so, and old uncompressed links still open', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  // Random bytes do not compress: 120 KB of base64 is far over the limit.
  const random = Buffer.from(Array.from({ length: 90 * 1024 }, (_, i) => (i * 2654435761) >>> 24 ^ (i * 40503) & 255)).toString('base64');
  await paste(page, 'event-editor', JSON.stringify({ path: '/blob', httpMethod: 'PUT', headers: {}, queryParameters: {}, body: random, isBase64Encoded: true }));
  await page.waitForFunction(() => document.getElementById('share-note').textContent.includes('too large'));
  assert.match(await page.textContent('#share-note'), /too large to share as a link \(\d+\.\d KB compressed; links stop at 32 KB\)/);
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.equal(await page.isDisabled('#copy-link'), true);
  await screenshot(page, 'share-too-large');
  await context.close();

  const legacy = Buffer.from(JSON.stringify({ tab: 'cron', cron: { expr: '0 30 8 * * ?', from: 'aliyun', fromTz: '', toTz: '' } })).toString('base64url');
  const old = await openPage(pg.browser, `${pg.base}/#s=${legacy}`);
  assert.equal(await old.page.getAttribute('#tab-cron', 'aria-selected'), 'true');
  assert.equal(await old.page.inputValue('#cron-expr'), '0 30 8 * * ?');
  assert.deepEqual([...problems, ...old.problems], []);
  await old.context.close();
});

test('layout: every panel at 1280 and 390 px, tabs on one scrolling row, labels beside their controls', async () => {
  for (const [viewport, suffix] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
    const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`, viewport);
    const tabs = await page.$$eval('[role=tab]', (els) => els.map((e) => e.getBoundingClientRect().top));
    assert.equal(new Set(tabs).size, 1, `${suffix}: the tabs sit on one row (${tabs})`);
    if (viewport === PHONE) {
      assert.ok(await page.$eval('nav', (n) => n.scrollWidth > n.clientWidth), 'at 390 px the tab row scrolls');
    }
    for (const tab of ['translate', 'responses', 'compose', 'playback', 'cron', 'run']) {
      await page.click(`#tab-${tab}`);
      // The chosen tab is scrolled into view.
      const box = await page.locator(`#tab-${tab}`).boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= viewport.width + 1, `${suffix}: the ${tab} tab is visible`);
      const apart = await page.$$eval(`#panel-${tab} .field`, (fields) => fields.filter((f) => f.offsetParent).map((f) => {
        const [label, control] = [f.querySelector('span').getBoundingClientRect(), f.querySelector('input, select, textarea').getBoundingClientRect()];
        const sameLine = label.top < control.bottom && control.top < label.bottom;
        return sameLine && control.left - label.right < 16 ? null : f.textContent.trim().slice(0, 20);
      }).filter(Boolean));
      assert.deepEqual(apart, [], `${suffix} ${tab}: labels apart from their controls`);
      await page.waitForTimeout(100);
      await screenshot(page, `panel-${tab}-${suffix}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('opened as a file, the page says how to start it instead of loading forever', async () => {
  const page = await pg.browser.newPage();
  await page.goto(pathToFileURL(path.join(root, 'www/index.html')).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'false');
  const status = await page.textContent('#status');
  assert.match(status, /opened as a file/);
  assert.match(status, /bash scripts\/start\.sh/);
  await page.close();
});
