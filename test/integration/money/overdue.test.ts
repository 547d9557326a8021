import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { invoice, member, moneyHost } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('overdue follow-up', () => {
  it('lists payers with overdue balances, oldest debt first, with days overdue, amount, phone and the last note', async () => {
    th = await moneyHost('2026-03-01');
    const old = member(th.host, '张三', { phone: '13800000001' });
    const recent = member(th.host, 'Li Lei', { phone: '13900000002' });
    const paidUp = member(th.host, 'Paid Up');
    invoice(th, old, 20000); // due 03-08
    invoice(th, paidUp, 5000);
    await th.host.invoke('payments.record', { payerId: paidUp, method: 'cash', amount: 5000 });
    th.clock.setDate('2026-03-05');
    invoice(th, recent, 8000); // due 03-12
    await th.host.invoke('payments.record', { payerId: recent, method: 'cash', amount: 3000 });
    invoice(th, old, 7000); // due 03-12

    th.clock.setDate('2026-03-10');
    expect((await th.host.invoke('followups.overdue', {})).map((p) => [p.payerName, p.overdue, p.daysOverdue])).toEqual([['张三', 20000, 2]]);

    th.clock.setDate('2026-03-24');
    const list = await th.host.invoke('followups.overdue', {});
    expect(list).toEqual([
      { payerId: old, payerName: '张三', phone: '13800000001', overdue: 27000, due: 27000, invoices: 2, oldestDueDate: '2026-03-08', daysOverdue: 16, blocked: true, lastFollowUp: null },
      { payerId: recent, payerName: 'Li Lei', phone: '13900000002', overdue: 5000, due: 5000, invoices: 1, oldestDueDate: '2026-03-12', daysOverdue: 12, blocked: false, lastFollowUp: null },
    ]);
  });

  it('logs calls, messages and promises with staff and time; the list shows the last one', async () => {
    th = await moneyHost('2026-03-01');
    const payer = member(th.host, '王芳', { phone: '13700000003' });
    invoice(th, payer, 10000);
    th.clock.set('2026-03-20T02:15:00.000Z');
    const called = await th.host.invoke('followups.log', { payerId: payer, kind: 'called', note: 'No answer' });
    expect(called).toEqual({ id: 1, payerId: payer, kind: 'called', promisedDate: null, note: 'No answer', staffName: 'Owner', date: '2026-03-20', at: '2026-03-20T02:15:00.000Z' });
    th.clock.set('2026-03-20T06:00:00.000Z');
    const promised = await th.host.invoke('followups.log', { payerId: payer, kind: 'promised', promisedDate: '2026-03-25', note: '周三来付' });
    expect((await th.host.invoke('followups.overdue', {}))[0]!.lastFollowUp).toEqual(promised);
    expect((await th.host.invoke('followups.history', { payerId: payer })).map((f) => f.kind)).toEqual(['promised', 'called']);

    const before = databaseHash(th.host.db);
    const noDate = await failure(th.host.invoke('followups.log', { payerId: payer, kind: 'promised', note: '' }));
    expect(noDate.details?.['issues']).toEqual([expect.objectContaining({ path: 'promisedDate', message: 'promise_date' })]);
    const dateOnCall = await failure(th.host.invoke('followups.log', { payerId: payer, kind: 'called', promisedDate: '2026-03-25' }));
    expect(dateOnCall.details?.['issues']).toEqual([expect.objectContaining({ path: 'promisedDate', message: 'promise_date' })]);
    expect(await failure(th.host.invoke('followups.log', { payerId: payer, kind: 'promised', promisedDate: '2026-03-19' }))).toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
    });
    expect(await failure(th.host.invoke('followups.log', { payerId: 999, kind: 'message' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(databaseHash(th.host.db)).toBe(before);
  });
});

describe('late fees', () => {
  async function lateFeeHost() {
    const t = await moneyHost('2026-03-02');
    await t.host.invoke('settings.update', { lateFee: 5000, lateFeeAfterDays: 7 });
    return t;
  }
  const fees = (t: TestHost) =>
    t.host.db
      .prepare<[], { invoice_id: number; fee_number: string; amount: number; date: string }>(
        `SELECT f.invoice_id, i.number AS fee_number, f.amount, f.date FROM late_fees f JOIN invoices i ON i.id = f.fee_invoice_id ORDER BY f.invoice_id`,
      )
      .all();

  it('bills the fee once per invoice, more than lateFeeAfterDays past due, however often the job runs', async () => {
    th = await lateFeeHost();
    const payer = member(th.host, '张三');
    const inv = invoice(th, payer, 20000); // due 2026-03-09

    th.clock.setDate('2026-03-16'); // 7 days past due: not yet
    await th.host.scheduler.tick();
    expect(fees(th)).toEqual([]);

    th.clock.setDate('2026-03-17'); // 8 days past due
    await th.host.scheduler.tick();
    th.clock.set('2026-03-17T03:00:00.000Z');
    await th.host.scheduler.tick(); // the hourly run
    await th.reopen(); // and the start-up run
    th.clock.setDate('2026-03-18');
    await th.host.scheduler.tick();
    expect(fees(th)).toEqual([{ invoice_id: inv.id, fee_number: 'INV-2026-00002', amount: 5000, date: '2026-03-17' }]);
    const fee = await th.host.invoke('invoices.get', { id: 2 });
    expect(fee).toMatchObject({ payerId: payer, issueDate: '2026-03-17', dueDate: '2026-03-24', total: 5000, status: 'open' });
    expect(fee.lines.map((l) => [l.kind, l.description, l.gross, l.taxRateBp])).toEqual([['late_fee', 'Late fee – INV-2026-00001 (张三)', 5000, 0]]);
    expect(th.host.db.prepare('SELECT late_fee_invoiced AS f FROM invoices WHERE id = ?').get(inv.id)).toEqual({ f: 1 });

    // The fee invoice itself earns no fee, however late.
    th.clock.setDate('2026-05-01');
    await th.host.scheduler.tick();
    expect(fees(th)).toHaveLength(1);
    expect(await th.host.invoke('payments.payer', { memberId: payer })).toMatchObject({ due: 25000 });
    // The flag is never cleared to bill it again.
    expect(() => th!.host.db.prepare('UPDATE invoices SET late_fee_invoiced = 0 WHERE id = ?').run(inv.id)).toThrow(/LATE_FEE_ONCE/);
  });

  it('is off at 0, skips paid invoices, and waits while today is closed', async () => {
    th = await moneyHost('2026-03-02');
    const payer = member(th.host, 'Li');
    const paid = member(th.host, 'Paid');
    invoice(th, payer, 1000);
    invoice(th, paid, 1000);
    await th.host.invoke('payments.record', { payerId: paid, method: 'cash', amount: 1000 });
    th.clock.setDate('2026-04-01');
    await th.host.scheduler.tick();
    expect(fees(th)).toEqual([]);

    await th.host.invoke('settings.update', { lateFee: 2000 });
    await th.host.invoke('closeout.close', { date: '2026-04-01', countedCash: 0 });
    th.clock.set('2026-04-01T05:00:00.000Z');
    await th.host.scheduler.tick();
    expect(fees(th)).toEqual([]);
    th.clock.setDate('2026-04-02');
    await th.host.scheduler.tick();
    expect(fees(th)).toEqual([{ invoice_id: 1, fee_number: 'INV-2026-00003', amount: 2000, date: '2026-04-02' }]);
  });
});
