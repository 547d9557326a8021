import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, numberPrefixKey } from '../../shared/numbering';
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
