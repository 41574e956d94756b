// The package README's esbuild recipe, run as written: an FC handler bundled into one file with
// `platform: 'node'`, the two .wasm files copied beside it, then moved away from node_modules (as a zip is)
// and called on every Node the test command installed (TB_NODES), cron included. Without the .wasm files
// the bundle fails with an error that says what to copy.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const readme = fs.readFileSync(path.resolve('node_modules/trigger-bridge/README.md'), 'utf8');
/** The README's code block marked `recipe=<name>`. */
export function recipe(name) {
  const m = new RegExp('```\\w+ recipe=' + name + '\\n([\\s\\S]*?)```').exec(readme);
  assert.ok(m, `the package README has a recipe=${name} block`);
  return m[1];
}

const nodes = [process.execPath, ...(process.env.TB_NODES || '').split(' ').filter(Boolean)];
const project = fs.mkdtempSync(path.join(process.cwd(), 'bundle-'));
const zip = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-zip-'));

// Calls the handler as FC does (a Buffer event, a callback) and prints its result and a cron translation.
const invoke = `
const handler = require('./index.js').handler;
const event = Buffer.from(JSON.stringify({ httpMethod: 'GET', path: '/a', headers: {}, queryParameters: { q: '1' }, pathParameters: {}, body: '', isBase64Encoded: false }));
handler(event, {}, (err, result) => {
  if (err) throw err;
  const tb = require('./index.js').tb;
  process.stdout.write(JSON.stringify({ body: JSON.parse(result.body), cron: tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent' }).expression }));
});`;

test('an esbuild bundle of a handler runs on its own, on every Node runtime', () => {
  // The handler also exposes the package, to reach cron (the tools module) through the bundle.
  fs.writeFileSync(path.join(project, 'index.js'), `${recipe('node-handler')}\nexports.tb = tb;\n`);
  const build = recipe('node-bundle').replace("from 'esbuild'", `from ${JSON.stringify(path.join(process.env.TB_TOOLS, '../esbuild/lib/main.js'))}`);
  fs.writeFileSync(path.join(project, 'build.mjs'), build);
  const built = spawnSync(process.execPath, ['build.mjs'], { cwd: project, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  assert.deepEqual(fs.readdirSync(path.join(project, 'dist')).sort(), ['index.js', 'trigger_bridge_core_bg.wasm', 'trigger_bridge_tools_bg.wasm']);
  for (const file of fs.readdirSync(path.join(project, 'dist'))) fs.copyFileSync(path.join(project, 'dist', file), path.join(zip, file));
  fs.writeFileSync(path.join(zip, 'invoke.js'), invoke);
  for (const node of nodes) {
    const r = spawnSync(node, ['invoke.js'], { cwd: zip, encoding: 'utf8' });
    assert.equal(r.status, 0, `${node}: ${r.stderr}`);
    const out = JSON.parse(r.stdout);
    assert.equal(out.body.tencent.httpMethod, 'GET', node);
    assert.deepEqual(out.body.tencent.queryString, { q: '1' }, node);
    assert.equal(out.cron, '0 0 17 * * * *', node);
  }
});

test('a bundle without its .wasm files says which file to copy where', () => {
  const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-bare-'));
  fs.copyFileSync(path.join(project, 'dist/index.js'), path.join(bare, 'index.js'));
  const r = spawnSync(process.execPath, ['-e', "try { require('./index.js') } catch (e) { console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })) }"], { cwd: bare, encoding: 'utf8' });
  const e = JSON.parse(r.stdout);
  assert.equal(e.name, 'TriggerBridgeError');
  assert.equal(e.code, 'wasm-not-found');
  assert.ok(e.message.includes(path.join(bare, 'trigger_bridge_core_bg.wasm')), e.message);
  assert.ok(e.message.includes('trigger-bridge/core.wasm'), e.message);
});
