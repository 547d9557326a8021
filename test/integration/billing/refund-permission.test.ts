import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, signInAs } from '../../support/host';
import { billing, type Billing } from './support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('refunds from a cancellation need a manager', () => {
  it('refuses a desk clerk’s "cancel now and refund", allows keeping it as credit, and lets a manager refund', async () => {
    b = await billing('2026-03-02');
    const m = await b.member('张三');
    const plan = await b.plan({ name: 'Monthly', price: 31000 });
    const sub = await b.subscribe(m, plan);
    await signInAs(b.th.host, 'desk');
    const before = databaseHash(b.th.host.db);
    const err = await failure(b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'refund', refundMethod: 'cash' }));
    expect(err.code).toBe('FORBIDDEN');
    expect(databaseHash(b.th.host.db)).toBe(before);
    // The desk may still preview the refund, which changes nothing.
    const dry = await b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'refund', refundMethod: 'cash', dryRun: true });
    expect(dry.creditNotes.map((c) => [c.settlement, c.total])).toEqual([['refund', 30000]]);
    expect(databaseHash(b.th.host.db)).toBe(before);

    await signInAs(b.th.host, 'manager');
    const done = await b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'refund', refundMethod: 'cash' });
    expect(done.creditNotes.map((c) => [c.number, c.settlement, c.total])).toEqual([['CN-2026-00001', 'refund', 30000]]);
  });

  it('records who refunded a paid cancellation on the refund', async () => {
    b = await billing('2026-03-02');
    const m = await b.member('张三');
    const plan = await b.plan({ name: 'Monthly', price: 31000 });
    const sub = await b.subscribe(m, plan);
    b.pay(m, 31000);
    await signInAs(b.th.host, 'manager');
    await b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'refund', refundMethod: 'cash' });
    // The refund records who gave it (it shows on the refunds list and the refund slip).
    const manager = b.th.host.db.prepare<[], { id: number }>("SELECT id FROM staff WHERE role = 'manager'").get()!;
    expect(b.th.host.db.prepare('SELECT method, amount, staff_id AS staffId, staff_name AS staffName FROM refunds').all()).toEqual([
      { method: 'cash', amount: 30000, staffId: manager.id, staffName: 'Manager' },
    ]);
  });

  it('lets a desk clerk cancel now keeping the unused days as account credit', async () => {
    b = await billing('2026-03-02');
    const m = await b.member('李四');
    const plan = await b.plan({ name: 'Monthly', price: 31000 });
    const sub = await b.subscribe(m, plan);
    await signInAs(b.th.host, 'desk');
    const done = await b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'credit' });
    expect(done.creditNotes.map((c) => [c.settlement, c.total])).toEqual([['credit', 30000]]);
    expect(await b.balance(m)).toMatchObject({ balance: 31000 - 30000 });
  });
});
