import { z } from 'zod';
import { channel } from './define';
import { basisPoints, empty, requiredLine, text } from './common';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

import { FREEZE_MODES } from '../../shared/lists';

export { COMMON_CURRENCIES, FREEZE_MODES, type FreezeMode } from '../../shared/lists';

/**
 * Remembers each answer: the settings are re-validated on every host call, and building an
 * Intl formatter costs ~0.5 ms (a third of a member search). Intl's data never changes in a process.
 */
function remembered(check: (s: string) => boolean): (s: string) => boolean {
  const known = new Map<string, boolean>();
  return (s) => {
    let ok = known.get(s);
    if (ok === undefined) {
      ok = check(s);
      if (known.size < 100) known.set(s, ok);
    }
    return ok;
  };
}

const isTimeZone = remembered((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
});

const isCurrency = remembered((code) => {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return /^[A-Z]{3}$/.test(code);
  } catch {
    return false;
  }
});

/**
 * Invoice number format: literal text plus tokens {YYYY} {YY} {MM} and exactly one
 * sequence token {#####} (the count of # is the zero padding). The sequence restarts
 * whenever the text around it changes, so `INV-{YYYY}-{#####}` restarts every year.
 */
export const NUMBER_FORMAT_RE = /^(?:[A-Za-z0-9_./-]|\{YYYY\}|\{YY\}|\{MM\}|\{#{1,10}\})+$/;
export function isNumberFormat(f: string): boolean {
  return NUMBER_FORMAT_RE.test(f) && (f.match(/\{#{1,10}\}/g) ?? []).length === 1 && f.length <= 40;
}

/** A time of day on the quarter hour or any minute: "06:00"; "24:00" only as a closing time (midnight). */
const timeOfDay = z.string('invalid_time').regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time');
const closingTime = z.string('invalid_time').regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'invalid_time');

/** When the business is open (the attendance report draws these hours); it closes after it opens. */
export const openingHoursSchema = z
  .strictObject({ opens: timeOfDay, closes: closingTime })
  .refine((h) => h.opens < h.closes, { message: 'closes_before_opens', path: ['closes'] });
const ruleDays = (max: number) => z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(max, 'out_of_range');
const ruleOn = z.boolean('invalid_choice');

/**
 * The owner's rules for the daily follow-up (回访) list. Each rule can be switched off; the numbers say how far
 * ahead (or back) it looks. The meaning of each rule is written in docs/followups.md.
 */
export const followUpRulesSchema = z.strictObject({
  membershipEnding: z.strictObject({ on: ruleOn, days: ruleDays(90) }),
  packEnding: z.strictObject({ on: ruleOn, days: ruleDays(90) }),
  packLow: z.strictObject({ on: ruleOn, sessions: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').max(50, 'out_of_range') }),
  noVisit: z.strictObject({ on: ruleOn, days: ruleDays(365) }),
  newMember: z.strictObject({ on: ruleOn }),
  freezeEnding: z.strictObject({ on: ruleOn, days: ruleDays(60) }),
  birthday: z.strictObject({ on: ruleOn }),
  overdue: z.strictObject({ on: ruleOn }),
});
export type FollowUpRules = z.infer<typeof followUpRulesSchema>;

export const DEFAULT_FOLLOW_UP_RULES: FollowUpRules = {
  membershipEnding: { on: true, days: 14 },
  packEnding: { on: true, days: 14 },
  packLow: { on: true, sessions: 2 },
  noVisit: { on: true, days: 14 },
  newMember: { on: true },
  freezeEnding: { on: true, days: 3 },
  birthday: { on: true },
  overdue: { on: true },
};

/** The last reason of each default list is the catch-all a cancel records when the desk picks nothing. */
export const OTHER_CANCEL_REASON = 'Other';
export const DEFAULT_CANCEL_REASONS_EN = ['Moved away', 'Too expensive', 'No time', 'Health or injury', 'Unhappy with the service', 'Other'];
export const DEFAULT_CANCEL_REASONS_ZH = ['搬家了', '价格太贵', '没有时间', '身体原因', '对服务不满意', '其他'];
/** The catch-all as each language writes it: a cancel with no reason picked records the business language's word. */
export const OTHER_CANCEL_REASON_IN: Record<Locale, string> = { en: OTHER_CANCEL_REASON, 'zh-CN': '其他' };

/** The reasons the desk picks from when a membership is cancelled: owner-edited, one line each, no repeats. */
export const cancelReasonsSchema = z
  .array(requiredLine(60), 'invalid_choice')
  .min(1, 'too_short')
  .max(20, 'too_long')
  .refine((list) => new Set(list.map((r) => r.toLowerCase())).size === list.length, 'duplicate');

export const settingsShape = {
  businessName: requiredLine(100),
  address: text(300),
  phone: text(40),
  taxId: text(50),
  currency: z.string('invalid_currency').refine(isCurrency, 'invalid_currency'),
  locale: z.enum(LOCALES, 'invalid_choice'),
  timeZone: z.string('invalid_time_zone').refine(isTimeZone, 'invalid_time_zone'),
  pricesIncludeTax: z.boolean('invalid_choice'),
  defaultTaxRateBp: basisPoints,
  invoiceNumberFormat: z.string('invalid_number_format').refine(isNumberFormat, 'invalid_number_format'),
  creditNoteNumberFormat: z.string('invalid_number_format').refine(isNumberFormat, 'invalid_number_format'),
  paymentTermsDays: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').max(365, 'out_of_range'),
  /** Percent off for each additional member billed to the same payer (basis points). */
  householdDiscountBp: basisPoints,
  /** Days past due after which check-in is blocked. */
  overdueBlockDays: z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(365, 'out_of_range'),
  /** Late fee added once per overdue invoice (0 = none), after `lateFeeAfterDays` past due. */
  lateFee: z.number('invalid_amount').int('invalid_amount').min(0, 'invalid_amount').max(100_000_000, 'invalid_amount'),
  lateFeeAfterDays: z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(365, 'out_of_range'),
  /** What a new plan's form proposes: freeze days allowed per calendar year, and how a freeze treats the frozen days. */
  freezeDefaultDays: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').max(366, 'out_of_range'),
  freezeDefaultMode: z.enum(FREEZE_MODES, 'invalid_choice'),
  /** When the business is open: the attendance report draws these hours only. */
  openingHours: openingHoursSchema,
  /** Minutes without activity after which the screen locks (0 = never). */
  autoLockMinutes: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').max(240, 'out_of_range'),
  /** A catch-up reaching further than this many days past the last run waits for the owner (a clock jumped ahead?). */
  catchUpMaxDays: z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(3660, 'out_of_range'),
  /** A catch-up of more than this many invoices (over more than one day) waits for the owner too (0 = no invoice limit). */
  catchUpMaxInvoices: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').max(1_000_000, 'out_of_range'),
  /** Where backups go; empty = <data folder>/backups. An absolute path (a USB stick, a synced folder). */
  backupFolder: z
    .string('invalid_path')
    .trim()
    .max(1000, 'too_long')
    .refine((p) => p === '' || (/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p) && !p.includes('\0')), 'invalid_path'),
  followUpRules: followUpRulesSchema,
  cancelReasons: cancelReasonsSchema,
};

/** What is stored: before the first-start set-up the business name is still empty. */
export const settingsSchema = z.strictObject({
  ...settingsShape,
  businessName: text(100),
  setupCompleted: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** This PC's choices, kept in the settings file beside the data; every other key is the business's, kept in the database. */
export const PC_KEYS = ['locale', 'backupFolder'] as const;
export type PcKey = (typeof PC_KEYS)[number];
export type PcSettings = Pick<Settings, PcKey>;
export type BusinessSettings = Omit<Settings, PcKey>;
export const BUSINESS_KEYS = (Object.keys(settingsSchema.shape) as (keyof Settings)[]).filter(
  (k): k is keyof BusinessSettings => !(PC_KEYS as readonly string[]).includes(k),
);

/**
 * A key may be left out but never sent as `undefined`: hostile input gets VALIDATION, not a
 * half-applied patch. Unknown keys are refused too (strict).
 */
export const settingsUpdateSchema = z.strictObject(
  Object.fromEntries(Object.entries(settingsShape).map(([k, v]) => [k, v.exactOptional()])) as {
    [K in keyof typeof settingsShape]: z.ZodExactOptional<(typeof settingsShape)[K]>;
  },
);
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

/**
 * What the screens may change through `settings.update`: every rule but the backup folder, which is a path
 * and only ever comes from the folder dialog in main (`backup.setFolder`), never typed in the renderer.
 */
export const settingsPatchSchema = settingsUpdateSchema.omit({ backupFolder: true });

export const setupSchema = z.strictObject({
  businessName: settingsShape.businessName,
  currency: settingsShape.currency,
  locale: settingsShape.locale,
  timeZone: settingsShape.timeZone.optional(),
});

export const settingsChannels = {
  'settings.get': channel<Settings>()(empty, { access: 'public', mutates: false }),
  'settings.update': channel<Settings>()(settingsPatchSchema, { access: 'owner', mutates: true }),
  /** First start: the short set-up (business name, currency, language). Refused once done. */
  'settings.completeSetup': channel<Settings>()(setupSchema, { access: 'public', mutates: true }),
  /** The language switch works before set-up too, so it has its own channel. */
  'settings.setLocale': channel<Settings>()(z.strictObject({ locale: settingsShape.locale }), {
    access: 'public',
    mutates: true,
  }),
  'settings.timeZones': channel<string[]>()(empty, { access: 'public', mutates: false }),
};
