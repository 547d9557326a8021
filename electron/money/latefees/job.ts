/**
 * Late fees (docs/billing.md, "Overdue and late fees"): once an invoice is more than
 * settings.lateFeeAfterDays days past due with a balance, its payer is charged settings.lateFee for it,
 * exactly once per invoice ever (late_fees has the overdue invoice as its primary key). All the fees a
 * payer owes on a day are lines of ONE invoice dated that day — the run's invoice for that payer's periods
 * billed that day when there is one, else an invoice of fees alone — each line naming the overdue invoice
 * and whom it was for; a payer already charged that day is not charged again (anything newly overdue
 * waits for the next day). An invoice of fees alone earns no fee; lateFee = 0 switches fees off; a closed
 * day takes none. Charged by the billing run (billing.run, the scheduler, and so the preview), each payer
 * in its own savepoint.
 */
import { addDays } from '../../../shared/dates';
import { isDayClosed } from '../closeout/lock';
import type { Locale } from '../../contract/settings';
import type { AuditFn, BillingEnv } from '../invoices/env';
import { issueInvoice, type LineDraft } from '../invoices/issue';
import { oneOffFacts } from '../invoices/facts';
import { invoiceMembers } from '../invoices/members';
import { lateFeesRepo, type LateFeeCandidate } from '../../db/repos/late-fees';

const DESCRIPTION: Record<Locale, (number: string, names: string[]) => string> = {
  en: (n, names) => `Late fee – ${n} (${names.join(', ')})`,
  'zh-CN': (n, names) => `滞纳金 – ${n}（${names.join('、')}）`,
};

export interface LateFeeOutcome {
  /** Fee invoices issued (one per payer). */
  invoices: number;
  /** Fee lines on them (one per overdue invoice). */
  fees: number;
  /** The fee invoices' total. */
  amount: number;
}

/** The overdue invoices of each payer that may take a fee on `date` (none when fees are off or the day is closed). */
export function lateFeesDue(env: BillingEnv, date: string): Map<number, LateFeeCandidate[]> {
  const byPayer = new Map<number, LateFeeCandidate[]>();
  const { lateFee, lateFeeAfterDays } = env.settings.get();
  // A closed day takes no new invoices: the fees wait for the next open day.
  if (lateFee === 0 || isDayClosed(env.db, date)) return byPayer;
  for (const inv of lateFeesRepo(env.db).candidates(addDays(date, -lateFeeAfterDays))) byPayer.set(inv.payer_id, [...(byPayer.get(inv.payer_id) ?? []), inv]);
  return byPayer;
}

/** A payer's fees of the day, to go on the invoice about to be issued; `record` notes them once it has its number. */
export interface PayerFees {
  lines: LineDraft[];
  record(invoice: { id: number; number: string }): void;
}

/**
 * The fee lines for a payer's overdue invoices on `date` (read again inside the caller's savepoint): none when
 * the payer already took a fee that day or every one has its fee. Call inside the transaction that issues them.
 */
export function payerFees(env: BillingEnv, payerId: number, overdue: readonly LateFeeCandidate[], date: string, audit: AuditFn): PayerFees | null {
  const repo = lateFeesRepo(env.db);
  if (repo.chargedOn(payerId, date)) return null;
  const due = overdue.filter((inv) => repo.stillWithoutFee(inv.id));
  if (due.length === 0) return null;
  const { lateFee, locale } = env.settings.get();
  const members = invoiceMembers(env.db, due.map((inv) => inv.id), false);
  const lines: LineDraft[] = due.map((inv) => {
    const forWhom = members.get(inv.id) ?? [];
    const only = forWhom.length === 1 ? forWhom[0]!.id : payerId;
    return {
      kind: 'late_fee',
      description: DESCRIPTION[locale](inv.number, forWhom.map((m) => m.name)),
      amount: lateFee,
      taxRateBp: 0,
      ...oneOffFacts(only),
    };
  });
  return {
    lines,
    record(invoice) {
      const at = env.now().toISOString();
      for (const inv of due) {
        repo.insert({ invoice_id: inv.id, fee_invoice_id: invoice.id, amount: lateFee, date, created_at: at });
        audit('late_fee', inv.id, null, { invoiceId: inv.id, feeInvoiceId: invoice.id, feeNumber: invoice.number, amount: lateFee });
      }
    },
  };
}

/**
 * Charges the late fees due on `date` that the run's own invoices of that day did not carry: one invoice per
 * payer, one line per overdue invoice. Each payer is a savepoint of one transaction, so a payer that fails is
 * left out alone (and logged); the others commit.
 */
export function billLateFees(env: BillingEnv, date: string, runId: number | null, audit: AuditFn): LateFeeOutcome {
  const out: LateFeeOutcome = { invoices: 0, fees: 0, amount: 0 };
  const byPayer = lateFeesDue(env, date);
  if (byPayer.size === 0) return out;
  env.db.transaction(() => {
    for (const [payerId, overdue] of byPayer) {
      try {
        env.db.transaction(() => {
          const fees = payerFees(env, payerId, overdue, date, audit);
          if (!fees) return;
          const fee = issueInvoice(env, { payerId, issueDate: date, lines: fees.lines, runId }, audit);
          fees.record(fee);
          out.invoices += 1;
          out.fees += fees.lines.length;
          out.amount += fee.total;
        })();
      } catch (e) {
        if (!env.db.inTransaction) throw e;
        console.error(`[late fees] payer ${payerId}:`, e);
      }
    }
  })();
  return out;
}
