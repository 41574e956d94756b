// Compose from a curl command in headless Chromium: the options the issue names, read as curl reads them,
// and every option the page leaves out named in a warning.
import test from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground, openPage, screenshot, PHONE } from './playground-support.mjs';

const pg = usePlayground();

const card = (page, format) => page.locator(`#compose-cards article[data-format="${format}"]`);

/** Run `command` through the Compose panel; returns the Tencent Function URL event (it keeps every field). */
async function useCurl(page, command) {
  await page.fill('#curl', command);
  await page.evaluate(() => { document.getElementById('curl-status').textContent = ''; });
  await page.click('#use-curl');
  await page.waitForFunction(() => /^Read[,:]/.test(document.getElementById('curl-status').textContent), null, { timeout: 20000 });
  const text = await card(page, 'tencent-url').locator('pre').first().textContent();
  return JSON.parse(text);
}
const warnings = (page) => page.locator('#curl-warnings li').allTextContents();

test('curl: -u and -F become an Authorization header and a multipart body with file placeholders', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  await page.click('#tab-compose');
  const event = await useCurl(page, `curl -u alice:s3cret https://api.example.com/upload -F 'name=张三' -F 'avatar=@me.png;type=image/png'`);
  assert.equal(event.httpMethod, 'POST');
  assert.equal(event.headers.Authorization, `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
  const type = event.headers['Content-Type'];
  const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(type)[1];
  const body = event.body;
  assert.ok(body.includes(`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n张三\r\n`), body);
  assert.ok(body.includes('Content-Disposition: form-data; name="avatar"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n<contents of me.png>\r\n'), body);
  assert.ok(body.endsWith(`--${boundary}--\r\n`));
  assert.deepEqual(await warnings(page), ["-F avatar=@me.png: the file's contents are a placeholder (the page cannot read your files)"]);
  await screenshot(page, 'compose-curl-form');
  assert.deepEqual(problems, []);
  await context.close();
});

test('curl: -G with --data-urlencode, --json, --data-binary, -b, -H, -X, and ignored options named', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`, PHONE);
  await page.click('#tab-compose');

  let event = await useCurl(page, `curl -G https://api.example.com/search --data-urlencode 'q=a b&c=张' -d page=2`);
  assert.equal(event.httpMethod, 'GET');
  assert.equal(event.body, '');
  assert.deepEqual(event.queryString, { q: 'a b&c=张', page: '2' });
  assert.equal(await page.inputValue('#url'), 'https://api.example.com/search?q=a+b%26c%3D%E5%BC%A0&page=2');
  assert.deepEqual(await warnings(page), []);
  assert.equal(await page.textContent('#curl-status'), 'Read: nothing ignored.');

  event = await useCurl(page, `curl --json '{"qty":2}' -X PATCH https://api.example.com/o/1 -b 'sid=abc; lang=zh' -H 'X-Trace: 7' -k --retry 3 --compressed`);
  assert.equal(event.httpMethod, 'PATCH');
  assert.equal(event.body, '{"qty":2}');
  assert.equal(event.headers['Content-Type'], 'application/json');
  assert.equal(event.headers.Accept, 'application/json');
  assert.equal(event.headers.Cookie, 'sid=abc; lang=zh');
  assert.equal(event.headers['X-Trace'], '7');
  const named = (await warnings(page)).join('\n');
  for (const option of ['-k', '--retry', '--compressed']) assert.match(named, new RegExp(`ignored: ${option} `));

  event = await useCurl(page, `curl https://api.example.com/raw --data-binary $'line 1\\nline 2' -H 'Content-Type: text/plain'`);
  assert.equal(event.httpMethod, 'POST');
  assert.equal(event.body, 'line 1\nline 2');
  event = await useCurl(page, `curl https://api.example.com/raw --data-binary @dump.bin`);
  assert.equal(event.body, '<contents of dump.bin>');
  assert.match((await warnings(page)).join('\n'), /dump\.bin: its contents are a placeholder/);
  await screenshot(page, 'compose-phone');

  await page.fill('#curl', 'wget https://example.com/');
  await page.click('#use-curl');
  await page.locator('#compose-cards .error-box').waitFor();
  assert.match(await page.textContent('#compose-cards .error-box'), /Not a curl command.*begin with "curl"/);
  assert.deepEqual(problems, []);
  await context.close();
});
