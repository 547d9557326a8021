import { describe, expect, it } from 'vitest';
import { isIsoDate, normaliseDateText } from '../../../renderer/components/dateText';

describe('DateInput text', () => {
  it('tidies the usual ways of typing a date into YYYY-MM-DD', () => {
    expect(normaliseDateText('2026-4-1')).toBe('2026-04-01');
    expect(normaliseDateText('2026/04/01')).toBe('2026-04-01');
    expect(normaliseDateText('2026.4.1')).toBe('2026-04-01');
    expect(normaliseDateText('20260401')).toBe('2026-04-01');
    expect(normaliseDateText('2026年4月1日')).toBe('2026-04-01');
    expect(normaliseDateText('２０２６－４－１')).toBe('2026-04-01');
    expect(normaliseDateText('２０２６／０４／０１')).toBe('2026-04-01');
    expect(normaliseDateText(' 2026-03-02 ')).toBe('2026-03-02');
  });

  it('leaves what is not a real date as typed, for the host to reject', () => {
    expect(normaliseDateText('2026-02-30')).toBe('2026-02-30');
    expect(normaliseDateText('2026/2/30')).toBe('2026/2/30');
    expect(normaliseDateText('tomorrow')).toBe('tomorrow');
    expect(normaliseDateText('')).toBe('');
  });

  it('knows a real calendar date', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-4-1')).toBe(false);
  });
});
