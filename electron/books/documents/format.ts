/** Formatting for documents: escaped text, money in the business currency, dates in the document's language. */
import { formatMoney } from '../../../shared/money-text';
import type { Locale } from '../../contract/settings';
import type { DocStrings } from './strings';

/** Every value from the records goes through here: member names and notes are user input. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface DocFormat {
  locale: Locale;
  s: DocStrings;
  money(minor: number): string;
  date(iso: string): string;
  /** An instant in the business time zone, with the time. */
  instant(iso: string): string;
  percent(bp: number): string;
  method(code: string): string;
}

export function docFormat(locale: Locale, s: DocStrings, currency: string, timeZone: string, customMethods: Map<string, string>): DocFormat {
  const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return {
    locale,
    s,
    // Integer minor units until this last step.
    money: (minor) => formatMoney(minor, currency, locale),
    date: (iso) => {
      const [y, m, d] = iso.split('-').map(Number);
      return day.format(new Date(Date.UTC(y!, m! - 1, d!)));
    },
    instant: (iso) => moment.format(new Date(iso)),
    percent: (bp) => `${(bp / 100).toString()}%`,
    method: (code) => s.methods[code] ?? customMethods.get(code) ?? code,
  };
}
