// todayInZone on the 2026 daylight-saving changes of London and Sydney: the local date flips at
// local midnight (not UTC midnight, not the OS zone's), and the changeover hour itself keeps the date.
import { describe, expect, it } from 'vitest';
import { todayInZone } from '../../shared/dates';

const at = (iso: string, zone: string) => todayInZone(new Date(iso), zone);

describe('todayInZone across daylight saving', () => {
  it('London, forward on 29 March: midnight is 00:00 UTC before it and 23:00 UTC after it', () => {
    expect(at('2026-03-28T23:59:59.999Z', 'Europe/London')).toBe('2026-03-28');
    expect(at('2026-03-29T00:00:00.000Z', 'Europe/London')).toBe('2026-03-29');
    expect(at('2026-03-29T00:59:59.999Z', 'Europe/London')).toBe('2026-03-29'); // 00:59 GMT
    expect(at('2026-03-29T01:00:00.000Z', 'Europe/London')).toBe('2026-03-29'); // 02:00 BST
    expect(at('2026-03-29T22:59:59.999Z', 'Europe/London')).toBe('2026-03-29');
    expect(at('2026-03-29T23:00:00.000Z', 'Europe/London')).toBe('2026-03-30');
  });

  it('London, back on 25 October: the repeated hour stays on the 25th', () => {
    expect(at('2026-10-24T22:59:59.999Z', 'Europe/London')).toBe('2026-10-24');
    expect(at('2026-10-24T23:00:00.000Z', 'Europe/London')).toBe('2026-10-25');
    expect(at('2026-10-25T00:30:00.000Z', 'Europe/London')).toBe('2026-10-25'); // 01:30 BST
    expect(at('2026-10-25T01:30:00.000Z', 'Europe/London')).toBe('2026-10-25'); // 01:30 GMT
    expect(at('2026-10-25T23:59:59.999Z', 'Europe/London')).toBe('2026-10-25');
    expect(at('2026-10-26T00:00:00.000Z', 'Europe/London')).toBe('2026-10-26');
  });

  it('Sydney, back on 5 April: midnight is 13:00 UTC before it and 14:00 UTC after it', () => {
    expect(at('2026-04-04T12:59:59.999Z', 'Australia/Sydney')).toBe('2026-04-04');
    expect(at('2026-04-04T13:00:00.000Z', 'Australia/Sydney')).toBe('2026-04-05');
    expect(at('2026-04-04T15:30:00.000Z', 'Australia/Sydney')).toBe('2026-04-05'); // 02:30 AEDT
    expect(at('2026-04-04T16:30:00.000Z', 'Australia/Sydney')).toBe('2026-04-05'); // 02:30 AEST
    expect(at('2026-04-05T13:59:59.999Z', 'Australia/Sydney')).toBe('2026-04-05');
    expect(at('2026-04-05T14:00:00.000Z', 'Australia/Sydney')).toBe('2026-04-06');
  });

  it('Sydney, forward on 4 October: midnight is 14:00 UTC before it and 13:00 UTC after it', () => {
    expect(at('2026-10-03T13:59:59.999Z', 'Australia/Sydney')).toBe('2026-10-03');
    expect(at('2026-10-03T14:00:00.000Z', 'Australia/Sydney')).toBe('2026-10-04');
    expect(at('2026-10-03T16:00:00.000Z', 'Australia/Sydney')).toBe('2026-10-04'); // 03:00 AEDT, 02:00 never happens
    expect(at('2026-10-04T12:59:59.999Z', 'Australia/Sydney')).toBe('2026-10-04');
    expect(at('2026-10-04T13:00:00.000Z', 'Australia/Sydney')).toBe('2026-10-05');
  });

  it('does not depend on the OS zone: the same instant gives the same date whatever TZ the process has', () => {
    const before = process.env['TZ'];
    try {
      process.env['TZ'] = 'America/Los_Angeles';
      expect(at('2026-03-29T23:30:00.000Z', 'Europe/London')).toBe('2026-03-30');
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });
});
