#!/usr/bin/env node
'use strict';
// `npx trigger-bridge …`: the very same Rust CLI as the native binary, run in wasm.
const fs = require('fs');
const { runCli } = require('./index.cjs');

// Errors carry the same short reasons as the native binary's, so both print the same line.
const REASONS = { ENOENT: 'not found', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'is a directory' };
function readFile(path) {
  try {
    return fs.readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    throw new Error(REASONS[e.code] || e.message);
  }
}

const args = process.argv.slice(2);
if (args[0] === 'serve') {
  // serve runs the user's handler in this Node process (src/serve/); everything else is the Rust CLI.
  if (Number(process.versions.node.split('.')[0]) < 18) {
    process.stderr.write(`trigger-bridge serve needs Node.js 18 or later (this is ${process.version}); the rest of the package runs on ${process.version}\n`);
    process.exit(2);
  }
  import('./src/serve/index.mjs').then((serve) => serve.main(args.slice(1))).then((code) => process.exit(code));
} else {
  const out = runCli(args, { readFile });
  process.stderr.write(out.stderr);
  process.stdout.write(Buffer.from(out.stdout), () => process.exit(out.code));
}
