/**
 * Diagnostics for support: the log file gets failed calls as channel and code only, the
 * window's errors arrive capped, and "Export diagnostics" writes one zip without PIN hashes,
 * member names or phone numbers, for the owner only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, makeHost, signInAs, tempDir, type TestHost } from '../../support/host';
import { fakeDialogs } from '../../support/dialogs';
import { LOG_ARCHIVES, LOG_MAX_BYTES, configureLogFile, createDiagnosticsLog, nodeLogWriter } from '../../../electron/ops/diagnostics/log';

let th: TestHost | undefined;
afterEach(() => th?.close());

const logFile = (dataDir: string) => path.join(dataDir, 'logs', 'subdesk.log');
const MEMBER = { name: 'Zhao Lingyun', phone: '13912345678' };
const BUSINESS = { phone: '021-55501234', address: '88 Huaihai Road', taxId: '91310000MA1K' };

async function seeded(dialogs = fakeDialogs()) {
  th = await makeHost({ setup: true, dialogs, appVersion: '1.4.2', versions: { electron: '38.2.0', chrome: '140.0.7339.133' } });
  await th.host.invoke('settings.update', BUSINESS);
  await th.host.invoke('members.create', MEMBER);
  await th.host.invoke('members.create', { name: '王小明', phone: '13800001111' });
  await th.host.invoke('billing.run', {});
  return { th, dialogs };
}

describe('the support log', () => {
  it('records a failed call as its channel and code, never its input', async () => {
    th = await makeHost({ setup: true });
    const e = await failure(th.host.invoke('members.create', { name: 'Liang Shuyi', phone: '13765432198', birthday: 'not-a-date' }));
    expect(e.code).toBe('VALIDATION');
    const text = fs.readFileSync(logFile(th.dataDir), 'utf8');
    expect(text).toMatch(/\[warn\] +\[host\] call failed: members\.create VALIDATION\n/);
    expect(text).not.toContain('Liang Shuyi');
    expect(text).not.toContain('13765432198');
    expect(text).not.toContain('not-a-date');
  });

  it('records a wrong PIN without the PIN, and an unknown channel without its name', async () => {
    th = await makeHost({ setup: true });
    const roster = (await th.host.invoke('auth.status', {})).roster;
    expect((await failure(th.host.invoke('auth.signIn', { staffId: roster[0]!.id, pin: '9753' }))).code).toBe('WRONG_PIN');
    expect((await failure(th.host.invoke('members.secretDump' as never, {} as never))).code).toBe('UNKNOWN_CHANNEL');
    const text = fs.readFileSync(logFile(th.dataDir), 'utf8');
    expect(text).toContain('call failed: auth.signIn WRONG_PIN\n');
    expect(text).toContain('call failed: (unknown channel) UNKNOWN_CHANNEL\n');
    expect(text).not.toContain('9753');
    expect(text).not.toContain('secretDump');
  });

  it('takes a window error through system.logError, before sign-in too', async () => {
    th = await makeHost({ setup: true, signIn: false });
    const out = await th.host.invoke('system.logError', { kind: 'unhandledrejection', message: 'boom: x is undefined', stack: 'at render (App.tsx:12:3)' });
    expect(out).toEqual({ logged: true });
    expect(fs.readFileSync(logFile(th.dataDir), 'utf8')).toMatch(/\[error\] \[renderer\] unhandledrejection: boom: x is undefined\nat render \(App\.tsx:12:3\)\n/);
  });

  it('refuses an oversized or unknown report with VALIDATION and logs nothing of it', async () => {
    th = await makeHost({ setup: true });
    const before = databaseHash(th.host.db);
    const cases = [
      { kind: 'error', message: 'x'.repeat(2001) },
      { kind: 'error', message: 'ok', stack: 's'.repeat(8001) },
      { kind: 'error', message: 'ok', source: 'u'.repeat(501) },
      { kind: 'crash', message: 'ok' },
      { kind: 'error', message: 'ok', extra: 'field' },
    ];
    for (const input of cases) {
      const e = await failure(th.host.invoke('system.logError', input as never));
      expect(e.code).toBe('VALIDATION');
    }
    const text = fs.readFileSync(logFile(th.dataDir), 'utf8');
    expect(text.match(/call failed: system\.logError VALIDATION\n/g)).toHaveLength(cases.length);
    expect(text).not.toContain('xxxxxxxxxx');
    expect(text).not.toContain('[renderer]');
    expect(databaseHash(th.host.db)).toBe(before);
  });

  it('logs an unforeseen error with its class and stack frames, never its message', () => {
    const dir = tempDir();
    const log = createDiagnosticsLog(nodeLogWriter(dir), dir);
    const e = new TypeError('cannot read 13912345678 of Zhao Lingyun');
    e.stack = `TypeError: cannot read 13912345678 of Zhao Lingyun\n    at payerOf (/app/electron/members/service.ts:10:5)\n    at answer (/app/electron/host.ts:20:7)`;
    log.failedCall('members.update', 'INTERNAL', e);
    expect(fs.readFileSync(logFile(dir), 'utf8')).toMatch(
      /\] \[error\] \[host\] call failed: members\.update INTERNAL\n {2}TypeError\n {4}at payerOf \(\/app\/electron\/members\/service\.ts:10:5\)\n {4}at answer \(\/app\/electron\/host\.ts:20:7\)\n$/,
    );
    expect(fs.readFileSync(logFile(dir), 'utf8')).not.toContain('Zhao');
    expect(log.files()).toEqual([logFile(dir)]);
  });

  it('rotates at the size cap and keeps the older files', () => {
    const dir = tempDir();
    const writer = nodeLogWriter(dir);
    configureLogFile(writer, dir);
    const line = 'y'.repeat(10_000);
    // Enough for every archive slot plus one more rotation (the oldest is dropped).
    const lines = Math.ceil((LOG_MAX_BYTES * (LOG_ARCHIVES + 2)) / line.length);
    for (let i = 0; i < lines; i++) writer.info(line);
    const names = fs.readdirSync(path.join(dir, 'logs')).sort();
    expect(names).toEqual(['subdesk.1.log', 'subdesk.2.log', 'subdesk.3.log', 'subdesk.log']);
    for (const n of names) expect(fs.statSync(path.join(dir, 'logs', n)).size).toBeLessThanOrEqual(LOG_MAX_BYTES + 10_100);
  });
});

describe('Export diagnostics', () => {
  it('writes one zip with logs, versions, integrity, billing runs and settings, and no personal data', async () => {
    const { th, dialogs } = await seeded();
    await failure(th.host.invoke('members.create', { name: 'Liang Shuyi', phone: '13765432198', birthday: 'bad' }));
    const target = path.join(tempDir(), 'for-support');
    dialogs.answer(target);
    const out = await th.host.invoke('system.exportDiagnostics', {});
    expect(out).toEqual({ status: 'done', file: `${target}.zip`, size: fs.statSync(`${target}.zip`).size });
    expect(dialogs.shown).toEqual([{ kind: 'save', title: 'Save diagnostics for support', defaultName: 'subdesk-diagnostics-2026-01-05.zip', extensions: ['zip'] }]);

    const zip = unzipSync(fs.readFileSync(`${target}.zip`));
    expect(Object.keys(zip).sort()).toEqual(['billing-runs.json', 'integrity.txt', 'logs/subdesk.log', 'settings.json', 'versions.json']);
    const text = (name: string) => strFromU8(zip[name]!);

    const versions = JSON.parse(text('versions.json')) as Record<string, unknown>;
    const sqlite = (th.host.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    const schema = fs.readdirSync('electron/db/migrations').filter((f) => f.endsWith('.sql')).length;
    expect(versions).toMatchObject({ app: '1.4.2', electron: '38.2.0', chromium: '140.0.7339.133', node: process.versions.node, sqlite, schemaVersion: schema, damaged: null });
    expect(text('integrity.txt')).toBe('quick_check: ok\n');
    const runs = JSON.parse(text('billing-runs.json')) as { trigger: string; status: string }[];
    expect(runs[0]).toMatchObject({ trigger: 'manual', status: 'ok' });
    const settings = JSON.parse(text('settings.json')) as Record<string, unknown>;
    expect(settings).toMatchObject({ currency: 'CNY', timeZone: 'Asia/Shanghai', backupFolder: 'default' });
    for (const key of ['businessName', 'phone', 'address', 'taxId']) expect(settings).not.toHaveProperty(key);
    expect(text('logs/subdesk.log')).toContain('call failed: members.create VALIDATION');

    const all = Object.values(zip).map((b) => strFromU8(b)).join('\n');
    const pinHashes = (th.host.db.prepare('SELECT pin_hash FROM staff').all() as { pin_hash: string }[]).map((r) => r.pin_hash);
    expect(pinHashes.length).toBeGreaterThan(0);
    for (const hash of pinHashes) {
      expect(all).not.toContain(hash);
      expect(all).not.toContain(hash.split('$').at(-1)!);
    }
    const members = th.host.db.prepare('SELECT name, phone FROM members').all() as { name: string; phone: string }[];
    expect(members.map((m) => m.name).sort()).toEqual(['Zhao Lingyun', '王小明']);
    for (const m of members) {
      expect(all).not.toContain(m.name);
      expect(all).not.toContain(m.phone);
    }
    for (const secret of ['Liang Shuyi', '13765432198', 'Sunrise Fitness', ...Object.values(BUSINESS), '1234']) expect(all).not.toContain(secret);
  });

  it('keeps an archived log in the zip', async () => {
    const { th, dialogs } = await seeded();
    await failure(th.host.invoke('plans.get', { id: 999 }));
    fs.mkdirSync(path.join(th.dataDir, 'logs'), { recursive: true });
    fs.writeFileSync(path.join(th.dataDir, 'logs', 'subdesk.1.log'), '[old] call failed: plans.create VALIDATION\n');
    const target = path.join(tempDir(), 'diag.zip');
    dialogs.answer(target);
    await th.host.invoke('system.exportDiagnostics', {});
    const zip = unzipSync(fs.readFileSync(target));
    expect(Object.keys(zip).filter((n) => n.startsWith('logs/')).sort()).toEqual(['logs/subdesk.1.log', 'logs/subdesk.log']);
    expect(strFromU8(zip['logs/subdesk.1.log']!)).toBe('[old] call failed: plans.create VALIDATION\n');
  });

  it('never replaces an existing file, and a cancelled dialog writes nothing', async () => {
    const { th, dialogs } = await seeded();
    const dir = tempDir();
    const existing = path.join(dir, 'taken.zip');
    fs.writeFileSync(existing, 'keep me');
    dialogs.answer(existing, null);
    const e = await failure(th.host.invoke('system.exportDiagnostics', {}));
    expect(e.code).toBe('FILE_EXISTS');
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    expect(await th.host.invoke('system.exportDiagnostics', {})).toEqual({ status: 'cancelled' });
    expect(fs.readdirSync(dir)).toEqual(['taken.zip']);
  });

  it('is the owner’s: desk and manager get FORBIDDEN and no dialog opens', async () => {
    const { th, dialogs } = await seeded();
    for (const role of ['desk', 'manager'] as const) {
      await signInAs(th.host, role);
      expect((await failure(th.host.invoke('system.exportDiagnostics', {}))).code).toBe('FORBIDDEN');
    }
    expect(dialogs.shown).toEqual([]);
    expect(fs.readFileSync(logFile(th.dataDir), 'utf8').match(/call failed: system\.exportDiagnostics FORBIDDEN\n/g)).toHaveLength(2);
  });
});

describe('Export diagnostics on a damaged data file', () => {
  it('works without sign-in (nobody can sign in), reports the damage and leaves the file as found', async () => {
    const dialogs = fakeDialogs();
    const { th: first } = await seeded(dialogs);
    first.close();
    th = undefined;
    const live = path.join(first.dataDir, 'subdesk.sqlite');
    const bytes = fs.readFileSync(live);
    for (let i = 4096 * 2; i < bytes.length; i += 13) bytes[i] = 0xa5;
    fs.writeFileSync(live, bytes);
    th = await makeHost({ dataDir: first.dataDir, signIn: false, dialogs });
    expect(th.host.damaged).not.toBeNull();
    const target = path.join(tempDir(), 'damaged.zip');
    dialogs.answer(target);
    expect(await th.host.invoke('system.exportDiagnostics', {})).toMatchObject({ status: 'done', file: target });
    const zip = unzipSync(fs.readFileSync(target));
    expect(JSON.parse(strFromU8(zip['versions.json']!))).toMatchObject({ damaged: th.host.damaged!.reason });
    expect(strFromU8(zip['integrity.txt']!)).toBe('quick_check failed: SQLITE_CORRUPT database disk image is malformed\n');
    expect(JSON.parse(strFromU8(zip['billing-runs.json']!))).toEqual([]);
    expect(fs.readFileSync(live).equals(bytes)).toBe(true);
  });
});

describe('system.info', () => {
  it('reports the runtime versions for the About screen', async () => {
    th = await makeHost({ versions: { electron: '38.2.0' } });
    const info = await th.host.invoke('system.info', {});
    const sqlite = (th.host.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    expect(info.runtime).toEqual({ electron: '38.2.0', chromium: null, node: process.versions.node, os: expect.stringMatching(/^\S+ \S+ \S+$/), sqlite });
  });
});
