/**
 * Kill harness: runs test/integration/crash/child.ts, waits until it is working, SIGKILLs it
 * after a random delay, and hands back everything the child reported as committed. The caller
 * reopens the data folder and checks its invariants after every kill.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const CHILD = path.join(import.meta.dirname, 'child.ts');

export interface KillResult {
  /** Every line the child printed before it died (JSON). */
  lines: Record<string, unknown>[];
  /** False if the child died on its own (a bug: its stderr is in `error`). */
  killed: boolean;
  error: string;
}

/** Deterministic random delays, so a failing run can be repeated with the same seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function runAndKill(dataDir: string, scenario: string, start: string, killAfterMs: number): Promise<KillResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, scenario, start], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Record<string, unknown>[] = [];
    let buffer = '';
    let error = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (error += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (line['step'] === 'ready') {
          setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, killAfterMs);
        }
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ lines, killed, error }));
  });
}
