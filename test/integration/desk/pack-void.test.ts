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

describe('a credit note on a pack sale', () => {
  const lineOf = (h: TestHost['host'], invoiceId: number, memberId: number) =>
    h.db.prepare("SELECT id FROM invoice_lines WHERE invoice_id = ? AND kind = 'pack' AND member_id = ?").pluck().get(invoiceId, memberId) as number;

  it('in part leaves the pack usable; the rest given back ends it that day, audited with the note', async () => {
    th = await makeHost({ startDate: '2026-03-02', setup: true });
    const h = th.host;
    const ten = await pack(h, { packSessions: 10, packValidDays: 90 });
    const a = await member(h, 'Ann', { cardNo: 'A1' });
    const sold = await h.invoke('packs.sell', { memberId: a.id, planId: ten.id });
    await h.invoke('payments.record', { payerId: a.id, method: 'cash', amount: 80000 });
    expect(await h.invoke('checkin.checkIn', { query: 'A1' })).toMatchObject({ outcome: 'checked_in', entitlement: { sessionsLeft: 9 } });
    const invoiceId = sold.invoices[0]!.id;
    const line = lineOf(h, invoiceId, a.id);

    th.clock.setDate('2026-03-05');
    await h.invoke('creditNotes.create', { invoiceId, lines: [{ invoiceLineId: line, amount: 30000 }], settlement: 'credit', reason: 'Goodwill' });
    expect(await h.invoke('checkin.checkIn', { query: 'A1' })).toMatchObject({ outcome: 'checked_in', entitlement: { kind: 'pack', sessionsLeft: 8 } });

    th.clock.setDate('2026-03-06');
    const rest = await h.invoke('creditNotes.create', { invoiceId, lines: [{ invoiceLineId: line }], settlement: 'credit', reason: 'Refunded the pack' });
    expect(rest.total).toBe(50000);
    expect((await h.invoke('packs.listByMember', { memberId: a.id })).map((p) => [p.startDate, p.expiresOn, p.sessionsUsed])).toEqual([['2026-03-02', '2026-03-06', 2]]);
    expect(await h.invoke('checkin.evaluate', { memberId: a.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'ended' }] });
    expect(h.db.prepare("SELECT json_extract(after, '$.creditNoteId') FROM audit_log WHERE entity = 'member_pack' AND entity_id = ? ORDER BY id DESC LIMIT 1").pluck().get(String(sold.pack.id))).toBe(rest.id);
  });

  it('of one family checkout ends only the pack whose line was given back in full', async () => {
    th = await makeHost({ startDate: '2026-03-02', setup: true });
    const h = th.host;
    const ten = await pack(h, { packSessions: 10, packValidDays: 90 });
    const mum = await member(h, 'Mum');
    const kid1 = await member(h, 'Kid One', { payerId: mum.id });
    const kid2 = await member(h, 'Kid Two', { payerId: mum.id });
    const sale = await h.invoke('checkout.sell', {
      payerId: mum.id,
      items: [
        { kind: 'pack', memberId: kid1.id, planId: ten.id },
        { kind: 'pack', memberId: kid2.id, planId: ten.id },
      ],
      payment: { method: 'cash', amount: 160000 },
    });
    const invoiceId = sale.invoice!.id;
    await h.invoke('creditNotes.create', { invoiceId, lines: [{ invoiceLineId: lineOf(h, invoiceId, kid2.id) }], settlement: 'credit', reason: 'Kid Two moved away' });
    expect(await h.invoke('checkin.evaluate', { memberId: kid1.id })).toMatchObject({ outcome: 'allowed', entitlement: { kind: 'pack', sessionsLeft: 9 } });
    expect(await h.invoke('checkin.evaluate', { memberId: kid2.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'ended' }] });
    expect(h.db.prepare('SELECT member_id, start_date, expires_on FROM member_packs ORDER BY id').all()).toEqual([
      { member_id: kid1.id, start_date: '2026-03-02', expires_on: '2026-05-31' },
      { member_id: kid2.id, start_date: '2026-03-01', expires_on: '2026-03-02' },
    ]);
  });
});
