/** A promotion's discount in the shop's words: "8折（减20%） · 前3期" / "20% off · first 3 periods". */
import type { TFunction } from 'i18next';
import type { PromotionDiscount } from '../../../electron/contract';
import { percentDiscountText } from '../../../shared/promotions';

export function discountWords(t: TFunction, money: (minor: number) => string, locale: string, d: PromotionDiscount): string {
  const amount = d.kind === 'percent' ? (percentDiscountText(d.value, locale) ?? '—') : t('promotions.discount.fixed', { amount: money(d.value) });
  const when = d.duration === 'repeating' ? t('promotions.discount.repeating', { count: d.periods ?? 1 }) : t(`promotions.discount.${d.duration}`);
  return `${amount} · ${when}`;
}
