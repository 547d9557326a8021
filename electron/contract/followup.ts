import { z } from 'zod';
import { channel } from './define';
import { id, isoDate, text } from './common';

export type FollowUpKind = 'called' | 'message' | 'promised';

export interface FollowUp {
  id: number;
  payerId: number;
  kind: FollowUpKind;
  /** For 'promised': the day the payer said they would pay. */
  promisedDate: string | null;
  note: string;
  staffName: string;
  date: string;
  at: string;
}

/** A payer with an overdue balance, as the follow-up list shows it (oldest debt first). */
export interface OverduePayer {
  payerId: number;
  payerName: string;
  phone: string;
  /** Sum of the balances of overdue invoices. */
  overdue: number;
  /** Everything still open, overdue or not. */
  due: number;
  invoices: number;
  oldestDueDate: string;
  daysOverdue: number;
  /** Past the check-in limit (settings.overdueBlockDays). */
  blocked: boolean;
  lastFollowUp: FollowUp | null;
}

export const followUpInput = z
  .strictObject({
    payerId: id,
    kind: z.enum(['called', 'message', 'promised'], 'invalid_choice'),
    promisedDate: isoDate.optional(),
    note: text(1000).default(''),
  })
  .refine((f) => (f.kind === 'promised') === (f.promisedDate !== undefined), { message: 'promise_date', path: ['promisedDate'] });

export const followUpChannels = {
  'followups.overdue': channel<OverduePayer[]>()(z.strictObject({}), { access: 'desk', mutates: false }),
  'followups.log': channel<FollowUp>()(followUpInput, { access: 'desk', mutates: true }),
  'followups.history': channel<FollowUp[]>()(z.strictObject({ payerId: id }), { access: 'desk', mutates: false }),
};
