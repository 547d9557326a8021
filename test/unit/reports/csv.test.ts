import { describe, expect, it } from 'vitest';
import { moneyCell, percentCell, toCsv } from '../../../electron/books/exports/csv';
import { mulDivRound, shareOfSpan, spreadByDays } from '../../../electron/books/reports/metrics';

describe('CSV for Excel', () => {
  it('starts with a byte-order mark, ends lines with CRLF and quotes what needs it', () => {
    const csv = toCsv(['姓名', 'Note'], [['王芳', 'a, "quoted" note'], ['Li Lei', null]]);
    expect(csv).toBe('\uFEFF姓名,Note\r\n王芳,"a, ""quoted"" note"\r\nLi Lei,');
  });

  it('never lets a spreadsheet run text as a formula, but keeps negative numbers', () => {
    expect(toCsv(['x'], [['=HYPERLINK("http://x")'], ['@SUM(A1)'], ['+1'], ['-12.50'], [-3]])).toBe(
      '\uFEFFx\r\n"\'=HYPERLINK(""http://x"")"\r\n\'@SUM(A1)\r\n\'+1\r\n-12.50\r\n-3',
    );
  });

  it('writes money in major units with the currency’s decimals, and rates as percentages', () => {
    expect(moneyCell(129990, 'CNY')).toBe('1299.90');
    expect(moneyCell(-5, 'CNY')).toBe('-0.05');
    expect(moneyCell(0, 'USD')).toBe('0.00');
    expect(moneyCell(1500, 'JPY')).toBe('1500');
    expect(percentCell(4545)).toBe('45.45');
    expect(percentCell(-1250)).toBe('-12.50');
    expect(percentCell(5)).toBe('0.05');
    expect(percentCell(null)).toBe('');
  });
});

describe('shares of a service span', () => {
  it('rounds half away from zero like the billing maths', () => {
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(7, 1, 3)).toBe(2);
    expect(mulDivRound(-7, 1, 3)).toBe(-2);
    // A trillion yuan over 36 years: the product leaves the exact range of a double, BigInt takes over.
    expect(mulDivRound(100_000_000_000_000, 13_149, 13_150)).toBe(99_992_395_437_262);
  });

  it('gives any stretch of days its part, the days adding up to the months', () => {
    // 900.00 for Jan 15 – Apr 15 (90 days): Feb 1–14 is 14 days → 140.00.
    expect(shareOfSpan(90000, '2026-01-15', '2026-04-15', '2026-02-01', '2026-02-15')).toBe(14000);
    const months = spreadByDays(100000, '2026-01-01', '2027-01-01');
    expect(shareOfSpan(100000, '2026-01-01', '2027-01-01', '2026-03-01', '2026-04-01')).toBe(months[2]!.amount);
    expect(shareOfSpan(100000, '2026-01-01', '2027-01-01', '2026-03-01', '2026-03-16') + shareOfSpan(100000, '2026-01-01', '2027-01-01', '2026-03-16', '2026-04-01')).toBe(
      months[2]!.amount,
    );
    // Outside the span: nothing.
    expect(shareOfSpan(30000, '2026-01-05', '2026-02-05', '2026-03-01', '2026-04-01')).toBe(0);
  });
});
