import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, signInAs, type TestHost } from '../../support/host';
import { invoice, member, moneyHost } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

/** A day with cash, WeChat and a cash refund: 300 + 150 cash in, 50 cash out, 200 by WeChat. */
async function busyDay(t: TestHost) {
  const a = member(t.host, '张三');
  const b = member(t.host, 'Li');
  invoice(t, a, 45000);
  const cash1 = await t.host.invoke('payments.record', { payerId: a, method: 'cash', amount: 30000, tendered: 50000 });
  const cash2 = await t.host.invoke('payments.record', { payerId: b, kind: 'topup', method: 'cash', amount: 15000 });
  await t.host.invoke('payments.record', { payerId: a, method: 'wechat', amount: 20000 });
  await t.host.invoke('refunds.create', { payerId: b, source: 'payment', paymentId: cash2.payment.id, amount: 5000, reason: 'changed mind' });
  return { a, b, cash1, cash2 };
}

describe('daily closeout (日结)', () => {
  it('totals the day by method with the expected cash, and closes it with the counted cash and its difference', async () => {
    th = await moneyHost();
    await busyDay(th);
    const day = await th.host.invoke('closeout.day', { date: '2026-03-02' });
    expect(day).toMatchObject({
      date: '2026-03-02',
      receivedTotal: 65000,
      refundedTotal: 5000,
      expectedCash: 40000,
      invoiced: { count: 1, total: 45000 },
      credited: { count: 0, total: 0 },
      bonusGranted: 0,
      closed: false,
      closeout: null,
      history: [],
    });
    expect(day.totals).toEqual([
      { method: 'cash', isCash: true, payments: 2, received: 45000, refunds: 1, refunded: 5000, net: 40000 },
      { method: 'wechat', isCash: false, payments: 1, received: 20000, refunds: 0, refunded: 0, net: 20000 },
    ]);

    const before = databaseHash(th.host.db);
    expect(await failure(th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 39800 }))).toMatchObject({
      code: 'CLOSEOUT_NOTE_REQUIRED',
      details: { expectedCash: 40000, countedCash: 39800, difference: -200 },
    });
    expect(await failure(th.host.invoke('closeout.close', { date: '2026-03-03', countedCash: 0 }))).toMatchObject({ code: 'DATE_OUT_OF_RANGE' });
    expect(databaseHash(th.host.db)).toBe(before);

    const closed = await th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 39800, note: '2 元找零给错' });
    expect(closed.closed).toBe(true);
    expect(closed.closeout).toMatchObject({
      date: '2026-03-02',
      receivedTotal: 65000,
      refundedTotal: 5000,
      expectedCash: 40000,
      countedCash: 39800,
      difference: -200,
      note: '2 元找零给错',
      closedByName: 'Owner',
      closedAt: '2026-03-02T01:00:00.000Z',
      reopenedAt: null,
    });
    expect(closed.closeout!.totals).toEqual(day.totals);
    expect(await failure(th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 40000 }))).toMatchObject({ code: 'DAY_ALREADY_CLOSED' });
    expect(await th.host.invoke('closeout.list', { from: '2026-03-01', to: '2026-03-31' })).toEqual([closed.closeout]);
  });

  it('a closed day refuses edits: new money on it, refunds dated on it, voids of its invoices — in the services and in the schema', async () => {
    th = await moneyHost();
    const { a, b, cash1 } = await busyDay(th);
    const late = invoice(th, member(th.host, 'Zhou'), 1000);
    await th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 40000 });
    const before = databaseHash(th.host.db);

    const closed = { code: 'DAY_CLOSED', details: { date: '2026-03-02' } };
    expect(await failure(th.host.invoke('payments.record', { payerId: a, method: 'cash', amount: 100 }))).toMatchObject(closed);
    expect(await failure(th.host.invoke('refunds.create', { payerId: b, source: 'credit', amount: 100, reason: 'x' }))).toMatchObject(closed);
    expect(await failure(th.host.invoke('payments.releaseAndVoid', { invoiceId: 1, reason: 'x' }))).toMatchObject(closed);
    expect(await failure(th.host.invoke('invoices.void', { id: late.id, reason: 'x' }))).toMatchObject(closed);
    expect(databaseHash(th.host.db)).toBe(before);

    // Below the services, the schema refuses the same edits.
    const db = th.host.db;
    const at = '2026-03-02T12:00:00.000Z';
    expect(() => db.prepare('UPDATE payments SET amount = 29000 WHERE id = ?').run(cash1.payment.id)).toThrow(/DAY_CLOSED/);
    expect(() => db.prepare("UPDATE payments SET method = 'card' WHERE id = ?").run(cash1.payment.id)).toThrow(/DAY_CLOSED/);
    expect(() => db.prepare('DELETE FROM refunds').run()).toThrow(/DAY_CLOSED/);
    expect(() => db.prepare('DELETE FROM allocations').run()).toThrow(/DAY_CLOSED/);
    expect(() => db.prepare('UPDATE invoices SET total = 1 WHERE id = 1').run()).toThrow(/DAY_CLOSED/);
    expect(() => db.prepare('UPDATE invoice_lines SET gross = 1, net = 1 WHERE invoice_id = 1').run()).toThrow(/DAY_CLOSED/);
    expect(() =>
      db.prepare("INSERT INTO payments (payer_id, date, method, amount, created_at) VALUES (?, '2026-03-02', 'cash', 100, ?)").run(a, at),
    ).toThrow(/DAY_CLOSED/);
    expect(() => db.prepare('DELETE FROM day_closeouts').run()).toThrow(/CLOSEOUT_IMMUTABLE/);
    expect(() => db.prepare('UPDATE day_closeouts SET counted_cash = 50000, difference = 10000').run()).toThrow(/CLOSEOUT_IMMUTABLE/);
    expect(databaseHash(th.host.db)).toBe(before);

    // Corrections go on an open day: the next morning a refund against the closed day's payment works.
    th.clock.setDate('2026-03-03');
    const fix = await th.host.invoke('refunds.create', { payerId: b, source: 'credit', amount: 1000, reason: 'correction' });
    expect(fix.refunds[0]).toMatchObject({ date: '2026-03-03', amount: 1000 });
    expect(await failure(th.host.invoke('payments.record', { payerId: a, method: 'cash', amount: 100, date: '2026-03-02' }))).toMatchObject(closed);
  });

  it('only the owner reopens a closed day; the reopening is kept and audited, and the day can be closed again', async () => {
    th = await moneyHost();
    const { a } = await busyDay(th);
    await signInAs(th.host, 'desk');
    expect(await failure(th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 40000 }))).toMatchObject({ code: 'FORBIDDEN' });
    await signInAs(th.host, 'manager');
    const closed = await th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 40000 });
    expect(closed.closeout).toMatchObject({ closedByName: 'Manager', difference: 0 });
    expect(await failure(th.host.invoke('closeout.reopen', { date: '2026-03-02', reason: 'late payment' }))).toMatchObject({ code: 'FORBIDDEN' });

    await signInAs(th.host, 'owner');
    th.clock.set('2026-03-02T12:30:00.000Z');
    const reopened = await th.host.invoke('closeout.reopen', { date: '2026-03-02', reason: 'late payment' });
    expect(reopened).toMatchObject({ closed: false, closeout: null });
    expect(reopened.history).toEqual([
      expect.objectContaining({ id: closed.closeout!.id, reopenedByName: 'Owner', reopenedAt: '2026-03-02T12:30:00.000Z', reopenReason: 'late payment' }),
    ]);
    const audit = th.host.db
      .prepare<[], { channel: string; staff_name: string; entity_id: string }>("SELECT channel, staff_name, entity_id FROM audit_log WHERE entity = 'day_closeout' ORDER BY id")
      .all();
    expect(audit).toEqual([
      { channel: 'closeout.close', staff_name: 'Manager', entity_id: '2026-03-02' },
      { channel: 'closeout.reopen', staff_name: 'Owner', entity_id: '2026-03-02' },
    ]);
    expect(await failure(th.host.invoke('closeout.reopen', { date: '2026-03-02', reason: 'again' }))).toMatchObject({ code: 'DAY_NOT_CLOSED' });

    await th.host.invoke('payments.record', { payerId: a, method: 'cash', amount: 1000 });
    const again = await th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 41000 });
    expect(again.closeout).toMatchObject({ expectedCash: 41000, difference: 0 });
    expect(again.history).toHaveLength(1);
  });
});

describe('the opening float (备用金)', () => {
  it('expects float + cash taken − cash refunded, keeps the float on the closeout and proposes it the next day', async () => {
    th = await moneyHost();
    await busyDay(th);
    // Bad floats change nothing.
    const before = databaseHash(th.host.db);
    for (const openingFloat of [-1, 1.5]) {
      expect(await failure(th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 90000, openingFloat }))).toMatchObject({ code: 'VALIDATION' });
    }
    expect(databaseHash(th.host.db)).toBe(before);
    // A ¥500.00 float: 500 + (300 + 150 cash in) − 50 cash refunded = 900.00 expected; 899.00 counted is short by 1.00.
    expect(await failure(th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 89900, openingFloat: 50000 }))).toMatchObject({
      code: 'CLOSEOUT_NOTE_REQUIRED',
      details: { expectedCash: 90000, countedCash: 89900, difference: -100 },
    });
    const closed = await th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 89900, openingFloat: 50000, note: '少 1 元' });
    expect(closed).toMatchObject({ cashNet: 40000, openingFloat: 50000, expectedCash: 90000, closed: true });
    expect(closed.closeout).toMatchObject({ openingFloat: 50000, expectedCash: 90000, countedCash: 89900, difference: -100 });
    // The next day starts with the same float proposed: nothing taken yet, the drawer should hold the float.
    th.clock.setDate('2026-03-03');
    const next = await th.host.invoke('closeout.day', { date: '2026-03-03' });
    expect(next).toMatchObject({ cashNet: 0, openingFloat: 50000, expectedCash: 50000, closed: false });
    // Closing without naming a float uses the proposal; a different float can be given.
    const same = await th.host.invoke('closeout.close', { date: '2026-03-03', countedCash: 50000 });
    expect(same.closeout).toMatchObject({ openingFloat: 50000, expectedCash: 50000, difference: 0 });
  });
});
