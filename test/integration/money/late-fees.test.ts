/**
 * Late fees: all the fees a payer owes on a day are lines of one invoice, charged by the billing run
 * (and so shown by its preview), once per overdue invoice ever, one fee invoice per payer per day.
 * Settings: fee 50.00 once an invoice is more than 7 days past due; payment terms 7 days.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TestHost } from '../../support/host';
import { invoice, member, moneyHost } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

async function lateFeeHost(): Promise<TestHost> {
  const t = await moneyHost('2026-03-02');
  await t.host.invoke('settings.update', { lateFee: 5000, lateFeeAfterDays: 7 });
  return t;
}

/** The fee invoices with their lines as [description, gross, member], and the late_fees record. */
function feeInvoices(t: TestHost) {
  const lines = t.host.db
    .prepare<[], { number: string; payer_id: number; issue_date: string; due_date: string; total: number; description: string; gross: number; member_id: number; run_id: number | null }>(
      `SELECT i.number, i.payer_id, i.issue_date, i.due_date, i.total, l.description, l.gross, l.member_id, i.run_id
         FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
        WHERE l.kind = 'late_fee' ORDER BY i.id, l.position`,
    )
    .all();
  const out = new Map<string, { payerId: number; issueDate: string; dueDate: string; total: number; fromRun: boolean; lines: [string, number, number][] }>();
  for (const l of lines) {
    const inv = out.get(l.number) ?? { payerId: l.payer_id, issueDate: l.issue_date, dueDate: l.due_date, total: l.total, fromRun: l.run_id !== null, lines: [] };
    inv.lines.push([l.description, l.gross, l.member_id]);
    out.set(l.number, inv);
  }
  return Object.fromEntries(out);
}

const feeRecords = (t: TestHost) =>
  t.host.db
    .prepare<[], { invoice: string; fee: string; amount: number; date: string }>(
      `SELECT o.number AS invoice, i.number AS fee, f.amount, f.date FROM late_fees f
         JOIN invoices o ON o.id = f.invoice_id JOIN invoices i ON i.id = f.fee_invoice_id ORDER BY o.id`,
    )
    .all();

describe('late fees: one invoice per payer per day', () => {
  it('three overdue invoices of one payer are three lines of one invoice; two payers, two invoices; the preview shows what the run writes', async () => {
    th = await lateFeeHost();
    const parent = member(th.host, '张伟');
    const ming = member(th.host, '张小明', { payerId: parent });
    const hong = member(th.host, '张小红', { payerId: parent });
    const li = member(th.host, '李雷');
    const paid = member(th.host, '王芳');
    invoice(th, parent, 20000, undefined, [ming]); // INV-2026-00001, due 03-09
    invoice(th, parent, 15000, undefined, [hong]); // INV-2026-00002, due 03-09
    invoice(th, paid, 5000); // INV-2026-00003, due 03-09, paid below
    await th.host.invoke('payments.record', { payerId: paid, method: 'cash', amount: 5000 });
    th.clock.setDate('2026-03-03');
    invoice(th, li, 10000); // INV-2026-00004, due 03-10
    th.clock.setDate('2026-03-05');
    invoice(th, parent, 8000); // INV-2026-00005, due 03-12, the parent's own
    await th.host.invoke('payments.record', { payerId: parent, method: 'cash', amount: 3000 }); // part of INV-00001: still owing

    // 03-19: INV-00005 is exactly 7 days past due, not more; the others are 9 and 10 days past due.
    th.clock.setDate('2026-03-19');
    const preview19 = await th.host.invoke('billing.preview', { asOf: '2026-03-19' });
    expect(preview19.lateFees).toEqual({ invoices: 2, fees: 3, total: 15000 });

    // 03-20: all four unpaid invoices are more than 7 days past due (11, 11, 10 and 8 days).
    th.clock.setDate('2026-03-20');
    const preview = await th.host.invoke('billing.preview', { asOf: '2026-03-20' });
    expect(preview.lateFees).toEqual({ invoices: 2, fees: 4, total: 20000 });
    expect({ count: preview.count, total: preview.total }).toEqual({ count: 2, total: 20000 });
    expect(preview.invoices.map((i) => [i.payerName, i.issueDate, i.dueDate, i.total, i.lines.map((l) => [l.kind, l.description, l.gross, l.taxRateBp])])).toEqual([
      [
        '张伟',
        '2026-03-20',
        '2026-03-27',
        15000,
        [
          ['late_fee', 'Late fee – INV-2026-00001 (张小明)', 5000, 0],
          ['late_fee', 'Late fee – INV-2026-00002 (张小红)', 5000, 0],
          ['late_fee', 'Late fee – INV-2026-00005 (张伟)', 5000, 0],
        ],
      ],
      ['李雷', '2026-03-20', '2026-03-27', 5000, [['late_fee', 'Late fee – INV-2026-00004 (李雷)', 5000, 0]]],
    ]);
    expect(feeInvoices(th)).toEqual({}); // the preview saved nothing

    const run = await th.host.invoke('billing.run', {});
    expect(run).toMatchObject({ status: 'ok', invoicesCreated: 2, amountTotal: 20000 });
    expect(feeInvoices(th)).toEqual({
      'INV-2026-00006': {
        payerId: parent,
        issueDate: '2026-03-20',
        dueDate: '2026-03-27',
        total: 15000,
        fromRun: true,
        lines: [
          ['Late fee – INV-2026-00001 (张小明)', 5000, ming],
          ['Late fee – INV-2026-00002 (张小红)', 5000, hong],
          ['Late fee – INV-2026-00005 (张伟)', 5000, parent],
        ],
      },
      'INV-2026-00007': { payerId: li, issueDate: '2026-03-20', dueDate: '2026-03-27', total: 5000, fromRun: true, lines: [['Late fee – INV-2026-00004 (李雷)', 5000, li]] },
    });
    expect(feeRecords(th)).toEqual([
      { invoice: 'INV-2026-00001', fee: 'INV-2026-00006', amount: 5000, date: '2026-03-20' },
      { invoice: 'INV-2026-00002', fee: 'INV-2026-00006', amount: 5000, date: '2026-03-20' },
      { invoice: 'INV-2026-00004', fee: 'INV-2026-00007', amount: 5000, date: '2026-03-20' },
      { invoice: 'INV-2026-00005', fee: 'INV-2026-00006', amount: 5000, date: '2026-03-20' },
    ]);
    // 20000 − 3000 + 15000 + 8000 + 15000 of fees
    expect(await th.host.invoke('payments.payer', { memberId: parent })).toMatchObject({ due: 55000 });

    // Billing again (by hand, the hourly run, a restart) creates nothing, and the preview says so.
    expect(await th.host.invoke('billing.run', {})).toMatchObject({ status: 'ok', invoicesCreated: 0, amountTotal: 0 });
    th.clock.set('2026-03-20T05:00:00.000Z');
    await th.host.scheduler.tick();
    await th.reopen();
    expect((await th.host.invoke('billing.preview', { asOf: '2026-03-20' })).lateFees).toEqual({ invoices: 0, fees: 0, total: 0 });
    expect(Object.keys(feeInvoices(th))).toEqual(['INV-2026-00006', 'INV-2026-00007']);

    // Weeks later nothing is charged again: not the same invoices, not the fee invoices (due 03-27).
    th.clock.setDate('2026-04-20');
    await th.host.scheduler.tick();
    expect(Object.keys(feeInvoices(th))).toEqual(['INV-2026-00006', 'INV-2026-00007']);
    expect(feeRecords(th)).toHaveLength(4);
  });

  it('a payer charged today gets no second fee invoice today; the newly overdue invoice waits for tomorrow', async () => {
    th = await lateFeeHost();
    const payer = member(th.host, '赵六');
    invoice(th, payer, 10000); // INV-2026-00001, due 03-09
    th.clock.setDate('2026-03-17');
    await th.host.invoke('billing.run', {}); // INV-2026-00002: the fee for 00001
    invoice(th, payer, 6000, '2026-03-01'); // INV-2026-00003, back-dated, due 03-08: overdue already
    expect((await th.host.invoke('billing.preview', { asOf: '2026-03-17' })).lateFees).toEqual({ invoices: 0, fees: 0, total: 0 });
    expect(await th.host.invoke('billing.run', {})).toMatchObject({ invoicesCreated: 0 });
    expect(feeRecords(th)).toEqual([{ invoice: 'INV-2026-00001', fee: 'INV-2026-00002', amount: 5000, date: '2026-03-17' }]);
    th.clock.setDate('2026-03-18');
    await th.host.scheduler.tick(); // the run after midnight
    expect(feeRecords(th)).toEqual([
      { invoice: 'INV-2026-00001', fee: 'INV-2026-00002', amount: 5000, date: '2026-03-17' },
      { invoice: 'INV-2026-00003', fee: 'INV-2026-00004', amount: 5000, date: '2026-03-18' },
    ]);
  });

  it('a line for an invoice of several members names them all, in the business language, and is the payer’s', async () => {
    th = await lateFeeHost();
    await th.host.invoke('settings.setLocale', { locale: 'zh-CN' });
    const parent = member(th.host, '张伟');
    const ming = member(th.host, '张小明', { payerId: parent });
    const hong = member(th.host, '张小红', { payerId: parent });
    invoice(th, parent, 30000, undefined, [ming, hong]); // INV-2026-00001, due 03-09
    th.clock.setDate('2026-03-17');
    await th.host.invoke('billing.run', {});
    expect(feeInvoices(th)).toEqual({
      'INV-2026-00002': { payerId: parent, issueDate: '2026-03-17', dueDate: '2026-03-24', total: 5000, fromRun: true, lines: [['滞纳金 – INV-2026-00001（张小明、张小红）', 5000, parent]] },
    });
  });

  it('no fees while switched off (0) or while today is closed; a held catch-up charges none either', async () => {
    th = await moneyHost('2026-03-02');
    const payer = member(th.host, 'Li');
    invoice(th, payer, 1000); // due 03-09
    th.clock.setDate('2026-04-01');
    await th.host.invoke('billing.run', {});
    expect(feeRecords(th)).toEqual([]);
    await th.host.invoke('settings.update', { lateFee: 2000 });
    await th.host.invoke('closeout.close', { date: '2026-04-01', countedCash: 0 });
    expect((await th.host.invoke('billing.preview', { asOf: '2026-04-01' })).lateFees).toEqual({ invoices: 0, fees: 0, total: 0 });
    await th.host.invoke('billing.run', {});
    expect(feeRecords(th)).toEqual([]);
    // The clock jumps a year ahead: the run is held for the owner, and charges no fee either.
    await th.host.invoke('settings.update', { catchUpMaxDays: 30 });
    th.clock.setDate('2027-04-02');
    expect(await th.host.invoke('billing.run', {})).toMatchObject({ status: 'held' });
    expect(feeRecords(th)).toEqual([]);
  });
});
