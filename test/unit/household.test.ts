import { describe, expect, it } from 'vitest';
import { namesLines } from '../../shared/household';

describe('namesLines: when an invoice names the member of each line', () => {
  it('not on a member’s own invoice, a line naming no one counting as the payer’s', () => {
    expect(namesLines(7, [7, 7, null])).toBe(false);
    expect(namesLines(7, [])).toBe(false);
  });

  it('on an invoice for someone the payer pays for, or for several members', () => {
    expect(namesLines(7, [8])).toBe(true);
    expect(namesLines(7, [7, 8])).toBe(true);
    expect(namesLines(7, [8, 9, null])).toBe(true);
  });
});
