import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import Database from 'better-sqlite3';
import { createHost } from '../../electron/host/host';
import { signInAs, tempDir, testClock } from '../support/host';
import { importFile } from './import';
import { BENCH_TODAY } from './seed';

const times = new Map<string, [number, number]>();
let timing = false;
const origPrepare = (Database.prototype as any).prepare;
(Database.prototype as any).prepare = function (sql: string) {
  const st = origPrepare.call(this, sql);
  const key = sql.replace(/\s+/g, ' ').slice(0, 60);
  for (const m of ['run', 'all', 'get']) {
    const f = st[m].bind(st);
    st[m] = (...a: unknown[]) => { if (!timing) return f(...a); const t0 = performance.now(); try { return f(...a); } finally { const e = times.get(key) ?? [0, 0]; e[0] += performance.now() - t0; e[1]++; times.set(key, e); } };
  }
  return st;
};
const origExec = (Database.prototype as any).exec;
(Database.prototype as any).exec = function (sql: string) { if (!timing) return origExec.call(this, sql); const t0 = performance.now(); try { return origExec.call(this, sql); } finally { const key = 'EXEC ' + sql.slice(0, 50); const e = times.get(key) ?? [0, 0]; e[0] += performance.now() - t0; e[1]++; times.set(key, e); } };
const copy = tempDir('prof-import-');
fs.cpSync('/tmp/seedM', copy, { recursive: true });
const clock = testClock(BENCH_TODAY);
const host = await createHost({ dataDir: copy, now: clock.now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' });
await signInAs(host, 'owner');
const existing = host.db.prepare<[], { name: string; card: string }>('SELECT name, card_no AS card FROM members WHERE card_no IS NOT NULL ORDER BY id LIMIT 50').all();
const content = Buffer.from(`\uFEFF${importFile(50_000, existing)}`, 'utf8').toString('base64');
let t = performance.now();
const preview = await host.invoke('members.importPreview', { content });
console.log('preview', (performance.now() - t).toFixed(0));
const s = new inspector.Session();
s.connect();
const prof = process.env.PROF === '1';
if (prof) { await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 200 }); await s.post('Profiler.start'); }
timing = process.env.SQLT === '1';
const cpu0 = process.cpuUsage();
t = performance.now();
await host.invoke('members.importCommit', { token: preview.token, skip: [] });
const wall = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
console.log('commit', wall.toFixed(0), 'cpu(all threads)', ((cpu.user + cpu.system) / 1000).toFixed(0));
timing = false;
for (const [k, [ms, n]] of [...times].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25)) console.log(ms.toFixed(0).padStart(6), String(n).padStart(6), k);
if (prof) { const { profile } = await s.post('Profiler.stop'); fs.writeFileSync('/work/prof/commit.cpuprofile', JSON.stringify(profile)); }
host.close();
fs.rmSync(copy, { recursive: true, force: true });
