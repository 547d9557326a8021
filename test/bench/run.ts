/**
 * `npm run bench [-- --size S|M|L|all] [--steps import,reports,…]` (default all sizes, every step of each): seeds each size in a child process,
 * measures it in another (the peak RSS in a child of its own: test/bench/rss.ts), prints a table and
 * writes bench-results/<timestamp>.json with the CPU and Node version. No pass/fail on
 * figures: a missed target is printed as MISSED; the command fails only if something breaks.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tempDir } from '../support/host';
import { RENDERER_DIR } from './renderer';
import type { SeedInfo, Size } from './seed';
import { table, type Figure } from './stats';

const HERE = path.dirname(new URL(import.meta.url).pathname);

function parseSizes(argv: string[]): Size[] {
  const i = argv.indexOf('--size');
  const v = (i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--size='))?.slice(7)) ?? 'all';
  if (v === 'all') return ['S', 'M', 'L'];
  if (v === 'S' || v === 'M' || v === 'L') return [v];
  throw new Error(`--size must be S, M, L or all (got ${v})`);
}

/** `--steps open,reports,…`: only those measurements of each size (all of the size's plan when absent). */
function parseSteps(argv: string[]): string[] {
  const i = argv.indexOf('--steps');
  const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--steps='))?.slice(8);
  return v ? v.split(',').filter(Boolean) : [];
}

function child(script: string, args: string[]): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(HERE, script), ...args], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`${script} ${args[0]} failed (exit ${r.status ?? r.signal})`);
}

function ensureRenderer(): void {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  console.log(`building the renderer into ${path.dirname(RENDERER_DIR)} …`);
  const r = spawnSync('npx', ['electron-vite', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, SUBDESK_OUT: path.dirname(RENDERER_DIR) },
  });
  if (r.status !== 0) throw new Error('renderer build failed');
}

const sizes = parseSizes(process.argv.slice(2));
const steps = parseSteps(process.argv.slice(2));
if ((sizes.includes('S') || sizes.includes('L')) && (!steps.length || steps.includes('renderer'))) ensureRenderer();
const figures: Figure[] = [];
const seeds: Record<string, Omit<SeedInfo, 'samples'> & { seedMs: number }> = {};
for (const size of sizes) {
  const dir = tempDir(`subdesk-bench-${size}-`);
  const seedFile = path.join(dir, 'seed.json');
  const outFile = path.join(dir, 'figures.json');
  const data = path.join(dir, 'data');
  fs.mkdirSync(data);
  try {
    console.log(`seeding ${size} …`);
    const t = performance.now();
    child('seed-cli.ts', [size, data, seedFile]);
    const info = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as SeedInfo;
    const { samples: _samples, ...rest } = info;
    seeds[size] = { ...rest, seedMs: Math.round(performance.now() - t) };
    console.log(
      `measuring ${size} (${info.members} members, ${info.invoices} invoices, ${info.checkins} check-ins) …`,
    );
    child('size.ts', [size, data, seedFile, outFile, ...(steps.length ? [steps.join(',')] : [])]);
    figures.push(...(JSON.parse(fs.readFileSync(outFile, 'utf8')) as Figure[]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
console.log(`\n${machine.cpu} × ${machine.cores}, ${machine.memoryGB} GB, Node ${machine.node}`);
console.log(
  'Seeded by the benchmark\'s own generator (test/bench/seed.ts), not the demo generator: see README "Benchmark".\n',
);
console.log(table(figures));
const outDir = path.resolve('bench-results');
fs.mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(
  file,
  JSON.stringify({ at: new Date().toISOString(), machine, sizes, seeds, figures }, null, 2),
);
console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
