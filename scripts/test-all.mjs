// `npm test`: everything CI checks — typecheck, lint, vitest, build, Playwright e2e —
// then one closing line `N passed, N failed` summed over vitest and Playwright.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

fs.mkdirSync('.tmp', { recursive: true });
for (const f of ['.tmp/vitest.json', '.tmp/playwright.json', '.tmp/summary.txt']) fs.rmSync(f, { force: true });
const bin = (name) => `node_modules/.bin/${name}`;
const steps = [
  ['typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile=.tmp/vitest.json']],
  ['build', bin('electron-vite'), ['build']],
  ['e2e', bin('playwright'), ['test']],
];

let failedStep = '';
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    failedStep ||= name;
    if (name === 'typecheck' || name === 'lint' || name === 'build') break;
  }
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
if (failedStep) console.log(`\nfailed step: ${failedStep}`);
const summary = `${passed} passed, ${failed} failed`;
fs.writeFileSync('.tmp/summary.txt', `${summary}\n`);
console.log(summary);
process.exit(failedStep || failed > 0 ? 1 : 0);
