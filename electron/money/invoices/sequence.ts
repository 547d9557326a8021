import type { Db } from '../../db/open';
import { formatDocumentNumber, numberPrefixKey } from '../../../shared/numbering';
import { prepared } from '../../db/statements';

/**
 * Takes the next gapless number for a document issued on `issueDate`. One counter per
 * rendered prefix, so `INV-{YYYY}-{#####}` restarts each year. Must run inside the
 * transaction that inserts the document: a rollback gives the number back.
 */
export function nextDocumentNumber(db: Db, kind: 'invoice' | 'credit_note', format: string, issueDate: string): string {
  const key = `${kind}:${numberPrefixKey(format, issueDate)}`;
  const row = prepared<[string], { value: number }>(db, 
      'INSERT INTO number_sequences (key, value) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value',
    )
    .get(key);
  if (!row) throw new Error(`number sequence ${key} did not return a value`);
  return formatDocumentNumber(format, issueDate, row.value);
}
