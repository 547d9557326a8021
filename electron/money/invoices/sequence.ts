import type { Db } from '../../db/open';
import { formatDocumentNumber, numberPrefixKey } from '../../../shared/numbering';
import { invoicesRepo } from '../../db/repos/invoices';

/**
 * Takes the next gapless number for a document issued on `issueDate`. One counter per
 * rendered prefix, so `INV-{YYYY}-{#####}` restarts each year. Must run inside the
 * transaction that inserts the document: a rollback gives the number back.
 */
export function nextDocumentNumber(db: Db, kind: 'invoice' | 'credit_note', format: string, issueDate: string): string {
  const key = `${kind}:${numberPrefixKey(format, issueDate)}`;
  const value = invoicesRepo(db).nextNumber(key);
  if (value === undefined) throw new Error(`number sequence ${key} did not return a value`);
  return formatDocumentNumber(format, issueDate, value);
}
