import { describe, expect, it } from 'vitest';
import {
  assertBasisPoints,
  assertMinor,
  assertSignedMinor,
  isMinor,
  prorate,
  roundHalfUp,
} from '../../../electron/billing/money';

describe('roundHalfUp', () => {
  it('rounds halves up and the rest to nearest', () => {
    expect(roundHalfUp(5, 2)).toBe(3);
    expect(roundHalfUp(7, 2)).toBe(4);
    expect(roundHalfUp(3, 2)).toBe(2);
    expect(roundHalfUp(1, 2)).toBe(1);
    expect(roundHalfUp(4, 2)).toBe(2);
    expect(roundHalfUp(1, 3)).toBe(0);
    expect(roundHalfUp(2, 3)).toBe(1);
    expect(roundHalfUp(0, 7)).toBe(0);
    expect(roundHalfUp(674865, 30)).toBe(22496); // 22495.5
    expect(roundHalfUp(674864, 30)).toBe(22495); // 22495.47
  });

  it('rounds negatives half away from zero (mirror of positives), never −0', () => {
    expect(roundHalfUp(-5, 2)).toBe(-3);
    expect(roundHalfUp(5, -2)).toBe(-3);
    expect(roundHalfUp(-5, -2)).toBe(3);
    expect(roundHalfUp(-7, 3)).toBe(-2);
    expect(Object.is(roundHalfUp(-1, 3), 0)).toBe(true);
  });

  it('is exact where floats are not', () => {
    // 2^53 + 1 is not a double: a float division would give 4503599627370496.
    expect(roundHalfUp(2n ** 53n + 1n, 2n)).toBe(4503599627370497);
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(roundHalfUp((max - 1n) * 10_000n + 5_000n, 10_000n)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('throws on zero denominators, unsafe numbers and unsafe results', () => {
    expect(() => roundHalfUp(1, 0)).toThrow(RangeError);
    expect(() => roundHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => roundHalfUp(1.5, 2)).toThrow(RangeError);
    expect(() => roundHalfUp(Number.NaN, 2)).toThrow(RangeError);
    expect(() => roundHalfUp(2 ** 53, 1)).toThrow(RangeError);
    expect(() => roundHalfUp(2n ** 60n, 1n)).toThrow(RangeError);
  });
});

describe('prorate', () => {
  it('computes the public examples to the cent', () => {
    expect(prorate(24995, 29, 31)).toBe(23382);
    expect(prorate(24995, 27, 30)).toBe(22496);
    expect(prorate(3100, 16, 31)).toBe(1600);
  });

  it('whole and empty periods are exact', () => {
    expect(prorate(24995, 31, 31)).toBe(24995);
    expect(prorate(24995, 0, 31)).toBe(0);
    expect(prorate(0, 10, 31)).toBe(0);
  });

  it('rounds x.5 up', () => {
    expect(prorate(1, 1, 2)).toBe(1);
    expect(prorate(3, 1, 2)).toBe(2);
    expect(prorate(1, 1, 3)).toBe(0);
    expect(prorate(2, 1, 3)).toBe(1);
    expect(prorate(100, 1, 3)).toBe(33);
    expect(prorate(100, 2, 3)).toBe(67);
  });

  it('stays exact for huge amounts', () => {
    expect(prorate(Number.MAX_SAFE_INTEGER, 30, 31)).toBe(8716644440071927);
  });

  it('throws on invalid inputs', () => {
    expect(() => prorate(-1, 1, 2)).toThrow(RangeError);
    expect(() => prorate(1.5, 1, 2)).toThrow(RangeError);
    expect(() => prorate(100, 1.5, 2)).toThrow(RangeError);
    expect(() => prorate(100, -1, 2)).toThrow(RangeError);
    expect(() => prorate(100, 3, 2)).toThrow(RangeError);
    expect(() => prorate(100, 0, 0)).toThrow(RangeError);
    expect(() => prorate(100, 0, -3)).toThrow(RangeError);
    expect(() => prorate(Number.NaN, 1, 2)).toThrow(RangeError);
  });
});

describe('assertions', () => {
  it('assertMinor accepts safe non-negative integers only', () => {
    expect(() => assertMinor(0)).not.toThrow();
    expect(() => assertMinor(24995)).not.toThrow();
    expect(() => assertMinor(Number.MAX_SAFE_INTEGER)).not.toThrow();
    for (const bad of [-1, 1.5, Number.NaN, Infinity, 2 ** 53, '5', null, 5n]) {
      expect(() => assertMinor(bad)).toThrow(RangeError);
      expect(isMinor(bad)).toBe(false);
    }
  });

  it('assertSignedMinor allows credits', () => {
    expect(() => assertSignedMinor(-1600)).not.toThrow();
    expect(() => assertSignedMinor(-1.5)).toThrow(RangeError);
  });

  it('assertBasisPoints is 0..10000', () => {
    expect(() => assertBasisPoints(0)).not.toThrow();
    expect(() => assertBasisPoints(10_000)).not.toThrow();
    expect(() => assertBasisPoints(-1)).toThrow(RangeError);
    expect(() => assertBasisPoints(10_001)).toThrow(RangeError);
    expect(() => assertBasisPoints(12.5)).toThrow(RangeError);
  });
});
