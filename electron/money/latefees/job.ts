/**
 * Late fees (docs/billing.md, "Overdue and late fees"): once an invoice is more than
 * settings.lateFeeAfterDays days past due with a balance, its payer is charged settings.lateFee for it,
 * exactly once per invoice ever (late_fees has the overdue invoice as its primary key). All the fees a
 * payer owes on a day are the lines of ONE invoice dated that day, each line naming the overdue invoice
 * and whom it was for; a payer already given a fee invoice that day gets no second one (anything newly
 * overdue waits for the next day). Fee invoices earn no fee; lateFee = 0 switches fees off; a closed
 * day takes none. Run by the billing run (billing.run, the scheduler, and so the preview) after the
 * periods, each payer in its own savepoint.
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

/**
 * Charges the late fees due on `date`: one invoice per payer, one line per overdue invoice. Each payer is
 * a savepoint of one transaction, so a payer that fails is left out alone (and logged); the others commit.
 */
export function billLateFees(env: BillingEnv, date: string, runId: number | null, audit: AuditFn): LateFeeOutcome {
  const out: LateFeeOutcome = { invoices: 0, fees: 0, amount: 0 };
  const { lateFee, lateFeeAfterDays, locale } = env.settings.get();
  // A closed day takes no new invoices: the fees wait for the next open day.
  if (lateFee === 0 || isDayClosed(env.db, date)) return out;
  const repo = lateFeesRepo(env.db);
  const byPayer = new Map<number, LateFeeCandidate[]>();
  for (const inv of repo.candidates(addDays(date, -lateFeeAfterDays))) byPayer.set(inv.payer_id, [...(byPayer.get(inv.payer_id) ?? []), inv]);
  if (byPayer.size === 0) return out;
  env.db.transaction(() => {
    for (const [payerId, overdue] of byPayer) {
      try {
        env.db.transaction(() => {
          if (repo.chargedOn(payerId, date)) return;
          const due = overdue.filter((inv) => repo.stillWithoutFee(inv.id));
          if (due.length === 0) return;
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
          const fee = issueInvoice(env, { payerId, issueDate: date, lines, runId }, audit);
          const at = env.now().toISOString();
          for (const inv of due) {
            repo.insert({ invoice_id: inv.id, fee_invoice_id: fee.id, amount: lateFee, date, created_at: at });
            audit('late_fee', inv.id, null, { invoiceId: inv.id, feeInvoiceId: fee.id, feeNumber: fee.number, amount: lateFee });
          }
          out.invoices += 1;
          out.fees += due.length;
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
