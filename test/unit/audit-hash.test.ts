/**
 * The audit chain's row hash is part of the stored data: rows written by any earlier version must keep
 * verifying. Pinned here as SHA-256 (hex) of the canonical JSON array, computed with Node's own
 * createHash, for a row without a device and one from a connected desk.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '../../electron/ops/audit/audit';

const row = {
  at: '2026-03-02T01:00:00.000Z',
  staff_id: 1,
  staff_name: 'Owner',
  channel: 'members.create',
  entity: 'member',
  entity_id: '7',
  before: null,
  after: JSON.stringify({ id: 7, name: '张三' }),
};

describe('audit row hash', () => {
  it('is the pinned digest of the canonical row, with the device only when set', () => {
    expect(entryHash(GENESIS_HASH, row)).toBe('bd7401b04dc5a17c8a056bd8ba8a4bda44cb9a99ddd9c3fa13159dd60ddcb7a5');
    expect(entryHash(GENESIS_HASH, { ...row, device: null })).toBe('bd7401b04dc5a17c8a056bd8ba8a4bda44cb9a99ddd9c3fa13159dd60ddcb7a5');
    expect(entryHash(GENESIS_HASH, { ...row, device: 'Front desk 2' })).toBe('240a86fb3fdc5254e73e5a93007e4d4d7f6b1d2b8d7267be515560996fb2968f');
  });

  it('equals createHash over the same canonical JSON for any row', () => {
    const text = fc.option(fc.string({ unit: 'binary' }), { nil: null });
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string(), fc.option(fc.integer(), { nil: null }), fc.string({ unit: 'binary' }), text, text, fc.option(fc.string(), { nil: null }), (prev, at, staff, name, before, after, device) => {
        const r = { at, staff_id: staff, staff_name: name, channel: 'c', entity: 'e', entity_id: '1', before, after, device };
        const fields = [prev, at, staff, name, 'c', 'e', '1', before, after];
        const canonical = JSON.stringify(device == null ? fields : [...fields, device]);
        expect(entryHash(prev, r)).toBe(createHash('sha256').update(canonical).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });
});
