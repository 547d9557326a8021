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

export default function setup(): () => void {
  // Once per run: a second call (another project of the same run) keeps the first one's folder.
  if (process.env[RUN_TMP]) return () => undefined;
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const root = fs.mkdtempSync(path.join(base, 'subdesk-run-'));
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
