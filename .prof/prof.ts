import fs from 'node:fs';
import { createHost } from '../electron/host/host';
import { addMonthsClamped } from '../shared/dates';
import { signInAs, tempDir, testClock } from '../test/support/host';
import { BENCH_TODAY } from '../test/bench/seed';
import { importFile, IMPORT_ROWS } from '../test/bench/import';

const seedDir = process.argv[2] ?? '/tmp/imp16/seedM';
const copy = tempDir('imp16-prof-');
fs.cpSync(seedDir, copy, { recursive: true });
const clock = testClock(BENCH_TODAY);
const host = await createHost({ dataDir: copy, now: clock.now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' });
await signInAs(host, 'owner');
const existing = host.db.prepare<[], { name: string; card: string }>('SELECT name, card_no AS card FROM members WHERE card_no IS NOT NULL ORDER BY id LIMIT 50').all();
const content = Buffer.from(`\uFEFF${importFile(IMPORT_ROWS, existing)}`, 'utf8').toString('base64');
await host.invoke('reports.mrr', { from: addMonthsClamped(BENCH_TODAY, -36), to: BENCH_TODAY });
const main = () => { const f = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const time = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
  const m0 = main(); const c = process.cpuUsage(); const t = performance.now();
  const out = await f();
  const cu = process.cpuUsage(c);
  console.log(`${label}: wall ${(performance.now() - t).toFixed(0)} ms, cpu ${((cu.user + cu.system) / 1000).toFixed(0)} ms, main ${main() - m0} ms (sys ${(cu.system / 1000).toFixed(0)})`);
  return out;
};
import Database from 'better-sqlite3';
const acc = new Map<string, { n: number; ms: number }>();
let on = false;
const St = (Database as unknown as { prototype: unknown }) && (host.db.prepare('SELECT 1').constructor as unknown as { prototype: Record<string, (...a: unknown[]) => unknown> });
if (process.env.PROF_ST) for (const m of ['run', 'get', 'all']) {
  const orig = St.prototype[m]!;
  St.prototype[m] = function (this: { source: string }, ...a: unknown[]) {
    if (!on) return orig.apply(this, a);
    const t = performance.now();
    try { return orig.apply(this, a); } finally {
      const k = this.source.replace(/\s+/g, ' ').slice(0, 90);
      const e = acc.get(k) ?? { n: 0, ms: 0 }; e.n++; e.ms += performance.now() - t; acc.set(k, e);
    }
  };
}
const preview = await time('preview', () => host.invoke('members.importPreview', { content }));
if (process.env.PROF_SKIP_COMMIT) process.exit(0);
on = !!process.env.PROF_ST;
if (process.env.PROF_GROW) (await import('node:v8')).setFlagsFromString(`--heap-growing-percent=${process.env.PROF_GROW}`);
if (process.env.PROF_CACHE) host.db.pragma(`cache_size = ${process.env.PROF_CACHE}`);
if (process.env.PROF_TEMP) host.db.pragma(`temp_store = MEMORY`);
const done = await time('commit', () => host.invoke('members.importCommit', { token: preview.token, skip: [] }));
on = false;
for (const [k, v] of [...acc].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(v.ms.toFixed(0).padStart(6), String(v.n).padStart(6), k);
console.log(done.created, done.subscriptions);
if (process.env.PROF_SEARCH) {
  const qs = ['导入会员123', 'drhy', '1234', 'M0004567', '0456', 'huiyuan77', '139000', existing[3]!.name, existing[7]!.card];
  const ms: number[] = [];
  const m0 = main();
  for (let i = 0; i < 2000; i++) { const t = performance.now(); await host.invoke('members.search', { query: qs[i % qs.length]!, limit: 20 }); ms.push(performance.now() - t); }
  ms.sort((a, b) => a - b);
  console.log(`search after import: p50 ${ms[1000]!.toFixed(2)} p95 ${ms[1900]!.toFixed(2)} ms, main cpu ${main() - m0} ms for 2000`);
}
if (process.env.PROF_VERIFY) console.log(JSON.stringify(await host.invoke('audit.verify' as never, {} as never)).slice(0, 200));
host.close();
fs.rmSync(copy, { recursive: true, force: true });
