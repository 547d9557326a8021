import { z } from 'zod';
import { channel } from './define';
import { isoDate, money, requiredText, text } from './common';

/** Money in and out by one payment method on one day. */
export interface MethodTotal {
  method: string;
  isCash: boolean;
  payments: number;
  received: number;
  refunds: number;
  refunded: number;
  net: number;
}

export interface Closeout {
  id: number;
  date: string;
  totals: MethodTotal[];
  receivedTotal: number;
  refundedTotal: number;
  /** The change the drawer started the day with (备用金). */
  openingFloat: number;
  /** Opening float + cash taken − cash refunded. */
  expectedCash: number;
  countedCash: number;
  /** counted − expected: negative = cash short. */
  difference: number;
  note: string;
  closedByName: string;
  closedAt: string;
  reopenedByName: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
}

/** A day's takings as they stand, and its closeout if it is closed (日结). */
export interface DaySummary {
  date: string;
  totals: MethodTotal[];
  receivedTotal: number;
  refundedTotal: number;
  /** Cash payments − cash refunds of the day. */
  cashNet: number;
  /** The float of the closeout in force, or (still open) the last closed day's float as a proposal. */
  openingFloat: number;
  /** openingFloat + cashNet: the cash the drawer should hold. */
  expectedCash: number;
  /** Invoices issued and credit notes given that day, and bonus credit granted. */
  invoiced: { count: number; total: number };
  credited: { count: number; total: number };
  bonusGranted: number;
  closed: boolean;
  /** The closeout in force, and earlier ones that were reopened (newest first). */
  closeout: Closeout | null;
  history: Closeout[];
}

export const closeoutChannels = {
  'closeout.day': channel<DaySummary>()(z.strictObject({ date: isoDate }), { access: 'desk', mutates: false }),
  'closeout.close': channel<DaySummary>()(
    z.strictObject({ date: isoDate, countedCash: money, openingFloat: money.optional(), note: text(500).default('') }),
    { access: 'manager', mutates: true },
  ),
  'closeout.reopen': channel<DaySummary>()(z.strictObject({ date: isoDate, reason: requiredText(300) }), { access: 'owner', mutates: true }),
  'closeout.list': channel<Closeout[]>()(z.strictObject({ from: isoDate, to: isoDate }), { access: 'desk', mutates: false }),
};
