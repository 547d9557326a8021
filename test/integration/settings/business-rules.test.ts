/**
 * The business rules on the Settings screen (late fee, overdue block, household discount, payment
 * terms, freeze defaults, tax mode): only the owner changes them, each change is audited, a bad value
 * is refused with its field named and nothing changed, and each rule takes effect on the next call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, signInAs, type TestHost } from '../../support/host';
import { deskHost, member, monthly, sell } from '../desk/fixtures';

let th: TestHost | undefined;
afterEach(() => {
  th?.close();
  th = undefined;
});

const lastSettingsAudit = (t: TestHost) =>
  t.host.db
    .prepare<[], { staff_name: string; channel: string; before: string; after: string }>(
      "SELECT staff_name, channel, before, after FROM audit_log WHERE entity = 'settings' ORDER BY id DESC LIMIT 1",
    )
    .get()!;

const RULES = {
  lateFee: 2500,
  lateFeeAfterDays: 3,
  overdueBlockDays: 5,
  householdDiscountBp: 1000,
  paymentTermsDays: 10,
  freezeDefaultDays: 45,
  freezeDefaultMode: 'credit',
  pricesIncludeTax: false,
} as const;

describe('business rules: who changes them and how', () => {
  it('a new business proposes 30 freeze days in extend mode; the owner changes every rule in one audited call', async () => {
    th = await deskHost('2026-03-02');
    const before = await th.host.invoke('settings.get', {});
    expect(before).toMatchObject({
      lateFee: 0,
      lateFeeAfterDays: 7,
      overdueBlockDays: 14,
      householdDiscountBp: 0,
      paymentTermsDays: 7,
      freezeDefaultDays: 30,
      freezeDefaultMode: 'extend',
      pricesIncludeTax: true,
    });
    const after = await th.host.invoke('settings.update', RULES);
    expect(after).toMatchObject(RULES);
    const audit = lastSettingsAudit(th);
    expect([audit.staff_name, audit.channel]).toEqual(['Owner', 'settings.update']);
    expect(JSON.parse(audit.before)).toMatchObject({ lateFee: 0, overdueBlockDays: 14, freezeDefaultDays: 30, freezeDefaultMode: 'extend' });
    expect(JSON.parse(audit.after)).toMatchObject(RULES);
    // Kept in the database: a restart reads them back.
    await th.reopen();
    expect(await th.host.invoke('settings.get', {})).toMatchObject(RULES);
  });

  it('refuses bad values with VALIDATION naming each field, and changes nothing', async () => {
    th = await deskHost('2026-03-02');
    const hash = databaseHash(th.host.db);
    const bad: [Record<string, unknown>, string, string][] = [
      [{ lateFee: -100 }, 'lateFee', 'invalid_amount'],
      [{ lateFee: 12.5 }, 'lateFee', 'invalid_amount'],
      [{ lateFeeAfterDays: 0 }, 'lateFeeAfterDays', 'out_of_range'],
      [{ overdueBlockDays: 0 }, 'overdueBlockDays', 'out_of_range'],
      [{ overdueBlockDays: 366 }, 'overdueBlockDays', 'out_of_range'],
      [{ householdDiscountBp: 10001 }, 'householdDiscountBp', 'out_of_range'],
      [{ paymentTermsDays: -1 }, 'paymentTermsDays', 'out_of_range'],
      [{ freezeDefaultDays: 367 }, 'freezeDefaultDays', 'out_of_range'],
      [{ freezeDefaultDays: -1 }, 'freezeDefaultDays', 'out_of_range'],
      [{ freezeDefaultMode: 'skip' }, 'freezeDefaultMode', 'invalid_choice'],
      [{ pricesIncludeTax: 'yes' }, 'pricesIncludeTax', 'invalid_choice'],
    ];
    for (const [patch, path, message] of bad) {
      // A good value in the same call is not applied either.
      const err = await failure(th.host.invoke('settings.update', { lateFee: 999, ...patch } as never));
      expect(err.code, JSON.stringify(patch)).toBe('VALIDATION');
      expect(err.details?.['issues']).toEqual([expect.objectContaining({ path, message })]);
    }
    expect(databaseHash(th.host.db)).toBe(hash);
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ lateFee: 0, overdueBlockDays: 14, freezeDefaultMode: 'extend' });
  });

  it('managers and desk staff read the rules but cannot change them', async () => {
    th = await deskHost('2026-03-02');
    for (const role of ['manager', 'desk'] as const) {
      await signInAs(th.host, role);
      const hash = databaseHash(th.host.db);
      expect((await th.host.invoke('settings.get', {})).overdueBlockDays).toBe(14);
      expect((await failure(th.host.invoke('settings.update', { overdueBlockDays: 30 }))).code).toBe('FORBIDDEN');
      expect((await failure(th.host.invoke('settings.update', { freezeDefaultMode: 'credit' }))).code).toBe('FORBIDDEN');
      expect(databaseHash(th.host.db)).toBe(hash);
    }
  });
});

describe('business rules take effect', () => {
  /** 赵六 on ¥300/month from 2026-03-02, unpaid: due 2026-03-09 under the default 7-day terms. */
  async function overdueMember() {
    th = await deskHost('2026-03-02');
    const m = await member(th.host, '赵六', { cardNo: 'Z6' });
    const sale = await sell(th.host, m.id, (await monthly(th.host)).id);
    expect(sale.invoices[0]).toMatchObject({ issueDate: '2026-03-02', dueDate: '2026-03-09', total: 30000 });
    return { t: th, m };
  }

  it('the overdue-block days decide whether check-in is blocked', async () => {
    const { t } = await overdueMember();
    t.clock.setDate('2026-03-15'); // 6 days overdue: the default 14 lets them in
    expect(await t.host.invoke('checkin.checkIn', { query: 'Z6' })).toMatchObject({ outcome: 'checked_in', warnings: [{ code: 'overdue', days: 6 }] });
    await t.host.invoke('settings.update', { overdueBlockDays: 5 });
    t.clock.setDate('2026-03-16'); // 7 days overdue, limit 5
    expect(await t.host.invoke('checkin.checkIn', { query: 'Z6' })).toMatchObject({
      outcome: 'blocked',
      blocks: [{ code: 'overdue', amount: 30000, days: 7, limit: 5 }],
    });
    await t.host.invoke('settings.update', { overdueBlockDays: 7 }); // 7 days is not more than 7
    expect(await t.host.invoke('checkin.checkIn', { query: 'Z6' })).toMatchObject({ outcome: 'checked_in', blocks: [], warnings: [{ code: 'overdue', days: 7 }] });
  });

  it('the late fee and its days decide what the late-fee job bills', async () => {
    const { t, m } = await overdueMember();
    const fees = () => t.host.db.prepare('SELECT invoice_id, amount, date FROM late_fees ORDER BY invoice_id').all();
    t.clock.setDate('2026-03-13'); // 4 days overdue; the fee is off (0)
    await t.host.scheduler.tick();
    expect(fees()).toEqual([]);
    await t.host.invoke('settings.update', { lateFee: 2500, lateFeeAfterDays: 5 });
    t.clock.set('2026-03-13T03:00:00.000Z');
    await t.host.scheduler.tick(); // the hourly run: 4 days is not more than 5
    expect(fees()).toEqual([]);
    await t.host.invoke('settings.update', { lateFeeAfterDays: 3 });
    t.clock.set('2026-03-13T05:00:00.000Z');
    await t.host.scheduler.tick();
    expect(fees()).toEqual([{ invoice_id: 1, amount: 2500, date: '2026-03-13' }]);
    const fee = await t.host.invoke('invoices.get', { id: 2 });
    expect(fee).toMatchObject({ payerId: m.id, issueDate: '2026-03-13', dueDate: '2026-03-20', total: 2500 });
    expect(fee.lines.map((l) => [l.kind, l.description, l.gross])).toEqual([['late_fee', 'Late fee – INV-2026-00001 (赵六)', 2500]]);
    // Billed once: a later change of the amount bills nothing again.
    await t.host.invoke('settings.update', { lateFee: 4000 });
    t.clock.setDate('2026-03-20');
    await t.host.scheduler.tick();
    expect(fees()).toEqual([{ invoice_id: 1, amount: 2500, date: '2026-03-13' }]);
  });

  it('payment terms set the due date of the next invoice, and so when it is overdue', async () => {
    th = await deskHost('2026-03-02');
    await th.host.invoke('settings.update', { paymentTermsDays: 3 });
    const m = await member(th.host, '钱七', { cardNo: 'Q7' });
    const sale = await sell(th.host, m.id, (await monthly(th.host)).id);
    expect(sale.invoices[0]).toMatchObject({ issueDate: '2026-03-02', dueDate: '2026-03-05' });
    th.clock.setDate('2026-03-06');
    expect(await th.host.invoke('checkin.checkIn', { query: 'Q7' })).toMatchObject({ warnings: [{ code: 'overdue', amount: 30000, days: 1 }] });
  });

  it('the tax mode decides whether a plan’s tax is inside its price or added on top', async () => {
    th = await deskHost('2026-03-02');
    const taxed = await th.host.invoke('plans.create', { kind: 'recurring', name: 'VAT 10%', price: 11000, interval: 'month', taxRateBp: 1000 });
    const a = await member(th.host, 'Inclusive');
    const inclusive = (await sell(th.host, a.id, taxed.id)).invoices[0]!;
    expect([inclusive.total, inclusive.taxTotal]).toEqual([11000, 1000]);
    await th.host.invoke('settings.update', { pricesIncludeTax: false });
    const b = await member(th.host, 'Exclusive');
    const exclusive = (await sell(th.host, b.id, taxed.id)).invoices[0]!;
    expect([exclusive.total, exclusive.taxTotal]).toEqual([12100, 1100]);
  });

  it('the household discount takes a percent off each additional member billed to the same payer', async () => {
    th = await deskHost('2026-03-02');
    await th.host.invoke('settings.update', { householdDiscountBp: 1000 });
    const parent = await member(th.host, '王妈妈');
    const plan = await monthly(th.host);
    const first = await member(th.host, '王小明', { payerId: parent.id });
    const second = await member(th.host, '王小红', { payerId: parent.id });
    expect((await sell(th.host, first.id, plan.id)).invoices[0]!.total).toBe(30000);
    expect((await sell(th.host, second.id, plan.id)).invoices[0]!.total).toBe(27000);
  });
});
