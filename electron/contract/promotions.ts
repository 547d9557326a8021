/**
 * Promotions (促销活动): named campaigns with dates, for chosen recurring plans, giving the
 * subscription discount the desk can also give by hand (percent or amount, once, for the first N
 * periods or for ever) — stored on the subscription, so billing, the preview, the forecast and the
 * invoices get it from the one discount machinery. A manager creates, edits and archives them; the
 * desk lists those it may use and applies one at the sale (checkout.sell), by the list or by code.
 *
 * The channels are `campaigns.*`: `promotions.*` are the top-up promotions (充值赠送) of payments.
 */
import { z } from 'zod';
import { channel } from './define';
import { id, isoDate, lineText, requiredLine } from './common';
import { discountInput } from './subscriptions';
import { EXPORT_FORMATS, type ExportFile } from './exports';
import { LOCALES } from './settings';
import { PROMOTION_CODE, normalisePromotionCode, type PromotionStatus } from '../../shared/promotions';

export type { PromotionStatus };

/** The discount a promotion gives, as the subscription carries it. value: basis points (percent) or minor units (fixed). */
export interface PromotionDiscount {
  kind: 'percent' | 'fixed';
  value: number;
  duration: 'once' | 'repeating' | 'forever';
  periods: number | null;
}

export interface Promotion {
  id: number;
  name: string;
  /** Upper case as stored; null when the promotion is picked from the list only. */
  code: string | null;
  /** First and last day it may be used (both inclusive), business dates. */
  startsOn: string;
  endsOn: string;
  planIds: number[];
  discount: PromotionDiscount;
  archived: boolean;
  /** Where it stands today (archived ones too: their dates still say upcoming/running/ended). */
  status: PromotionStatus;
  createdAt: string;
  updatedAt: string;
}

/** One promotion's uptake: its sales, what they billed and how many of those members renewed. */
export interface PromotionReportRow {
  id: number;
  name: string;
  code: string | null;
  startsOn: string;
  endsOn: string;
  status: PromotionStatus;
  archived: boolean;
  discount: PromotionDiscount;
  /** Memberships sold with it. */
  sales: number;
  /** What the sales' own invoices billed for those memberships, net of the discount (minor units, tax included as billed). */
  revenue: number;
  /** Everything billed on those memberships to date (the sale and every later period), net of discounts and credit notes. */
  revenueToDate: number;
  /** Period charges each membership had at the promotion's price (N for the first N, else 1). */
  promotionalPeriods: number;
  /** Sales whose membership billed at least one period after its promotional periods. */
  renewed: number;
}

export interface PromotionReport {
  today: string;
  rows: PromotionReportRow[];
}

/** A typed code: trimmed and compared in upper case. '' (or only spaces) = no code. */
export const promotionCode = lineText(30)
  .refine((c) => c === '' || PROMOTION_CODE.test(c), 'invalid_promotion_code')
  .transform((c) => (c === '' ? null : normalisePromotionCode(c)));

export const promotionInput = z
  .strictObject({
    name: requiredLine(100),
    code: promotionCode.nullable().default(null),
    startsOn: isoDate,
    endsOn: isoDate,
    planIds: z.array(id, 'invalid_choice').min(1, 'required').max(200, 'too_long'),
    discount: discountInput,
  })
  .refine((p) => p.startsOn <= p.endsOn, { message: 'date_range', path: ['endsOn'] });
export type PromotionInput = z.input<typeof promotionInput>;

export const promotionChannels = {
  /** Every promotion (archived ones on request), newest first. */
  'campaigns.list': channel<Promotion[]>()(z.strictObject({ includeArchived: z.boolean('invalid_choice').default(false) }), {
    access: 'desk',
    mutates: false,
  }),
  /** What the clerk may pick for a sale of this plan today: running, not archived, for the plan. */
  'campaigns.eligible': channel<Promotion[]>()(z.strictObject({ planId: id }), { access: 'desk', mutates: false }),
  /** A typed code for a sale of this plan today: the promotion, or why it cannot be used (error code). */
  'campaigns.findCode': channel<Promotion>()(
    z.strictObject({ code: requiredLine(30).refine((c) => PROMOTION_CODE.test(c), 'invalid_promotion_code'), planId: id }),
    { access: 'desk', mutates: false },
  ),
  'campaigns.create': channel<Promotion>()(promotionInput, { access: 'manager', mutates: true }),
  /** Replaces the terms. Memberships already sold keep the discount they were sold with. */
  'campaigns.update': channel<Promotion>()(z.strictObject({ id, promotion: promotionInput }), { access: 'manager', mutates: true }),
  'campaigns.archive': channel<Promotion>()(z.strictObject({ id, archived: z.boolean('invalid_choice') }), {
    access: 'manager',
    mutates: true,
  }),
  /** The same report as a CSV (default) or Excel file, headers in the chosen language (default: the business's). */
  'campaigns.export': channel<ExportFile>()(
    z.strictObject({ format: z.enum(EXPORT_FORMATS, 'invalid_choice').default('csv'), locale: z.enum(LOCALES, 'invalid_choice').optional() }),
    { access: 'manager', mutates: false },
  ),
  /** Each promotion's sales, revenue and renewals, as of today. */
  'campaigns.report': channel<PromotionReport>()(z.strictObject({ includeArchived: z.boolean('invalid_choice').default(true) }), {
    access: 'manager',
    mutates: false,
  }),
};
