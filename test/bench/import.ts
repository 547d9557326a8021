/**
 * (9) Member import of 50,000 rows on a copy of the seeded file: the preview (the file read and
 * every row checked; a summary and the first page come back), the largest answer of the import
 * (the preview, or a page of rows), and the commit of every row that can come in (one
 * transaction), then the first report on a host opened after it. The rows: a membership on the seeded plan with its next billing date, one in
 * 50 with a bad birthday (an error), one in 100 a member already here (skipped).
 */
import fs from 'node:fs';
import { createHost } from '../../electron/host/host';
import { addDays, addMonthsClamped } from '../../shared/dates';
import { signInAs, tempDir, type TestClock } from '../support/host';
import { BENCH_DUE, BENCH_TODAY } from './seed';
import { single, type Figure } from './stats';

export const IMPORT_ROWS = 50_000;

/** The CSV a gym would bring: Chinese headers, a plan name, dates as Excel writes them. */
export function importFile(rows: number, existing: { name: string; card: string }[]): string {
  const out = ['姓名,手机号,会员卡号,生日,套餐,下次扣费日期,价格,备注'];
  for (let i = 1; i <= rows; i++) {
    const old = i % 100 === 0 ? existing[(i / 100) % existing.length] : undefined;
    if (old) {
      out.push(`${old.name},,${old.card},,Monthly,${addDays(BENCH_DUE, 5)},,`);
      continue;
    }
    const birthday = i % 50 === 0 ? '1990-13-45' : `19${70 + (i % 30)}/${1 + (i % 12)}/${1 + (i % 28)}`;
    const next = addDays(BENCH_DUE, i % 28);
    out.push(`导入会员${i},139${String(i).padStart(8, '0')},M${String(i).padStart(7, '0')},${birthday},Monthly,${next},199,第 ${i} 行`);
  }
  return out.join('\r\n');
}

const bytesOf = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

export async function benchImport(dataDir: string, clock: TestClock, at: string): Promise<Figure[]> {
  const copy = tempDir('subdesk-import-');
  fs.cpSync(dataDir, copy, { recursive: true });
  try {
    const host = await createHost({ dataDir: copy, now: clock.now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' });
    await signInAs(host, 'owner');
    const existing = host.db
      .prepare<[], { name: string; card: string }>('SELECT name, card_no AS card FROM members WHERE card_no IS NOT NULL ORDER BY id LIMIT 50')
      .all();
    const content = Buffer.from(`\uFEFF${importFile(IMPORT_ROWS, existing)}`, 'utf8').toString('base64');
    const rows = `${IMPORT_ROWS.toLocaleString('en')} rows`;
    // The reports read once before (their facts up to date whichever steps ran before this one).
    const range = { from: addMonthsClamped(BENCH_TODAY, -36), to: BENCH_TODAY };
    await host.invoke('reports.mrr', range);

    let t = performance.now();
    const preview = await host.invoke('members.importPreview', { content });
    const previewMs = performance.now() - t;
    let largest = bytesOf(preview);
    // Every page the screen could ask for, at the largest page size.
    for (let offset = 0; offset < preview.counts.total; offset += 500) {
      largest = Math.max(largest, bytesOf(await host.invoke('members.importRows', { token: preview.token, offset, limit: 500 })));
    }
    t = performance.now();
    const done = await host.invoke('members.importCommit', { token: preview.token, skip: [] });
    const commitMs = performance.now() - t;
    // The first report after it, on a host just opened (nothing in memory): every imported member is dirty.
    host.close();
    const again = await createHost({ dataDir: copy, now: clock.now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' });
    await signInAs(again, 'owner');
    const changed = again.db.prepare<[], number>('SELECT COUNT(*) FROM report_dirty_members').pluck().get() ?? 0;
    t = performance.now();
    await again.invoke('reports.mrr', range);
    const reportMs = performance.now() - t;
    again.close();
    const note = `${preview.counts.valid} new, ${preview.counts.existing} already here, ${preview.counts.invalid} with errors`;
    if (done.created !== preview.counts.valid) throw new Error(`import created ${done.created}, previewed ${preview.counts.valid}`);
    return [
      single(`member import ${rows}: preview`, at, previewMs, 'ms', 2000, note),
      single(`member import ${rows}: largest answer`, at, largest / 2 ** 20, 'MB', 1, 'preview or a page of 500 rows'),
      single(`member import ${rows}: commit`, at, commitMs, 'ms', 3000, `${done.created} members, ${done.subscriptions} memberships`),
      single(`report first call after the import (${changed.toLocaleString('en')} members changed)`, at, reportMs, 'ms', 1000, 'reports.mrr over 3 years, host just opened'),
    ];
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

