import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, makeHost, signInAs, type TestHost } from '../../support/host';

let th: TestHost;
beforeEach(async () => {
  th = await makeHost({ startDate: '2026-03-02', setup: true });
});
afterEach(() => th.close());

const categoryId = async (code: string) => (await th.host.invoke('expenseCategories.list', {})).find((c) => c.code === code)!.id;

describe('expense categories', () => {
  it('start with the six defaults in both languages', async () => {
    const list = await th.host.invoke('expenseCategories.list', {});
    expect(list.map((c) => [c.code, c.nameEn, c.nameZh, c.active, c.expenses])).toEqual([
      ['rent', 'Rent', '房租', true, 0],
      ['salaries', 'Salaries', '工资', true, 0],
      ['utilities', 'Utilities', '水电杂费', true, 0],
      ['equipment', 'Equipment', '器材设备', true, 0],
      ['marketing', 'Marketing', '市场推广', true, 0],
      ['other', 'Other', '其他', true, 0],
    ]);
  });

  it('can be added (one name serves both languages), renamed and switched off, each audited', async () => {
    const c = await th.host.invoke('expenseCategories.create', { nameZh: '保洁' });
    expect(c).toMatchObject({ code: null, nameEn: '保洁', nameZh: '保洁', active: true, position: 7 });
    const renamed = await th.host.invoke('expenseCategories.update', { id: c.id, nameEn: 'Cleaning' });
    expect(renamed).toMatchObject({ nameEn: 'Cleaning', nameZh: '保洁' });
    const off = await th.host.invoke('expenseCategories.update', { id: c.id, active: false });
    expect(off.active).toBe(false);
    expect((await th.host.invoke('expenseCategories.list', {})).map((x) => x.id)).not.toContain(c.id);
    expect((await th.host.invoke('expenseCategories.list', { includeInactive: true })).map((x) => x.id)).toContain(c.id);
    const audit = th.host.db
      .prepare<[], { entity: string; channel: string; staff_name: string }>("SELECT entity, channel, staff_name FROM audit_log WHERE entity = 'expense_category' ORDER BY id")
      .all();
    expect(audit).toEqual([
      { entity: 'expense_category', channel: 'expenseCategories.create', staff_name: 'Owner' },
      { entity: 'expense_category', channel: 'expenseCategories.update', staff_name: 'Owner' },
      { entity: 'expense_category', channel: 'expenseCategories.update', staff_name: 'Owner' },
    ]);
  });

  it('refuses a duplicate name and a nameless category, changing nothing', async () => {
    const before = databaseHash(th.host.db);
    expect((await failure(th.host.invoke('expenseCategories.create', { nameEn: 'rent' }))).code).toBe('EXPENSE_CATEGORY_EXISTS');
    expect((await failure(th.host.invoke('expenseCategories.create', { nameEn: 'Water', nameZh: '房租' }))).code).toBe('EXPENSE_CATEGORY_EXISTS');
    const blank = await failure(th.host.invoke('expenseCategories.create', { nameEn: '  ' }));
    expect(blank.code).toBe('VALIDATION');
    expect(blank.details?.['issues']).toEqual([{ path: 'nameEn', code: 'custom', message: 'required' }]);
    expect(databaseHash(th.host.db)).toBe(before);
  });
});

describe('expenses', () => {
  it('are created, listed, edited and deleted softly, with totals that leave deleted entries out', async () => {
    const rent = await categoryId('rent');
    const salaries = await categoryId('salaries');
    const a = await th.host.invoke('expenses.create', { date: '2026-03-01', amount: 1_200_000, categoryId: rent, method: 'bank_transfer', note: '三月房租' });
    expect(a).toMatchObject({ date: '2026-03-01', amount: 1_200_000, categoryNameEn: 'Rent', categoryNameZh: '房租', method: 'bank_transfer', note: '三月房租', staffName: 'Owner', deleted: null });
    const b = await th.host.invoke('expenses.create', { date: '2026-03-02', amount: 850_000, categoryId: salaries, method: 'bank_transfer' });
    const c = await th.host.invoke('expenses.create', { date: '2026-02-27', amount: 3_500, categoryId: rent, method: 'cash', note: 'Keys' });

    let list = await th.host.invoke('expenses.list', { from: '2026-03-01', to: '2026-03-31' });
    expect(list.rows.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(list).toMatchObject({ total: 2, amount: 2_050_000 });

    const edited = await th.host.invoke('expenses.update', { id: c.id, date: '2026-03-03', amount: 4_000, categoryId: rent, method: 'cash', note: 'Spare keys' });
    expect(edited).toMatchObject({ date: '2026-03-03', amount: 4_000, note: 'Spare keys' });

    const deleted = await th.host.invoke('expenses.delete', { id: b.id, reason: 'Entered twice' });
    expect(deleted.deleted).toEqual({ at: '2026-03-02T01:00:00.000Z', by: 'Owner', reason: 'Entered twice' });
    list = await th.host.invoke('expenses.list', { from: '2026-03-01', to: '2026-03-31' });
    expect(list.rows.map((r) => r.id)).toEqual([c.id, a.id]);
    expect(list).toMatchObject({ total: 2, amount: 1_204_000 });
    const withDeleted = await th.host.invoke('expenses.list', { from: '2026-03-01', to: '2026-03-31', includeDeleted: true });
    expect(withDeleted).toMatchObject({ total: 3, amount: 1_204_000 });
    expect((await th.host.invoke('expenses.list', { categoryId: salaries })).rows).toEqual([]);

    const audit = th.host.db
      .prepare<[], { channel: string; before: string | null; after: string }>("SELECT channel, before, after FROM audit_log WHERE entity = 'expense' ORDER BY id")
      .all();
    expect(audit.map((x) => x.channel)).toEqual(['expenses.create', 'expenses.create', 'expenses.create', 'expenses.update', 'expenses.delete']);
    expect(JSON.parse(audit[3]!.before!)).toMatchObject({ date: '2026-02-27', amount: 3_500 });
    expect(JSON.parse(audit[3]!.after)).toMatchObject({ date: '2026-03-03', amount: 4_000 });
  });

  it('refuses bad input, unknown methods, switched-off categories and changes to a deleted entry', async () => {
    const rent = await categoryId('rent');
    const e = await th.host.invoke('expenses.create', { date: '2026-03-01', amount: 100, categoryId: rent, method: 'cash' });
    await th.host.invoke('expenses.delete', { id: e.id, reason: 'Mistake' });
    const off = await th.host.invoke('expenseCategories.create', { nameEn: 'Old' });
    await th.host.invoke('expenseCategories.update', { id: off.id, active: false });
    const before = databaseHash(th.host.db);
    const zero = await failure(th.host.invoke('expenses.create', { date: '2026-03-01', amount: 0, categoryId: rent, method: 'cash' }));
    expect(zero.code).toBe('VALIDATION');
    expect(zero.details?.['issues']).toEqual([{ path: 'amount', code: 'custom', message: 'positive_amount' }]);
    expect((await failure(th.host.invoke('expenses.create', { date: '2026-02-30', amount: 5, categoryId: rent, method: 'cash' }))).code).toBe('VALIDATION');
    expect((await failure(th.host.invoke('expenses.create', { date: '2026-03-01', amount: 5, categoryId: rent, method: 'bitcoin' }))).code).toBe('PAYMENT_METHOD_UNKNOWN');
    expect((await failure(th.host.invoke('expenses.create', { date: '2026-03-01', amount: 5, categoryId: off.id, method: 'cash' }))).code).toBe('EXPENSE_CATEGORY_INACTIVE');
    expect((await failure(th.host.invoke('expenses.create', { date: '2026-03-01', amount: 5, categoryId: 999, method: 'cash' }))).code).toBe('NOT_FOUND');
    expect((await failure(th.host.invoke('expenses.update', { id: e.id, date: '2026-03-01', amount: 5, categoryId: rent, method: 'cash' }))).code).toBe('EXPENSE_DELETED');
    expect((await failure(th.host.invoke('expenses.delete', { id: e.id, reason: 'Again' }))).code).toBe('EXPENSE_DELETED');
    expect(databaseHash(th.host.db)).toBe(before);
  });

  it('are for managers and owners only', async () => {
    await signInAs(th.host, 'desk');
    expect((await failure(th.host.invoke('expenses.list', {}))).code).toBe('FORBIDDEN');
    expect((await failure(th.host.invoke('reports.dashboard', {}))).code).toBe('FORBIDDEN');
    await signInAs(th.host, 'manager');
    expect((await th.host.invoke('expenses.list', {})).total).toBe(0);
  });
});
