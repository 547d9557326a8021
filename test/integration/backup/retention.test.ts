import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates';
import { backupsToKeep, type RetentionItem } from '../../../electron/ops/backup/retention';

const item = (date: string, hour = '01'): RetentionItem => ({ id: `${date}T${hour}`, date, at: `${date}T${hour}:00:00.000Z` });

describe('backup retention', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly copies out of a year of daily backups', () => {
    const items: RetentionItem[] = [];
    for (let d = '2025-01-01'; d <= '2026-02-03'; d = addDays(d, 1)) items.push(item(d));
    const kept = [...backupsToKeep(items)].map((id) => id.slice(0, 10)).sort().reverse();
    expect(kept).toEqual([
      // the 7 newest days (2026-02-03 is a Tuesday)
      '2026-02-03', '2026-02-02', '2026-02-01', '2026-01-31', '2026-01-30', '2026-01-29', '2026-01-28',
      // newest of the weeks starting 2026-01-19 and 2026-01-12 (the two newer weeks are covered by the days)
      '2026-01-25', '2026-01-18',
      // newest of each month back to 2025-03 (12 months with 2026-02 and 2026-01)
      '2025-12-31', '2025-11-30', '2025-10-31', '2025-09-30', '2025-08-31', '2025-07-31', '2025-06-30', '2025-05-31',
      '2025-04-30', '2025-03-31',
    ]);
  });

  it('keeps every copy of a recent day, and only the newest of an old week', () => {
    const recent = ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'].map((d) => item(d));
    const items = [...recent, item('2026-03-10', '01'), item('2026-03-10', '09'), item('2026-03-10', '18'), item('2026-01-05', '01'), item('2026-01-06', '01')];
    expect([...backupsToKeep(items)].sort()).toEqual([
      '2026-01-06T01',
      ...recent.map((i) => i.id),
      '2026-03-10T01',
      '2026-03-10T09',
      '2026-03-10T18',
    ]);
  });

  it('keeps gaps in the calendar: the 7 newest days with a backup, however old', () => {
    const days = ['2025-06-01', '2025-07-01', '2025-08-01', '2025-09-01', '2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01'];
    expect([...backupsToKeep(days.map((d) => item(d)))].length).toBe(8); // 7 days + the oldest is its month's newest
    expect(backupsToKeep([])).toEqual(new Set());
  });
});
