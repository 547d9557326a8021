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

/**
 * Whether two number formats can print the same number on the same day: their date tokens rendered for one date,
 * each is literal characters around a counter of at least its width in digits (it grows past the width). The
 * two patterns are walked together, character by character (a small automaton), looking for one string both
 * accept. Used so the credit-note and invoice sequences, or an old and a new format, never hand out one number twice.
 */
export function formatsCanCollide(a: string, b: string, date: string): boolean {
  const pa = pattern(a, date);
  const pb = pattern(b, date);
  const seen = new Set<string>();
  const stack: [number, number][] = [[0, 0]];
  while (stack.length) {
    const [i, j] = stack.pop()!;
    const key = `${i},${j}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === pa.length && j === pb.length) return true;
    const x = pa[i];
    const y = pb[j];
    // A counter's extra digits may be none: step past it without a character.
    if (x === MORE) stack.push([i + 1, j]);
    if (y === MORE) stack.push([i, j + 1]);
    if (x === undefined || y === undefined) continue;
    const xs = x === MORE ? DIGIT : x;
    const ys = y === MORE ? DIGIT : y;
    if (xs === ys || (xs === DIGIT && /\d/.test(ys)) || (ys === DIGIT && /\d/.test(xs))) {
      stack.push([x === MORE ? i : i + 1, y === MORE ? j : j + 1]);
    }
  }
  return false;
}

const DIGIT = '\u0000d';
const MORE = '\u0000+';

/** A format as a list: literal characters, DIGIT for each padded counter digit, then MORE for its further digits. */
function pattern(format: string, date: string): string[] {
  const rendered = renderTokens(format, date);
  const out: string[] = [];
  const m = /\{(#{1,10})\}/.exec(rendered);
  const head = m ? rendered.slice(0, m.index) : rendered;
  out.push(...head);
  if (m) {
    for (let k = 0; k < m[1]!.length; k++) out.push(DIGIT);
    out.push(MORE, ...rendered.slice(m.index + m[0].length));
  }
  return out;
}
