import { addDays, addMonthsClamped, startOfMonth } from '../../../shared/dates';

export interface Range {
  from: string;
  to: string;
}

export const PRESETS = ['thisMonth', 'last3', 'last6', 'last12', 'thisYear', 'lastYear'] as const;
export type Preset = (typeof PRESETS)[number];

/** A preset range ending today (or last year's whole year). */
export function presetRange(preset: Preset, today: string): Range {
  const month = startOfMonth(today);
  switch (preset) {
    case 'thisMonth':
      return { from: month, to: today };
    case 'last3':
      return { from: addMonthsClamped(month, -2), to: today };
    case 'last6':
      return { from: addMonthsClamped(month, -5), to: today };
    case 'last12':
      return { from: addMonthsClamped(month, -11), to: today };
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'lastYear': {
      const y = Number(today.slice(0, 4)) - 1;
      return { from: `${y}-01-01`, to: addDays(`${y + 1}-01-01`, -1) };
    }
  }
}

export function presetOf(range: Range, today: string): Preset | 'custom' {
  return PRESETS.find((p) => {
    const r = presetRange(p, today);
    return r.from === range.from && r.to === range.to;
  }) ?? 'custom';
}
