/**
 * Migration 009's data step: fills the facts of the lines and invoices written before lines
 * carried them (once). Subscriptions, plans, add-ons and each subscription's period charges are
 * read once; lines are read and written invoice by invoice in id slices.
 */
import type { Alignment, Interval } from '../billing/periods';
import { inferInvoiceFacts, type FactLine, type PlanTerms, type SubContext, type SubTerms } from './line-facts';
import type { Db } from './open';
import type { MigrationContext } from './steps';

interface LineRow extends FactLine {
  id: number;
  invoiceId: number;
  payerId: number;
}

const LINES_SQL = `SELECT l.id, l.invoice_id AS invoiceId, i.payer_id AS payerId, l.kind, l.subscription_id AS subscriptionId,
    l.addon_id AS addonId, l.plan_id AS planId, l.period_start AS periodStart, l.period_end AS periodEnd, l.amount
  FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.invoice_id > ? AND l.invoice_id <= ? ORDER BY l.invoice_id, l.position`;

export function backfillLineFacts(db: Db, ctx: MigrationContext): void {
  backfillTaxMode(db, ctx);
  const contexts = subscriptionContexts(db);
  const packMember = db.prepare<[number, number | null, string | null, string | null], { member_id: number }>(
    'SELECT member_id FROM member_packs WHERE invoice_id = ? AND plan_id IS ? AND start_date IS ? AND expires_on IS ? ORDER BY id LIMIT 1',
  );
  const update = db.prepare<[number | null, number | null, number | null, number | null, number]>(
    'UPDATE invoice_lines SET member_id = ?, list_price = ?, days_used = ?, days_in_period = ? WHERE id = ?',
  );
  const read = db.prepare<[number, number], LineRow>(LINES_SQL);
  const top = db.prepare<[], { m: number | null }>('SELECT MAX(id) AS m FROM invoices').get()?.m ?? 0;
  for (let from = 0; from < top; from += 5_000) {
    const byInvoice = new Map<number, LineRow[]>();
    for (const r of read.all(from, from + 5_000)) {
      const list = byInvoice.get(r.invoiceId);
      if (list) list.push(r);
      else byInvoice.set(r.invoiceId, [r]);
    }
    for (const [invoiceId, lines] of byInvoice) {
      const facts = inferInvoiceFacts(lines, lines[0]!.payerId, contexts);
      lines.forEach((l, i) => {
        const f = facts[i]!;
        // A pack line names no subscription: its member is on the pack sold with that invoice.
        const member = l.kind === 'pack' ? (packMember.get(invoiceId, l.planId, l.periodStart, l.periodEnd)?.member_id ?? f.memberId) : f.memberId;
        update.run(member, f.listPrice, f.daysUsed, f.daysInPeriod, l.id);
      });
    }
  }
}

/**
 * The tax mode an old invoice was issued in, read from its lines where they show it (a taxed
 * line whose net differs from its amount was tax-inclusive; one that kept its amount as net and
 * added tax was tax-exclusive); otherwise the business's setting now.
 */
function backfillTaxMode(db: Db, ctx: MigrationContext): void {
  db.prepare(
    `UPDATE invoices SET tax_mode = CASE
       WHEN EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = invoices.id AND l.tax_rate_bp > 0 AND l.net <> l.amount) THEN 'inclusive'
       WHEN EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = invoices.id AND l.tax_rate_bp > 0 AND l.net = l.amount AND l.tax <> 0) THEN 'exclusive'
       ELSE ? END
     WHERE tax_mode IS NULL`,
  ).run(ctx.taxMode());
}

interface SubRow {
  id: number;
  member_id: number;
  plan_id: number;
  price: number;
  interval: Interval;
  interval_count: number;
  alignment: Alignment;
  anchor_date: string;
  discount_kind: 'percent' | 'fixed' | null;
  discount_value: number | null;
}

/** Every subscription's terms and what its issued period charges say, read once. */
function subscriptionContexts(db: Db): (subId: number) => SubContext {
  const plans = new Map<number, PlanTerms>();
  for (const p of db.prepare<[], { id: number; price: number; interval: Interval | null; interval_count: number | null; alignment: Alignment | null }>(
    'SELECT id, price, interval, interval_count, alignment FROM plans',
  ).all()) {
    plans.set(p.id, { id: p.id, price: p.price, interval: p.interval, count: p.interval_count, alignment: p.alignment });
  }
  const addons = new Map<number, number>();
  for (const a of db.prepare<[], { id: number; price: number }>('SELECT id, price FROM subscription_addons').all()) addons.set(a.id, a.price);
  const periods = new Map<string, { first: string; largest: number }>();
  for (const r of db.prepare<[], { sub: number; plan: number | null; first: string; largest: number }>(
    `SELECT l.subscription_id AS sub, l.plan_id AS plan, MIN(l.period_start) AS first, MAX(l.amount) AS largest
       FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
      WHERE l.kind = 'period' AND i.status = 'issued' AND l.subscription_id IS NOT NULL AND l.period_start IS NOT NULL
      GROUP BY 1, 2`,
  ).all()) {
    periods.set(`${r.sub}|${r.plan}`, { first: r.first, largest: r.largest });
  }
  const subs = new Map<number, SubTerms>();
  for (const s of db.prepare<[], SubRow>('SELECT * FROM subscriptions').all()) subs.set(s.id, subTerms(s));
  return (subId) => ({
    sub: subs.get(subId) ?? null,
    plan: (id) => plans.get(id),
    addonPrice: (id) => addons.get(id),
    firstPeriodStart: (planId) => periods.get(`${subId}|${planId}`)?.first ?? null,
    largestPeriod: (planId) => Math.max(0, periods.get(`${subId}|${planId}`)?.largest ?? 0),
  });
}

export function subTerms(s: SubRow): SubTerms {
  return {
    memberId: s.member_id,
    planId: s.plan_id,
    price: s.price,
    interval: s.interval,
    count: s.interval_count,
    alignment: s.alignment,
    anchor: s.anchor_date,
    discount: s.discount_kind && s.discount_value !== null ? { kind: s.discount_kind, value: s.discount_value } : null,
  };
}
