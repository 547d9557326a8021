// `npm test`: everything CI checks — typecheck, lint, vitest, build, Playwright e2e —
// then one closing line `N passed, N failed` summed over vitest and Playwright.
// `npm run test:quick` (`--quick`): typecheck, lint and the quick vitest set (vitest.quick.config.ts),
// for everyday work; it ends with the same kind of line.
// Steps in one phase run side by side (2 cores: tsc, eslint and the renderer build are each mostly one core;
// then vitest and the e2e suite); a phase starts when the one before it is done. Each step's time is printed after the run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const quick = process.argv.includes('--quick');
fs.mkdirSync('.tmp', { recursive: true });
for (const f of ['.tmp/vitest.json', '.tmp/playwright.json', '.tmp/summary.txt']) fs.rmSync(f, { force: true });
const bin = (name) => `node_modules/.bin/${name}`;
const vitestArgs = ['run', '--reporter=default', '--reporter=json', '--outputFile=.tmp/vitest.json'];

/** Steps whose failure stops the run (nothing after them can pass). */
const BLOCKING = new Set(['typecheck', 'lint', 'build']);
const phases = quick
  ? [
      [
        ['typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
        ['lint', bin('eslint'), ['.', '--max-warnings=0']],
      ],
      [['vitest', bin('vitest'), [...vitestArgs, '--config', 'vitest.quick.config.ts']]],
    ]
  : [
      [
        ['typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
        ['lint', bin('eslint'), ['.', '--max-warnings=0']],
        ['build', bin('electron-vite'), ['build']],
      ],
      // Side by side: each alone leaves a core idle part of the time (the kill suite waits on its children,
      // the browser tests on page loads and Playwright's polling), so together they finish sooner than in turn.
      [
        ['vitest', bin('vitest'), vitestArgs],
        ['e2e', bin('playwright'), ['test']],
      ],
    ];

/** Runs one step; a step alone in its phase writes straight to the terminal, others print when done (no interleaving). */
function run([name, cmd, args], alone) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('error', (e) => (out += `${e.message}\n`));
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (!alone) process.stdout.write(`\n=== ${name}${out ? `\n${out}` : ' (no output)\n'}`);
      resolve({ name, ok: code === 0, seconds });
    });
  });
}

const timings = [];
let failedStep = '';
for (const phase of phases) {
  if (phase.length === 1) console.log(`\n=== ${phase[0][0]}`);
  const results = await Promise.all(phase.map((step) => run(step, phase.length === 1)));
  timings.push(...results);
  for (const r of results) if (!r.ok) failedStep ||= r.name;
  if (results.some((r) => !r.ok && BLOCKING.has(r.name))) break;
}

let passed = 0;
let failed = 0;
const readJson = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : undefined);
const v = readJson('.tmp/vitest.json');
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
}
const p = readJson('.tmp/playwright.json');
if (p) {
  passed += p.stats.expected + (p.stats.flaky ?? 0);
  failed += p.stats.unexpected;
}
console.log(`\ntimes: ${timings.map((t) => `${t.name} ${t.seconds.toFixed(0)} s`).join(', ')}`);
if (failedStep) console.log(`\nfailed step: ${failedStep}`);
const summary = `${passed} passed, ${failed} failed`;
fs.writeFileSync('.tmp/summary.txt', `${summary}\n`);
console.log(summary);
process.exit(failedStep || failed > 0 ? 1 : 0);
