import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { invoke } from '../lib/api';
import { addDays } from '../../shared/dates';
import { formatDate, formatMoney } from '../lib/format';

/**
 * Formatting in the business currency, the clerk's language and the business time zone:
 * `const f = useFormat(); f.money(12990)` → "¥129.90"; `f.date('2026-03-02')`; `f.instant(iso)`.
 * Reads the cached settings query the shell already holds.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
  const currency = settings.data?.currency ?? 'CNY';
  const timeZone = settings.data?.timeZone ?? 'UTC';
  const locale = i18n.language;
  const defaultTaxRateBp = settings.data?.defaultTaxRateBp ?? 0;
  // One object per settings and language, shared by every caller: stable, so tables can memoise their
  // columns, and built once, so a long list's rows do not each build their own Intl formatters.
  return formatsFor(currency, locale, timeZone, defaultTaxRateBp);
}

function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export type Format = ReturnType<typeof buildFormats>;
const formats = new Map<string, Format>();

function formatsFor(currency: string, locale: string, timeZone: string, defaultTaxRateBp: number): Format {
  const key = `${currency}|${locale}|${timeZone}|${defaultTaxRateBp}`;
  let f = formats.get(key);
  if (!f) {
    f = buildFormats(currency, locale, timeZone, defaultTaxRateBp);
    formats.set(key, f);
  }
  return f;
}

function buildFormats(currency: string, locale: string, timeZone: string, defaultTaxRateBp: number) {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const clock = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const monthDay = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  // ICU writes Chinese ranges as "2026/4/2 – 2026/5/1"; a clerk reads "2026年4月2日至5月1日".
  const zhRange = (a: string, b: string) => `${day.format(utc(a))}至${(a.slice(0, 4) === b.slice(0, 4) ? monthDay : day).format(utc(b))}`;
  return {
    currency,
    locale,
    timeZone,
    defaultTaxRateBp,
    money: (minor: number) => formatMoney(minor, currency, locale),
    date: (iso: string) => formatDate(iso, locale),
    /** A UTC instant (created_at, run times) shown in the business time zone. */
    instant: (iso: string) => when.format(new Date(iso)),
    /** The time of day of a UTC instant in the business time zone ("14:05"); '' for a bad instant. */
    time: (iso: string) => {
      const at = new Date(iso);
      return Number.isNaN(at.getTime()) ? '' : clock.format(at);
    },
    /** A period [start, end) shown with its last day: "Mar 2 – Apr 1, 2026" / "2026年3月2日至4月1日". */
    dateRange: (start: string, endExclusive: string) => {
      const last = addDays(endExclusive, -1);
      if (last <= start) return day.format(utc(start));
      return locale.startsWith('zh') ? zhRange(start, last) : day.formatRange(utc(start), utc(last));
    },
    percent: (bp: number) => `${(bp / 100).toLocaleString(locale, { maximumFractionDigits: 2 })}%`,
  };
}
