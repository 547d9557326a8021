/**
 * Overdue follow-up: payers with overdue balances, oldest debt first, and the log of what the
 * desk did about it (called, message sent, promised to pay on a date).
 */
import { daysBetween } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { FollowUp, FollowUpKind, OverduePayer } from '../../contract/followup';
import { createFollowUpsRepo } from '../../db/repos/followups';
import type { FollowUpRow } from '../../db/rows';
import type { ServiceEnv } from '../../contract/env';

const fromRow = (r: FollowUpRow): FollowUp => ({
  id: r.id,
  payerId: r.payer_id,
  kind: r.kind,
  promisedDate: r.promised_date,
  note: r.note,
  staffName: r.staff_name,
  date: r.date,
  at: r.at,
});

export interface FollowUpInput {
  payerId: number;
  kind: FollowUpKind;
  promisedDate?: string | undefined;
  note: string;
}

export function createFollowUpsService(env: ServiceEnv) {
  const repo = createFollowUpsRepo(env.db);

  function lastFollowUp(payerId: number): FollowUp | null {
    const row = repo.latest(payerId);
    return row ? fromRow(row) : null;
  }

  function overdue(): OverduePayer[] {
    const today = env.today();
    const blockDays = env.settings.get().overdueBlockDays;
    return repo.overdue(today).map((r) => {
      const days = daysBetween(r.oldest_due, today);
      return {
        payerId: r.payer_id,
        payerName: r.name,
        phone: r.phone,
        overdue: r.overdue,
        due: r.due,
        invoices: r.invoices,
        oldestDueDate: r.oldest_due,
        daysOverdue: days,
        // The same rule as check-in: blocked once more than overdueBlockDays days overdue.
        blocked: days > blockDays,
        lastFollowUp: lastFollowUp(r.payer_id),
      };
    });
  }

  function log(input: FollowUpInput): FollowUp {
    if (!repo.payerExists(input.payerId)) throw new AppError('NOT_FOUND', `No member ${input.payerId}.`);
    const today = env.today();
    if (input.promisedDate !== undefined && input.promisedDate < today) {
      throw new AppError('DATE_OUT_OF_RANGE', 'A promise to pay is for today or a later day.', { date: input.promisedDate, today });
    }
    const by = env.actor();
    const id = repo.insert({
      payer_id: input.payerId,
      kind: input.kind,
      promised_date: input.promisedDate ?? null,
      note: input.note,
      staff_id: by?.id ?? null,
      staff_name: by?.name ?? '',
      date: today,
      at: env.now().toISOString(),
    });
    const followUp = fromRow(repo.byId(id)!);
    env.audit('follow_up', followUp.id, null, followUp);
    return followUp;
  }

  function history(payerId: number): FollowUp[] {
    return repo.ofPayer(payerId).map(fromRow);
  }

  return { overdue, log, history, lastFollowUp };
}

export type FollowUpsService = ReturnType<typeof createFollowUpsService>;
