import type { Db } from '../../db/open';
import { formatDocumentNumber, numberPrefixKey } from '../../../shared/numbering';
import { invoicesRepo } from '../../db/repos/invoices';
import { batchPart, type BatchPart } from '../../db/write-batch';

/**
 * The counters a write batch (the billing run's) takes numbers from: each read once, counted in
 * memory, and written once when the batch ends, inside its transaction. A unit rolled back
 * gives its numbers back, as its savepoint would.
 */
function counters(db: Db): BatchPart & { next(key: string): number } {
  const repo = invoicesRepo(db);
  let values = new Map<string, { from: number; now: number }>();
  return {
    next(key) {
      let c = values.get(key);
      if (!c) {
        const from = repo.currentNumber(key) ?? 0;
        values.set(key, (c = { from, now: from }));
      }
      return ++c.now;
    },
    mark: () => new Map([...values].map(([k, c]) => [k, { ...c }])),
    undo: (mark) => void (values = mark as typeof values),
    flush: () => {
      for (const [key, c] of values) if (c.now > c.from) repo.setNumber(key, c.now);
    },
  };
}

/**
 * Takes the next gapless number for a document issued on `issueDate`. One counter per
 * rendered prefix, so `INV-{YYYY}-{#####}` restarts each year. Must run inside the
 * transaction that inserts the document: a rollback gives the number back.
 */
export function nextDocumentNumber(db: Db, kind: 'invoice' | 'credit_note', format: string, issueDate: string): string {
  const key = `${kind}:${numberPrefixKey(format, issueDate)}`;
  const batch = batchPart(db, 'number_sequences', () => counters(db));
  const value = batch ? batch.next(key) : invoicesRepo(db).nextNumber(key);
  if (value === undefined) throw new Error(`number sequence ${key} did not return a value`);
  return formatDocumentNumber(format, issueDate, value);
}
