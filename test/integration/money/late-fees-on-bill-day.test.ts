/**
 * A payer's late fees due on a day the run bills their periods go on that day's invoice: one invoice per
 * payer per billing date. A payer with no period that day gets an invoice of fees alone, which never earns
 * a fee; an invoice that carried fees with its periods earns one like any period invoice.
 * Settings: fee 50.00 once an invoice is more than 23 days past due; payment terms 7 days; so a card sold
 * on 03-02 (due 03-09) takes its fee on 04-02, the day its second month is billed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import type { TestHost } from '../../support/host';
import { deskHost, member, monthly, pack, sell } from '../desk/fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

/** Every invoice after `afterId`: number, payer, dates, total and its lines as [kind, description, gross, member]. */
function invoicesAfter(h: Host, afterId: number) {
  const rows = h.db
    .prepare<[number], { id: number; number: string; payer_id: number; issue_date: string; due_date: string; total: number; kind: string; description: string; gross: number; member_id: number | null }>(
      `SELECT i.id, i.number, i.payer_id, i.issue_date, i.due_date, i.total, l.kind, l.description, l.gross, l.member_id
         FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.id > ? ORDER BY i.id, l.position`,
    )
    .all(afterId);
  const out: { number: string; payerId: number; issueDate: string; dueDate: string; total: number; lines: [string, string, number, number | null][] }[] = [];
  for (const r of rows) {
    let inv = out.find((i) => i.number === r.number);
    if (!inv) out.push((inv = { number: r.number, payerId: r.payer_id, issueDate: r.issue_date, dueDate: r.due_date, total: r.total, lines: [] }));
    inv.lines.push([r.kind, r.description, r.gross, r.member_id]);
  }
  return out;
}

const lastInvoiceId = (h: Host) => (h.db.prepare('SELECT COALESCE(MAX(id), 0) FROM invoices').pluck().get() as number);
const feeRecords = (h: Host) =>
  h.db
    .prepare(`SELECT o.number AS invoice, i.number AS fee, f.date FROM late_fees f JOIN invoices o ON o.id = f.invoice_id JOIN invoices i ON i.id = f.fee_invoice_id ORDER BY o.id`)
    .all();

describe('late fees on the day the run bills the payer', () => {
  it('ride on the period invoice; a payer with no period gets fees alone; the carried invoice earns its own fee later', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    await h.invoke('settings.update', { lateFee: 5000, lateFeeAfterDays: 23, paymentTermsDays: 7 });
    const card = await monthly(h, { name: 'Monthly', price: 30000 });
    const classes = await pack(h, { name: '10 classes' }); // ¥800.00
    const chen = await member(h, '陈晨');
    const li = await member(h, '李雷');
    await sell(h, chen.id, card.id); // INV-2026-00001, 03-02, due 03-09
    await h.invoke('packs.sell', { memberId: li.id, planId: classes.id }); // INV-2026-00002, 03-02, due 03-09

    // 04-01: 23 days past due, not more: nothing to bill, no fee.
    th.clock.setDate('2026-04-01');
    expect(await h.invoke('billing.run', {})).toMatchObject({ status: 'ok', invoicesCreated: 0, amountTotal: 0 });

    // 04-02: 陈晨's second month and the fee on one invoice; 李雷's fee on an invoice of its own.
    th.clock.setDate('2026-04-02');
    const preview = await h.invoke('billing.preview', { asOf: '2026-04-02' });
    expect({ count: preview.count, total: preview.total, lateFees: preview.lateFees }).toEqual({
      count: 2,
      total: 40000,
      lateFees: { invoices: 2, fees: 2, total: 10000 },
    });
    const before = lastInvoiceId(h);
    expect(await h.invoke('billing.run', {})).toMatchObject({ status: 'ok', invoicesCreated: 2, amountTotal: 40000 });
    expect(invoicesAfter(h, before)).toEqual([
      {
        number: 'INV-2026-00003', payerId: chen.id, issueDate: '2026-04-02', dueDate: '2026-04-09', total: 35000,
        lines: [
          ['period', 'Monthly', 30000, chen.id],
          ['late_fee', 'Late fee – INV-2026-00001 (陈晨)', 5000, chen.id],
        ],
      },
      {
        number: 'INV-2026-00004', payerId: li.id, issueDate: '2026-04-02', dueDate: '2026-04-09', total: 5000,
        lines: [['late_fee', 'Late fee – INV-2026-00002 (李雷)', 5000, li.id]],
      },
    ]);
    expect(feeRecords(h)).toEqual([
      { invoice: 'INV-2026-00001', fee: 'INV-2026-00003', date: '2026-04-02' },
      { invoice: 'INV-2026-00002', fee: 'INV-2026-00004', date: '2026-04-02' },
    ]);
    // Billing again that day creates nothing.
    expect(await h.invoke('billing.run', {})).toMatchObject({ invoicesCreated: 0, amountTotal: 0 });
    expect((await h.invoke('billing.preview', { asOf: '2026-04-02' })).lateFees).toEqual({ invoices: 0, fees: 0, total: 0 });

    // 05-02: the third month alone (INV-00003 is 23 days past due, not more).
    th.clock.setDate('2026-05-02');
    const may2 = lastInvoiceId(h);
    expect(await h.invoke('billing.run', {})).toMatchObject({ invoicesCreated: 1, amountTotal: 30000 });
    expect(invoicesAfter(h, may2).map((i) => [i.number, i.lines.map((l) => l[0])])).toEqual([['INV-2026-00005', ['period']]]);

    // 05-03: INV-00003 (a month with a fee on it) earns its fee; 李雷's invoice of fees alone earns none.
    th.clock.setDate('2026-05-03');
    const may3 = lastInvoiceId(h);
    expect(await h.invoke('billing.run', {})).toMatchObject({ invoicesCreated: 1, amountTotal: 5000 });
    expect(invoicesAfter(h, may3)).toEqual([
      {
        number: 'INV-2026-00006', payerId: chen.id, issueDate: '2026-05-03', dueDate: '2026-05-10', total: 5000,
        lines: [['late_fee', 'Late fee – INV-2026-00003 (陈晨)', 5000, chen.id]],
      },
    ]);
    expect(await h.invoke('billing.run', {})).toMatchObject({ invoicesCreated: 0 });
    // 陈晨 owes 300 + 350 + 300 + 50; 李雷 800 + 50.
    expect(await h.invoke('payments.payer', { memberId: chen.id })).toMatchObject({ due: 100000 });
    expect(await h.invoke('payments.payer', { memberId: li.id })).toMatchObject({ due: 85000 });
  });

  it('a catch-up charges the fees as of the run’s own day only, on the payer’s invoice of that day if there is one', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    // No catch-up limits: the run bills the missed days at once.
    await h.invoke('settings.update', { lateFee: 5000, lateFeeAfterDays: 23, paymentTermsDays: 7, catchUpMaxDays: 3660, catchUpMaxInvoices: 0 });
    const card = await monthly(h, { name: 'Monthly', price: 30000 });
    const chen = await member(h, '陈晨');
    await sell(h, chen.id, card.id); // INV-2026-00001, due 03-09

    // The PC was off from 03-02 to 05-03: the catch-up bills 04-02 and 05-02; the fees are charged as of 05-03
    // only, a day with no period of 陈晨's, so they have an invoice of their own (INV-00002, dated 04-02 and due
    // 04-09, is 24 days past due on 05-03 too).
    th.clock.setDate('2026-05-03');
    const before = lastInvoiceId(h);
    expect(await h.invoke('billing.run', {})).toMatchObject({ status: 'ok', invoicesCreated: 3, amountTotal: 70000 });
    expect(invoicesAfter(h, before).map((i) => [i.number, i.issueDate, i.lines.map((l) => [l[0], l[1], l[2]])])).toEqual([
      ['INV-2026-00002', '2026-04-02', [['period', 'Monthly', 30000]]],
      ['INV-2026-00003', '2026-05-02', [['period', 'Monthly', 30000]]],
      ['INV-2026-00004', '2026-05-03', [['late_fee', 'Late fee – INV-2026-00001 (陈晨)', 5000], ['late_fee', 'Late fee – INV-2026-00002 (陈晨)', 5000]]],
    ]);
    expect(feeRecords(h)).toEqual([
      { invoice: 'INV-2026-00001', fee: 'INV-2026-00004', date: '2026-05-03' },
      { invoice: 'INV-2026-00002', fee: 'INV-2026-00004', date: '2026-05-03' },
    ]);

    // Had the PC come back on 05-02 instead, the fee (due since 04-02) rides on that day's month; INV-00002 is
    // 23 days past due that day, not more.
    th.close();
    th = await deskHost('2026-03-02');
    const h2 = th.host;
    await h2.invoke('settings.update', { lateFee: 5000, lateFeeAfterDays: 23, paymentTermsDays: 7, catchUpMaxDays: 3660, catchUpMaxInvoices: 0 });
    const card2 = await monthly(h2, { name: 'Monthly', price: 30000 });
    const chen2 = await member(h2, '陈晨');
    await sell(h2, chen2.id, card2.id);
    th.clock.setDate('2026-05-02');
    expect(await h2.invoke('billing.run', {})).toMatchObject({ status: 'ok', invoicesCreated: 2, amountTotal: 65000 });
    expect(invoicesAfter(h2, 1).map((i) => [i.number, i.issueDate, i.lines.map((l) => [l[0], l[1], l[2]])])).toEqual([
      ['INV-2026-00002', '2026-04-02', [['period', 'Monthly', 30000]]],
      ['INV-2026-00003', '2026-05-02', [['period', 'Monthly', 30000], ['late_fee', 'Late fee – INV-2026-00001 (陈晨)', 5000]]],
    ]);
    expect(await h2.invoke('billing.run', {})).toMatchObject({ invoicesCreated: 0 });
  });

  it('a catch-up’s own overdue invoice takes its fee on the run day’s invoice, not on a second one', async () => {
    th = await deskHost('2026-01-05');
    const h = th.host;
    await h.invoke('settings.update', { lateFee: 5000, lateFeeAfterDays: 7, paymentTermsDays: 7, catchUpMaxDays: 3660, catchUpMaxInvoices: 0 });
    const card = await monthly(h, { name: 'Gym', price: 30000 });
    const ann = await member(h, 'Ann');
    const sale = await sell(h, ann.id, card.id);
    await h.invoke('payments.record', { payerId: ann.id, method: 'cash', amount: sale.invoices[0]!.total });
    // The PC was off from 01-05 to 03-05: INV-00002 (02-05, due 02-12) is billed by the catch-up and is 21 days
    // past due on the run's own day.
    th.clock.setDate('2026-03-05');
    const preview = await h.invoke('billing.preview', { asOf: '2026-03-05' });
    expect(preview.invoices.map((i) => [i.issueDate, i.total, i.lines.map((l) => [l.kind, l.description, l.gross])])).toEqual([
      ['2026-02-05', 30000, [['period', 'Gym', 30000]]],
      ['2026-03-05', 35000, [['period', 'Gym', 30000], ['late_fee', 'Late fee – INV-2026-00002 (Ann)', 5000]]],
    ]);
    const before = lastInvoiceId(h);
    expect(await h.invoke('billing.run', {})).toMatchObject({ status: 'ok', invoicesCreated: 2, amountTotal: 65000 });
    expect(invoicesAfter(h, before).map((i) => [i.number, i.issueDate, i.total])).toEqual([
      ['INV-2026-00002', '2026-02-05', 30000],
      ['INV-2026-00003', '2026-03-05', 35000],
    ]);
    expect(feeRecords(h)).toEqual([{ invoice: 'INV-2026-00002', fee: 'INV-2026-00003', date: '2026-03-05' }]);
    expect(await h.invoke('billing.run', {})).toMatchObject({ invoicesCreated: 0 });
  });
});
