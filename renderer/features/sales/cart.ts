/** The checkout cart: items as the contract takes them, with the words the clerk sees. Plain data, no DOM. */
import type { CheckoutItem, Plan, Subscription } from '../../../electron/contract';
import type { PickedPromotion } from '../promotions/PromotionPick';

export interface CartLine {
  key: number;
  item: CheckoutItem;
}

export type AddKind = CheckoutItem['kind'];

/** The add form as typed. */
export interface AddDraft {
  kind: AddKind;
  memberId: number | null;
  planId: string;
  price: string;
  subscriptionId: string;
  name: string;
  amount: string;
  promotionId: string;
  /** A membership's promotion (促销活动): picked from the list or by code. */
  campaign: PickedPromotion | null;
}

export function emptyAdd(memberId: number | null): AddDraft {
  return { kind: 'membership', memberId, planId: '', price: '', subscriptionId: '', name: '', amount: '', promotionId: '', campaign: null };
}

/** The plans a kind sells: memberships sell recurring plans, packs packs, drop-ins drop-ins. */
export function plansFor(kind: AddKind, plans: Plan[] | undefined): Plan[] {
  const want = kind === 'membership' ? 'recurring' : kind;
  return (plans ?? []).filter((p) => p.kind === want);
}

/** Memberships an add-on can be sold on: running ones with a next period. */
export function addonTargets(subs: Subscription[] | undefined): Subscription[] {
  return (subs ?? []).filter((s) => (s.status === 'active' || s.status === 'trialing') && s.nextBillDate !== null);
}

/**
 * The contract item for a complete draft, or null while something is missing. `money` turns
 * typed text into minor units (null when it is not an amount; the item is then incomplete).
 */
export function draftToItem(d: AddDraft, money: (text: string) => number | null): CheckoutItem | null {
  const price = d.price.trim() === '' ? undefined : money(d.price);
  if (price === null) return null;
  switch (d.kind) {
    case 'membership': {
      if (d.memberId === null || d.planId === '') return null;
      const c = d.campaign;
      const promotion = c === null ? {} : c.code === null ? { promotionId: c.id } : { promotionCode: c.code };
      return { kind: d.kind, memberId: d.memberId, planId: Number(d.planId), ...(price === undefined ? {} : { price }), ...promotion };
    }
    case 'pack':
    case 'dropin':
      if (d.memberId === null || d.planId === '') return null;
      return { kind: d.kind, memberId: d.memberId, planId: Number(d.planId), ...(price === undefined ? {} : { price }) };
    case 'addon': {
      const addonPrice = money(d.price);
      if (d.subscriptionId === '' || d.name.trim() === '' || addonPrice === null) return null;
      return { kind: 'addon', subscriptionId: Number(d.subscriptionId), name: d.name.trim(), price: addonPrice };
    }
    case 'topup': {
      const amount = money(d.amount);
      if (amount === null || amount <= 0) return null;
      return { kind: 'topup', amount, ...(d.promotionId ? { promotionId: Number(d.promotionId) } : {}) };
    }
  }
}
