/**
 * Error codes that cross IPC. The renderer translates each one (`errors.<CODE>`),
 * so a new code needs a line in both locale files.
 */
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'VALIDATION',
  'INTERNAL',
  'NOT_FOUND',
  'DB_TOO_NEW',
  'DB_OPEN_FAILED',
  'SETUP_ALREADY_DONE',
  'FORBIDDEN',
  'CONFLICT',
  // staff, sessions, backups
  'SIGN_IN_REQUIRED',
  'SESSION_LOCKED',
  'WRONG_PIN',
  'PIN_LOCKED',
  'STAFF_INACTIVE',
  'OWNER_EXISTS',
  'LAST_OWNER',
  'DUPLICATE_STAFF_NAME',
  'DB_DAMAGED',
  'BACKUP_FAILED',
  'BACKUP_INVALID',
  'FILE_EXISTS',
  'DISK_FULL',
  // several PCs on one site
  'DEVICE_NOT_PAIRED',
  'DEVICE_REVOKED',
  'REPLAYED',
  'TOO_LARGE',
  'PAIRING_CODE_WRONG',
  'PAIRING_CODE_EXPIRED',
  'PIN_TRIES_EXCEEDED',
  'MAIN_DESK_UNREACHABLE',
  'MAIN_DESK_CHANGED',
  'CHECKIN_QUEUED',
  'HAS_OWN_BOOKS',
  'SITE_UNAVAILABLE',
  // billing
  'PLAN_ARCHIVED',
  'PLAN_KIND_MISMATCH',
  'SAME_PLAN',
  'MEMBER_MERGED',
  'PAYER_INVALID',
  'DUPLICATE_CARD',
  'SUBSCRIPTION_NOT_ACTIVE',
  'SUBSCRIPTION_NOT_PAUSED',
  'SUBSCRIPTION_CANCELLED',
  'MEMBER_OWES',
  'SUBSCRIPTION_ENDED',
  'ALREADY_PAUSED',
  'ALREADY_CANCELLING',
  'NOT_CANCELLING',
  'NO_SWITCH_BOOKED',
  'DATE_OUT_OF_RANGE',
  'FREEZE_NOT_ALLOWED',
  'FREEZE_ALLOWANCE_EXCEEDED',
  'ADDON_NOT_FOUND',
  'CLOCK_BEHIND',
  'NO_CATCH_UP_HELD',
  'INVOICE_VOID',
  'INVOICE_SETTLED',
  'CREDIT_EXCEEDS_LINE',
  'CREDIT_EXCEEDS_INVOICE',
  // money at the desk
  'DAY_CLOSED',
  'DAY_ALREADY_CLOSED',
  'DAY_NOT_CLOSED',
  'CLOSEOUT_NOTE_REQUIRED',
  'PAYMENT_METHOD_UNKNOWN',
  'PAYMENT_METHOD_EXISTS',
  'PAYMENT_METHOD_BUILTIN',
  'PAYMENT_METHOD_LAST',
  'TENDER_NOT_CASH',
  'TENDERED_TOO_LOW',
  'PAYMENT_TOO_LARGE',
  'ALLOCATION_EXCEEDS_BALANCE',
  'INVOICE_PAID',
  'INVOICE_OTHER_PAYER',
  'PROMOTION_NOT_APPLICABLE',
  'REFUND_EXCEEDS_REFUNDABLE',
  'NOTHING_TO_RELEASE',
  'CHECKOUT_OTHER_PAYER',
  'CHECKOUT_TOPUP_UNPAID',
  // promotions (促销活动)
  'PROMOTION_CODE_EXISTS',
  'PROMOTION_CODE_UNKNOWN',
  'PROMOTION_NOT_STARTED',
  'PROMOTION_EXPIRED',
  'PROMOTION_WRONG_PLAN',
  'PROMOTION_ARCHIVED',
  'PROMOTION_PLAN_INVALID',
  // front desk
  'MERGE_INVALID',
  'IMPORT_EMPTY',
  'IMPORT_ENCODING',
  'IMPORT_TOO_LARGE',
  'IMPORT_ROW_INVALID',
  'IMPORT_EXPIRED',
  'CHECKIN_UNDONE',
  'CHECKIN_UNDO_TOO_LATE',
  'CANCEL_REASON_UNKNOWN',
  // books: expenses, demo data
  'EXPENSE_DELETED',
  'EXPENSE_CATEGORY_INACTIVE',
  'EXPENSE_CATEGORY_EXISTS',
  'DEMO_NOT_AVAILABLE',
  // classes and lessons
  'CLASS_FULL',
  'CLASS_OUTSIDE_WINDOW',
  'CLASS_NO_ENTITLEMENT',
  'CLASS_ALREADY_BOOKED',
  'CLASS_STARTED',
  'CLASS_NOT_STARTED',
  'CLASS_CANCELLED',
  'CLASS_BOOKING_STATE',
  'CLASS_UNDO_TOO_LATE',
  'CLASS_MAKEUP_NOT_ALLOWED',
  'CLASS_PACK_INVALID',
  'CLASS_ALREADY_ENROLLED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One field-level problem found by a zod schema: the path is dotted (`address.city`, `lines.0.amount`). */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** What an error looks like on the wire: plain data, so it survives structured cloning. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown> & { issues?: FieldIssue[] };
}

/** A business or validation failure with a stable code. Thrown by services, mapped at the IPC edge. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: WireError['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * The row, or NOT_FOUND with the entity and id in its details: the one way a service says
 * "no such record" (the message names what was asked for).
 */
export function found<T>(row: T | undefined | null, entity: string, id: number | string, message: string): T {
  if (row === undefined || row === null) throw new AppError('NOT_FOUND', message, { entity, id });
  return row;
}
