/**
 * The plan dialog's draft (text as typed) and its conversion to the contract's input.
 * Plain functions, unit-tested without a DOM.
 *
 * The host's schema is the one validator: text that is not a number is passed through as
 * typed, so the host rejects it with VALIDATION and the dialog shows every field's error at
 * once, next to its field (a price of "abc" → `price: invalid_amount`). Nothing is saved.
 */
import type { Plan } from '../../../electron/contract';
import type { PlanInput } from '../../../electron/contract/plans';
import { bpToPercentText, parsePercentToBp } from '../../lib/format';
import { minorToText, textToMinor } from '../../components/moneyText';

export interface PlanDraft {
  kind: 'recurring' | 'pack' | 'dropin';
  name: string;
  description: string;
  price: string;
  /** Percent text ("6" = 6 %); empty = the business default (create) or unchanged (edit). */
  taxRate: string;
  checkinsPerDay: string;
  interval: 'week' | 'month' | 'year';
  intervalCount: string;
  alignment: 'anniversary' | 'calendar';
  setupFee: string;
  trialDays: string;
  /** Empty = unlimited. */
  sessionQuota: string;
  /** Empty = open-ended. */
  termPeriods: string;
  autoRenew: boolean;
  freezeDaysPerYear: string;
  freezeFee: string;
  /** What a freeze does to the card: move its dates later, or credit the unused days. */
  pauseMode: 'extend' | 'credit';
  packSessions: string;
  packValidDays: string;
}

export function emptyDraft(kind: PlanDraft['kind'] = 'recurring'): PlanDraft {
  return {
    kind,
    name: '',
    description: '',
    price: '',
    taxRate: '',
    checkinsPerDay: '1',
    interval: 'month',
    intervalCount: '1',
    alignment: 'anniversary',
    setupFee: '',
    trialDays: '0',
    sessionQuota: '',
    termPeriods: '',
    autoRenew: false,
    // A new plan proposes 30 freeze days a year, extending the card (what members expect at a gym).
    freezeDaysPerYear: '30',
    freezeFee: '',
    pauseMode: 'extend',
    packSessions: '10',
    packValidDays: '90',
  };
}

export function planToDraft(p: Plan, currency: string): PlanDraft {
  const base = emptyDraft(p.kind);
  const money = (n: number) => minorToText(n, currency);
  const int = (n: number | null, fallback: string) => (n === null ? fallback : String(n));
  return {
    ...base,
    name: p.name,
    description: p.description,
    price: money(p.price),
    taxRate: bpToPercentText(p.taxRateBp),
    checkinsPerDay: String(p.checkinsPerDay),
    interval: p.interval ?? base.interval,
    intervalCount: int(p.intervalCount, base.intervalCount),
    alignment: p.alignment ?? base.alignment,
    setupFee: p.setupFee ? money(p.setupFee) : '',
    trialDays: String(p.trialDays),
    sessionQuota: int(p.sessionQuota, ''),
    termPeriods: int(p.termPeriods, ''),
    autoRenew: p.autoRenew,
    freezeDaysPerYear: String(p.freezeDaysPerYear),
    freezeFee: p.freezeFee ? money(p.freezeFee) : '',
    pauseMode: p.pauseMode,
    packSessions: int(p.packSessions, base.packSessions),
    packValidDays: int(p.packValidDays, base.packValidDays),
  };
}

/** Whole numbers: plain and full-width digits. Anything else goes to the host as typed. */
function intOrText(text: string): number | string {
  const s = text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return /^\d{1,9}$/.test(s) ? Number(s) : text;
}

function moneyOrText(text: string, currency: string): number | string {
  return textToMinor(text, currency) ?? text;
}

/** Empty optional fields take the contract's default (omitted) or null ("none"). */
function optional<T>(text: string, parse: (s: string) => T, empty: T): T {
  return text.trim() === '' ? empty : parse(text);
}

/** The input for plans.create / plans.update (`plan`). Only the fields of the draft's kind are sent. */
export function draftToInput(d: PlanDraft, currency: string): PlanInput {
  const common = {
    name: d.name,
    description: d.description,
    price: moneyOrText(d.price, currency),
    ...(d.taxRate.trim() === '' ? {} : { taxRateBp: parsePercentToBp(d.taxRate) ?? d.taxRate }),
    checkinsPerDay: optional(d.checkinsPerDay, intOrText, 1 as number | string),
  };
  if (d.kind === 'dropin') return { kind: 'dropin', ...common } as PlanInput;
  if (d.kind === 'pack') {
    return { kind: 'pack', ...common, packSessions: intOrText(d.packSessions), packValidDays: intOrText(d.packValidDays) } as PlanInput;
  }
  const term = optional(d.termPeriods, intOrText, null as number | string | null);
  return {
    kind: 'recurring',
    ...common,
    interval: d.interval,
    intervalCount: intOrText(d.intervalCount),
    alignment: d.alignment,
    setupFee: optional(d.setupFee, (s) => moneyOrText(s, currency), 0 as number | string),
    trialDays: optional(d.trialDays, intOrText, 0 as number | string),
    sessionQuota: optional(d.sessionQuota, intOrText, null as number | string | null),
    termPeriods: term,
    // Auto-renewal only means something with a fixed term.
    autoRenew: term !== null && d.autoRenew,
    freezeDaysPerYear: optional(d.freezeDaysPerYear, intOrText, 0 as number | string),
    freezeFee: optional(d.freezeFee, (s) => moneyOrText(s, currency), 0 as number | string),
    pauseMode: d.pauseMode,
  } as PlanInput;
}

/** Field errors keyed by the plan's own field, whether they came from plans.create (`price`) or plans.update (`plan.price`). */
export function planFieldErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) out[path.replace(/^plan\./, '')] ??= message;
  return out;
}
