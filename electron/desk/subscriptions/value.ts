/**
 * What is left of what a subscription was charged, from a date on: the basis of every credit
 * for unused days (pause, cancel now, plan change, add-on removal).
 *
 * Each charge or credit with a period (invoice lines on issued invoices, credit-note lines)
 * contributes amount × (its days on or after `from`) / (its days). The sum is exact (rational)
 * and rounded half-up once per group, so discounts, earlier credits and earlier plan changes
 * in the same period are all accounted for, and nothing is ever credited twice.
 */
import { addDays, daysBetween } from '../../../shared/dates';
import { roundHalfUp } from '../../billing/money';
import { amountInMode, type TaxMode } from '../../billing/tax';
import type { BillingEnv } from '../../money/invoices/env';
import { taxMode } from '../../money/invoices/issue';
import { prepared } from '../../db/statements';

export interface UnusedGroup {
  /** null: the subscription's own charges (period, proration, discounts); otherwise one add-on. */
  addonId: number | null;
  taxRateBp: number;
  /** Half-up, before tax treatment in the business's tax mode today (see `amountInMode`); > 0. */
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
  /** The tax mode of the invoice the charge (or the credit's invoice) was issued in: its amount is read in it. */
  mode: TaxMode;
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
  const mode = taxMode(env);
  const freezes = extendFreezes(env, subId, from);
  // A line printed as ending before `from` may still run past it once a freeze moved its end.
  const early = addDays(from, -freezes.reduce((n, f) => n + daysBetween(f.start, f.end), 0));
  // Each piece in its own invoice's tax mode (a setting changed since must not change what was paid);
  // a credit note's lines in the mode of the invoice it credited.
  const pieces = prepared<{ sub: number; early: string; mode: TaxMode }, Piece>(env.db,
      `SELECT l.addon_id, l.tax_rate_bp, l.amount, l.period_start, l.period_end, l.id AS line_id, l.invoice_id,
              COALESCE(i.tax_mode, @mode) AS mode
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE l.subscription_id = @sub AND i.status = 'issued' AND l.period_end > @early
          AND l.kind IN ('period', 'addon', 'proration_charge', 'proration_credit', 'discount', 'household_discount')
       UNION ALL
       SELECT il.addon_id, c.tax_rate_bp, -(CASE COALESCE(ci.tax_mode, @mode) WHEN 'inclusive' THEN c.gross ELSE c.net END),
              c.period_start, c.period_end, NULL, NULL, COALESCE(ci.tax_mode, @mode)
         FROM credit_note_lines c JOIN credit_notes cn ON cn.id = c.credit_note_id
         LEFT JOIN invoices ci ON ci.id = cn.invoice_id
         LEFT JOIN invoice_lines il ON il.id = c.invoice_line_id
        WHERE c.subscription_id = @sub AND c.period_start IS NOT NULL AND c.period_end > @early`,
    )
    .all({ sub: subId, early, mode });
  const groups = new Map<string, { g: Omit<UnusedGroup, 'amount'>; mode: TaxMode; num: bigint; den: bigint }>();
  for (const p of pieces) {
    if (only && p.addon_id !== only.addonId) continue;
    const key = `${p.addon_id ?? ''}:${p.tax_rate_bp}:${p.mode}`;
    const days = daysBetween(p.period_start, p.period_end);
    const { end, unused } = servedSpan(p.period_start, p.period_end, from, freezes);
    if (end <= from) continue;
    let entry = groups.get(key);
    if (!entry) {
      entry = { g: { addonId: p.addon_id, taxRateBp: p.tax_rate_bp, from, until: end, lineId: 0, invoiceId: 0 }, mode: p.mode, num: 0n, den: 1n };
      groups.set(key, entry);
    }
    // num/den += amount × unused / days
    entry.num = entry.num * BigInt(days) + BigInt(p.amount) * BigInt(unused) * entry.den;
    entry.den = entry.den * BigInt(days);
    if (p.amount > 0 && p.line_id !== null && p.invoice_id !== null && p.line_id > entry.g.lineId) {
      entry.g.lineId = p.line_id;
      entry.g.invoiceId = p.invoice_id;
    }
    if (end > entry.g.until) entry.g.until = end;
  }
  // Rounded per group in its own mode, then stated in today's mode; the two modes' groups of one add-on
  // and rate (a setting changed inside the period) become one.
  const merged = new Map<string, UnusedGroup>();
  for (const { g, mode: own, num, den } of groups.values()) {
    const amount = amountInMode(roundHalfUp(num, den), g.taxRateBp, own, mode);
    const key = `${g.addonId ?? ''}:${g.taxRateBp}`;
    const before = merged.get(key);
    if (!before) {
      merged.set(key, { ...g, amount });
      continue;
    }
    before.amount += amount;
    if (g.until > before.until) before.until = g.until;
    if (g.lineId > before.lineId) Object.assign(before, { lineId: g.lineId, invoiceId: g.invoiceId });
  }
  const out: UnusedGroup[] = [];
  for (const g of merged.values()) {
    const until = invoicedUntil && invoicedUntil > from && invoicedUntil < g.until ? invoicedUntil : g.until;
    if (g.amount > 0 && g.lineId > 0) out.push({ ...g, until });
  }
  return out.sort((a, b) => (a.addonId ?? 0) - (b.addonId ?? 0) || a.taxRateBp - b.taxRateBp);
}

interface Freeze {
  start: string;
  end: string;
}

/**
 * The subscription's extend-mode freezes (ended early: the days actually frozen). An open-ended one counts as
 * frozen up to `from`: however long it lasts, the paid days it kept are the same from there on.
 */
function extendFreezes(env: BillingEnv, subId: number, from: string): Freeze[] {
  return prepared<{ sub: number; from: string }, Freeze>(env.db,
    `SELECT start_date AS start, COALESCE(resumed_on, end_date, @from) AS end FROM subscription_pauses
      WHERE subscription_id = @sub AND mode = 'extend' AND COALESCE(resumed_on, end_date, @from) > start_date
      ORDER BY start_date`,
  ).all({ sub: subId, from });
}

/**
 * A charge's paid days after an extend-mode freeze (顺延): each freeze that starts inside the
 * (already moved) span pushes its end later by the frozen days, so the line's printed dates are
 * no longer where the paid days run out. Unused = the days from `from` to the moved end, less the
 * frozen days in that stretch; never more than the charge's own days.
 */
function servedSpan(start: string, end: string, from: string, freezes: Freeze[]): { end: string; unused: number } {
  let moved = end;
  const counted: Freeze[] = [];
  for (const f of freezes) {
    if (f.start < start || f.start >= moved) continue;
    moved = addDays(moved, daysBetween(f.start, f.end));
    counted.push(f);
  }
  const first = start > from ? start : from;
  let unused = Math.max(0, daysBetween(first, moved));
  for (const f of counted) {
    const a = f.start > first ? f.start : first;
    const b = f.end < moved ? f.end : moved;
    if (b > a) unused -= daysBetween(a, b);
  }
  return { end: moved, unused: Math.min(unused, daysBetween(start, end)) };
}
