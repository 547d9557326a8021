/**
 * What is left of what a subscription was charged, from a date on: the basis of every credit
 * for unused days (pause, cancel now, plan change, add-on removal).
 *
 * Each charge or credit with a period (invoice lines on issued invoices, credit-note lines)
 * contributes amount × (its days on or after `from`) / (its days). The sum is exact (rational)
 * and rounded half-up once per group, so discounts, earlier credits and earlier plan changes
 * in the same period are all accounted for, and nothing is ever credited twice.
 */
import { daysBetween } from '../../../shared/dates';
import { roundHalfUp } from '../../billing/money';
import type { BillingEnv } from '../../money/invoices/env';
import { taxMode } from '../../money/invoices/issue';
import { prepared } from '../../db/statements';

export interface UnusedGroup {
  /** null: the subscription's own charges (period, proration, discounts); otherwise one add-on. */
  addonId: number | null;
  taxRateBp: number;
  /** Half-up, before tax treatment; > 0. */
  amount: number;
  from: string;
  /** The latest end among the charges: the credit covers from … until. */
  until: string;
  /** The latest positive line of the group and its invoice, for the credit note's reference. */
  lineId: number;
  invoiceId: number;
}

interface Piece {
  addon_id: number | null;
  tax_rate_bp: number;
  amount: number;
  period_start: string;
  period_end: string;
  line_id: number | null;
  invoice_id: number | null;
}

/**
 * Unused value per (add-on, tax rate) from `from`; `addonId` limits it to one add-on or (null) the
 * plan itself. `invoicedUntil` (where the paid-for service runs out) caps the span the credit says it
 * covers: charges that reach further (a yearly period replaced by a plan change, days after a booked
 * pause) were credited already.
 */
export function unusedFrom(
  env: BillingEnv,
  subId: number,
  from: string,
  only?: { addonId: number | null },
  invoicedUntil?: string | null,
): UnusedGroup[] {
  const inclusive = taxMode(env) === 'inclusive';
  const pieces = prepared<{ sub: number; from: string }, Piece>(env.db, 
      `SELECT l.addon_id, l.tax_rate_bp, l.amount, l.period_start, l.period_end, l.id AS line_id, l.invoice_id
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE l.subscription_id = @sub AND i.status = 'issued' AND l.period_end > @from
          AND l.kind IN ('period', 'addon', 'proration_charge', 'proration_credit', 'discount', 'household_discount')
       UNION ALL
       SELECT il.addon_id, c.tax_rate_bp, -(${inclusive ? 'c.gross' : 'c.net'}), c.period_start, c.period_end, NULL, NULL
         FROM credit_note_lines c LEFT JOIN invoice_lines il ON il.id = c.invoice_line_id
        WHERE c.subscription_id = @sub AND c.period_start IS NOT NULL AND c.period_end > @from`,
    )
    .all({ sub: subId, from });
  const groups = new Map<string, { g: Omit<UnusedGroup, 'amount'>; num: bigint; den: bigint }>();
  for (const p of pieces) {
    if (only && p.addon_id !== only.addonId) continue;
    const key = `${p.addon_id ?? ''}:${p.tax_rate_bp}`;
    const days = daysBetween(p.period_start, p.period_end);
    const unused = daysBetween(p.period_start > from ? p.period_start : from, p.period_end);
    let entry = groups.get(key);
    if (!entry) {
      entry = { g: { addonId: p.addon_id, taxRateBp: p.tax_rate_bp, from, until: p.period_end, lineId: 0, invoiceId: 0 }, num: 0n, den: 1n };
      groups.set(key, entry);
    }
    // num/den += amount × unused / days
    entry.num = entry.num * BigInt(days) + BigInt(p.amount) * BigInt(unused) * entry.den;
    entry.den = entry.den * BigInt(days);
    if (p.amount > 0 && p.line_id !== null && p.invoice_id !== null && p.line_id > entry.g.lineId) {
      entry.g.lineId = p.line_id;
      entry.g.invoiceId = p.invoice_id;
    }
    if (p.period_end > entry.g.until) entry.g.until = p.period_end;
  }
  const out: UnusedGroup[] = [];
  for (const { g, num, den } of groups.values()) {
    const amount = roundHalfUp(num, den);
    const until = invoicedUntil && invoicedUntil > from && invoicedUntil < g.until ? invoicedUntil : g.until;
    if (amount > 0 && g.lineId > 0) out.push({ ...g, until, amount });
  }
  return out.sort((a, b) => (a.addonId ?? 0) - (b.addonId ?? 0) || a.taxRateBp - b.taxRateBp);
}
