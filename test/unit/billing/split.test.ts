import { describe, expect, it } from 'vitest';
import { splitProportionally } from '../../../electron/billing/split';

describe('splitProportionally', () => {
  it('shares an open balance by the members’ line totals and adds up exactly', () => {
    // Two children: 199.00 and 199.00 − 19.90 household discount; 178.10 still open.
    expect(splitProportionally(17810, [19900, 17910])).toEqual([9374, 8436]);
  });

  it('rounds cumulatively so three equal thirds of 100 are 33, 34, 33', () => {
    expect(splitProportionally(100, [1, 1, 1])).toEqual([33, 34, 33]);
  });

  it('gives a part whose lines are only credits nothing, and all to the fallback when nothing weighs', () => {
    expect(splitProportionally(500, [-200, 1000])).toEqual([0, 500]);
    expect(splitProportionally(500, [0, -1, 0], 2)).toEqual([0, 0, 500]);
  });

  it('refuses a fractional amount', () => {
    expect(() => splitProportionally(1.5, [1])).toThrow(RangeError);
  });
});
