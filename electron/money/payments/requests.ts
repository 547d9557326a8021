/** Request ids make a repeated submit (a double click, a retry) return the first result instead of paying twice. */
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';

export function findRequest<T>(db: Db, requestId: string | undefined, channel: string): T | undefined {
  if (!requestId) return undefined;
  const row = db.prepare<[string], { channel: string; result: string }>('SELECT channel, result FROM money_requests WHERE request_id = ?').get(requestId);
  if (!row) return undefined;
  if (row.channel !== channel) throw new AppError('CONFLICT', 'That request id was used for something else.', { requestId });
  return JSON.parse(row.result) as T;
}

export function saveRequest(db: Db, requestId: string | undefined, channel: string, result: unknown, now: string): void {
  if (!requestId) return;
  db.prepare('INSERT INTO money_requests (request_id, channel, result, created_at) VALUES (?, ?, ?, ?)').run(requestId, channel, JSON.stringify(result), now);
}

/** WHERE clause for the lists' date range and payer filters on table alias `t`. */
export function dateRangeFilter(
  t: string,
  f: { from?: string | undefined; to?: string | undefined; payerId?: number | undefined },
): { where: string; args: (string | number)[] } {
  const parts: string[] = [];
  const args: (string | number)[] = [];
  if (f.from) {
    parts.push(`${t}.date >= ?`);
    args.push(f.from);
  }
  if (f.to) {
    parts.push(`${t}.date <= ?`);
    args.push(f.to);
  }
  if (f.payerId) {
    parts.push(`${t}.payer_id = ?`);
    args.push(f.payerId);
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}
