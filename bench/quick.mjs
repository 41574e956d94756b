// Quick per-event measure for working on speed (issue 14): trigger-bridge's convertEvent next to the
// hand-written mapping (bench/events.mjs), object and text output, in alternating rounds in one process,
// medians and ratios. Usage: node bench/quick.mjs [sizes in bytes, default 2048 1048576] [--ms=N per round]
// Needs scripts/build-wasm.sh to have run. The full side-by-side benchmark is bench/bench.mjs.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeEvent, handwrittenObject, handwrittenText } from './events.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tb = createRequire(import.meta.url)(path.join(root, 'pkg/index.cjs'));
const args = process.argv.slice(2);
const ms = Number((args.find((a) => a.startsWith('--ms=')) || '--ms=60').slice(5));
const sizes = args.filter((a) => !a.startsWith('--')).map(Number);
const ROUNDS = 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cpuUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** [wall µs, CPU µs] per call of `fn(input)`, calling it for about `budgetMs` ms. CPU time (this process,
 * all its threads) leaves out the time other processes took the cores: steadier on a shared machine. */
function usPerOp(fn, input, budgetMs) {
  let n = 0;
  const t = process.hrtime.bigint();
  const c = cpuUs();
  let elapsed = 0;
  do {
    fn(input);
    n++;
    elapsed = Number(process.hrtime.bigint() - t);
  } while (elapsed < budgetMs * 1e6);
  return [elapsed / n / 1e3, (cpuUs() - c) / n];
}

const variants = {
  tbObject: (b) => tb.convertEvent(b, { to: 'tencent-apigw' }),
  jsObject: handwrittenObject,
  tbText: (b) => tb.convertEvent(b, { to: 'tencent-apigw', output: 'json' }),
  jsText: handwrittenText,
};
for (const size of sizes.length ? sizes : [2048, 1024 * 1024]) {
  const input = makeEvent(size);
  const budget = size > 4 << 20 ? Math.max(ms, 400) : ms;
  const rounds = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const fn of Object.values(variants)) usPerOp(fn, input, budget);
  for (let r = 0; r < ROUNDS; r++) for (const [k, fn] of Object.entries(variants)) rounds[k].push(usPerOp(fn, input, budget));
  const f = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
  for (const [label, which] of [['wall', 0], ['cpu ', 1]]) {
    const m = Object.fromEntries(Object.entries(rounds).map(([k, xs]) => [k, median(xs.map((x) => x[which]))]));
    console.log(
      `${input.length} B ${label}  object ${f(m.tbObject)} / ${f(m.jsObject)} = ${(m.tbObject / m.jsObject).toFixed(2)}x   ` +
        `text ${f(m.tbText)} / ${f(m.jsText)} = ${(m.tbText / m.jsText).toFixed(2)}x`,
    );
  }
}
