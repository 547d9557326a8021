/**
 * Global set-up for vitest and Playwright: every temp folder of the run (test/support/host.ts
 * `tempDir`, and anything else that asks `os.tmpdir()`, the kill suite's children included) goes in
 * one folder of its own, in RAM when the machine has one (/dev/shm), removed when the run ends.
 * The tests open hundreds of hosts; on a disk each migration commit, settings write and backup
 * waits on fsync, which in RAM costs nothing — and the disk is not what they test.
 * TMPDIR set here is inherited by the test workers (both runners start them after global set-up).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The environment variable naming the run's own temp folder (test/support/host.ts `tempDir` uses it). */
export const RUN_TMP = 'SUBDESK_RUN_TMP';

/** Room the run's temp data needs at its peak (~0.5 GB measured) with a wide margin. */
const RAM_NEEDED = 4 * 1024 ** 3;

/**
 * Where temp folders go: RAM (/dev/shm) when it exists and has room for a whole run — a container's
 * default 64 MB would fill up mid-run — else the OS temp folder.
 */
export function tempBase(): string {
  try {
    const s = fs.statfsSync('/dev/shm');
    if (s.bavail * s.bsize >= RAM_NEEDED) return '/dev/shm';
  } catch {
    // No /dev/shm on this machine.
  }
  return os.tmpdir();
}

export default function setup(): () => void {
  // Once per run: a second call (another project of the same run) keeps the first one's folder.
  if (process.env[RUN_TMP]) return () => undefined;
  const root = fs.mkdtempSync(path.join(tempBase(), 'subdesk-run-'));
  const before = process.env['TMPDIR'];
  process.env['TMPDIR'] = root;
  process.env[RUN_TMP] = root;
  return () => {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
    delete process.env[RUN_TMP];
    fs.rmSync(root, { recursive: true, force: true });
  };
}
