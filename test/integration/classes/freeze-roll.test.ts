/**
 * A class booked before the member froze their card, on a day inside the freeze: the door would have turned them
 * away, so closing the roll cancels the booking free — no no-show fee, nothing used (found by an independent
 * probe, session 13: the roll charged a 50.00 no-show fee to a frozen member).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import { makeHost, type TestHost } from '../../support/host';
import { member, monthly, sell } from '../desk/fixtures';
import { classType, local, rules, weekly } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

const sessionOn = async (h: Host, date: string) => (await h.invoke('classes.day', { date })).sessions[0]!;

describe('closing the roll of a class inside a member’s freeze', () => {
  it('cancels the frozen member’s booking free; a member who simply did not come is still a no-show with the fee', async () => {
    th = await makeHost({ startDate: '2027-03-01', setup: true });
    const h = th.host;
    const plan = await monthly(h, { freezeDaysPerYear: 60 });
    const type = await classType(h);
    await rules(h, type.id, { openDays: 14, cutoffHours: 12, lateCancelRule: 'fee', lateCancelFee: 3000, noShowRule: 'fee', noShowFee: 5000 });
    await weekly(h, type.id, { termEnd: '2027-03-27' });
    const ann = await member(h, 'Ann');
    const bo = await member(h, 'Bo');
    const annSale = await sell(h, ann.id, plan.id);
    await sell(h, bo.id, plan.id);
    const s13 = await sessionOn(h, '2027-03-13');
    await h.invoke('classes.book', { sessionId: s13.id, memberIds: [ann.id] });
    await h.invoke('classes.book', { sessionId: s13.id, memberIds: [bo.id] });
    await h.invoke('subscriptions.pause', { id: annSale.subscription.id, effectiveDate: '2027-03-10', resumeDate: '2027-03-17' });
    th.clock.set(local('2027-03-13', '10:30'));
    const invoicesBefore = (await h.invoke('invoices.list', { limit: 100 })).rows.length;
    const r = await h.invoke('classes.closeRoll', { sessionId: s13.id });
    expect(r.noShows.map((x) => [x.memberId, x.status])).toEqual([[bo.id, 'no_show']]);
    expect(r.feeInvoiceIds).toHaveLength(1);
    const fee = await h.invoke('invoices.get', { id: r.feeInvoiceIds[0]! });
    expect([fee.payerId, fee.total]).toEqual([bo.id, 5000]);
    expect((await h.invoke('invoices.list', { limit: 100 })).rows.length).toBe(invoicesBefore + 1);
    const roll = await h.invoke('classes.session', { sessionId: s13.id });
    expect(roll.bookings.map((b) => [b.memberId, b.status]).sort()).toEqual([[ann.id, 'cancelled'], [bo.id, 'no_show']].sort());
  });
});
