// Calendar dates of business meaning, as `YYYY-MM-DD` strings.
//
// A calendar date has no time and no zone, so every computation here goes through UTC
// midnights (`Date.UTC`), where every day is exactly 86 400 000 ms long. Local time is never
// used: a DST change in the OS zone must not shift a due date by a day.

/** A calendar date `YYYY-MM-DD` (years 1900..2999). */
export type IsoDate = string;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Year, month (1..12) and day of a valid date. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1..12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (!Number.isInteger(y) || !Number.isInteger(m) || m < 1 || m > 12) {
    throw new RangeError(`Invalid year/month: ${y}-${m}`);
  }
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] as number);
}

// The billing run parses the same few dates many thousands of times: answers are remembered
// (frozen, in a bounded map; only 10-character strings can be dates at all).
const parsed = new Map<string, Readonly<Ymd> | null>();
const PARSED_MAX = 20_000;

function parse(s: unknown): Readonly<Ymd> | null {
  if (typeof s !== 'string' || s.length !== 10) return null;
  let hit = parsed.get(s);
  if (hit === undefined) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    hit = parseUncached(s);
    parsed.set(s, hit === null ? null : Object.freeze(hit));
  }
  return hit;
}

function parseUncached(s: string): Ymd | null {
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) return null;
  if (d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** True for a real calendar date `YYYY-MM-DD` with a year in 1900..2999. */
export function isValidDate(s: string): boolean {
  return parse(s) !== null;
}

/** Splits a date into its parts; throws RangeError on anything but a valid date. */
export function toYmd(date: IsoDate): Readonly<Ymd> {
  const parts = parse(date);
  if (!parts) throw new RangeError(`Invalid date: ${JSON.stringify(date)}`);
  return parts;
}

/** Builds a date from its parts; throws RangeError if they do not form a valid date. */
export function fromYmd(y: number, m: number, d: number): IsoDate {
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || !parse(s)) {
    throw new RangeError(`Invalid date parts: ${y}-${m}-${d}`);
  }
  return s;
}

/** Days since 1970-01-01 (negative before it). */
export function toEpochDay(date: IsoDate): number {
  const { y, m, d } = toYmd(date);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** Inverse of toEpochDay; throws RangeError when the result leaves 1900..2999. */
export function fromEpochDay(day: number): IsoDate {
  if (!Number.isSafeInteger(day)) throw new RangeError(`Invalid epoch day: ${day}`);
  const t = new Date(day * MS_PER_DAY);
  return fromYmd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function assertInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** `date` plus `n` days (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  assertInteger(n, 'Days');
  return fromEpochDay(toEpochDay(date) + n);
}

/** `b − a` in days: daysBetween('2026-01-01', '2026-01-31') = 30. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** −1, 0 or 1. The fixed-width format makes string order equal date order. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  toYmd(a);
  toYmd(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** Months since January of year 0: lets month arithmetic be plain integer arithmetic. */
export function monthIndex(date: IsoDate): number {
  const { y, m } = toYmd(date);
  return y * 12 + (m - 1);
}

/**
 * The anchor's day of month, `months` months later (or earlier when negative), clamped to the
 * target month's last day. Always computed from the anchor, so clamping never accumulates:
 * Jan 31 + 1 → Feb 28 (29 in a leap year), Jan 31 + 2 → Mar 31.
 */
export function addMonthsClamped(anchor: IsoDate, months: number): IsoDate {
  assertInteger(months, 'Months');
  const { y, m, d } = toYmd(anchor);
  const target = y * 12 + (m - 1) + months;
  const ty = Math.floor(target / 12);
  const tm = target - ty * 12 + 1;
  if (ty < MIN_YEAR || ty > MAX_YEAR) throw new RangeError(`Date out of range: year ${ty}`);
  return fromYmd(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  const { y, m, d } = toYmd(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function startOfMonth(date: IsoDate): IsoDate {
  const { y, m } = toYmd(date);
  return fromYmd(y, m, 1);
}

export function lastDayOfMonth(date: IsoDate): IsoDate {
  const { y, m } = toYmd(date);
  return fromYmd(y, m, daysInMonth(y, m));
}

export function startOfYear(date: IsoDate): IsoDate {
  return fromYmd(toYmd(date).y, 1, 1);
}

/** The Monday on or before `date` (weeks run Monday..Sunday). */
export function startOfWeekMonday(date: IsoDate): IsoDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** The Monday on or after `date`. */
export function firstMondayOnOrAfter(date: IsoDate): IsoDate {
  return addDays(date, (8 - dayOfWeek(date)) % 7);
}

// Building an Intl.DateTimeFormat is slow; the billing run asks for "today" often.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date at `instant` in `timeZone` (IANA name, e.g. 'Asia/Shanghai'): "today" is
 * the business's date, not the UTC date nor the OS zone's. Throws RangeError on an unknown zone.
 */
export function todayInZone(instant: Date, timeZone: string): IsoDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Invalid instant');
  }
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    zoneFormats.set(timeZone, format);
  }
  // formatToParts rather than format(): the part order of 'en-CA' is not a contract.
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return fromYmd(part('year'), part('month'), part('day'));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A business date as a reader writes it: "Mar 2, 2026" / "2026年3月2日" (the one date formatter of both processes). */
export function formatDate(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  let format = dateFormats.get(locale);
  if (!format) {
    // Built once per language: a formatter costs far more than a format (a long list formats a date per row).
    format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(y!, m! - 1, d!)));
}
