// The playground in headless Chromium: the editor, "Read as", codes, copy and download, the version, the
// source card and diffs, and the Responses panel. Screenshots go to test-output/. Run by scripts/test-browser.sh.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, fixture, usePlayground, openPage, paste, screenshot, waitForSharedState, PHONE } from './playground-support.mjs';

const pg = usePlayground(['--mount', `/pkg=${path.join(root, 'pkg')}`]);

const card = (page, panel, format) => page.locator(`#${panel} article[data-format="${format}"]`);

test('translate a pasted event: every other format, the source card, a diff, a diagnostic marked in the editor', async () => {
  const { page, problems } = await openPage(pg.browser, `${pg.base}/`);
  await paste(page, 'event-editor', fixture('tencent-apigw/seed-post.json'));
  await page.waitForFunction(() => document.getElementById('detected').textContent.includes('tencent-apigw'));
  await page.locator('#event-cards article.source').waitFor();
  assert.equal(await page.locator('#event-cards article').count(), 4);
  assert.match(await card(page, 'event-cards', 'aliyun-http').textContent(), /"rawPath": "\/test\/value"/);
  assert.match(await card(page, 'event-cards', 'aliyun-apigw').textContent(), /stage-dropped/);
  // The source card names the request; each target can show a diff against the source.
  // The source card shows the neutral request the core reads (the adapters' toRequest).
  const source = page.locator('#event-cards article.source');
  assert.match(await source.locator('.request-line').textContent(), /^POST https:\/\/service-3ei3tii4-251000691\.ap-guangzhou\.apigateway\.myqloud\.com\/test\/value\?/);
  assert.match(await source.locator('.facts').textContent(), /stage\s*release/);
  assert.match(await source.locator('pre[aria-label="body preview"]').textContent(), /^\{"test":"body"\}$/);
  const target = card(page, 'event-cards', 'aliyun-http');
  await target.locator('details[data-diff="event"] summary').click();
  assert.match(await target.locator('pre.diff ins').first().textContent(), /^\+ /);
  assert.match(await target.locator('pre.diff').textContent(), /\+ {3}"rawPath": "\/test\/value"/);
  assert.match(await target.locator('pre.diff del').first().textContent(), /^- /);
  // …and a diff of the request an app would see: FC 3.0 has no stage.
  await target.locator('details[data-diff="request"] summary').click();
  // The request diff is computed on opening (toRequest is asynchronous): wait for it.
  await target.locator('details[data-diff="request"] pre.diff del').first().waitFor();
  assert.match(await target.locator('details[data-diff="request"] pre.diff del').allTextContents().then((t) => t.join('')), /- \(stage: release\)/);
  await screenshot(page, 'translate');

  const bad = '{\n  "httpMethod": "GET",\n  "path": "/",\n  "queryParameters": {},\n  "headers": {\n    "X-Ok": "fine",\n    "X-Bad": "a\\r\\nInjected: yes"\n  }\n}';
  await paste(page, 'event-editor', bad);
  await page.waitForSelector('#event-diagnostics button[data-path="/headers/X-Bad"]');
  const mark = page.locator('#event-editor .cm-pointed');
  await mark.waitFor();
  assert.match(await mark.textContent(), /^"X-Bad": "a\\r\\nInjected: yes"$/);
  // The lint gutter carries a marker, and the text is underlined where the diagnostic points.
  await page.locator('#event-editor .cm-lint-marker-error').first().waitFor();
  assert.match(await page.locator('#event-editor .cm-lintRange-error').first().textContent(), /X-Bad/);
  // Clicking a diagnostic points at it again after the user moved on.
  await page.locator('#event-editor .cm-content').click();
  await page.click('#event-diagnostics button[data-path="/headers/X-Bad"]');
  assert.match(await mark.textContent(), /X-Bad/);
  await screenshot(page, 'diagnostic-highlighted');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a JSON syntax error is marked where it is, non-ASCII text before it included', async () => {
  const { page, problems } = await openPage(pg.browser, `${pg.base}/`);
  const broken = '{\n  "httpMethod": "POST",\n  "path": "/用户",\n  "headers": {"A": "张三" "B": "x"}\n}';
  await paste(page, 'event-editor', broken);
  const item = page.locator('#event-diagnostics li', { hasText: 'invalid-json' });
  await item.waitFor();
  assert.match(await item.textContent(), /line 4 column/);
  // The marked character is the second string's opening quote, right after "张三" and a space.
  const range = page.locator('#event-editor .cm-lintRange-error');
  await range.waitFor();
  assert.equal(await range.textContent(), '"');
  const before = await page.evaluate(() => {
    const mark = document.querySelector('#event-editor .cm-lintRange-error');
    const r = document.createRange();
    r.setStart(mark.closest('.cm-line'), 0);
    r.setEndBefore(mark);
    return r.toString();
  });
  assert.equal(before, '  "headers": {"A": "张三" ');
  assert.match(await page.textContent('#event-cards'), /not JSON yet/);
  await screenshot(page, 'syntax-error');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('read as: an unrecognised JSON shows what each format lacks, and can be read as a chosen format', async () => {
  const { page, problems } = await openPage(pg.browser, `${pg.base}/`);
  await paste(page, 'event-editor', '{"httpMethod": "GET", "path": "/orders", "body": ""}');
  await page.waitForFunction(() => document.getElementById('detected').textContent.includes('not detected'));
  const lacks = page.locator('#event-cards .lacks');
  await lacks.waitFor();
  const formats = await page.locator('#read-as option:not([value=""])').count();
  assert.ok(formats >= 8, 'HTTP, timers, object storage (and messages, when the package has them)');
  assert.equal(await lacks.locator('article').count(), formats, 'every format Read as lists');
  // Each format's reason comes from the core's validation: Alibaba's FC 3.0 event lacks its method field.
  assert.match(await lacks.locator('article[data-format="aliyun-http"]').textContent(), /missing-field.*method/);
  assert.match(await lacks.locator('article[data-format="aliyun-timer"]').textContent(), /triggerName/);
  // Messages render code spans, not backticks.
  assert.ok(await lacks.locator('article[data-format="aliyun-timer"] li code').count() >= 1);
  assert.doesNotMatch(await lacks.textContent(), /`/);
  await screenshot(page, 'read-as-lacks');

  await lacks.locator('button[data-read-as="tencent-url"]').click();
  await page.waitForFunction(() => document.getElementById('detected').textContent.includes('read as: tencent-url'));
  assert.equal(await page.inputValue('#read-as'), 'tencent-url');
  await card(page, 'event-cards', 'aliyun-http').waitFor();
  assert.match(await card(page, 'event-cards', 'aliyun-http').textContent(), /"rawPath": "\/orders"/);
  // The choice is part of the shared state.
  await waitForSharedState(page, (s) => s.readAs === 'tencent-url');
  const again = await openPage(pg.browser, page.url());
  // The shared state is decompressed asynchronously (DecompressionStream): wait for it to be restored.
  await again.page.waitForFunction(() => document.getElementById('read-as').value === 'tencent-url', null, { timeout: 20000 });
  assert.equal(await again.page.inputValue('#read-as'), 'tencent-url');
  assert.deepEqual([...problems, ...again.problems], []);
  await again.page.context().close();
  await page.context().close();
});

test('copy, download, codes linked to docs/codes.md, and the version', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pg.base });
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'pkg/package.json'), 'utf8'));
  assert.equal(await page.textContent('#version'), `v${version}`);

  await paste(page, 'event-editor', fixture('tencent-apigw/seed-post.json'));
  await page.waitForFunction(() => document.getElementById('detected').textContent.includes('tencent-apigw'));
  const target = card(page, 'event-cards', 'aliyun-apigw');
  await target.waitFor();
  await target.locator('button[data-action="copy"]').first().click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(JSON.parse(copied).httpMethod, 'POST');
  const [download] = await Promise.all([page.waitForEvent('download'), target.locator('button[data-action="download"]').first().click()]);
  assert.equal(download.suggestedFilename(), 'aliyun-apigw.json');
  const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(saved.path, '/test/value');

  // A loss code opens its explanation, the text of docs/codes.md.
  const docs = fs.readFileSync(path.join(root, 'docs/codes.md'), 'utf8');
  const meaning = /\| `stage-dropped` \| (.*) \|/.exec(docs)[1].replace(/`/g, '');
  await target.locator('a.code-link[data-code="stage-dropped"]').click();
  const dialog = page.locator('#codes-dialog');
  await dialog.waitFor();
  assert.equal(await dialog.locator('dd.current').textContent(), meaning);
  const documented = [...docs.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(await dialog.locator('dt').allTextContents(), documented, 'every code of docs/codes.md is listed');
  assert.doesNotMatch(page.url(), /#code-/, 'the shared state stays in the address bar');
  await screenshot(page, 'codes-dialog');
  await dialog.locator('button', { hasText: 'Close' }).click();
  assert.equal(await dialog.isVisible(), false);

  // Responses: headers and body can be copied and downloaded too; the body with its own type.
  await page.click('#tab-responses');
  await paste(page, 'result-editor', fixture('responses/binary-png.json'));
  const png = card(page, 'response-cards', 'aliyun-apigw');
  await png.locator('img').waitFor();
  const [body] = await Promise.all([page.waitForEvent('download'), png.locator('.output', { hasText: 'bytes of image/png' }).locator('button[data-action="download"]').click()]);
  assert.match(body.suggestedFilename(), /\.png$/);
  assert.deepEqual([...fs.readFileSync(await body.path()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('responses: what each caller gets, the 403 and 502 included, at desktop and phone width', async () => {
  for (const [viewport, suffix] of [[undefined, ''], [PHONE, '-phone']]) {
    const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`, viewport);
    await page.click('#tab-responses');
    await paste(page, 'result-editor', fixture('responses/alibaba-node-sample.json'));
    await page.waitForFunction(() => document.querySelector('#response-cards article[data-format="tencent-apigw"] .status')?.textContent.includes('403'));
    assert.match(await card(page, 'response-cards', 'tencent-apigw').textContent(), /Rejected by the gateway/);
    assert.match(await card(page, 'response-cards', 'aliyun-apigw').locator('.status').textContent(), /200/);
    // The result's diagnostics are marked in the editor's gutter.
    await page.locator('#result-editor .cm-lint-marker-error, #result-editor .cm-lint-marker-warning').first().waitFor();
    await paste(page, 'result-editor', fixture('responses/binary-png.json'));
    await page.locator('#response-cards article[data-format="aliyun-apigw"] img').waitFor();
    await screenshot(page, `responses${suffix}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the cron panel', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  await page.click('#tab-cron');
  await page.fill('#cron-expr', '0 0 9 * * ?');
  assert.match(await page.locator('#cron-cards').textContent(), /0 0 17 \* \* \* \*/);
  await screenshot(page, 'cron');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the package web build loads in a page and survives hostile input', async () => {
  const page = await pg.browser.newPage();
  await page.goto(`${pg.base}/`);
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
