import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, makeHost, type TestHost } from '../../support/host';

let th: TestHost | undefined;
afterEach(() => th?.close());

const monthly = {
  kind: 'recurring' as const,
  name: 'Gold monthly',
  price: 24995,
  interval: 'month' as const,
};

describe('plans', () => {
  it('creates a recurring plan with defaults, the business tax rate and a monthly price', async () => {
    th = await makeHost({ setup: true });
    await th.host.invoke('settings.update', { defaultTaxRateBp: 600 });
    const plan = await th.host.invoke('plans.create', monthly);
    expect(plan).toEqual({
      id: 1,
      kind: 'recurring',
      name: 'Gold monthly',
      description: '',
      price: 24995,
      taxRateBp: 600,
      interval: 'month',
      intervalCount: 1,
      alignment: 'anniversary',
      setupFee: 0,
      trialDays: 0,
      sessionQuota: null,
      termPeriods: null,
      autoRenew: false,
      freezeDaysPerYear: 0,
      freezeFee: 0,
      pauseMode: 'credit',
      packSessions: null,
      packValidDays: null,
      checkinsPerDay: 1,
      archived: false,
      monthlyPrice: 24995,
      createdAt: '2026-01-05T01:00:00.000Z',
      updatedAt: '2026-01-05T01:00:00.000Z',
    });
    expect(await th.host.invoke('plans.get', { id: 1 })).toEqual(plan);
  });

  it('normalises weekly, quarterly and yearly prices to a month', async () => {
    th = await makeHost({ setup: true });
    const weekly = await th.host.invoke('plans.create', { ...monthly, name: 'W', price: 1000, interval: 'week', taxRateBp: 0 });
    const quarterly = await th.host.invoke('plans.create', { ...monthly, name: 'Q', price: 30000, intervalCount: 3 });
    const yearly = await th.host.invoke('plans.create', { ...monthly, name: 'Y', price: 100000, interval: 'year' });
    expect([weekly.monthlyPrice, quarterly.monthlyPrice, yearly.monthlyPrice]).toEqual([4333, 10000, 8333]);
  });

  it('creates a pack with its sessions and validity', async () => {
    th = await makeHost({ setup: true });
    const pack = await th.host.invoke('plans.create', { kind: 'pack', name: '10 classes', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 600 });
    expect(pack).toMatchObject({ kind: 'pack', packSessions: 10, packValidDays: 90, interval: null, alignment: null, monthlyPrice: 0, taxRateBp: 600 });
  });

  it('updates terms without changing kind, keeps the tax rate when omitted, and audits', async () => {
    th = await makeHost({ setup: true });
    const plan = await th.host.invoke('plans.create', { ...monthly, taxRateBp: 900 });
    th.clock.addDays(1);
    const updated = await th.host.invoke('plans.update', { id: plan.id, plan: { ...monthly, price: 29900, trialDays: 7 } });
    expect(updated).toMatchObject({ price: 29900, trialDays: 7, taxRateBp: 900, updatedAt: '2026-01-06T01:00:00.000Z', createdAt: plan.createdAt });
    const audits = th.host.db.prepare("SELECT channel, entity, entity_id FROM audit_log WHERE entity = 'plan' ORDER BY id").all();
    expect(audits).toEqual([
      { channel: 'plans.create', entity: 'plan', entity_id: '1' },
      { channel: 'plans.update', entity: 'plan', entity_id: '1' },
    ]);
    const before = databaseHash(th.host.db);
    const err = await failure(th.host.invoke('plans.update', { id: plan.id, plan: { kind: 'pack', name: 'x', price: 1, packSessions: 1, packValidDays: 1 } }));
    expect(err.code).toBe('PLAN_KIND_MISMATCH');
    expect(databaseHash(th.host.db)).toBe(before);
  });

  it('archives and un-archives; lists hide archived plans unless asked', async () => {
    th = await makeHost({ setup: true });
    const a = await th.host.invoke('plans.create', monthly);
    const b = await th.host.invoke('plans.create', { ...monthly, name: 'Basic' });
    expect((await th.host.invoke('plans.archive', { id: a.id, archived: true })).archived).toBe(true);
    expect((await th.host.invoke('plans.list', {})).map((p) => p.id)).toEqual([b.id]);
    expect((await th.host.invoke('plans.list', { includeArchived: true })).map((p) => p.id)).toEqual([b.id, a.id]);
    await th.host.invoke('plans.archive', { id: a.id, archived: false });
    expect((await th.host.invoke('plans.list', {})).map((p) => p.name)).toEqual(['Basic', 'Gold monthly']);
  });

  it('rejects bad input with field paths and changes nothing', async () => {
    th = await makeHost({ setup: true });
    const before = databaseHash(th.host.db);
    const bad: [unknown, string][] = [
      [{ ...monthly, price: -1 }, 'price'],
      [{ ...monthly, price: 10.5 }, 'price'],
      [{ ...monthly, name: '' }, 'name'],
      [{ ...monthly, interval: 'day' }, 'interval'],
      [{ ...monthly, intervalCount: 0 }, 'intervalCount'],
      [{ ...monthly, taxRateBp: 10001 }, 'taxRateBp'],
      [{ kind: 'pack', name: 'P', price: 1, packSessions: 0, packValidDays: 10 }, 'packSessions'],
    ];
    for (const [input, path] of bad) {
      const err = await failure(th.host.invoke('plans.create', input as never));
      expect(err.code).toBe('VALIDATION');
      expect((err.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual([path]);
    }
    expect((await failure(th.host.invoke('plans.get', { id: 99 }))).code).toBe('NOT_FOUND');
    expect((await failure(th.host.invoke('plans.archive', { id: 99, archived: true }))).code).toBe('NOT_FOUND');
    expect(databaseHash(th.host.db)).toBe(before);
  });
});
