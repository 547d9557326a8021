import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  firstMondayOnOrAfter,
  fromEpochDay,
  fromYmd,
  isLeapYear,
  isValidDate,
  lastDayOfMonth,
  maxDate,
  minDate,
  startOfMonth,
  startOfWeekMonday,
  startOfYear,
  toEpochDay,
  todayInZone,
} from '../../../shared/dates';

describe('isValidDate', () => {
  it.each([
    '2026-02-28',
    '2024-02-29',
    '2000-02-29',
    '1900-01-01',
    '2999-12-31',
    '2026-04-30',
    '2026-12-31',
  ])('accepts %s', (s) => {
    expect(isValidDate(s)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '1900-02-29', // 1900 is not a leap year
    '2100-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '1899-12-31',
    '3000-01-01',
    '2026-1-05',
    '2026-01-5',
    '20260105',
    '2026/01/05',
    ' 2026-01-05',
    '2026-01-05 ',
    '2026-01-05T00:00',
    '+02026-01-05',
    '',
  ])('rejects %j', (s) => {
    expect(isValidDate(s)).toBe(false);
  });

  it('rejects non-strings (hostile input)', () => {
    expect(isValidDate(20260105 as unknown as string)).toBe(false);
    expect(isValidDate(null as unknown as string)).toBe(false);
    expect(isValidDate(undefined as unknown as string)).toBe(false);
  });
});

describe('leap years and month lengths', () => {
  it('isLeapYear follows the Gregorian rules', () => {
    expect([1900, 2000, 2023, 2024, 2025, 2100, 2400].map(isLeapYear)).toEqual([
      false,
      true,
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it('daysInMonth', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 1)).toBe(31);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(() => daysInMonth(2026, 0)).toThrow(RangeError);
    expect(() => daysInMonth(2026, 13)).toThrow(RangeError);
  });
});

describe('addDays and daysBetween', () => {
  it('crosses month, leap day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('2026-01-15', 0)).toBe('2026-01-15');
  });

  it('is not shifted by daylight saving changes (UTC arithmetic)', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-10-01', '2026-11-01')).toBe(31);
  });

  it('daysBetween is b − a', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2012-03-04', '2012-04-02')).toBe(29);
    expect(daysBetween('1900-01-01', '2999-12-31')).toBe(401766);
  });

  it('throws on invalid input or a result out of range', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('2999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('1900-01-01', -1)).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', 'soon')).toThrow(RangeError);
  });

  it('epoch days round-trip', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(fromEpochDay(toEpochDay('2024-02-29'))).toBe('2024-02-29');
    expect(fromEpochDay(20454)).toBe('2026-01-01');
  });

  it('fromYmd validates and pads', () => {
    expect(fromYmd(2026, 3, 5)).toBe('2026-03-05');
    expect(() => fromYmd(2026, 2, 30)).toThrow(RangeError);
    expect(() => fromYmd(2026, 1.5, 3)).toThrow(RangeError);
  });
});

describe('compareDates, minDate, maxDate', () => {
  it('orders dates', () => {
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-02')).toBe(1);
    expect(compareDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareDates('2025-12-31', '2026-01-01')).toBe(-1);
    expect(minDate('2026-03-01', '2026-02-28')).toBe('2026-02-28');
    expect(maxDate('2026-03-01', '2026-02-28')).toBe('2026-03-01');
    expect(() => compareDates('2026-01-01', '2026-1-1')).toThrow(RangeError);
  });
});

describe('addMonthsClamped', () => {
  it('clamps Jan 31 to the month end without drifting (leap 2024)', () => {
    expect([1, 2, 3, 4, 5].map((n) => addMonthsClamped('2024-01-31', n))).toEqual([
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
    ]);
  });

  it('clamps Jan 31 to Feb 28 in 2025', () => {
    expect(addMonthsClamped('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsClamped('2025-01-31', 2)).toBe('2025-03-31');
    expect(addMonthsClamped('2024-01-31', 13)).toBe('2025-02-28');
  });

  it('handles Feb 29 yearly and negative months', () => {
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsClamped('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonthsClamped('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonthsClamped('2026-01-31', -13)).toBe('2024-12-31');
    expect(addMonthsClamped('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonthsClamped('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonthsClamped('2025-08-31', 0)).toBe('2025-08-31');
  });

  it('throws on a non-integer count or out of range', () => {
    expect(() => addMonthsClamped('2026-01-31', 0.5)).toThrow(RangeError);
    expect(() => addMonthsClamped('2999-12-01', 1)).toThrow(RangeError);
    expect(() => addMonthsClamped('1900-01-31', -1)).toThrow(RangeError);
  });
});

describe('weeks, months and years', () => {
  it('dayOfWeek (0 = Sunday)', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2000-01-01')).toBe(6);
    expect(dayOfWeek('2024-02-29')).toBe(4);
    expect(dayOfWeek('2026-01-01')).toBe(4);
    expect(dayOfWeek('2026-01-04')).toBe(0);
    expect(dayOfWeek('2026-01-05')).toBe(1);
  });

  it('startOfWeekMonday and firstMondayOnOrAfter', () => {
    expect(startOfWeekMonday('2026-01-01')).toBe('2025-12-29');
    expect(startOfWeekMonday('2026-01-04')).toBe('2025-12-29');
    expect(startOfWeekMonday('2026-01-05')).toBe('2026-01-05');
    expect(firstMondayOnOrAfter('2026-01-01')).toBe('2026-01-05');
    expect(firstMondayOnOrAfter('2026-01-04')).toBe('2026-01-05');
    expect(firstMondayOnOrAfter('2026-01-05')).toBe('2026-01-05');
  });

  it('startOfMonth, lastDayOfMonth, startOfYear', () => {
    expect(startOfMonth('2026-02-17')).toBe('2026-02-01');
    expect(lastDayOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-02-10')).toBe('2025-02-28');
    expect(lastDayOfMonth('2026-12-05')).toBe('2026-12-31');
    expect(lastDayOfMonth('2026-04-30')).toBe('2026-04-30');
    expect(startOfYear('2026-08-31')).toBe('2026-01-01');
  });
});

describe('todayInZone', () => {
  const instant = new Date('2026-01-01T02:00:00Z');

  it('is the business zone calendar date, not UTC', () => {
    expect(todayInZone(instant, 'America/New_York')).toBe('2025-12-31');
    expect(todayInZone(instant, 'Asia/Shanghai')).toBe('2026-01-01');
    expect(todayInZone(instant, 'UTC')).toBe('2026-01-01');
  });

  it('turns over at local midnight', () => {
    expect(todayInZone(new Date('2026-01-01T04:59:59Z'), 'America/New_York')).toBe('2025-12-31');
    expect(todayInZone(new Date('2026-01-01T05:00:00Z'), 'America/New_York')).toBe('2026-01-01');
    expect(todayInZone(new Date('2025-12-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2025-12-31');
    expect(todayInZone(new Date('2025-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-01-01');
    expect(todayInZone(new Date('2026-01-01T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-01-02');
  });

  it('follows daylight saving time', () => {
    // US DST starts 2026-03-08 at 02:00 EST = 07:00Z; summer offset is −4.
    expect(todayInZone(new Date('2026-03-08T04:30:00Z'), 'America/New_York')).toBe('2026-03-07');
    expect(todayInZone(new Date('2026-07-01T03:59:00Z'), 'America/New_York')).toBe('2026-06-30');
    expect(todayInZone(new Date('2026-07-01T04:00:00Z'), 'America/New_York')).toBe('2026-07-01');
  });

  it('throws on an unknown zone or an invalid instant', () => {
    expect(() => todayInZone(instant, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => todayInZone(new Date('nope'), 'UTC')).toThrow(RangeError);
  });
});
