/**
 * A parent pays for two children: every line of the household invoice names its child, the
 * payment dialog and the receipt say whom each invoice is for, and the payer's page shows each
 * child's memberships, dates, visits and what is still owed for each after a part payment.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHost, type TestHost } from '../../support/host';

let th: TestHost;
const invoke: TestHost['host']['invoke'] = (...a) => th.host.invoke(...a);
let n = 0;
const rid = () => `family-test-${++n}-${Date.now()}`;

async function household() {
  await invoke('settings.update', { householdDiscountBp: 1000 });
  const plan = await invoke('plans.create', { kind: 'recurring', name: 'Swim Club', price: 19900, interval: 'month', taxRateBp: 0, freezeDaysPerYear: 30 });
  const parent = await invoke('members.create', { name: '王丽', phone: '13800000010' });
  const ming = await invoke('members.create', { name: '张小明', payerId: parent.id });
  const hong = await invoke('members.create', { name: '张小红', payerId: parent.id });
  await invoke('subscriptions.create', { memberId: ming.id, planId: plan.id });
  await invoke('subscriptions.create', { memberId: hong.id, planId: plan.id });
  return { plan, parent, ming, hong };
}

beforeEach(async () => {
  th = await makeHost({ startDate: '2026-03-02', setup: true });
});
afterEach(() => th.close());

describe('a payer with two children', () => {
  it('names each child on the renewal invoice, in the payment dialog’s list and on the receipt', async () => {
    const { parent, ming, hong } = await household();
    const signUps = await invoke('invoices.list', { payerId: parent.id });
    expect(signUps.rows.map((i) => [i.issueDate, i.total])).toEqual([
      ['2026-03-02', 17910],
      ['2026-03-02', 19900],
    ]);
    await invoke('payments.record', { requestId: rid(), payerId: parent.id, method: 'cash', amount: 37810 });

    th.clock.setDate('2026-04-02');
    await invoke('billing.run', {});
    const list = await invoke('invoices.list', { payerId: parent.id, from: '2026-04-02' });
    expect(list.rows).toHaveLength(1);
    const renewal = await invoke('invoices.get', { id: list.rows[0]!.id });
    expect(renewal.lines.map((l) => [l.kind, l.memberId, l.memberName, l.periodStart, l.periodEnd, l.gross])).toEqual([
      ['period', ming.id, '张小明', '2026-04-02', '2026-05-02', 19900],
      ['period', hong.id, '张小红', '2026-04-02', '2026-05-02', 19900],
      ['household_discount', hong.id, '张小红', '2026-04-02', '2026-05-02', -1990],
    ]);

    const before = await invoke('payments.payer', { memberId: ming.id });
    expect(before.openInvoices.map((i) => [i.number, i.balance, i.members])).toEqual([
      [renewal.number, 37810, [{ id: ming.id, name: '张小明' }, { id: hong.id, name: '张小红' }]],
    ]);

    const paid = await invoke('payments.record', {
      requestId: rid(),
      payerId: parent.id,
      method: 'cash',
      amount: 20000,
      invoices: [{ invoiceId: renewal.id }],
    });
    expect(paid.payment.allocations.map((a) => [a.invoiceNumber, a.amount, a.members.map((m) => m.name)])).toEqual([
      [renewal.number, 20000, ['张小明', '张小红']],
    ]);
    const receipt = await invoke('documents.render', { kind: 'receipt', id: paid.payment.id, locale: 'zh-CN' });
    expect(receipt.html).toContain(`<tr class="for"><td colspan="2">张小明 · 张小红</td></tr>`);
    const a4 = await invoke('documents.render', { kind: 'invoice', id: renewal.id, locale: 'en' });
    expect(a4.html.match(/<td>张小(明|红)<\/td>/g)).toEqual(['<td>张小明</td>', '<td>张小红</td>', '<td>张小红</td>']);
  });

  it('a member’s own invoice names no one: the list and the receipt stay plain', async () => {
    const plan = await invoke('plans.create', { kind: 'recurring', name: 'Gym', price: 29900, interval: 'month', taxRateBp: 0 });
    const solo = await invoke('members.create', { name: 'Lee' });
    await invoke('subscriptions.create', { memberId: solo.id, planId: plan.id });
    const money = await invoke('payments.payer', { memberId: solo.id });
    expect(money.openInvoices.map((i) => [i.total, i.members])).toEqual([[29900, []]]);
    const paid = await invoke('payments.record', { requestId: rid(), payerId: solo.id, method: 'cash', amount: 29900 });
    expect(paid.payment.allocations.map((a) => a.members)).toEqual([[]]);
    const receipt = await invoke('documents.render', { kind: 'receipt', id: paid.payment.id, locale: 'en' });
    expect(receipt.html).not.toContain('class="for"');
  });

  it('the family section: each child’s membership dates, visits this month, and owed split by line totals after a part payment', async () => {
    const { parent, ming, hong } = await household();
    await invoke('payments.record', { requestId: rid(), payerId: parent.id, method: 'cash', amount: 37810 });
    await invoke('checkin.checkIn', { memberId: ming.id });
    th.clock.setDate('2026-03-20');
    await invoke('checkin.checkIn', { memberId: hong.id });
    await invoke('checkin.checkIn', { memberId: ming.id });
    th.clock.setDate('2026-04-02');
    await invoke('billing.run', {});
    await invoke('checkin.checkIn', { memberId: ming.id });
    th.clock.setDate('2026-04-03');
    await invoke('checkin.checkIn', { memberId: ming.id });
    await invoke('payments.record', { requestId: rid(), payerId: parent.id, method: 'cash', amount: 20000 });

    const fam = await invoke('members.family', { memberId: parent.id });
    expect(fam).toEqual({
      payerId: parent.id,
      payerName: '王丽',
      monthStart: '2026-04-01',
      // In the member list's order (pinyin: zhang xiao hong before zhang xiao ming).
      members: [
        {
          memberId: hong.id,
          name: '张小红',
          cardNo: null,
          memberships: [
            { subscriptionId: expect.any(Number), planName: 'Swim Club', status: 'active', nextBillDate: '2026-05-02', endDate: null, pause: null },
          ],
          packs: [],
          visitsThisMonth: 0,
          lastVisit: '2026-03-20',
          owed: 8436,
        },
        {
          memberId: ming.id,
          name: '张小明',
          cardNo: null,
          memberships: [
            { subscriptionId: expect.any(Number), planName: 'Swim Club', status: 'active', nextBillDate: '2026-05-02', endDate: null, pause: null },
          ],
          packs: [],
          visitsThisMonth: 2,
          lastVisit: '2026-04-03',
          // 178.10 left of 378.10: 小明's lines are worth 199.00 of it, 小红's 179.10 (after the household discount).
          owed: 9374,
        },
      ],
      ownOwed: 0,
      due: 17810,
    });
    const balance = await invoke('members.balance', { payerId: parent.id });
    expect(balance.due).toBe(17810);
  });

  it('a child cancelled at period end shows the end date and no renewal; the payer’s own membership is owed apart', async () => {
    const { parent, ming, hong, plan } = await household();
    const own = await invoke('subscriptions.create', { memberId: parent.id, planId: plan.id });
    const subs = await invoke('subscriptions.listByMember', { memberId: hong.id });
    await invoke('subscriptions.cancel', { id: subs[0]!.id, mode: 'period_end' });
    const fam = await invoke('members.family', { memberId: parent.id });
    expect(fam.members.map((m) => [m.name, m.memberships.map((s) => [s.status, s.nextBillDate, s.endDate]), m.owed])).toEqual([
      ['张小红', [['active', null, '2026-04-02']], 17910],
      ['张小明', [['active', '2026-04-02', null]], 19900],
    ]);
    expect([fam.ownOwed, fam.due]).toEqual([own.invoices.reduce((s, i) => s + i.balance, 0), 19900 + 17910 + fam.ownOwed]);
    expect(fam.ownOwed).toBe(17910); // the payer is a third member: 199.00 less the household 10%
    expect((await invoke('members.family', { memberId: ming.id })).members).toEqual([]);
  });

  it('shows a scheduled pause and a pack with the sessions and days it has left', async () => {
    const { parent, ming, hong } = await household();
    const pack = await invoke('plans.create', { kind: 'pack', name: '10 次卡', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
    await invoke('packs.sell', { memberId: hong.id, planId: pack.id });
    const [sub] = await invoke('subscriptions.listByMember', { memberId: ming.id });
    await invoke('subscriptions.pause', { id: sub!.id, effectiveDate: '2026-03-10', resumeDate: '2026-03-20' });
    const fam = await invoke('members.family', { memberId: parent.id });
    expect(fam.members.map((m) => [m.name, m.memberships.map((s) => [s.status, s.pause]), m.packs])).toEqual([
      ['张小红', [['active', null]], [{ packId: expect.any(Number), planName: '10 次卡', sessionsLeft: 10, sessionsTotal: 10, expiresOn: '2026-05-31' }]],
      ['张小明', [['active', { startDate: '2026-03-10', endDate: '2026-03-20' }]], []],
    ]);
  });

  it('a credit note on one child’s line takes that child’s share off: the rest is owed for the other', async () => {
    const { parent, ming, hong } = await household();
    await invoke('payments.record', { requestId: rid(), payerId: parent.id, method: 'cash', amount: 37810 });
    th.clock.setDate('2026-04-02');
    await invoke('billing.run', {});
    const renewal = (await invoke('invoices.list', { payerId: parent.id, from: '2026-04-02' })).rows[0]!;
    const lines = (await invoke('invoices.get', { id: renewal.id })).lines;
    const mingLine = lines.find((l) => l.memberId === ming.id)!;
    await invoke('creditNotes.create', { invoiceId: renewal.id, lines: [{ invoiceLineId: mingLine.id }], settlement: 'credit', reason: 'Away all April' });
    const fam = await invoke('members.family', { memberId: parent.id });
    expect(fam.members.map((m) => [m.memberId, m.owed])).toEqual([
      [hong.id, 17910],
      [ming.id, 0],
    ]);
    expect(fam.due).toBe(17910);
  });

  it('refuses a bad id with VALIDATION and an unknown member with NOT_FOUND', async () => {
    await expect(invoke('members.family', { memberId: -1 } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(invoke('members.family', { memberId: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
