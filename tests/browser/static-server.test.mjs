// scripts/serve.mjs: only files inside the folders it serves, and no request can kill it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './playground-support.mjs';

let server, base, dir;
test.before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-serve-'));
  for (const [file, text] of [['www/index.html', '<h1>page</h1>'], ['www/a.mjs', 'export {}'], ['www-secret/key.txt', 'secret'], ['wwwx/key.txt', 'secret'], ['pkg/browser.mjs', 'export const pkg = 1'], ['pkgx/key.txt', 'secret'], ['outside.txt', 'secret']]) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  ({ server, base } = await startServer(['--root', path.join(dir, 'www'), '--mount', `/pkg=${path.join(dir, 'pkg')}`]));
});
test.after(() => {
  server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw request, so paths reach the server exactly as written (no client-side normalisation). */
function raw(target) {
  return new Promise((resolve, reject) => {
    const { port } = new URL(base);
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => { data += d; });
    socket.on('end', () => resolve({ status: Number(data.split(' ')[1]) || 0, body: data.split('\r\n\r\n').slice(1).join('\r\n\r\n'), type: /content-type: ([^\r]+)/i.exec(data)?.[1] }));
    socket.on('error', reject);
  });
}

test('serves the folder and the mounts with their types', async () => {
  assert.deepEqual(await raw('/'), { status: 200, body: '<h1>page</h1>', type: 'text/html;charset=utf-8' });
  assert.match((await raw('/a.mjs')).type, /^text\/javascript/);
  assert.equal((await raw('/pkg/browser.mjs')).body, 'export const pkg = 1');
  assert.equal((await raw('/missing')).status, 404);
});

test('nothing outside the served folders, not even a sibling whose name starts the same', async () => {
  for (const target of ['/../www-secret/key.txt', '/..%2fwww-secret/key.txt', '/%2e%2e/www-secret/key.txt', '/../wwwx/key.txt', '/%2e%2e%2fwwwx%2fkey.txt',
    '/../outside.txt', '/pkg/../outside.txt', '/pkg/..%2f..%2foutside.txt', '/pkg/../pkgx/key.txt', '/pkg%2f..%2f..%2foutside.txt', '/pkgx/key.txt', '//outside.txt']) {
    const r = await raw(target);
    assert.notEqual(r.status, 200, `${target} answered ${r.status}`);
    assert.doesNotMatch(r.body, /secret/, target);
  }
});

test('malformed URLs and requests get an answer and the server keeps serving', async () => {
  for (const target of ['/%', '/%E0%A4%A', '/%ZZ', '/pkg/%', '/\u00ff']) {
    const r = await raw(target);
    assert.ok(r.status === 400 || r.status === 404, `${target} answered ${r.status}`);
  }
  await new Promise((resolve) => {
    const socket = net.connect(Number(new URL(base).port), '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
    socket.resume();
    socket.on('close', resolve);
    socket.on('error', resolve);
  });
  assert.equal((await raw('/')).status, 200);
  assert.equal(server.exitCode, null);
});
