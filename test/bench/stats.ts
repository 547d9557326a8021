/** Timing helpers: warm-up, repeated runs, median and 95th percentile. */

export interface Figure {
  name: string;
  /** What the figure is measured on (size, row counts). */
  at: string;
  unit: 'ms' | 'MB' | '×' | 'frames';
  median: number;
  p95: number;
  runs: number;
  /** The target, in the same unit; the figure meets it when p95 (or the single value) ≤ target. */
  target: number | null;
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: percentile(s, 50), p95: percentile(s, 95) };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured (ms each). */
export async function time(
  fn: (i: number) => unknown,
  runs: number,
  warmup = Math.min(5, runs),
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(warmup + i);
    out.push(performance.now() - t);
  }
  return out;
}

export function figure(
  name: string,
  at: string,
  samples: number[],
  target: number | null,
  note?: string,
): Figure {
  const { median, p95 } = summarise(samples);
  return {
    name,
    at,
    unit: 'ms',
    median,
    p95,
    runs: samples.length,
    target,
    ...(note ? { note } : {}),
  };
}

export function single(
  name: string,
  at: string,
  value: number,
  unit: Figure['unit'],
  target: number | null,
  note?: string,
): Figure {
  return { name, at, unit, median: value, p95: value, runs: 1, target, ...(note ? { note } : {}) };
}

const fmt = (v: number) =>
  Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);

/** The readable table: one line per figure, with the target and whether p95 meets it. */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    f.at,
    `${fmt(f.median)} ${f.unit}`,
    `${fmt(f.p95)} ${f.unit}`,
    String(f.runs),
    f.target === null ? '' : `≤ ${fmt(f.target)} ${f.unit}`,
    f.target === null ? '' : f.p95 <= f.target ? 'met' : 'MISSED',
    f.note ?? '',
  ]);
  const head = ['measurement', 'at', 'median', 'p95', 'runs', 'target', '', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
