/**
 * Document numbers from a format like `INV-{YYYY}-{#####}` (see contract/settings.ts).
 * Pure: the sequence value comes from the database, the date from the issue date.
 */
export function numberPrefixKey(format: string, issueDate: string): string {
  return renderTokens(format, issueDate).replace(/\{#{1,10}\}/, '{#}');
}

export function formatDocumentNumber(format: string, issueDate: string, seq: number): string {
  return renderTokens(format, issueDate).replace(/\{(#{1,10})\}/, (_m, hashes: string) =>
    String(seq).padStart(hashes.length, '0'),
  );
}

function renderTokens(format: string, issueDate: string): string {
  const [y = '', m = ''] = issueDate.split('-');
  return format.replaceAll('{YYYY}', y).replaceAll('{YY}', y.slice(2)).replaceAll('{MM}', m);
}

/** Receipt and refund slip numbers: the record's id, fixed width (no sequence of their own). */
export const paymentNumber = (id: number): string => `P-${String(id).padStart(6, '0')}`;
export const refundNumber = (id: number): string => `RF-${String(id).padStart(6, '0')}`;
