/**
 * Hostile IPC input: at least 10,000 malformed inputs across every channel of the contract
 * (iterated at run time, so new channels are fuzzed too). Each must be refused with a clear,
 * specific code — never INTERNAL — and the database and settings must stay byte-for-byte the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, ERROR_CODES, type Channel } from '../../../electron/contract';
import { databaseHash, makeHost, signInAs, type TestHost } from '../../support/host';

const MIN_TOTAL = 10_000;
const names = Object.keys(channels) as Channel[];
const RUNS_PER_CHANNEL = Math.ceil((MIN_TOTAL * 1.05) / names.length);

const HUGE = 'x'.repeat(200_000);
const HUGE_CJK = '会员'.repeat(50_000);
const protoObject = (): unknown => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');

const scalar = fc.constantFrom<unknown>(
  null, undefined, true, false, 0, -0, -1, -0.5, 0.1, 1.5, 99.99, NaN, Infinity, -Infinity, 1e308, -1e308,
  2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1_000_000_000_001,
  '', ' ', '\t\n', HUGE, HUGE_CJK, '２０２６-０１-０１',
  '2026-02-30', '2026-13-01', '2026-00-10', '0000-00-00', '9999-99-99', '2026-2-3', '1899-12-31', '3000-01-01', '2026-01-01T00:00:00Z',
  "'; DROP TABLE audit_log; --", '1 OR 1=1', '" OR ""="', "Robert'); DELETE FROM staff;--", 'SELECT * FROM staff', '\u0000', '%00',
  '../../etc/passwd', 'C:\\Windows\\system32', '<script>alert(1)</script>', '__proto__', 'constructor', '{"__proto__":{"polluted":1}}',
  [], {}, [1, 2, 3], { length: 1 }, [null],
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant(null).map(protoObject) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('id', 'amount', 'name', 'x'), scalar, { maxKeys: 3 }) },
);
const oddKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', "x'; DROP TABLE staff;--", '', ' id', 'ID'), fc.string({ maxLength: 12 }));

/** Field names the schema knows (objects, unions of objects), so values land on real fields. */
function knownKeys(schema: z.ZodType): string[] {
  const s = schema as unknown as { shape?: Record<string, unknown>; options?: z.ZodType[]; def?: { in?: z.ZodType; innerType?: z.ZodType } };
  if (s.shape) return Object.keys(s.shape);
  if (s.options) return [...new Set(s.options.flatMap(knownKeys))];
  if (s.def?.in) return knownKeys(s.def.in);
  if (s.def?.innerType) return knownKeys(s.def.innerType);
  return [];
}

/** Builds an object with own properties even for `__proto__`, as structured cloning over IPC would deliver. */
function own(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

function inputFor(name: Channel): fc.Arbitrary<unknown> {
  const keys = knownKeys(channels[name].input);
  const fields = keys.length ? fc.subarray(keys).chain((ks) => fc.tuple(...ks.map((k) => fc.tuple(fc.constant(k), value)))) : fc.constant([] as [string, unknown][]);
  const extras = fc.array(fc.tuple(oddKey, fc.oneof(value, fc.constant(undefined))), { maxLength: 2 });
  // Every known field present, some sent as an explicit `undefined` (as a patch with a key left unset would be).
  const undefinedFields = fc.tuple(...keys.map((k) => fc.tuple(fc.constant(k), fc.oneof(fc.constant(undefined), value))));
  return fc.oneof(
    { weight: 1, arbitrary: value },
    { weight: 4, arbitrary: fc.tuple(fields, extras).map(([f, e]) => own([...(f as [string, unknown][]), ...e])) },
    { weight: 1, arbitrary: fc.tuple(undefinedFields, extras).map(([f, e]) => own([...(f as [string, unknown][]), ...e])) },
  );
}

let th: TestHost;
let settingsFile: string;
beforeAll(async () => {
  th = await makeHost({ setup: true });
  await signInAs(th.host, 'desk');
  await signInAs(th.host, 'owner');
  settingsFile = path.join(th.dataDir, 'settings.json');
});
afterAll(() => th.close());

describe('IPC fuzzing', () => {
  it('every channel refuses an unknown key, even one set to undefined, and refuses or ignores an explicit undefined field, never uncoded', async () => {
    const dbBefore = databaseHash(th.host.db, { ignoreSignIns: true });
    await th.host.invoke('auth.signIn', { staffId: 1, pin: '1234' });
    const problems: string[] = [];
    const codeOf = (p: Promise<unknown>) => p.then(() => 'accepted', (e: { code?: unknown }) => String(e.code));
    for (const name of names) {
      for (const extra of [own([['zzExtra', undefined]]), own([['zzExtra', 1]])]) {
        const code = await codeOf(th.host.invoke(name, extra as never));
        if (code !== 'VALIDATION') problems.push(`${name} ${JSON.stringify(Object.keys(extra))}: ${code}`);
      }
      for (const key of knownKeys(channels[name].input)) {
        const before = databaseHash(th.host.db, { ignoreSignIns: true });
        const code = await codeOf(th.host.invoke(name, own([[key, undefined]]) as never));
        // A mutation given only an undefined field must be refused; a read may treat it as left out.
        const ok = channels[name].mutates ? (ERROR_CODES as readonly string[]).includes(code) && code !== 'INTERNAL' : code !== 'INTERNAL' && code !== 'undefined';
        if (!ok) problems.push(`${name} {${key}: undefined}: ${code}`);
        if (databaseHash(th.host.db, { ignoreSignIns: true }) !== before) problems.push(`${name} {${key}: undefined} changed the database`);
      }
    }
    expect(problems).toEqual([]);
    expect(databaseHash(th.host.db, { ignoreSignIns: true })).toBe(dbBefore);
  });

  it(`refuses ${MIN_TOTAL}+ malformed inputs across all ${names.length} channels with clear codes and changes nothing`, { timeout: 180_000 }, async () => {
    const dbBefore = databaseHash(th.host.db, { ignoreSignIns: true });
    const settingsBefore = fs.readFileSync(settingsFile, 'utf8');
    const codes = new Map<string, number>();
    const problems: string[] = [];
    let total = 0;
    const roster = (await th.host.invoke('auth.status', {})).roster;
    const desk = roster.find((s) => s.role === 'desk')!;

    // Half the runs as the owner (everything passes the role check and meets the schema),
    // half as the desk clerk (manager and owner channels are refused by role first).
    for (const [who, login] of [['owner', { staffId: 1, pin: '1234' }], ['desk', { staffId: desk.id, pin: '1111' }]] as const) {
      await th.host.invoke('auth.signIn', login);
      for (const name of names) {
        await fc.assert(
          fc.asyncProperty(inputFor(name), async (input) => {
            fc.pre(!channels[name].input.safeParse(input).success); // only malformed input
            total++;
            try {
              await th.host.invoke(name, input as never);
              problems.push(`${who} ${name} accepted ${String(JSON.stringify(input)).slice(0, 200)}`);
            } catch (e) {
              const code = (e as { code?: unknown }).code;
              codes.set(String(code), (codes.get(String(code)) ?? 0) + 1);
              if (typeof code !== 'string' || !(ERROR_CODES as readonly string[]).includes(code) || code === 'INTERNAL') {
                problems.push(`${who} ${name}: ${String(code)} ${(e as Error).message}`);
              }
            }
          }),
          { numRuns: Math.ceil(RUNS_PER_CHANNEL / 2) },
        );
      }
    }

    // Unknown and prototype-ish channel names.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'settings', 'settings.update ', 'SETTINGS.UPDATE', 'db.exec')), value, async (name, input) => {
        fc.pre(!Object.prototype.hasOwnProperty.call(channels, name));
        total++;
        const err = await th.host.invoke(name as never, input as never).then(
          () => null,
          (e: { code?: string }) => e,
        );
        if (err?.code !== 'UNKNOWN_CHANNEL') problems.push(`channel ${JSON.stringify(name)}: ${String(err?.code)}`);
      }),
      { numRuns: 300 },
    );

    expect(problems.slice(0, 20)).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(MIN_TOTAL);
    expect([...codes.keys()].sort()).toEqual(['FORBIDDEN', 'VALIDATION']);
    expect(databaseHash(th.host.db, { ignoreSignIns: true })).toBe(dbBefore);
    expect(fs.readFileSync(settingsFile, 'utf8')).toBe(settingsBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    await th.host.invoke('auth.signIn', { staffId: 1, pin: '1234' });
    expect((await th.host.invoke('audit.verify', {})).ok).toBe(true);
  });
});
