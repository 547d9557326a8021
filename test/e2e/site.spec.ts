/**
 * Several PCs (docs/site.md): a second browser page plays a connected desk, wired to a host linked
 * over 127.0.0.1 to a main desk; the owner's Settings › Devices card on the main desk.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import type { Host } from '../../electron/host/host';
import { startServer, wire } from './harness';
import { closeDesks, connectedDesk, mainDesk, restartSharingOn, signInOn, waitFor, type Desk } from '../support/site';
import { makeHost, tempDir } from '../support/host';
import { createSite } from '../../electron/site/site';

const test = base.extend<{ site: { main: Desk; front: Desk; url: string; open(host: Host): Promise<Page> } }>({
  site: async ({ browser }, use) => {
    const server = await startServer();
    const main = await mainDesk('2026-03-02');
    const front = await connectedDesk(main, 'Front desk 2');
    const contexts: BrowserContext[] = [];
    const open = async (host: Host) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      contexts.push(context);
      await wire(context, () => host, server.url);
      host.onAny((event, payload) => {
        for (const p of context.pages()) void p.evaluate(([e, d]) => (window as never as { __subdeskEmit(e: unknown, d: unknown): void }).__subdeskEmit(e, d), [event, payload] as const).catch(() => undefined);
      });
      const page = await context.newPage();
      return page;
    };
    await use({ main, front, url: server.url, open });
    for (const c of contexts) await c.close();
    await closeDesks(main, front);
    await server.close();
  },
});

test('a connected desk sees a check-in made on the main desk within a second', async ({ site }) => {
  const { main, front } = site;
  const plan = await main.host.invoke('plans.create', { kind: 'recurring', name: 'Gold', price: 30000, interval: 'month', taxRateBp: 0 });
  const m = await main.host.invoke('members.create', { name: '钱七' });
  await main.host.invoke('subscriptions.create', { memberId: m.id, planId: plan.id, startDate: '2026-03-02' });
  await signInOn(front, 'Owner', '1234');
  const desk = await site.open(front.host);
  await desk.goto(`${site.url}#/checkin`);
  const today = desk.getByRole('table', { name: "Today's check-ins" });
  await expect(desk.getByRole('heading', { name: 'Today: 0 check-ins' })).toBeVisible();

  await main.host.invoke('checkin.checkIn', { memberId: m.id });
  await expect(today).toContainText('钱七', { timeout: 1000 });
  await expect(desk.getByRole('heading', { name: 'Today: 1 check-in' })).toBeVisible({ timeout: 1000 });
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`a check-in kept at a connected desk while the main desk was away is marked on the main desk's list (${lang})`, async ({ site }) => {
    const { main, front } = site;
    if (lang === 'zh-CN') await main.host.invoke('settings.setLocale', { locale: 'zh-CN' });
    const plan = await main.host.invoke('plans.create', { kind: 'recurring', name: 'Gold', price: 30000, interval: 'month', taxRateBp: 0 });
    const m = await main.host.invoke('members.create', { name: '孙八' });
    await main.host.invoke('subscriptions.create', { memberId: m.id, planId: plan.id, startDate: '2026-03-02' });
    await signInOn(front, 'Owner', '1234');
    // The main desk stops sharing; the front desk keeps the check-in made at its door.
    const port = main.site.server()!.port;
    await main.host.invoke('site.setSharing', { on: false });
    await expect(front.host.invoke('checkin.checkIn', { memberId: m.id })).rejects.toMatchObject({ code: 'CHECKIN_QUEUED' });
    // Back at 09:40 (the main desk's clock): the kept check-in goes out and is counted then.
    await main.site.close();
    main.th.clock.set('2026-03-02T01:40:00.000Z');
    await restartSharingOn(main, port);
    await front.site.link()!.ready();
    await signInOn(front, 'Owner', '1234');
    await waitFor(() => (front.site.link()!.status().queued === 0 ? true : null));

    const page = await site.open(main.host);
    await page.goto(`${site.url}#/checkin`);
    // The moment at the door is the front desk's own clock (the wall clock here); the list shows it in the business's zone.
    const keptAt = main.host.db.prepare<[], string>('SELECT kept_at FROM checkins').pluck().get()!;
    const { timeZone } = await main.host.invoke('settings.get', {});
    const hhmm = (iso: string) => new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone }).format(new Date(iso));
    const row = page.getByRole('table', { name: lang === 'en' ? "Today's check-ins" : '今天的签到' }).getByRole('row', { name: /孙八/ });
    const badge = row.getByText(lang === 'en' ? `Kept at Front desk 2 · ${hhmm(keptAt)}` : `Front desk 2 暂存 · ${hhmm(keptAt)}`, { exact: true });
    await expect(badge).toBeVisible();
    const arrived = hhmm('2026-03-02T01:40:00.000Z');
    await expect(row).toContainText(arrived);
    await expect(badge).toHaveAttribute('title', lang === 'en' ? `Made at Front desk 2 at ${hhmm(keptAt)} while the main desk could not be reached; counted when it arrived at ${arrived}. It is on the audit log for review.` : `主收银台连不上时在 Front desk 2 签到（${hhmm(keptAt)}），${arrived} 送达后计入。已列入审计日志待复核。`);
    for (const size of [{ width: 1280, height: 720 }, { width: 1366, height: 768 }]) {
      await page.setViewportSize(size);
      // The note is read whole: its cell does not cut the badge.
      expect(await badge.evaluate((el) => el.closest('td')!.scrollWidth <= el.closest('td')!.clientWidth), `${size.width}`).toBe(true);
      await page.screenshot({ path: `/work/shots/site/kept-checkin-${lang}-${size.width}.png` });
    }
  });
}

test('the clerk at a connected desk switches it to 中文; the main desk stays in English', async ({ site }) => {
  const { main, front } = site;
  await signInOn(front, 'Owner', '1234');
  const desk = await site.open(front.host);
  await desk.goto(`${site.url}#/checkin`);
  const nav = desk.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Check-in', exact: true })).toBeVisible();
  await desk.getByRole('button', { name: '中文', exact: true }).click();
  await expect(nav.getByRole('link', { name: '签到', exact: true })).toBeVisible();
  await desk.screenshot({ path: '/work/shots/site/connected-desk-zh-1280.png' });

  const office = await site.open(main.host);
  await office.goto(`${site.url}#/checkin`);
  await expect(office.getByRole('navigation').getByRole('link', { name: 'Check-in', exact: true })).toBeVisible();
  expect((await main.host.invoke('settings.get', {})).locale).toBe('en');
  // The choice is this PC's: it holds after a reload, and the business name is still the main desk's.
  await desk.reload();
  await expect(nav.getByRole('link', { name: '签到', exact: true })).toBeVisible();
  await expect(nav).toContainText('Sunrise Fitness');
});

test('the owner shares, shows a pairing code and removes a paired PC on Settings › Devices', async ({ site }) => {
  const page = await site.open(site.main.host);
  await page.goto(`${site.url}#/settings`);
  const card = page.locator('.site-devices');
  await expect(card.getByText('Sharing is on')).toBeVisible();
  await expect(card.getByRole('row', { name: /Front desk 2/ })).toContainText('Connected');
  await card.getByRole('button', { name: 'Show a pairing code' }).click();
  const code = (await site.main.host.invoke('site.sharing', {})).code!.code;
  await expect(card.getByRole('status', { name: 'Pairing code' })).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(card.getByText(/Valid for [45]:\d\d/)).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/work/shots/site/devices-en-1280.png', fullPage: false });
  await page.setViewportSize({ width: 1366, height: 768 });
  await site.main.host.invoke('settings.setLocale', { locale: 'zh-CN' });
  await page.reload();
  await expect(card.getByText('共享已开启')).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/work/shots/site/devices-zh-1366.png', fullPage: false });

  await page.getByRole('button', { name: /^(Remove|移除)$/ }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: /^(Remove|移除)$/ }).click();
  await expect(card.getByText(/No PC is paired yet|还没有配对的电脑/)).toBeVisible();
  expect((await site.main.host.invoke('site.sharing', {})).devices).toEqual([]);
});

test('a new PC connects to the main desk from its first-start screen, then shows the main desk’s staff to sign in', async ({ site }) => {
  const dataDir = tempDir('subdesk-new-pc-');
  const pcSite = createSite({ dataDir, port: 0, discovery: false, retryMs: 50 });
  const pc = await makeHost({ signIn: false, dataDir, site: pcSite.hooks });
  await pcSite.attach(pc.host);
  try {
    const page = await site.open(pc.host);
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Connect to main desk' }).click();
    const { code } = await site.main.host.invoke('site.newCode', {});
    await page.getByLabel('Main desk address').fill(`127.0.0.1:${site.main.site.server()!.port}`);
    await page.getByLabel('Pairing code').fill(code);
    await page.getByLabel('Name of this PC').fill('Room 3');
    await page.screenshot({ path: '/work/shots/site/connect-en-1280.png' });
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByText('Owner').first()).toBeVisible();
    expect((await site.main.host.invoke('site.sharing', {})).devices.map((d) => d.name)).toEqual(['Front desk 2', 'Room 3']);
    // The link reconnects by itself after the pairing: poll until it reports connected.
    await expect.poll(() => pc.host.invoke('site.status', {})).toMatchObject({ role: 'connected', link: { deviceName: 'Room 3', mainName: 'Sunrise Fitness', state: 'connected' } });
  } finally {
    await pcSite.close();
    pc.close();
  }
});
