import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/host';
import { toEnvelope } from '../../electron/contract/envelope';
import { channels } from '../../electron/contract';
import { databaseHash, failure, makeHost, type TestHost } from '../support/host';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('host seam', () => {
  it('answers system.info with the schema version and the clock’s business date', async () => {
    th = await makeHost({ startDate: '2026-03-01' });
    const info = await th.host.invoke('system.info', {});
    expect(info.schemaVersion).toBe(fs.readdirSync('electron/db/migrations').filter((f) => f.endsWith('.sql')).length);
    expect(info.today).toBe('2026-03-01');
    expect(info.dataDir).toBe(th.dataDir);
  });

  it('computes today in the business time zone, not UTC', async () => {
    th = await makeHost();
    th.clock.set('2026-01-01T17:30:00Z'); // 01:30 on Jan 2 in Shanghai
    expect((await th.host.invoke('system.info', {})).today).toBe('2026-01-02');
    await th.host.invoke('settings.update', { timeZone: 'America/New_York' });
    expect((await th.host.invoke('system.info', {})).today).toBe('2026-01-01');
  });

  it('has a handler for every channel in the contract', async () => {
    th = await makeHost();
    for (const name of Object.keys(channels)) {
      const err = await th.host.invoke(name as never, {} as never).catch((e: { code: string }) => e);
      expect((err as { code?: string }).code).not.toBe('UNKNOWN_CHANNEL');
    }
  });

  it('rejects an unknown channel with UNKNOWN_CHANNEL and changes nothing', async () => {
    th = await makeHost({ setup: true });
    const before = databaseHash(th.host.db);
    const settingsBefore = fs.readFileSync(path.join(th.dataDir, 'settings.json'), 'utf8');
    for (const name of ['nope', 'settings.delete', '__proto__', 'constructor', 'toString', '']) {
      const err = await failure(th.host.invoke(name as never, {} as never));
      expect(err.code).toBe('UNKNOWN_CHANNEL');
    }
    expect(databaseHash(th.host.db)).toBe(before);
    expect(fs.readFileSync(path.join(th.dataDir, 'settings.json'), 'utf8')).toBe(settingsBefore);
  });

  it('rejects invalid input with VALIDATION, the field paths, and changes nothing', async () => {
    th = await makeHost({ setup: true });
    const before = databaseHash(th.host.db);
    const settingsBefore = await th.host.invoke('settings.get', {});
    const bad: [unknown, string[]][] = [
      [{ businessName: '' }, ['businessName']],
      [{ currency: 'XXXX' }, ['currency']],
      [{ timeZone: 'Mars/Olympus' }, ['timeZone']],
      [{ defaultTaxRateBp: 10001 }, ['defaultTaxRateBp']],
      [{ defaultTaxRateBp: 6.5 }, ['defaultTaxRateBp']],
      [{ paymentTermsDays: -1 }, ['paymentTermsDays']],
      [{ invoiceNumberFormat: 'INV-{YYYY}' }, ['invoiceNumberFormat']],
      [{ invoiceNumberFormat: "INV-{###}'; DROP TABLE meta;--" }, ['invoiceNumberFormat']],
      [{ locale: 'fr' }, ['locale']],
      [{ setupCompleted: false }, ['']],
      [{ businessName: 'x'.repeat(101), pricesIncludeTax: 'yes' }, ['businessName', 'pricesIncludeTax']],
      [null, ['']],
      ['settings', ['']],
    ];
    for (const [input, paths] of bad) {
      const err = await failure(th.host.invoke('settings.update', input as never));
      expect(err.code, JSON.stringify(input)).toBe('VALIDATION');
      const issues = (err.details as { issues: { path: string }[] }).issues;
      expect(issues.map((i) => i.path).sort()).toEqual(paths.sort());
    }
    expect(databaseHash(th.host.db)).toBe(before);
    expect(await th.host.invoke('settings.get', {})).toEqual(settingsBefore);
  });

  it('maps errors to plain envelopes for IPC, keeping code and details', async () => {
    th = await makeHost();
    const env = await toEnvelope(() => th!.host.invoke('settings.update', { paymentTermsDays: 999 }));
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('VALIDATION');
    expect(env.error.details?.issues).toEqual([{ path: 'paymentTermsDays', code: 'too_big', message: 'out_of_range' }]);
    expect(JSON.parse(JSON.stringify(env))).toEqual(env);
    const ok = await toEnvelope(() => th!.host.invoke('system.info', {}));
    expect(ok.ok).toBe(true);
  });

  it('keeps data across a reopen of the same folder', async () => {
    th = await makeHost({ setup: true });
    await th.host.invoke('settings.update', { address: '北京市朝阳区建国路 88 号', defaultTaxRateBp: 600 });
    const auditRows = th.host.db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE channel <> \'auth.signIn\'').get() as { n: number };
    const host = await th.reopen();
    const s = await host.invoke('settings.get', {});
    expect(s.address).toBe('北京市朝阳区建国路 88 号');
    expect(s.defaultTaxRateBp).toBe(600);
    expect(s.businessName).toBe('Sunrise Fitness');
    // Signing in again after the reopen is the only new entry.
    expect(host.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE channel <> 'auth.signIn'").get()).toEqual(auditRows);
  });

  it('opens the database with WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    th = await makeHost();
    const db = th.host.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('refuses a second host on a folder whose database is newer, without touching it', async () => {
    th = await makeHost();
    const latest = th.host.db.pragma('user_version', { simple: true }) as number;
    th.host.db.pragma(`user_version = ${latest + 1}`);
    th.close();
    const file = path.join(th.dataDir, 'subdesk.sqlite');
    const bytes = fs.readFileSync(file);
    const err = await failure(createHost({ dataDir: th.dataDir, timers: false }));
    expect(err.code).toBe('DB_TOO_NEW');
    expect(err.details).toEqual({ fileVersion: latest + 1, appVersion: latest });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    th = undefined;
  });
});
