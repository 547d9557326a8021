/**
 * Services are built once with one environment; their audit entries still carry the staff and
 * channel of the call that reached them, also when calls interleave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHost, signInAs, type TestHost } from '../../support/host';

let th: TestHost;
beforeAll(async () => {
  th = await makeHost({ setup: true });
  await signInAs(th.host, 'manager');
});
afterAll(() => th.close());

const entries = () =>
  th.host.db
    .prepare("SELECT staff_name AS staff, channel, entity FROM audit_log WHERE entity IN ('plan', 'expense', 'follow_up') ORDER BY id")
    .all();

describe('the service environment', () => {
  it('audits each change with the acting staff and the channel of its own call', async () => {
    const rent = (await th.host.invoke('expenseCategories.list', {})).find((c) => c.code === 'rent')!.id;
    const [plan, expense] = await Promise.all([
      th.host.invoke('plans.create', { kind: 'recurring', name: 'Gold', price: 10000, interval: 'month' }),
      th.host.invoke('expenses.create', { date: '2026-01-05', amount: 5000, categoryId: rent, method: 'cash' }),
      th.host.invoke('plans.list', {}),
    ]);
    await signInAs(th.host, 'desk');
    const member = await th.host.invoke('members.create', { name: 'Li Lei', phone: '13800000000' });
    await th.host.invoke('followups.log', { payerId: member.id, kind: 'called' });
    expect((await th.host.invoke('plans.get', { id: plan.id })).name).toBe('Gold');
    expect(expense.staffName).toBe('Manager');
    expect(entries()).toEqual([
      { staff: 'Manager', channel: 'plans.create', entity: 'plan' },
      { staff: 'Manager', channel: 'expenses.create', entity: 'expense' },
      { staff: 'Desk', channel: 'followups.log', entity: 'follow_up' },
    ]);
  });
});
