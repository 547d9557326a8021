import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../../electron/host/host';
import { prepareDemoFolder } from '../../../electron/host/demo/folder';
import { DEMO_MARKER, demoDirFor, readMarker } from '../../../electron/host/demo/marker';
import { watchDemo } from '../../../electron/host/demo/switch';
import { failure, tempDir, testClock } from '../../support/host';

const SMALL = { seed: 3, months: 2, members: 8 };

describe('explore with sample data', () => {
  it('is offered on first start and asks the app to switch; refused once the business is set up', async () => {
    const dataDir = tempDir();
    const clock = testClock('2026-05-04');
    const host = await createHost({ dataDir, now: clock.now, timers: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' });
    try {
      expect(await host.invoke('demo.status', {})).toEqual({ active: false, offered: true, owner: null });
      const asked: unknown[] = [];
      host.on('demo.openRequested', (p) => asked.push(p));
      await host.invoke('demo.open', {});
      expect(asked).toEqual([{}]);
      expect((await failure(host.invoke('demo.exit', {}))).code).toBe('DEMO_NOT_AVAILABLE');
      await host.invoke('settings.completeSetup', { businessName: 'Real Gym', currency: 'CNY', locale: 'en' });
      expect(await host.invoke('demo.status', {})).toEqual({ active: false, offered: false, owner: null });
      expect((await failure(host.invoke('demo.open', {}))).code).toBe('DEMO_NOT_AVAILABLE');
    } finally {
      host.close();
    }
  });

  it('builds the sample business in its own folder up to today, leaving the real folder alone', async () => {
    const real = tempDir();
    fs.writeFileSync(path.join(real, 'keep.txt'), 'real');
    const options = { osTimeZone: 'Asia/Shanghai', osLocale: 'zh-CN', now: () => new Date('2026-05-04T03:00:00Z') };
    const dir = await prepareDemoFolder(real, options, undefined, SMALL);
    expect(dir).toBe(`${real}-demo`);
    expect(dir).toBe(demoDirFor(real));
    expect(fs.readdirSync(real)).toEqual(['keep.txt']);
    expect(readMarker(dir)).toEqual({ ...SMALL, builtAt: '2026-05-04T03:00:00.000Z', realDataDir: real, locale: 'zh-CN' });
    // A second call reuses it.
    const stat = fs.statSync(path.join(dir, DEMO_MARKER)).mtimeMs;
    expect(await prepareDemoFolder(real, options, undefined, SMALL)).toBe(dir);
    expect(fs.statSync(path.join(dir, DEMO_MARKER)).mtimeMs).toBe(stat);

    const demo = await createHost({ dataDir: dir, now: options.now, timers: false, osTimeZone: 'Asia/Shanghai' });
    try {
      expect(await demo.invoke('demo.status', {})).toEqual({ active: true, offered: false, owner: { name: '店长', pin: '0000' } });
      expect(demo.settings.get()).toMatchObject({ businessName: '阳光健身', currency: 'CNY', locale: 'zh-CN', setupCompleted: true });
      // Names that fit the language, never mixed.
      const names = demo.db.prepare<[], { name: string }>('SELECT name FROM members UNION ALL SELECT name FROM plans').all().map((r) => r.name);
      expect(names.filter((n) => /[A-Za-z]/.test(n))).toEqual([]);
      const last = demo.db.prepare<[], { d: string }>('SELECT MAX(issue_date) AS d FROM invoices').get()!.d;
      expect(last <= '2026-05-04' && last >= '2026-04-01').toBe(true);
      expect(demo.db.prepare<[], { d: string }>('SELECT MIN(issue_date) AS d FROM invoices').get()!.d >= '2026-03-04').toBe(true);
    } finally {
      demo.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('switches the host to the sample folder and back when asked', async () => {
    const real = tempDir();
    const options = { timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en', now: () => new Date('2026-05-04T03:00:00Z') };
    let host: Host = await createHost({ ...options, dataDir: real });
    const opened: string[] = [];
    const next = () =>
      new Promise<Host>((resolve) => {
        waiting = resolve;
      });
    let waiting: (h: Host) => void = () => undefined;
    watchDemo(host, options, (h) => {
      opened.push(h.dataDir);
      host = h;
      waiting(h);
    }, SMALL);
    const toDemo = next();
    await host.invoke('demo.open', {});
    host = await toDemo;
    expect(host.dataDir).toBe(`${real}-demo`);
    // The owner chose English on this PC: the sample business opens in English, with English names.
    expect(await host.invoke('demo.status', {})).toEqual({ active: true, offered: false, owner: { name: 'Owner', pin: '0000' } });
    expect(host.settings.get()).toMatchObject({ businessName: 'Sunrise Fitness', locale: 'en' });
    const names = host.db.prepare<[], { name: string }>('SELECT name FROM members UNION ALL SELECT name FROM plans').all().map((r) => r.name);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => /[\u4e00-\u9fff]/.test(n))).toEqual([]);
    const back = next();
    await host.invoke('demo.exit', {});
    host = await back;
    expect(opened).toEqual([`${real}-demo`, real]);
    expect(await host.invoke('demo.status', {})).toEqual({ active: false, offered: true, owner: null });
    host.close();
    fs.rmSync(`${real}-demo`, { recursive: true, force: true });
  }, 300_000);
});
