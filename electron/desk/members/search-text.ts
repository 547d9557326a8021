/**
 * What a member is found by. `searchText` builds the `members.search_text` column that the
 * full-text index (migration 004, table member_search) reads through triggers:
 *
 *   "<head tokens> | <tail tokens>"
 *
 * Head tokens are whole values, so a prefix of one is a "starts with" match: the sort key
 * (full pinyin or lower-case name) first, then the name's words, full pinyin, pinyin
 * initials, phone digits and card number. Tail tokens are the suffixes that make "any part
 * of" work as a prefix search: later characters of a Chinese name (张三丰 → 三丰, 丰), pinyin
 * from each later syllable (sanfeng, feng; sf, f), and every 3+ digit tail of the phone and card.
 * Pure: no SQLite, no Electron.
 */
import { pinyin } from 'pinyin-pro';

export interface Searchable {
  name: string;
  phone: string;
  cardNo: string | null;
}

const HAN = /\p{Script=Han}/u;
const NOT_HAN = /\P{Script=Han}/gu;
/** Runs of Han characters, or of other letters and digits. Anything else separates. */
const RUNS = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;
const MIN_DIGIT_PART = 3;

export function normalise(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

export function runs(s: string): string[] {
  return normalise(s).match(RUNS) ?? [];
}

export function digitsOf(s: string): string {
  return s.normalize('NFKC').replace(/\D/g, '');
}

/** A phone's digits without China's country code: +86 138… and 138… are one number. */
export function phoneKey(phone: string): string {
  return nationalOf(digitsOf(phone));
}

/** A phone's digits (`digitsOf`) without China's country code. */
function nationalOf(digits: string): string {
  const m = /^(?:0086|86)(1\d{10})$/.exec(digits);
  return m ? m[1]! : digits;
}

/** The card number as the index holds it: lower-case letters and digits only. */
export function cardToken(card: string): string {
  return normalise(card).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Toneless syllables of Han characters (ü as v), surnames read as surnames (曾 zeng, 单 shan). */
const pinyinOf = (han: string) => (han ? pinyin(han, { toneType: 'none', type: 'array', surname: 'head', v: true }).map((s) => s.toLowerCase()) : []);

/** Appends the suffixes of `s` from its second character on, down to `min` characters. */
function suffixesInto(out: string[], s: string, min: number): void {
  for (let i = 1; i + min <= s.length; i++) out.push(s.slice(i));
}

/** Pinyin from each later syllable on: [zhang, san, feng] → sanfeng, feng. */
function syllableTails(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(i).join(''));
  return out;
}

/** The key the member list sorts by (from the name's runs): full pinyin for Chinese names, the lower-case name otherwise. */
function sortKey(nameRuns: string[], syllablesOf: (s: string) => string[]): string {
  return nameRuns.map((r) => (HAN.test(r) ? syllablesOf(r).join('') : r)).join('') || '~';
}

export function searchText(m: Searchable): string {
  const name = normalise(m.name);
  const nameRuns = name.match(RUNS) ?? [];
  // Each run's Han characters are read once (the whole name's too, when it is one run); the name is normalised
  // once, and its runs are parts of that normalised text.
  const read = new Map<string, string[]>();
  const syllablesOf = (text: string) => {
    const han = text.replace(NOT_HAN, '');
    let py = read.get(han);
    if (!py) read.set(han, (py = pinyinOf(han)));
    return py;
  };
  const py = syllablesOf(name);
  const full = py.join('');
  const initials = py.map((s) => s[0]).join('');
  const phone = digitsOf(m.phone);
  const national = nationalOf(phone);
  const card = m.cardNo ? cardToken(m.cardNo) : '';

  const head = [sortKey(nameRuns, syllablesOf), ...nameRuns];
  if (nameRuns.length > 1) head.push(nameRuns.join(''));
  if (full) head.push(full, initials);
  if (full.includes('v')) head.push(full.replace(/v/g, 'u')); // 吕: lv or lu
  if (phone) head.push(phone, national);
  if (card) head.push(card);

  const tail: string[] = [];
  for (const r of nameRuns) if (HAN.test(r)) suffixesInto(tail, r, 1);
  tail.push(...syllableTails(py), ...syllableTails([...initials]));
  suffixesInto(tail, phone, MIN_DIGIT_PART);
  suffixesInto(tail, card, MIN_DIGIT_PART);
  if (national !== phone) suffixesInto(tail, national, MIN_DIGIT_PART);

  const h = [...new Set(head.filter(Boolean))];
  const seen = new Set(h);
  const t: string[] = [];
  for (const x of tail) {
    if (x && !seen.has(x)) {
      seen.add(x);
      t.push(x);
    }
  }
  return `${h.join(' ')} | ${t.join(' ')}`;
}

/**
 * The words of a search query as index tokens. A query made only of digits, spaces, dashes
 * and + is one phone number ("138 0013 8000"); otherwise runs split at Han/non-Han edges,
 * so "张三138" is two words.
 */
export function queryWords(query: string): string[] {
  const q = normalise(query).trim();
  if (!q) return [];
  if (/^[\d\s+\-()]+$/.test(q)) {
    const d = phoneKey(q);
    return d ? [d] : [];
  }
  return [...new Set(runs(q).map((w) => w.replace(/ü/g, 'v')))].slice(0, 8);
}

/** An FTS5 string literal: tokens hold only letters and digits, but quote anyway. */
export function ftsTerm(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}
