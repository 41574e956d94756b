// A static file server for the playground: no server logic, only files. Serves www/ at / by default;
// `--mount /prefix=dir` adds more folders (tests mount pkg/). Binds 127.0.0.1 only.
//   node scripts/serve.mjs [--port 8080] [--root www] [--mount /pkg=pkg]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const mounts = [];
args.forEach((a, i) => {
  if (a === '--mount') {
    const [prefix, dir] = args[i + 1].split('=');
    mounts.push([prefix.replace(/\/$/, ''), path.resolve(dir)]);
  }
});
mounts.push(['', path.resolve(opt('--root', 'www'))]);

const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.har': 'application/json', '.jsonl': 'text/plain' };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let pathname = decodeURIComponent(url.pathname);
  for (const [prefix, dir] of mounts) {
    if (prefix && !(pathname === prefix || pathname.startsWith(prefix + '/'))) continue;
    let file = path.join(dir, pathname.slice(prefix.length));
    if (!file.startsWith(dir)) break; // no escaping the folder
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) break;
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
});

server.listen(Number(opt('--port', 8080)), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`playground: http://127.0.0.1:${port}/`);
});
