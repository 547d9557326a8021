import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, formatsCanCollide, numberPrefixKey } from '../../shared/numbering';
import { isNumberFormat } from '../../electron/contract/settings';

describe('document numbers', () => {
  it('render the default format as INV-2026-00001', () => {
    expect(formatDocumentNumber('INV-{YYYY}-{#####}', '2026-03-02', 1)).toBe('INV-2026-00001');
    expect(formatDocumentNumber('CN-{YYYY}-{#####}', '2026-12-31', 123456)).toBe('CN-2026-123456');
    expect(formatDocumentNumber('SD{YY}{MM}-{####}', '2027-01-09', 42)).toBe('SD2701-0042');
  });

  it('key the sequence by the rendered text, so a yearly format restarts each year', () => {
    expect(numberPrefixKey('INV-{YYYY}-{#####}', '2026-03-02')).toBe('INV-2026-{#}');
    expect(numberPrefixKey('INV-{YYYY}-{#####}', '2027-01-01')).toBe('INV-2027-{#}');
    expect(numberPrefixKey('INV-{#####}', '2027-01-01')).toBe('INV-{#}');
  });

  it('accept only formats with exactly one sequence token and safe characters', () => {
    expect(isNumberFormat('INV-{YYYY}-{#####}')).toBe(true);
    expect(isNumberFormat('{#}')).toBe(true);
    for (const bad of ['INV-{YYYY}', 'INV-{##}-{##}', 'INV {#####}', "INV-{###}';--", 'A'.repeat(41) + '{#}', '{###########}']) {
      expect(isNumberFormat(bad), bad).toBe(false);
    }
  });
});

describe('formatsCanCollide: can two formats print the same number on one day?', () => {
  const day = '2026-03-05';
  it('different text around the counter never collides; the same text, or a padding digit moved into the text, does', () => {
    expect(formatsCanCollide('INV-{YYYY}-{#####}', 'CN-{YYYY}-{#####}', day)).toBe(false);
    expect(formatsCanCollide('INV-{YYYY}-{#####}', 'INV-{YYYY}-{#####}', day)).toBe(true);
    // 'INV-2026-0' + 0001 = 'INV-2026-' + 00001.
    expect(formatsCanCollide('INV-{YYYY}-{#####}', 'INV-{YYYY}-0{####}', day)).toBe(true);
    // Counters grow past their width: 'INV-2026-10000' is both formats' 10,000th number.
    expect(formatsCanCollide('INV-{YYYY}-{#####}', 'INV-{YYYY}-{####}', day)).toBe(true);
    expect(formatsCanCollide('INV-{YYYY}-{#####}', 'INV-{YY}{MM}-{####}', day)).toBe(false);
    expect(formatsCanCollide('A{###}', 'A1{##}', day)).toBe(true);
    expect(formatsCanCollide('A{###}B', 'A{###}', day)).toBe(false);
    expect(formatsCanCollide('{#####}', '{####}X', day)).toBe(false);
  });

  it('agrees with the numbers themselves: if two formats print one number for counters up to 1,200, it says so', () => {
    const formats = ['A{###}', 'A1{##}', 'A{#}', 'A0{##}', 'B{##}', 'A{##}B', 'A{###}B', '{YY}{###}', '2{####}', 'A-{MM}{#}', 'A-0{##}'];
    for (const a of formats) {
      for (const b of formats) {
        const printed = new Set(Array.from({ length: 1200 }, (_, n) => formatDocumentNumber(a, day, n + 1)));
        const meet = Array.from({ length: 1200 }, (_, n) => formatDocumentNumber(b, day, n + 1)).some((x) => printed.has(x));
        if (meet) expect(formatsCanCollide(a, b, day), `${a} / ${b}`).toBe(true);
      }
    }
  });
});
