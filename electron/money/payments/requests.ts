/** Request ids make a repeated submit (a double click, a retry) return the first result instead of paying twice. */
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { paymentsRepo, type MoneyFilter } from '../../db/repos/payments';

export function findRequest<T>(db: Db, requestId: string | undefined, channel: string): T | undefined {
  if (!requestId) return undefined;
  const row = paymentsRepo(db).request(requestId);
  if (!row) return undefined;
  if (row.channel !== channel) throw new AppError('CONFLICT', 'That request id was used for something else.', { requestId });
  return JSON.parse(row.result) as T;
}

export function saveRequest(db: Db, requestId: string | undefined, channel: string, result: unknown, now: string): void {
  if (!requestId) return;
  paymentsRepo(db).saveRequest({ request_id: requestId, channel, result: JSON.stringify(result), created_at: now });
}

/** The lists' filter as the repository takes it: an empty field is no condition. */
export function moneyFilter(f: { from?: string | undefined; to?: string | undefined; payerId?: number | undefined; limit: number }): MoneyFilter {
  return { from: f.from || null, to: f.to || null, payerId: f.payerId || null, limit: f.limit };
}
