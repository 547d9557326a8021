import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('pause and resume', () => {
  it('a dated pause: credit for unused days, freeze fee when it starts, automatic resume with a stub to the anchor', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Pia');
    const plan = await b.plan({ name: 'Gym', price: 30000, freezeDaysPerYear: 60, freezeFee: 2000 });
    const sub = await b.subscribe(m, plan);
    b.th.clock.setDate('2026-01-20');
    const r = await b.th.host.invoke('subscriptions.pause', { id: sub, resumeDate: '2026-02-10' });
    expect(r.subscription).toMatchObject({ status: 'active', nextBillDate: '2026-02-10', pause: { id: 1, startDate: '2026-01-21', endDate: '2026-02-10' } });
    expect(r.invoices).toEqual([]);
    expect(b.creditNotes()).toEqual([
      { number: 'CN-2026-00001', payer: m, issued: '2026-01-20', invoice: 'INV-2026-00001', settlement: 'credit', total: 14516, lines: ['2026-01-21/2026-02-05 14516 + 0 | Unused time – Gym'] },
    ]);
    await b.dailyTo('2026-01-21');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).status).toBe('paused');
    await b.dailyTo('2026-03-05');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).status).toBe('active');
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 30000, status: 'partly_paid', lines: ['period 2026-01-05/2026-02-05 30000 = 30000 + 0 | Gym'] },
      { number: 'INV-2026-00002', payer: m, issued: '2026-01-21', due: '2026-01-28', total: 2000, status: 'open', lines: ['freeze_fee 2026-01-21/2026-02-10 2000 = 2000 + 0 | Freeze fee – Gym'] },
      { number: 'INV-2026-00003', payer: m, issued: '2026-02-10', due: '2026-02-17', total: 24643, status: 'open', lines: ['period 2026-02-10/2026-03-05 24643 = 24643 + 0 | Gym'] },
      { number: 'INV-2026-00004', payer: m, issued: '2026-03-05', due: '2026-03-12', total: 30000, status: 'open', lines: ['period 2026-03-05/2026-04-05 30000 = 30000 + 0 | Gym'] },
    ]);
    expect(await b.balance(m)).toMatchObject({ invoiced: 86643, credited: 14516, balance: 72127, due: 72127 });
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('a credit-mode pause after a dated cancel-now credits the paid days up to the end, so the resume stub is not paid twice', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Rae');
    const plan = await b.plan({ name: 'Gym', price: 31000, freezeDaysPerYear: 366 });
    const sub = await b.subscribe(m, plan);
    b.th.clock.setDate('2026-01-10');
    // Cancelled from Jan 20: Jan 20 – Feb 5 (16 of 31 days) back as credit; no next bill any more.
    await b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-01-20' });
    b.th.clock.setDate('2026-01-12');
    // Paused Jan 12 – Jan 15: the paid days Jan 12 – Jan 20 (8) come back too, not only up to a next bill.
    const r = await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-12', resumeDate: '2026-01-15' });
    expect(r.creditNotes.map((c) => c.total)).toEqual([8000]);
    await b.dailyTo('2026-02-10');
    expect((await b.invoices()).map((i) => [i.number, i.issued, i.total, i.lines])).toEqual([
      ['INV-2026-00001', '2026-01-05', 31000, ['period 2026-01-05/2026-02-05 31000 = 31000 + 0 | Gym']],
      ['INV-2026-00002', '2026-01-15', 5000, ['period 2026-01-15/2026-01-20 5000 = 5000 + 0 | Gym']],
    ]);
    expect(b.creditNotes().map((c) => [c.number, c.total, c.lines])).toEqual([
      ['CN-2026-00001', 16000, ['2026-01-20/2026-02-05 16000 + 0 | Unused time – Gym']],
      ['CN-2026-00002', 8000, ['2026-01-12/2026-01-20 8000 + 0 | Unused time – Gym']],
    ]);
    // Served Jan 5 – 11 and Jan 15 – 19: 12 days of 1000.
    expect(31000 + 5000 - 16000 - 8000).toBe(12 * 1000);
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).status).toBe('cancelled');
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('a pause scheduled in a later period cuts that period at the pause and resumes with a stub', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Sam');
    const plan = await b.plan({ name: 'Gym', price: 30000, freezeDaysPerYear: 366 });
    const sub = await b.subscribe(m, plan);
    b.th.clock.setDate('2026-01-10');
    const r = await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-02-15', resumeDate: '2026-03-01' });
    expect(r.creditNotes).toEqual([]);
    await b.dailyTo('2026-04-05');
    expect((await b.invoices()).map((i) => [i.number, i.issued, i.lines])).toEqual([
      ['INV-2026-00001', '2026-01-05', ['period 2026-01-05/2026-02-05 30000 = 30000 + 0 | Gym']],
      ['INV-2026-00002', '2026-02-05', ['period 2026-02-05/2026-02-15 10714 = 10714 + 0 | Gym']],
      ['INV-2026-00003', '2026-03-01', ['period 2026-03-01/2026-03-05 4286 = 4286 + 0 | Gym']],
      ['INV-2026-00004', '2026-03-05', ['period 2026-03-05/2026-04-05 30000 = 30000 + 0 | Gym']],
      ['INV-2026-00005', '2026-04-05', ['period 2026-04-05/2026-05-05 30000 = 30000 + 0 | Gym']],
    ]);
    expect(b.creditNotes()).toEqual([]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('an open-ended pause resumed by hand months later: nothing billed while paused, the anchor does not move', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Olga');
    const plan = await b.plan({ name: 'Gym', price: 31000, freezeDaysPerYear: 366 });
    const sub = await b.subscribe(m, plan);
    b.pay(m, 31000, '2026-01-05');
    b.th.clock.setDate('2026-01-25');
    await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-25' });
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).status).toBe('paused');
    await b.dailyTo('2026-04-17');
    expect((await b.invoices()).length).toBe(1);
    const r = await b.th.host.invoke('subscriptions.resume', { id: sub });
    expect(r.subscription).toMatchObject({ status: 'active', anchorDate: '2026-01-05', nextBillDate: '2026-05-05', pause: null });
    await b.dailyTo('2026-05-05');
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 31000, status: 'paid', lines: ['period 2026-01-05/2026-02-05 31000 = 31000 + 0 | Gym'] },
      { number: 'INV-2026-00002', payer: m, issued: '2026-04-17', due: '2026-04-24', total: 18600, status: 'partly_paid', lines: ['period 2026-04-17/2026-05-05 18600 = 18600 + 0 | Gym'] },
      { number: 'INV-2026-00003', payer: m, issued: '2026-05-05', due: '2026-05-12', total: 31000, status: 'open', lines: ['period 2026-05-05/2026-06-05 31000 = 31000 + 0 | Gym'] },
    ]);
    // 11 unused days of January (Jan 25 – Feb 5) came back as credit; it went to the April stub (18/30 of the price).
    expect(b.creditNotes().map((c) => [c.number, c.total, c.lines])).toEqual([['CN-2026-00001', 11000, ['2026-01-25/2026-02-05 11000 + 0 | Unused time – Gym']]]);
    expect(await b.balance(m)).toMatchObject({ invoiced: 80600, credited: 11000, paid: 31000, balance: 38600, due: 38600, paidCredit: 0 });
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('enforces the yearly freeze allowance; an open-ended pause ends when the allowance runs out; 0 allows none', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Ida');
    const limited = await b.plan({ name: 'Limited', price: 30000, freezeDaysPerYear: 30 });
    const none = await b.plan({ name: 'No freeze', price: 30000 });
    const sub = await b.subscribe(m, limited);
    const other = await b.subscribe(await b.member('Noa'), none);
    const hash = databaseHash(b.th.host.db);
    expect((await failure(b.th.host.invoke('subscriptions.pause', { id: sub, resumeDate: '2026-02-06' }))).code).toBe('FREEZE_ALLOWANCE_EXCEEDED');
    expect((await failure(b.th.host.invoke('subscriptions.pause', { id: other }))).code).toBe('FREEZE_NOT_ALLOWED');
    expect(databaseHash(b.th.host.db)).toBe(hash);
    const ok = await b.th.host.invoke('subscriptions.pause', { id: sub, resumeDate: '2026-01-16' }); // 10 days
    expect(ok.subscription.pause).toMatchObject({ startDate: '2026-01-06', endDate: '2026-01-16' });
    await b.runOn('2026-01-20');
    const open = await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-21' });
    expect(open.subscription.pause).toMatchObject({ startDate: '2026-01-21', endDate: '2026-02-10' }); // the 20 days left
    await b.runOn('2026-02-10');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).status).toBe('active');
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
