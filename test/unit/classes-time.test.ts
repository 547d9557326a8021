/** The pure parts of the timetable: which days a weekly pattern gives, end times, and wall-clock minutes. */
import { describe, expect, it } from 'vitest';
import { wallMinutes, wallNow } from '../../electron/desk/classes/clock';
import { slotDates } from '../../electron/desk/classes/timetable';
import { endTime } from '../../electron/desk/classes/views';

describe('slotDates', () => {
  it('gives every matching weekday of the term, holidays left out, the last day included', () => {
    expect(
      slotDates({
        term_start: '2027-03-01',
        term_end: '2027-03-13',
        weekdays: [1, 6],
        holidays: ['2027-03-08'],
      }),
    ).toEqual(['2027-03-01', '2027-03-06', '2027-03-13']);
  });

  it('gives nothing when no day of the term matches', () => {
    expect(
      slotDates({
        term_start: '2027-03-01',
        term_end: '2027-03-05',
        weekdays: [0, 6],
        holidays: [],
      }),
    ).toEqual([]);
  });
});

describe('class times', () => {
  it('ends a session on the same clock face, past midnight too', () => {
    expect(endTime('09:00', 60)).toBe('10:00');
    expect(endTime('18:45', 90)).toBe('20:15');
    expect(endTime('23:30', 45)).toBe('00:15');
  });

  it('reads the business wall clock: 01:00 UTC is 09:00 in Shanghai, 12 hours before is 21:00 the evening before', () => {
    const now = wallNow(new Date('2027-03-06T01:00:00.000Z'), 'Asia/Shanghai');
    expect(now).toBe(wallMinutes('2027-03-06', '09:00'));
    expect(now - 12 * 60).toBe(wallMinutes('2027-03-05', '21:00'));
    expect(wallNow(new Date('2027-03-06T01:00:00.000Z'), 'Europe/London')).toBe(
      wallMinutes('2027-03-06', '01:00'),
    );
  });
});
