import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isIsoDate } from '../components/dateText';
import { formatDate } from '../lib/format';
import * as shell from './strings';
import * as settings from '../features/settings/strings';
import * as setup from '../features/setup/strings';
import * as plans from '../features/plans/strings';
import * as billing from '../features/billing/strings';
import * as ui from '../components/strings';
import * as staff from '../features/staff/strings';
import * as audit from '../features/audit/strings';
import * as backup from '../features/backup/strings';
import * as invoices from '../features/invoices/strings';
import * as payments from '../features/payments/strings';
import * as members from '../features/members/strings';
import * as checkin from '../features/checkin/strings';
import * as dashboard from '../features/dashboard/strings';
import * as reports from '../features/reports/strings';
import * as expenses from '../features/expenses/strings';
import * as demo from '../features/demo/strings';
import * as about from '../features/about/strings';
import * as family from '../features/members/family/strings';
import * as sales from '../features/sales/strings';
import * as promotions from '../features/promotions/strings';
import * as classes from '../features/classes/strings';
import * as lessons from '../features/classes/lessons/strings';
import * as followups from '../features/followups/strings';
import * as site from '../features/site/strings';

/** Every feature's strings, merged under its own key. Both trees must have the same keys (a unit test checks). */
export const resources = {
  en: { translation: { ...shell.en, settings: settings.en, setup: setup.en, ui: ui.en, plans: plans.en, billing: billing.en, staff: staff.en, audit: audit.en, backup: backup.en, invoices: invoices.en, payments: payments.en, members: members.en, checkin: checkin.en, dashboard: dashboard.en, reports: reports.en, expenses: expenses.en, demo: demo.en, about: about.en, family: family.en, sales: sales.en, promotions: promotions.en, classes: classes.en, followups: followups.en, lessons: lessons.en, site: site.en } },
  'zh-CN': { translation: { ...shell.zh, settings: settings.zh, setup: setup.zh, ui: ui.zh, plans: plans.zh, billing: billing.zh, staff: staff.zh, audit: audit.zh, backup: backup.zh, invoices: invoices.zh, payments: payments.zh, members: members.zh, checkin: checkin.zh, dashboard: dashboard.zh, reports: reports.zh, expenses: expenses.zh, demo: demo.zh, about: about.zh, family: family.zh, sales: sales.zh, promotions: promotions.zh, classes: classes.zh, followups: followups.zh, lessons: lessons.zh, site: site.zh } },
};

/**
 * Every value put into a sentence goes through here: a business date ('2027-02-04') reads in the reader's
 * language ("Feb 4, 2027" / "2027年2月4日"), so no sentence in either language shows a raw ISO date.
 * Other values pass unchanged (money and times are formatted by the caller, with the business settings).
 */
export function interpolated(value: unknown, lng: string | undefined): unknown {
  return typeof value === 'string' && isIsoDate(value) ? formatDate(value, lng ?? 'en') : value;
}

/** i18next's formatter slot, called for every interpolated value (alwaysFormat). */
const sentenceValues = {
  type: 'formatter' as const,
  init: () => {},
  add: () => {},
  addCached: () => {},
  format: (value: unknown, _format: string | undefined, lng: string | undefined) => interpolated(value, lng),
};

export function initI18n(lng: string): typeof i18n {
  void i18n
    .use(initReactI18next)
    .use(sentenceValues)
    .init({
      resources,
      lng,
      fallbackLng: 'en',
      interpolation: { escapeValue: false, alwaysFormat: true },
      returnNull: false,
    });
  return i18n;
}

export { i18n };
