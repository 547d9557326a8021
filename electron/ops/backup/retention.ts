/**
 * Which backups to keep: every copy of the last 7 days that have one, then the newest of
 * each of the last 4 weeks and 12 months that have one (grandfather-father-son).
 * Keeping whole days means a safety copy taken before a restore is never pruned the same
 * week, and a manual copy is not lost to a later quit copy of the same day.
 * Pure: calendar dates come from the caller (business time zone).
 */
import { startOfWeekMonday } from '../../../shared/dates';

export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
export const KEEP_MONTHLY = 12;

export interface RetentionItem {
  id: string;
  /** Business date of the backup, YYYY-MM-DD. */
  date: string;
  /** Sort key within a day (the UTC instant). */
  at: string;
}

function newestPer(items: RetentionItem[], key: (i: RetentionItem) => string, count: number): string[] {
  const best = new Map<string, RetentionItem>();
  for (const i of items) {
    const k = key(i);
    const cur = best.get(k);
    if (!cur || i.at > cur.at) best.set(k, i);
  }
  return [...best.entries()]
    .sort((a, b) => (a[0] < b[0] ? 1 : -1))
    .slice(0, count)
    .map(([, i]) => i.id);
}

export function backupsToKeep(items: RetentionItem[]): Set<string> {
  const days = new Set([...new Set(items.map((i) => i.date))].sort().reverse().slice(0, KEEP_DAILY));
  return new Set<string>([
    ...items.filter((i) => days.has(i.date)).map((i) => i.id),
    ...newestPer(items, (i) => startOfWeekMonday(i.date), KEEP_WEEKLY),
    ...newestPer(items, (i) => i.date.slice(0, 7), KEEP_MONTHLY),
  ]);
}
