import { describe, expect, it } from 'vitest';
import { draftToItem, emptyAdd, plansFor, addonTargets } from '../../../renderer/features/sales/cart';
import type { Plan, Subscription } from '../../../electron/contract';

const money = (text: string) => (/^\d+(\.\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text) * 100) : null);

describe('the checkout cart’s add form', () => {
  it('turns a complete draft into the contract’s item, and an incomplete one into nothing', () => {
    const d = emptyAdd(7);
    expect(draftToItem(d, money)).toBeNull();
    expect(draftToItem({ ...d, planId: '3' }, money)).toEqual({ kind: 'membership', memberId: 7, planId: 3 });
    expect(draftToItem({ ...d, kind: 'dropin', planId: '4', price: '45' }, money)).toEqual({ kind: 'dropin', memberId: 7, planId: 4, price: 4500 });
    expect(draftToItem({ ...d, kind: 'pack', planId: '4', price: 'abc' }, money)).toBeNull();
    expect(draftToItem({ ...d, kind: 'addon', subscriptionId: '9', name: ' Locker ', price: '31' }, money)).toEqual({ kind: 'addon', subscriptionId: 9, name: 'Locker', price: 3100 });
    expect(draftToItem({ ...d, kind: 'addon', subscriptionId: '9', name: 'Locker', price: '' }, money)).toBeNull();
    expect(draftToItem({ ...d, kind: 'topup', amount: '1000', promotionId: '2' }, money)).toEqual({ kind: 'topup', amount: 100000, promotionId: 2 });
    expect(draftToItem({ ...d, kind: 'topup', amount: '0' }, money)).toBeNull();
  });

  it('offers the plans of the kind sold and only running memberships for an add-on', () => {
    const plans = [{ id: 1, kind: 'recurring' }, { id: 2, kind: 'pack' }, { id: 3, kind: 'dropin' }] as Plan[];
    expect([plansFor('membership', plans), plansFor('pack', plans), plansFor('dropin', plans)].map((l) => l.map((p) => p.id))).toEqual([[1], [2], [3]]);
    const subs = [
      { id: 1, status: 'active', nextBillDate: '2026-04-02' },
      { id: 2, status: 'paused', nextBillDate: null },
      { id: 3, status: 'active', nextBillDate: null },
      { id: 4, status: 'trialing', nextBillDate: '2026-03-09' },
    ] as Subscription[];
    expect(addonTargets(subs).map((s) => s.id)).toEqual([1, 4]);
  });
});
