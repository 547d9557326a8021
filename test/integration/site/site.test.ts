/**
 * Several PCs on one site, over real sockets on 127.0.0.1: a main desk sharing its books and
 * connected desks calling its host through the same contract (docs/site.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import type { Db } from '../../../electron/db/open';
import { failure, makeHost, signInAs, type TestHost } from '../../support/host';
import { closeDesks, connectedDesk, cuttableRelay, mainDesk, signInOn, type Desk } from '../../support/site';

let desks: (Desk | undefined)[] = [];
let alone: TestHost | undefined;
afterEach(async () => {
  await closeDesks(...desks);
  desks = [];
  alone?.close();
  alone = undefined;
});

/** A month at a gym: a plan, two members sold a card, paid, checked in, then next month's run. */
async function scenario(a: Host, b: Host, clock: TestHost['clock']): Promise<void> {
  const plan = await a.invoke('plans.create', { kind: 'recurring', name: 'Gold monthly', price: 30000, interval: 'month', taxRateBp: 0 });
  const zhang = await a.invoke('members.create', { name: '张三', phone: '13800000001' });
  const li = await b.invoke('members.create', { name: '李四', phone: '13800000002' });
  await a.invoke('subscriptions.create', { memberId: zhang.id, planId: plan.id, startDate: '2026-03-02' });
  await b.invoke('subscriptions.create', { memberId: li.id, planId: plan.id, startDate: '2026-03-02' });
  await b.invoke('payments.record', { payerId: zhang.id, method: 'cash', amount: 30000, tendered: 50000 });
  await a.invoke('payments.record', { payerId: li.id, method: 'wechat', amount: 10000, reference: 'WX-1' });
  await b.invoke('checkin.checkIn', { memberId: zhang.id });
  await a.invoke('checkin.checkIn', { query: '李四' });
  clock.setDate('2026-04-02');
  await a.invoke('billing.run', {});
  await b.invoke('checkin.checkIn', { memberId: zhang.id });
}

/** The books a scenario leaves, and its audit trail without the sign-ins (each desk signs in once more). */
function books(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    invoices: all('SELECT * FROM invoices ORDER BY id'),
    lines: all('SELECT * FROM invoice_lines ORDER BY id'),
    payments: all('SELECT * FROM payments ORDER BY id'),
    allocations: all('SELECT * FROM allocations ORDER BY rowid'),
    checkins: all('SELECT * FROM checkins ORDER BY id'),
    audit: all(
      "SELECT at, staff_id, staff_name, channel, entity, entity_id, before, after FROM audit_log WHERE channel NOT LIKE 'auth.%' AND entity <> 'site' ORDER BY id",
    ),
  };
}

describe('several PCs on one site', () => {
  it('the same month driven from two connected desks leaves exactly the invoices, payments and audit of the main desk alone; the audit names the desk', async () => {
    alone = await makeHost({ setup: true, startDate: '2026-03-02' });
    await scenario(alone.host, alone.host, alone.clock);
    const expected = books(alone.host.db);
    expect(expected.invoices).toHaveLength(4);
    expect(expected.payments).toHaveLength(2);

    const main = await mainDesk('2026-03-02');
    const front = await connectedDesk(main, 'Front desk 2');
    const office = await connectedDesk(main, 'Owner office');
    desks = [main, front, office];
    await signInOn(front, 'Owner', '1234');
    await signInOn(office, 'Owner', '1234');
    await scenario(front.host, office.host, main.th.clock);

    expect(books(main.host.db)).toEqual(expected);
    // Nothing of the books lives on the connected desks.
    expect(front.host.db.prepare('SELECT COUNT(*) AS n FROM invoices').get()).toEqual({ n: 0 });
    const byDevice = main.host.db
      .prepare("SELECT channel, device FROM audit_log WHERE channel IN ('members.create', 'payments.record') AND entity IN ('member', 'payment') ORDER BY id")
      .all();
    expect(byDevice).toEqual([
      { channel: 'members.create', device: 'Front desk 2' },
      { channel: 'members.create', device: 'Owner office' },
      { channel: 'payments.record', device: 'Owner office' },
      { channel: 'payments.record', device: 'Front desk 2' },
    ]);
    const devices = (await main.host.invoke('site.sharing', {})).devices;
    expect(devices.map((d) => [d.name, d.connected])).toEqual([
      ['Front desk 2', true],
      ['Owner office', true],
    ]);
    // The audit chain still verifies with the device names in it.
    expect((await main.host.invoke('audit.verify', {})).ok).toBe(true);
  });

  it('two desks taking a payment for the same invoice at once: one payment and one clear refusal', async () => {
    const main = await mainDesk();
    const front = await connectedDesk(main, 'Front desk 2');
    const office = await connectedDesk(main, 'Owner office');
    desks = [main, front, office];
    await signInAs(main.host, 'desk');
    await signInOn(front, 'Desk', '1111');
    await signInOn(office, 'Owner', '1234');
    const plan = await front.host.invoke('plans.create', { kind: 'recurring', name: 'Gold', price: 30000, interval: 'month', taxRateBp: 0 }).catch(() => null);
    expect(plan).toBeNull(); // a desk clerk may not make plans, on any PC
    const p = await office.host.invoke('plans.create', { kind: 'recurring', name: 'Gold', price: 30000, interval: 'month', taxRateBp: 0 });
    const m = await front.host.invoke('members.create', { name: '王芳' });
    const sale = await front.host.invoke('subscriptions.create', { memberId: m.id, planId: p.id, startDate: '2026-03-02' });
    const invoiceId = sale.invoices[0]!.id;

    const pay = (h: Host) => h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: 30000, invoices: [{ invoiceId, amount: 30000 }] });
    const results = await Promise.allSettled([pay(front.host), pay(office.host)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refusal.reason.code).toBe('INVOICE_PAID');
    expect(main.host.db.prepare('SELECT COUNT(*) AS n, SUM(amount) AS total FROM payments').get()).toEqual({ n: 1, total: 30000 });
  });

  it("each desk keeps its own language: a connected desk's switch changes neither the main desk's language nor its books", async () => {
    const main = await mainDesk();
    const front = await connectedDesk(main, 'Front desk 2');
    desks = [main, front];
    await signInOn(front, 'Owner', '1234');
    await main.host.invoke('settings.update', { businessName: 'Sunrise Fitness 朝阳店' });
    const mainBefore = await main.host.invoke('settings.get', {});
    expect(mainBefore.locale).toBe('en');
    const auditBefore = main.host.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get();

    // The clerk at the front desk reads Chinese; the answer is the main desk's settings in this desk's language.
    const switched = await front.host.invoke('settings.setLocale', { locale: 'zh-CN' });
    expect(switched).toEqual({ ...mainBefore, locale: 'zh-CN' });
    expect(await front.host.invoke('settings.get', {})).toEqual({ ...mainBefore, locale: 'zh-CN' });
    expect((await front.host.invoke('app.start', { screen: 'other' })).settings).toEqual({ ...mainBefore, locale: 'zh-CN' });
    expect(await main.host.invoke('settings.get', {})).toEqual(mainBefore);
    expect(main.host.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual(auditBefore);

    // The owner switches the main desk to Chinese and back to English: the front desk stays in Chinese.
    await main.host.invoke('settings.setLocale', { locale: 'zh-CN' });
    await main.host.invoke('settings.setLocale', { locale: 'en' });
    expect((await front.host.invoke('settings.get', {})).locale).toBe('zh-CN');
    // Business settings changed on the main desk reach the front desk, still in its language.
    await main.host.invoke('settings.update', { paymentTermsDays: 14 });
    expect(await front.host.invoke('settings.get', {})).toMatchObject({ businessName: 'Sunrise Fitness 朝阳店', paymentTermsDays: 14, locale: 'zh-CN' });

    // A bad language is refused on the front desk and changes nothing anywhere.
    expect(await failure(front.host.invoke('settings.setLocale', { locale: 'fr' } as never))).toMatchObject({ code: 'VALIDATION' });
    expect((await front.host.invoke('settings.get', {})).locale).toBe('zh-CN');
    expect((await main.host.invoke('settings.get', {})).locale).toBe('en');
  });

  it('a revoked desk is refused at its next call and forgets the main desk', async () => {
    const main = await mainDesk();
    const front = await connectedDesk(main, 'Front desk 2');
    desks = [main, front];
    await signInOn(front, 'Owner', '1234');
    expect((await front.host.invoke('members.list', {})).total).toBe(0);
    const [device] = (await main.host.invoke('site.sharing', {})).devices;
    await main.host.invoke('site.revoke', { id: device!.id });
    expect(await failure(front.host.invoke('members.create', { name: 'Late' }))).toMatchObject({ code: 'DEVICE_REVOKED' });
    expect(main.host.db.prepare("SELECT COUNT(*) AS n FROM members WHERE name = 'Late'").get()).toEqual({ n: 0 });
    expect((await main.host.invoke('site.sharing', {})).devices).toEqual([]);
    expect(await front.host.invoke('site.status', {})).toMatchObject({ role: 'main', link: null, hasOwnBooks: false });
    const audit = main.host.db.prepare("SELECT channel, entity, entity_id, staff_name, device FROM audit_log WHERE channel = 'site.revoke'").all();
    expect(audit).toEqual([{ channel: 'site.revoke', entity: 'device', entity_id: String(device!.id), staff_name: 'Owner', device: null }]);
  });

  it('a desk cut off after the main desk saved its payment sends it again and the main desk answers it once', async () => {
    const main = await mainDesk();
    const relay = await cuttableRelay(main.site.server()!.port);
    const front = await connectedDesk(main, 'Front desk 2', relay.port);
    desks = [main, front];
    try {
      await signInOn(front, 'Owner', '1234');
      const m = await front.host.invoke('members.create', { name: '赵六' });
      relay.cutNextAnswer();
      const receipt = await front.host.invoke('payments.record', { payerId: m.id, method: 'cash', amount: 12000 });
      expect(receipt.payment).toMatchObject({ amount: 12000, staffName: 'Owner' });
      expect(main.host.db.prepare('SELECT COUNT(*) AS n FROM payments').get()).toEqual({ n: 1 });
      expect(main.host.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE channel = 'payments.record' AND entity = 'payment'").get()).toEqual({ n: 1 });
      expect(main.host.db.prepare("SELECT channel FROM site_requests WHERE channel = 'payments.record'").all()).toEqual([{ channel: 'payments.record' }]);
    } finally {
      await relay.close();
    }
  });
});
