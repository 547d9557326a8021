/**
 * The worker threads behind the whole-file checks and the backup copy: a finished worker serves the next
 * task (a backup's copy, then its check), a busy one is never shared, a failed task leaves it usable, and
 * a kept worker works again for a process that waits on nothing else.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkInWorker, copyInWorker, workerCounts } from '../../../electron/ops/backup/check-worker';
import { makeHost, tempDir, type TestHost } from '../../support/host';

let th: TestHost | undefined;
afterEach(() => th?.close());

async function liveFile(): Promise<string> {
  th = await makeHost({ setup: true });
  await th.host.invoke('members.create', { name: '王芳', phone: '13600003333' });
  return path.join(th.dataDir, 'subdesk.sqlite');
}

describe('check worker threads', () => {
  it('one thread serves a check, a copy and the copy’s check in turn', async () => {
    const file = await liveFile();
    expect(await checkInWorker(file, 'quick_check')).toEqual({ result: 'ok', error: null });
    const before = workerCounts();
    expect(before.idle).toBeGreaterThanOrEqual(1);
    const target = path.join(tempDir(), 'copy.sqlite');
    const extras = { settingsJson: '{"businessName":"Sunrise"}', snapshotKey: 'settings.snapshot', pendingKey: 'restore.pending' };
    expect(await copyInWorker(file, target, extras)).toEqual({ result: 'ok', error: null });
    expect(await checkInWorker(target, 'integrity_check')).toEqual({ result: 'ok', error: null });
    expect(workerCounts().started).toBe(before.started);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT name FROM members').pluck().all()).toEqual(['王芳']);
    expect(copy.prepare("SELECT value FROM meta WHERE key = 'settings.snapshot'").pluck().get()).toBe('{"businessName":"Sunrise"}');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
  });

  it('tasks at the same time each get a thread of their own, and every one answers', async () => {
    const file = await liveFile();
    await checkInWorker(file, 'quick_check');
    const before = workerCounts();
    const results = await Promise.all([1, 2, 3, 4].map(() => checkInWorker(file, 'integrity_check')));
    expect(results).toEqual(Array(4).fill({ result: 'ok', error: null }));
    // Only the idle threads can be reused: the others are started.
    expect(workerCounts().started - before.started).toBe(Math.max(0, 4 - before.idle));
    expect(workerCounts().idle).toBeGreaterThanOrEqual(4);
  });

  it('a task that fails answers its error, and the same thread serves the next one', async () => {
    const file = await liveFile();
    await checkInWorker(file, 'quick_check');
    const before = workerCounts();
    const missing = await checkInWorker(path.join(tempDir(), 'none', 'subdesk.sqlite'), 'quick_check');
    expect(missing.result).toBeNull();
    expect(missing.error?.message).toMatch(/directory does not exist/);
    const notADatabase = path.join(tempDir(), 'notes.sqlite');
    fs.writeFileSync(notADatabase, 'not a database, just words'.repeat(200));
    expect((await checkInWorker(notADatabase, 'quick_check')).error?.code).toBe('SQLITE_NOTADB');
    expect(await checkInWorker(file, 'quick_check')).toEqual({ result: 'ok', error: null });
    expect(workerCounts().started).toBe(before.started);
  });

  it('a process waiting only on a kept thread’s second task stays open until it answers', () => {
    const dir = tempDir();
    const file = path.join(dir, 'data.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);');
    db.close();
    const script = path.join(dir, 'second-task.mts');
    const module = path.resolve('electron/ops/backup/check-worker.ts');
    fs.writeFileSync(
      script,
      `import { checkInWorker, workerCounts } from ${JSON.stringify(module)};
const first = await checkInWorker(${JSON.stringify(file)}, 'quick_check');
console.log(JSON.stringify(first));
// Nothing else keeps this process alive: the idle thread must be held open again while it works.
setImmediate(() => void checkInWorker(${JSON.stringify(file)}, 'integrity_check').then((r) => console.log(JSON.stringify({ ...r, ...workerCounts() }))));
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { result: 'ok', error: null },
      { result: 'ok', error: null, started: 1, idle: 1 },
    ]);
  });
});
