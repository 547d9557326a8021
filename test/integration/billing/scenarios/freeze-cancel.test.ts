/**
 * Cancelling, or removing an add-on, while an extend-mode freeze (顺延) is under way. A monthly card of 310.00 sold
 * on 2026-01-05 is frozen from 2026-01-15: it then holds 21 paid days (Jan 15 – Feb 5) that nothing has used.
 * Found by an independent probe (session 13): the open-ended freeze's days were not counted, the card stayed
 * "paused" for good, a resume after "cancel now" gave free service or moved the end back, and "cancel at period
 * end" during a dated freeze ended the card at once with a refund.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

const FIRST = { number: 'INV-2026-00001', issued: '2026-01-05', total: 31000, lines: ['period 2026-01-05/2026-02-05 31000 = 31000 + 0 | Gym'] };

async function frozenCard(resumeDate?: string) {
  b = await billing('2026-01-05');
  const m = await b.member('Fei');
  const sub = await b.subscribe(m, await b.plan({ name: 'Gym', price: 31000, freezeDaysPerYear: 366, pauseMode: 'extend' }));
  await b.dailyTo('2026-01-14');
  await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-15', ...(resumeDate ? { resumeDate } : {}) });
  return { h: b.th.host, m, sub };
}

const invoices = async () => (await b!.invoices()).map((i) => ({ number: i.number, issued: i.issued, total: i.total, lines: i.lines }));

describe('cancel during an open-ended extend-mode freeze', () => {
  it('cancelled now weeks later: the 21 paid days are credited (31000 × 21/31), the card is cancelled at D and cannot be resumed', async () => {
    const { h, m, sub } = await frozenCard();
    await b!.dailyTo('2026-02-20');
    const r = await h.invoke('subscriptions.cancel', { id: sub, mode: 'now' });
    expect(r.subscription).toMatchObject({ endDate: '2026-02-21' });
    // Frozen Jan 15 – Feb 21 (37 days) moves the paid end from Feb 5 to Mar 14: Feb 21 – Mar 14, less no frozen day after D.
    expect(b!.creditNotes()).toEqual([
      { number: 'CN-2026-00001', payer: m, issued: '2026-02-20', invoice: 'INV-2026-00001', settlement: 'credit', total: 21000, lines: ['2026-02-21/2026-03-14 21000 + 0 | Unused time – Gym'] },
    ]);
    await b!.dailyTo('2026-03-01');
    expect(await h.invoke('subscriptions.get', { id: sub })).toMatchObject({ status: 'cancelled', endDate: '2026-02-21' });
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('subscriptions.resume', { id: sub }))).toMatchObject({ code: 'SUBSCRIPTION_NOT_PAUSED' });
    expect(databaseHash(h.db)).toBe(hash);
    await b!.dailyTo('2026-04-10');
    expect(await invoices()).toEqual([FIRST]);
    const again = await billingAgainCreatesNothing(b!);
    expect(again.after).toEqual(again.before);
  });

  it('a resume asked for before D is refused: the unused days were credited already', async () => {
    const { h, sub } = await frozenCard();
    await b!.dailyTo('2026-01-20');
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-01-25' });
    expect(b!.creditNotes().map((c) => [c.total, c.lines])).toEqual([[21000, ['2026-01-25/2026-02-15 21000 + 0 | Unused time – Gym']]]);
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('subscriptions.resume', { id: sub }))).toMatchObject({ code: 'SUBSCRIPTION_CANCELLED', details: { endDate: '2026-01-25' } });
    expect(databaseHash(h.db)).toBe(hash);
    await b!.dailyTo('2026-01-26');
    expect(await h.invoke('subscriptions.get', { id: sub })).toMatchObject({ status: 'cancelled', endDate: '2026-01-25' });
  });

  it('cancelled from the freeze’s first day: the freeze never took a day and is dropped; the card ends that day', async () => {
    const { h, sub } = await frozenCard();
    await b!.dailyTo('2026-01-20');
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-01-15' });
    expect(b!.creditNotes().map((c) => [c.total, c.lines])).toEqual([[21000, ['2026-01-15/2026-02-05 21000 + 0 | Unused time – Gym']]]);
    await b!.dailyTo('2026-02-10');
    expect(await h.invoke('subscriptions.get', { id: sub })).toMatchObject({ status: 'cancelled', endDate: '2026-01-15', pause: null });
    expect(await invoices()).toEqual([FIRST]);
  });

  it('"at period end" during an open-ended freeze (no period end is known) ends the card at D with the same credit', async () => {
    const { h, sub } = await frozenCard();
    await b!.dailyTo('2026-01-20');
    await h.invoke('subscriptions.cancel', { id: sub });
    expect(b!.creditNotes().map((c) => [c.total, c.lines])).toEqual([[21000, ['2026-01-21/2026-02-11 21000 + 0 | Unused time – Gym']]]);
    await b!.dailyTo('2026-03-01');
    expect(await h.invoke('subscriptions.get', { id: sub })).toMatchObject({ status: 'cancelled', endDate: '2026-01-21' });
    expect(await invoices()).toEqual([FIRST]);
  });

  it('an add-on removed during it: its 21 paid days are credited too (3100 × 21/31 = 2100)', async () => {
    b = await billing('2026-01-05');
    const h = b.th.host;
    const m = await b.member('Gao');
    const sub = await b.subscribe(m, await b.plan({ name: 'Gym', price: 31000, freezeDaysPerYear: 366, pauseMode: 'extend' }));
    const added = await h.invoke('subscriptions.addAddon', { id: sub, name: 'Locker', price: 3100, taxRateBp: 0 });
    await b.dailyTo('2026-01-14');
    await h.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-15' });
    await b.dailyTo('2026-02-15');
    await h.invoke('subscriptions.removeAddon', { id: sub, addonId: added.subscription.addons[0]!.id });
    expect(b.creditNotes().map((c) => [c.total, c.lines])).toEqual([[2100, ['2026-02-16/2026-03-09 2100 + 0 | Unused time – Locker']]]);
  });
});

describe('cancel during a dated extend-mode freeze (Jan 15 – Jan 25: paid through Feb 15)', () => {
  it('"at period end" ends the card at the moved period end, with no credit note, and can still be undone', async () => {
    const { h, sub } = await frozenCard('2026-01-25');
    await b!.dailyTo('2026-01-16');
    const r = await h.invoke('subscriptions.cancel', { id: sub });
    expect(r.subscription).toMatchObject({ endDate: '2026-02-15', cancelAtPeriodEnd: true });
    expect(r.creditNotes).toEqual([]);
    await b!.dailyTo('2026-03-01');
    expect(await h.invoke('subscriptions.get', { id: sub })).toMatchObject({ status: 'cancelled', endDate: '2026-02-15' });
    expect(await invoices()).toEqual([FIRST]);
    expect(b!.creditNotes()).toEqual([]);
  });

  it('"now" with D inside the freeze: 21 days credited, the end stays D, and a resume is refused', async () => {
    const { h, sub } = await frozenCard('2026-01-25');
    await b!.dailyTo('2026-01-18');
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-01-22' });
    expect(b!.creditNotes().map((c) => [c.total, c.lines])).toEqual([[21000, ['2026-01-22/2026-02-12 21000 + 0 | Unused time – Gym']]]);
    expect(await failure(h.invoke('subscriptions.resume', { id: sub }))).toMatchObject({ code: 'SUBSCRIPTION_CANCELLED' });
    await b!.dailyTo('2026-02-01');
    expect(await h.invoke('subscriptions.get', { id: sub })).toMatchObject({ status: 'cancelled', endDate: '2026-01-22' });
    expect(await invoices()).toEqual([FIRST]);
  });
});
