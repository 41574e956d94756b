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

const out = runCli(process.argv.slice(2), { readFile });
process.stderr.write(out.stderr);
process.stdout.write(Buffer.from(out.stdout), () => process.exit(out.code));
