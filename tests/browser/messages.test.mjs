// Message-queue events in the playground, in headless Chromium: an MNS topic message shown as CMQ receives it
// (checked against the conversion expected beside the fixture), Kafka ⇄ CKafka, and RocketMQ, which has no
// counterpart, saying why it cannot be converted.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fixture, usePlayground, openPage, paste, screenshot } from './playground-support.mjs';

const pg = usePlayground();

const card = (page, format, panel = 'event-cards') => page.locator(`#${panel} article[data-format="${format}"]`);
const eventOf = async (page, format) => JSON.parse(await card(page, format).locator('pre').first().textContent());
const lossCodes = async (page, format, panel) => card(page, format, panel).locator('ul.losses li > :first-child').evaluateAll((els) => els.map((e) => e.dataset.code || (e.classList.contains('code') ? e.textContent : null)).filter(Boolean));

/** Pick a gallery example and wait for its detected format and its target cards. */
async function pick(page, name, format, target) {
  const value = await page.locator('#gallery-events option', { hasText: name }).first().getAttribute('value');
  await page.selectOption('#gallery-events', value);
  await page.waitForFunction((f) => document.getElementById('detected').textContent === `detected: ${f}`, format);
  await card(page, target).waitFor();
}

test('translate: message events, each shown as its counterpart receives it, with what was lost', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  for (const f of ['aliyun-mns', 'tencent-cmq', 'aliyun-kafka', 'tencent-ckafka', 'aliyun-rocketmq']) {
    assert.ok(await page.locator(`#read-as option[value="${f}"]`).count(), `Read as lists ${f}`);
  }
  const pairs = [['aliyun-mns', 'doc-notify-json', 'tencent-cmq'], ['tencent-cmq', 'records-several', 'aliyun-mns'], ['aliyun-kafka', 'doc-batch', 'tencent-ckafka']];
  for (const [format, name, target] of pairs) {
    await pick(page, `${format} / ${name}`, format, target);
    assert.equal(await page.locator('#event-cards article:not(.source)').count(), 1, `${format}: one target, its counterpart`);
    const expected = JSON.parse(fixture(`${format}/${name}.expected/${target}.json`));
    assert.deepEqual(await eventOf(page, target), expected.event, `${format} → ${target}`);
    assert.deepEqual(await lossCodes(page, target), expected.losses.map((l) => l.code), `${format} → ${target}`);
    if (format === 'aliyun-mns') await screenshot(page, 'messages-translate');
  }
  // RocketMQ has no counterpart: the card says why, from the core.
  await pick(page, 'aliyun-rocketmq / sdk-go-readme', 'aliyun-rocketmq', 'tencent-ckafka');
  const refused = card(page, 'tencent-ckafka');
  assert.match(await refused.locator('.error-box').textContent(), /unsupported.*no RocketMQ trigger/s);
  assert.deepEqual(problems, []);
  await context.close();
});

test('run: an FC MNS handler, unchanged, behind the CMQ trigger (through adapt) and its own', async () => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  await paste(page, 'event-editor', fixture('aliyun-mns/json-body-unicode.json'));
  await page.waitForFunction(() => document.getElementById('detected').textContent === 'detected: aliyun-mns');
  const message = JSON.parse(fixture('aliyun-mns/json-body-unicode.json')).Message;
  await page.click('#tab-run');
  await paste(page, 'run-source', `exports.handler = (raw, context, callback) => {
  const e = JSON.parse(raw.toString());
  callback(null, { buffer: Buffer.isBuffer(raw), message: e.Message });
};`);
  await page.selectOption('#run-format', 'aliyun-mns');
  await page.click('#run-handler');
  await page.waitForFunction(() => /^Ran handler behind 2 triggers/.test(document.getElementById('run-status').textContent), null, { timeout: 30000 });
  for (const trigger of ['aliyun-mns', 'tencent-cmq']) {
    const result = JSON.parse(await page.locator(`#run-cards article[data-format="${trigger}"] pre[aria-label="result"]`).textContent());
    assert.deepEqual(result, { buffer: true, message }, trigger);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('compose: messages from a short description, as each queue trigger writes them', async (t) => {
  const { page, problems, context } = await openPage(pg.browser, `${pg.base}/`);
  await page.click('#tab-compose');
  const offered = await page.locator('#compose-kind option[value="message"]').evaluate((o) => !o.disabled);
  if (!offered) {
    // The option is offered only where the package writes message events (eventFromMessage).
    await context.close();
    t.skip('this build of the package has no eventFromMessage');
    return;
  }
  await page.selectOption('#compose-kind', 'message');
  await page.fill('#message-topic', 'orders');
  await page.fill('#message-tags', 'paid, vip');
  await page.fill('#message-bodies', '{"order":"订单-42"}\na + b = 100%');
  await page.waitForFunction(() => /100%/.test(document.querySelector('#compose-cards article[data-format="tencent-cmq"] pre')?.textContent || ''));
  const eventOf2 = async (format) => JSON.parse(await card(page, format, 'compose-cards').locator('pre').first().textContent());
  const cmq = await eventOf2('tencent-cmq');
  assert.deepEqual(cmq.Records.map((r) => r.CMQ.msgBody), ['{"order":"订单-42"}', 'a + b = 100%']);
  assert.equal(cmq.Records[0].CMQ.topicName, 'orders');
  assert.deepEqual(cmq.Records[0].CMQ.msgTag, ['paid', 'vip']);
  // Several messages into MNS: one notification per invocation, its tags joined, both said.
  const mns = await eventOf2('aliyun-mns');
  assert.ok(Array.isArray(mns) && mns.length === 2);
  assert.equal(mns[1].Message, 'a + b = 100%');
  const mnsLosses = await lossCodes(page, 'aliyun-mns', 'compose-cards');
  assert.ok(mnsLosses.includes('message-records-split'), mnsLosses.join(', '));
  assert.ok(mnsLosses.includes('message-tags-joined'), mnsLosses.join(', '));
  // Kafka carries no tags: said on the Kafka cards.
  assert.ok((await lossCodes(page, 'tencent-ckafka', 'compose-cards')).length > 0);
  const ckafka = await eventOf2('tencent-ckafka');
  assert.deepEqual(ckafka.Records.map((r) => r.Ckafka.msgBody), ['{"order":"订单-42"}', 'a + b = 100%']);
  await screenshot(page, 'messages-compose');
  assert.deepEqual(problems, []);
  await context.close();
});
