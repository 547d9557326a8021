import { z } from 'zod';
import { channel } from './define';
import { basisPoints, id, isoDate, money, requiredLine, requiredText } from './common';
import type { ActionResult, FreezeGrant, FreezePreview, InvoiceDetail, MemberPack, Subscription } from './billing-types';
import { OTHER_CANCEL_REASON } from './settings';

export const discountInput = z
  .strictObject({
    kind: z.enum(['percent', 'fixed'], 'invalid_choice'),
    value: money,
    duration: z.enum(['once', 'repeating', 'forever'], 'invalid_choice'),
    periods: z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(120, 'out_of_range').nullable().default(null),
  })
  .refine((d) => d.kind !== 'percent' || d.value <= 10_000, { message: 'discount_over_100', path: ['value'] })
  .refine((d) => (d.duration === 'repeating') === (d.periods !== null), { message: 'discount_periods', path: ['periods'] });

/** Every action can be a dry run: the same code runs in a transaction that is rolled back. */
const dryRun = z.boolean('invalid_choice').default(false);

/** Paying money back is a manager's decision; the desk may keep it as account credit (or preview it). */
const REFUND = {
  role: 'manager',
  message: 'Only a manager or the owner can refund money; keep it as account credit or ask a manager.',
} as const;

/** Extra freeze days go past the plan's rules: a manager's or the owner's decision. */
export const subscriptionChannels = {
  'subscriptions.create': channel<ActionResult>()(
    z.strictObject({
      memberId: id,
      planId: id,
      startDate: isoDate.optional(), // default: today
      /** Override of the plan's trial days for this sale. */
      trialDays: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').max(365, 'out_of_range').optional(),
      /** Override of the plan's price for this member (a negotiated price). */
      price: money.optional(),
      discount: discountInput.nullable().default(null),
      waiveSetupFee: z.boolean('invalid_choice').default(false),
      dryRun,
    }),
    { access: 'desk', mutates: true },
  ),
  'subscriptions.get': channel<Subscription>()(z.strictObject({ id }), { access: 'desk', mutates: false }),
  'subscriptions.listByMember': channel<Subscription[]>()(z.strictObject({ memberId: id }), { access: 'desk', mutates: false }),
  /** Freeze from `effectiveDate` (default tomorrow) until `resumeDate` (exclusive) or open-ended. */
  'subscriptions.pause': channel<ActionResult>()(
    z.strictObject({ id, effectiveDate: isoDate.optional(), resumeDate: isoDate.nullable().default(null), dryRun }),
    { access: 'desk', mutates: true },
  ),
  /** What the freeze would do: the card's new dates, the year's allowance used and left, the fee. Changes nothing. */
  'subscriptions.freezePreview': channel<FreezePreview>()(
    z.strictObject({ id, effectiveDate: isoDate.optional(), resumeDate: isoDate.nullable().default(null) }),
    { access: 'desk', mutates: false },
  ),
  /** Extra freeze days for one member and calendar year (default: this year), with the reason. Audited. */
  'subscriptions.grantFreezeDays': channel<FreezeGrant>()(
    z.strictObject({
      memberId: id,
      days: z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(366, 'out_of_range'),
      reason: requiredText(200),
      year: z.number('out_of_range').int('out_of_range').min(2000, 'out_of_range').max(2100, 'out_of_range').optional(),
    }),
    // A manager's or the owner's decision whatever the input: the channel's own access, so the desk's
    // screen never offers it (input-dependent rules are for channels the desk may call in some cases).
    { access: 'manager', mutates: true },
  ),
  /** Resume on `effectiveDate` (default today): a prorated invoice to the next anchor date. */
  'subscriptions.resume': channel<ActionResult>()(z.strictObject({ id, effectiveDate: isoDate.optional(), dryRun }), {
    access: 'desk',
    mutates: true,
  }),
  'subscriptions.cancel': channel<ActionResult>()(
    z.strictObject({
      id,
      mode: z.enum(['period_end', 'now'], 'invalid_choice').default('period_end'),
      /** For "now": the first day without service (default tomorrow). */
      effectiveDate: isoDate.optional(),
      /** For "now": what happens to the unused days' credit note. */
      settlement: z.enum(['credit', 'refund'], 'invalid_choice').default('credit'),
      refundMethod: requiredText(40).optional(),
      /** Why the member is leaving: one of the owner's cancel reasons (settings.cancelReasons), or "Other". */
      reason: requiredLine(60).default(OTHER_CANCEL_REASON),
      dryRun,
    }),
    { access: 'desk', when: [{ if: (i) => !i.dryRun && i.mode === 'now' && i.settlement === 'refund', ...REFUND }], mutates: true },
  ),
  /** Reverses a cancel-at-period-end before the period ends. */
  'subscriptions.undoCancel': channel<ActionResult>()(z.strictObject({ id, dryRun }), { access: 'desk', mutates: true }),
  /** Withdraws a plan switch booked for the period end: the membership stays on its plan (NO_SWITCH_BOOKED when none is). */
  'subscriptions.withdrawSwitch': channel<ActionResult>()(z.strictObject({ id, dryRun }), { access: 'desk', mutates: true }),
  'subscriptions.changePlan': channel<ActionResult>()(
    z.strictObject({
      id,
      planId: id,
      /** Upgrades default to now; downgrades to the period end unless the desk chooses now. */
      when: z.enum(['auto', 'now', 'period_end'], 'invalid_choice').default('auto'),
      effectiveDate: isoDate.optional(),
      dryRun,
    }),
    { access: 'desk', mutates: true },
  ),
  'subscriptions.addAddon': channel<ActionResult>()(
    z.strictObject({ id, name: requiredLine(100), price: money, taxRateBp: basisPoints.optional(), effectiveDate: isoDate.optional(), dryRun }),
    { access: 'desk', mutates: true },
  ),
  'subscriptions.removeAddon': channel<ActionResult>()(
    z.strictObject({ id, addonId: id, effectiveDate: isoDate.optional(), settlement: z.enum(['credit', 'refund'], 'invalid_choice').default('credit'), dryRun }),
    { access: 'desk', when: [{ if: (i) => !i.dryRun && i.settlement === 'refund', ...REFUND }], mutates: true },
  ),
  'packs.sell': channel<{ pack: MemberPack; invoiceId: number | null; invoices: InvoiceDetail[]; dryRun: boolean }>()(
    z.strictObject({ memberId: id, planId: id, startDate: isoDate.optional(), price: money.optional(), dryRun }),
    { access: 'desk', mutates: true },
  ),
  'packs.listByMember': channel<MemberPack[]>()(z.strictObject({ memberId: id }), { access: 'desk', mutates: false }),
};
