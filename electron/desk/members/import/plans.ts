/**
 * Plan names of an import file → plans. A name that is exactly a plan's name is that plan; any
 * other name is mapped once by the clerk (for every row with that name), who is offered a best guess.
 */
import type { ImportPlanValue } from '../../../contract/desk-types';
import { AppError } from '../../../../shared/errors';
import { ascii } from './cells';

export interface PlanRef {
  id: number;
  name: string;
  kind: 'recurring' | 'pack';
  archived: boolean;
}

export function planKey(name: string): string {
  return ascii(name).toLowerCase().replace(/\s+/g, ' ');
}

/** Words gyms write for the same period or kind, in either language, reduced to one token. */
const ALIASES: [RegExp, string][] = [
  [/monthly|month|月卡|包月|月/g, '\u0001M'],
  [/quarterly|quarter|季卡|季度|季/g, '\u0001Q'],
  [/annual|yearly|year|年卡|全年|年/g, '\u0001Y'],
  [/weekly|week|周卡|周/g, '\u0001W'],
  [/sessions?|classes|class|pack|课时包|课包|次卡|课时|课|次/g, '\u0001P'],
];

function tokens(name: string): string[] {
  let s = planKey(name);
  for (const [re, token] of ALIASES) s = s.replace(re, ` ${token} `);
  const out: string[] = [];
  for (const part of s.split(/[\s\-_/()（）·,，]+/).filter(Boolean)) {
    if (part.startsWith('\u0001') || /^\d+$/.test(part)) out.push(part);
    else out.push(...[...part]); // CJK and letters character by character
  }
  return out;
}

/** Dice overlap of two names' tokens, 0..1. */
function similarity(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  if (!x.length || !y.length) return 0;
  const left = [...y];
  let common = 0;
  for (const t of x) {
    const i = left.indexOf(t);
    if (i >= 0) {
      common++;
      left.splice(i, 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

/** The plan most like `value` (a pack when the row names sessions), or null when none is close. */
export function suggestPlan(value: string, plans: PlanRef[], wantPack: boolean | null): number | null {
  let best: { id: number; score: number } | null = null;
  for (const p of plans) {
    if (p.archived) continue;
    const kindBonus = wantPack === null ? 0 : (p.kind === 'pack') === wantPack ? 0.2 : -0.2;
    const score = similarity(value, p.name) + kindBonus;
    if (score > 0.3 && (!best || score > best.score)) best = { id: p.id, score };
  }
  return best?.id ?? null;
}

export interface PlanResolver {
  values: ImportPlanValue[];
  /** The plan a cell means: a plan, 'none' (unmapped), or 'no_plan' (the clerk left it out). */
  resolve(cell: string): PlanRef | 'none' | 'no_plan';
}

/**
 * Resolves every plan name of the file. `cells` are the file's plan cells, each with whether its
 * row names remaining sessions (a hint that it is a pack).
 */
export function resolvePlans(cells: { value: string; pack: boolean }[], plans: PlanRef[], choices: { value: string; planId: number | null }[]): PlanResolver {
  const byName = new Map<string, PlanRef>();
  for (const p of plans) if (!byName.has(planKey(p.name)) || !p.archived) byName.set(planKey(p.name), p);
  const byId = new Map(plans.map((p) => [p.id, p]));
  const chosen = new Map<string, number | null>();
  choices.forEach((c, i) => {
    if (c.planId !== null && !byId.has(c.planId)) {
      throw new AppError('VALIDATION', `Plan ${c.planId} does not exist.`, { issues: [{ path: `planMap.${i}.planId`, code: 'custom', message: 'not_found' }] });
    }
    chosen.set(planKey(c.value), c.planId);
  });
  const seen = new Map<string, { value: string; rows: number; packs: number }>();
  for (const c of cells) {
    const key = planKey(c.value);
    const v = seen.get(key) ?? { value: c.value, rows: 0, packs: 0 };
    v.rows++;
    if (c.pack) v.packs++;
    seen.set(key, v);
  }
  const values: ImportPlanValue[] = [...seen.entries()].map(([key, v]) => {
    const suggestion = suggestPlan(v.value, plans, v.packs ? v.packs * 2 >= v.rows : null);
    if (chosen.has(key)) {
      const planId = chosen.get(key)!;
      return { value: v.value, rows: v.rows, planId, source: planId === null ? 'no_plan' : 'chosen', suggestion };
    }
    const exact = byName.get(key);
    return exact
      ? { value: v.value, rows: v.rows, planId: exact.id, source: 'name', suggestion: exact.id }
      : { value: v.value, rows: v.rows, planId: null, source: 'none', suggestion };
  });
  const map = new Map(values.map((v) => [planKey(v.value), v]));
  return {
    values,
    resolve(cell) {
      const v = map.get(planKey(cell));
      if (!v || v.source === 'none') return 'none';
      if (v.source === 'no_plan') return 'no_plan';
      return byId.get(v.planId!)!;
    },
  };
}
