import { z } from 'zod';
import { channel } from './define';
import { id, isoDate, positiveMoney, requiredText, text } from './common';
import type { BillingPreview, BillingRun, CreditNote, Invoice, InvoiceDetail } from './billing-types';

export const billingChannels = {
  /**
   * Bills every due, not yet invoiced period up to today, then today's late fees (the same run the scheduler
   * makes). A manager's: billing runs by itself, so the desk is not offered it (nor the Billing screen).
   */
  'billing.run': channel<BillingRun>()(z.strictObject({}), { access: 'manager', mutates: true, tx: 'self' }),
  /**
   * The owner's go-ahead for a held catch-up (the clock jumped ahead?): `asOf` is the date the hold
   * showed, so a confirmation given for another day bills nothing. Then the run bills as usual.
   */
  'billing.confirmCatchUp': channel<BillingRun>()(z.strictObject({ asOf: isoDate }), { access: 'owner', mutates: true, tx: 'self' }),
  /** The same computation as a dry run for any date: what would be invoiced on that day. */
  'billing.preview': channel<BillingPreview>()(z.strictObject({ asOf: isoDate }), { access: 'manager', mutates: false }),
  'billing.runs': channel<BillingRun[]>()(
    z.strictObject({ limit: z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(500, 'out_of_range').default(50) }),
    { access: 'desk', mutates: false },
  ),
};

export const invoiceFilter = z.strictObject({
  status: z.enum(['open', 'partly_paid', 'paid', 'void', 'overdue'], 'invalid_choice').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  payerId: id.optional(),
  number: text(40).optional(),
  limit: z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(100_000, 'out_of_range').default(1000),
  offset: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').default(0),
});

/** What is left to credit on an invoice (its total less its credit notes) and on each positive line (net of its subscription's discounts). */
export interface CreditLimits {
  invoiceId: number;
  invoiceLeft: number;
  lines: { invoiceLineId: number; left: number }[];
}

export const invoiceChannels = {
  'invoices.list': channel<{ rows: Invoice[]; total: number }>()(invoiceFilter, { access: 'desk', mutates: false }),
  'invoices.get': channel<InvoiceDetail>()(z.strictObject({ id }), { access: 'desk', mutates: false }),
  /** Voids an invoice that nothing has settled; it keeps its number and its periods are not billed again. */
  'invoices.void': channel<InvoiceDetail>()(z.strictObject({ id, reason: requiredText(300) }), { access: 'manager', mutates: true }),
  /** A credit note against an invoice: whole lines or part of a line's gross amount. */
  'creditNotes.create': channel<CreditNote>()(
    z.strictObject({
      invoiceId: id,
      lines: z
        .array(z.strictObject({ invoiceLineId: id, amount: positiveMoney.optional() }), 'invalid_choice')
        .min(1, 'required')
        .max(200, 'too_long'),
      settlement: z.enum(['credit', 'refund'], 'invalid_choice'),
      refundMethod: requiredText(40).optional(),
      reason: requiredText(300),
    }),
    { access: 'manager', mutates: true },
  ),
  'creditNotes.limits': channel<CreditLimits>()(z.strictObject({ invoiceId: id }), { access: 'desk', mutates: false }),
  'creditNotes.get': channel<CreditNote>()(z.strictObject({ id }), { access: 'desk', mutates: false }),
  'creditNotes.listByPayer': channel<CreditNote[]>()(z.strictObject({ payerId: id }), { access: 'desk', mutates: false }),
};
