import { describe, expect, it } from 'vitest';
import type { TaxMode } from '../../../electron/billing/tax';
import { amountInMode, taxOfLine } from '../../../electron/billing/tax';
import fc from 'fast-check';

describe('taxOfLine: exclusive', () => {
  it('adds round(net × rate)', () => {
    expect(taxOfLine(1600, 2000, 'exclusive')).toEqual({ net: 1600, tax: 320, gross: 1920 });
    expect(taxOfLine(25, 2000, 'exclusive')).toEqual({ net: 25, tax: 5, gross: 30 });
    expect(taxOfLine(999, 600, 'exclusive')).toEqual({ net: 999, tax: 60, gross: 1059 }); // 59.94
    expect(taxOfLine(1050, 600, 'exclusive')).toEqual({ net: 1050, tax: 63, gross: 1113 });
    expect(taxOfLine(1600, 0, 'exclusive')).toEqual({ net: 1600, tax: 0, gross: 1600 });
  });

  it('rounds at x.5 boundaries half-up', () => {
    expect(taxOfLine(5, 1000, 'exclusive').tax).toBe(1); // 0.5
    expect(taxOfLine(15, 1000, 'exclusive').tax).toBe(2); // 1.5
    expect(taxOfLine(4, 1000, 'exclusive').tax).toBe(0); // 0.4
    expect(taxOfLine(1, 2000, 'exclusive').tax).toBe(0); // 0.2
    expect(taxOfLine(3, 2000, 'exclusive').tax).toBe(1); // 0.6
  });
});

describe('taxOfLine: inclusive', () => {
  it('recovers the net as round(gross / (1 + rate))', () => {
    expect(taxOfLine(1920, 2000, 'inclusive')).toEqual({ net: 1600, tax: 320, gross: 1920 });
    expect(taxOfLine(1000, 2000, 'inclusive')).toEqual({ net: 833, tax: 167, gross: 1000 });
    expect(taxOfLine(106, 600, 'inclusive')).toEqual({ net: 100, tax: 6, gross: 106 });
    expect(taxOfLine(1, 2000, 'inclusive')).toEqual({ net: 1, tax: 0, gross: 1 }); // 0.83
    expect(taxOfLine(1600, 0, 'inclusive')).toEqual({ net: 1600, tax: 0, gross: 1600 });
  });

  it('rounds the net half-up at x.5', () => {
    expect(taxOfLine(3, 2000, 'inclusive')).toEqual({ net: 3, tax: 0, gross: 3 }); // 2.5
    expect(taxOfLine(9, 2000, 'inclusive')).toEqual({ net: 8, tax: 1, gross: 9 }); // 7.5
  });

  it('a 100% rate splits the gross in half', () => {
    expect(taxOfLine(200, 10_000, 'inclusive')).toEqual({ net: 100, tax: 100, gross: 200 });
    expect(taxOfLine(100, 10_000, 'exclusive')).toEqual({ net: 100, tax: 100, gross: 200 });
  });
});

describe('taxOfLine: credit lines', () => {
  it('the public example: credit note of 16.00 + 20% = 19.20', () => {
    expect(taxOfLine(-1600, 2000, 'exclusive')).toEqual({ net: -1600, tax: -320, gross: -1920 });
  });

  it('tax of −x is −(tax of x), rounding included', () => {
    const modes: TaxMode[] = ['exclusive', 'inclusive'];
    for (const mode of modes) {
      for (const [amount, rate] of [
        [5, 1000],
        [15, 1000],
        [3, 2000],
        [9, 2000],
        [1000, 2000],
        [24995, 600],
      ] as const) {
        const pos = taxOfLine(amount, rate, mode);
        expect(taxOfLine(-amount, rate, mode)).toEqual({
          net: 0 - pos.net, // 0 − x, not −x: no −0 for a zero tax
          tax: 0 - pos.tax,
          gross: 0 - pos.gross,
        });
      }
    }
    expect(taxOfLine(-5, 1000, 'exclusive')).toEqual({ net: -5, tax: -1, gross: -6 });
    expect(taxOfLine(-9, 2000, 'inclusive')).toEqual({ net: -8, tax: -1, gross: -9 });
  });

  it('never produces −0', () => {
    for (const line of [taxOfLine(-1, 2000, 'exclusive'), taxOfLine(-0, 2000, 'inclusive')]) {
      expect(Object.is(line.tax, -0)).toBe(false);
      expect(Object.is(line.net, -0)).toBe(false);
      expect(Object.is(line.gross, -0)).toBe(false);
    }
  });
});

describe('taxOfLine: validation', () => {
  it('rejects bad amounts, rates and modes', () => {
    expect(() => taxOfLine(1.5, 2000, 'exclusive')).toThrow(RangeError);
    expect(() => taxOfLine(Number.NaN, 2000, 'exclusive')).toThrow(RangeError);
    expect(() => taxOfLine(100, -1, 'exclusive')).toThrow(RangeError);
    expect(() => taxOfLine(100, 10_001, 'exclusive')).toThrow(RangeError);
    expect(() => taxOfLine(100, 20.5, 'exclusive')).toThrow(RangeError);
    expect(() => taxOfLine(100, 2000, 'both' as TaxMode)).toThrow(RangeError);
  });
});

describe('amountInMode: an amount of one tax mode stated in the other', () => {
  it('keeps the gross: 16.00 tax-inclusive is 13.33 net at 20 %; 16.00 net is 19.20 inclusive', () => {
    expect(amountInMode(1600, 2000, 'inclusive', 'exclusive')).toBe(1333);
    expect(amountInMode(1600, 2000, 'exclusive', 'inclusive')).toBe(1920);
    expect(amountInMode(1600, 2000, 'inclusive', 'inclusive')).toBe(1600);
    expect(amountInMode(-1600, 2000, 'exclusive', 'inclusive')).toBe(-1920);
    expect(amountInMode(1600, 0, 'inclusive', 'exclusive')).toBe(1600);
  });

  it('exclusive → inclusive gives exactly the gross; inclusive → exclusive a gross within one minor unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (amount, rate) => {
        expect(taxOfLine(amountInMode(amount, rate, 'exclusive', 'inclusive'), rate, 'inclusive').gross).toBe(taxOfLine(amount, rate, 'exclusive').gross);
        const back = taxOfLine(amountInMode(amount, rate, 'inclusive', 'exclusive'), rate, 'exclusive').gross;
        expect(Math.abs(back - amount)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
