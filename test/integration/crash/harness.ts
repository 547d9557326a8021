/**
 * Kill harness: starts test/integration/crash/child.ts ahead of time (it loads while the parent
 * checks the last kill), hands it a job, SIGKILLs it a given delay after it says `ready`, and
 * resolves once the child's stdio has closed (`close`, not `exit`: every line it wrote is read).
 * Delays come from one seed per run (SUBDESK_SEED, or random), printed so a failure can be replayed.
 * The child runs as one bundled file (childScript), built once per test process: loading it through
 * tsx cost each of the suite's ~100 children about 2 s of CPU, bundled it loads in ~0.15 s.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { tempDir } from '../../support/host';

const CHILD = path.join(import.meta.dirname, 'child.ts');
const ROOT = path.resolve(import.meta.dirname, '../../..');
let bundled: string | undefined;

/**
 * child.ts and the app code it imports as one ES module, packages left to node_modules (so it lives
 * under the repo's .tmp/), with the migrations copied beside it as the app's build has them.
 * The same source as `node --import tsx child.ts` runs; only the loading differs.
 */
export function childScript(): string {
  if (bundled) return bundled;
  const tmp = path.join(ROOT, '.tmp');
  // A test worker is often ended without its exit handlers: clear what gone processes left.
  for (const name of fs.existsSync(tmp) ? fs.readdirSync(tmp) : []) {
    const pid = /^kill-child-(\d+)$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
  }
  const dir = path.join(tmp, `kill-child-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, 'child.mjs');
  buildSync({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: out, logLevel: 'warning' });
  fs.cpSync(path.join(ROOT, 'electron', 'db', 'migrations'), path.join(dir, 'migrations'), { recursive: true });
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  bundled = out;
  return out;
}

/** What a child does: a scenario of child.ts on a data folder, starting at an instant (the `run` scenario: as of a date). */
export interface Job {
  dataDir: string;
  scenario: 'billing' | 'settings' | 'restore' | 'run';
  /** An ISO instant for the host scenarios; the as-of date (YYYY-MM-DD) for `run`. */
  start: string;
  /** `run` only: units per committed batch (default: the app's batch limits). */
  batchUnits?: number;
  /** `run` only: the child kills itself while writing this invoice's audit entry. */
  killAtInvoice?: number;
}

export interface KillResult {
  /** Every complete line the child printed before it died (JSON). */
  lines: Record<string, unknown>[];
  /** True if the child ended by SIGKILL (ours or its own). */
  killed: boolean;
  /** The signal that ended it, if any. */
  signal: NodeJS.Signals | null;
  /** Its exit code when it ended on its own (0: the work finished). */
  code: number | null;
  /** Its stderr: empty unless it failed. */
  error: string;
}

/** Deterministic random numbers in [0, 1), so a failing run can be repeated with the same seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The run's seed: SUBDESK_SEED when set (to replay a failure), else a fresh random one. */
export function suiteSeed(): number {
  const fromEnv = process.env['SUBDESK_SEED'];
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    if (!Number.isInteger(n)) throw new Error(`SUBDESK_SEED must be an integer, got "${fromEnv}"`);
    return n >>> 0;
  }
  return Math.floor(Math.random() * 2 ** 32);
}

export interface Child {
  /**
   * Gives the child its job and SIGKILLs it `killAfterMs` after it says `ready` (never, when
   * null); resolves after the child's `close` with what it printed.
   */
  run(job: Job, killAfterMs: number | null): Promise<KillResult>;
  /** Kills a child that was never given a job, and waits for it to go. */
  dispose(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Starts a child now; it loads its modules and waits for `run`. */
export function spawnChild(): Child {
  const child = spawn(process.execPath, [childScript()], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined); // a child that died early closes its stdin
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  let error = '';
  let onReady: () => void = () => undefined;
  child.stderr.on('data', (d: Buffer) => (error += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    // A line cut short by the kill has no newline and is never parsed.
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
      buffer = buffer.slice(nl + 1);
      if (line['step'] === 'loaded') continue;
      lines.push(line);
      if (line['step'] === 'ready') onReady();
    }
  });
  const closed = new Promise<KillResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ lines, killed: signal === 'SIGKILL', signal, code, error }));
  });
  return {
    run(job, killAfterMs) {
      if (killAfterMs !== null) onReady = () => setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.stdin.end(`${JSON.stringify(job)}\n`);
      return closed;
    },
    async dispose() {
      child.kill('SIGKILL');
      await closed;
    },
  };
}

/** Keeps one child loaded ahead: `next()` hands out the loaded one and starts loading another. */
export function childPool(): { next(): Child; close(): Promise<void> } {
  let spare = spawnChild();
  return {
    next() {
      const ready = spare;
      spare = spawnChild();
      return ready;
    },
    close: () => spare.dispose(),
  };
}

/** One child, started now, given `scenario` at `start` and killed `killAfterMs` after it is ready. */
export function runAndKill(dataDir: string, scenario: Job['scenario'], start: string, killAfterMs: number): Promise<KillResult> {
  return spawnChild().run({ dataDir, scenario, start }, killAfterMs);
}

/** A RAM folder when there is one (test/support/host.ts `tempDir`): the suite is about kills, not disk speed. */
export function killDir(prefix = 'subdesk-kill-'): string {
  return tempDir(prefix);
}

/** One stream of delays per test from the suite's seed, so adding a test leaves the others' delays alone. */
export function delayStream(seed: number, stream: number): () => number {
  return rng((seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0);
}
