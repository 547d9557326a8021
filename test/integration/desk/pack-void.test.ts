/**
 * A pack whose sale is voided (a mistake corrected) admits nobody from that day (found by an independent probe,
 * session 13: the pack went on admitting after its invoice was voided).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeHost, type TestHost } from '../../support/host';
import { member, pack } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('voiding a pack sale', () => {
  it('ends the pack that day: the door blocks it as ended; a pack not begun yet ends before it starts', async () => {
    th = await makeHost({ startDate: '2026-03-02', setup: true });
    const h = th.host;
    const ten = await pack(h, { packSessions: 10, packValidDays: 90 });
    const a = await member(h, 'Ann', { cardNo: 'A1' });
    const sold = await h.invoke('packs.sell', { memberId: a.id, planId: ten.id });
    expect(await h.invoke('checkin.checkIn', { query: 'A1' })).toMatchObject({ outcome: 'checked_in', entitlement: { kind: 'pack', sessionsLeft: 9 } });
    const later = await h.invoke('packs.sell', { memberId: a.id, planId: ten.id, startDate: '2026-04-01' });
    th.clock.setDate('2026-03-05');
    await h.invoke('invoices.void', { id: sold.invoices[0]!.id, reason: 'Sold by mistake' });
    await h.invoke('invoices.void', { id: later.invoices[0]!.id, reason: 'Sold by mistake' });
    const packs = await h.invoke('packs.listByMember', { memberId: a.id });
    expect(packs.map((p) => [p.id, p.startDate, p.expiresOn, p.sessionsUsed])).toEqual([
      [later.pack.id, '2026-03-04', '2026-03-05', 0],
      [sold.pack.id, '2026-03-02', '2026-03-05', 1],
    ].sort((x, y) => (x[1]! < y[1]! ? 1 : -1)));
    expect(await h.invoke('checkin.evaluate', { memberId: a.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'ended' }] });
    th.clock.setDate('2026-04-02');
    expect(await h.invoke('checkin.evaluate', { memberId: a.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'ended' }] });
  });
});
