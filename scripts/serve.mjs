// A static file server for the playground: no server logic, only files, served by sirv (a maintained static
// file handler: it resolves paths inside its folder only and answers malformed URLs without dying).
// Serves www/ at / by default; `--mount /prefix=dir` adds more folders (tests mount pkg/). Binds 127.0.0.1.
//   node scripts/serve.mjs [--port 8080] [--root www] [--mount /pkg=pkg]
// sirv comes from www/node_modules (scripts/build-www.sh installs it).
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const sirv = createRequire(path.join(here, '../www/package.json'))('sirv');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const serveDir = (dir) => sirv(path.resolve(dir), { dev: true, dotfiles: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-store') });
const notFound = (res) => {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('not found');
};

const mounts = [];
args.forEach((a, i) => {
  if (a !== '--mount') return;
  const [prefix, dir] = String(args[i + 1] || '').split('=');
  if (!prefix || !dir) throw new Error('--mount needs /prefix=dir');
  mounts.push([prefix.replace(/\/$/, ''), serveDir(dir)]);
});
const rootHandler = serveDir(opt('--root', 'www'));

const server = http.createServer((req, res) => {
  try {
    const pathname = (req.url || '/').split('?')[0];
    for (const [prefix, handler] of mounts) {
      if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
        // The mounted folder sees the path below its prefix.
        req.url = req.url.slice(prefix.length) || '/';
        return handler(req, res, () => notFound(res));
      }
    }
    return rootHandler(req, res, () => notFound(res));
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('bad request');
  }
});
// Malformed HTTP from a client: answer 400 and close that connection; the server goes on.
server.on('clientError', (_err, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  else socket.destroy();
});

server.listen(Number(opt('--port', 8080)), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`playground: http://127.0.0.1:${port}/`);
});
