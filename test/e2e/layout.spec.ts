/**
 * The desk at the two commonest front-desk sizes, and a lock that keeps the work.
 *
 * Layout: every route (renderer/app/routes.tsx) and a member's page, at 1280x720 and 1366x768 in both
 * languages, signed in as the owner of a sample business with the sample-data banner showing: the
 * window never scrolls, the page title, the language switch and Lock are inside the viewport, and no
 * money or method cell (DataTable's `data-fit` cells) is cut.
 *
 * Lock: the idle timer (played with Playwright's clock) locks over an import mid-mapping and over a
 * half-filled sale; the same PIN brings both back as they were; another person gets a fresh screen and
 * the first gets their draft back.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { generateDemoBusiness } from '../../electron/host/demo/generate';
import { DEMO_MARKER } from '../../electron/host/demo/marker';
import { routes } from '../../renderer/app/routes';
import { type AppFixture, DESK_SIZES, expect, screenshot, test } from './harness';

test.describe.configure({ timeout: 300_000 });

const LOADING = { en: 'Loading…', 'zh-CN': '加载中…' } as const;
/** Screens that list money in a table once the sample business has run for a few months. */
const MONEY_TABLES = new Set(['/invoices', '/payments', '/expenses', '/billing', '/member', '/member-invoices', '/reports-aging', '/reports-forecast']);
const WORDS = {
  en: { lock: 'Lock', report: 'Report', aging: 'Money owed (AR aging)', forecast: 'Forecast: next 12 months', invoicesTab: 'Invoices & payments' },
  'zh-CN': { lock: '锁屏', report: '报表', aging: '欠款账龄（应收账龄）', forecast: '预测：未来 12 个月', invoicesTab: '账单与收款' },
} as const;

interface Stop {
  path: string;
  hash: string;
  /** What the clerk does on the screen before it is measured (open a report, a tab). */
  open?: (page: Page) => Promise<unknown>;
}

/** Every route, a member's page and its invoices, the import, and the two reports with the widest tables. */
function stopsFor(locale: 'en' | 'zh-CN', memberId: number): Stop[] {
  const w = WORDS[locale];
  const report = (name: string) => (page: Page) => page.getByLabel(w.report, { exact: true }).selectOption({ label: name });
  return [
    ...routes.map((r) => ({ path: r.path, hash: r.path })),
    { path: '/member', hash: `/members?member=${memberId}` },
    { path: '/member-invoices', hash: `/members?member=${memberId}`, open: (page) => page.getByRole('radio', { name: w.invoicesTab }).click() },
    { path: '/import', hash: '/members?view=import' },
    { path: '/reports-aging', hash: '/reports', open: report(w.aging) },
    { path: '/reports-forecast', hash: '/reports', open: report(w.forecast) },
  ];
}

/** A small sample business (4 months from Mar 2, 2026), opened as the sample data folder so its banner shows. */
async function sampleBusiness(app: AppFixture, locale: 'en' | 'zh-CN'): Promise<void> {
  await app.setup(locale);
  await generateDemoBusiness(app.host, app.clock, { seed: 7, months: 4, members: 30, checkinMonths: 1, locale });
  fs.writeFileSync(path.join(app.dataDir, DEMO_MARKER), JSON.stringify({ seed: 7, months: 4, members: 30, builtAt: '2026-07-02T00:00:00.000Z', realDataDir: app.dataDir }));
}

interface Fit {
  windowScroll: { scrollHeight: number; innerHeight: number; scrollWidth: number; innerWidth: number };
  cut: string[];
  fitCells: number;
}

/** What the test measures on the usable screen: the window's scroll size, and every fitted cell that is cut. */
function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const doc = document.scrollingElement!;
    const cells = [...document.querySelectorAll<HTMLElement>('.desk [data-fit]')].filter((c) => c.offsetParent !== null);
    const cut = cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => `${c.dataset['fit']}: "${c.textContent}" (${c.scrollWidth} > ${c.clientWidth})`);
    return {
      windowScroll: { scrollHeight: doc.scrollHeight, innerHeight: window.innerHeight, scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth },
      cut,
      fitCells: cells.length,
    };
  });
}

async function expectInView(page: Page, what: ReturnType<Page['getByRole']>, size: { width: number; height: number }): Promise<void> {
  await expect(what).toBeVisible();
  const box = (await what.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width);
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`every screen fits 1280x720 and 1366x768 without window scroll, nothing cut (${locale})`, async ({ app }) => {
    await sampleBusiness(app, locale);
    const { page } = app;
    const member = (await app.host.invoke('members.list', {})).rows[0]!;
    const stops = stopsFor(locale, member.id);
    const lock = WORDS[locale].lock;
    for (const size of DESK_SIZES) {
      await page.setViewportSize(size);
      await page.goto(`${app.url}#/dashboard`);
      for (const stop of stops) {
        await page.goto(`${app.url}#${stop.hash}`);
        const main = page.locator('main.content');
        await expect(main.locator('h1').first()).toBeVisible();
        await stop.open?.(page);
        await expect(main.getByText(LOADING[locale])).toHaveCount(0);
        if (MONEY_TABLES.has(stop.path)) await expect(main.locator('td[data-fit]').first()).toBeVisible();
        // Banner, sidebar and header all in view; the window itself does not scroll.
        await expect(page.locator('.demo-banner')).toBeVisible();
        await expectInView(page, page.getByRole('button', { name: 'EN', exact: true }), size);
        await expectInView(page, page.getByRole('button', { name: '中文', exact: true }), size);
        await expectInView(page, page.getByRole('button', { name: lock, exact: true }), size);
        await expectInView(page, main.getByRole('heading', { level: 1 }).first(), size);
        const fit = await measure(page);
        expect(fit.windowScroll.scrollHeight, `${stop.hash} at ${size.width}x${size.height}`).toBeLessThanOrEqual(fit.windowScroll.innerHeight);
        expect(fit.windowScroll.scrollWidth, `${stop.hash} at ${size.width}x${size.height}`).toBeLessThanOrEqual(fit.windowScroll.innerWidth);
        expect(fit.cut, `${stop.hash} at ${size.width}x${size.height}`).toEqual([]);
        if (MONEY_TABLES.has(stop.path)) expect(fit.fitCells).toBeGreaterThan(0);
        await screenshot(page, `layout-${stop.path.slice(1)}-${locale}-${size.width}x${size.height}`);
      }
    }
  });
}

/** Two plans and two members, as the desk has them. */
async function seedDesk(app: AppFixture): Promise<{ memberId: number }> {
  await app.host.invoke('plans.create', { kind: 'recurring', name: 'Monthly 月卡', price: 30000, interval: 'month', taxRateBp: 0 });
  await app.host.invoke('plans.create', { kind: 'recurring', name: 'Gold 金卡', price: 50000, interval: 'month', taxRateBp: 0 });
  const m = await app.host.invoke('members.create', { name: '王芳', phone: '13600003333' });
  await app.host.invoke('members.create', { name: '李四', phone: '13700002222', cardNo: 'A1002' });
  return { memberId: m.id };
}

/** The renderer's idle timer runs out (10 minutes without input, the default). */
async function goIdle(page: Page): Promise<void> {
  await page.clock.fastForward('10:05');
  await expect(page.getByRole('heading', { name: 'Screen locked' })).toBeVisible();
}

async function enterPin(page: Page, pin: string): Promise<void> {
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Screen locked' })).toHaveCount(0);
}

test('the idle lock lies over an import mid-mapping; the same PIN brings it back as it was', async ({ app }) => {
  await app.setup('en');
  await seedDesk(app);
  const { page } = app;
  await page.clock.install();
  await page.goto(`${app.url}#/members`);
  await page.getByRole('button', { name: 'Import…' }).click();
  await expect(page.getByRole('heading', { name: 'Import members' })).toBeVisible();
  const csv = ['Name,Phone,Remark', 'Zhao Liu,13500000001,likes mornings', 'Qian Qi,13500000002,', 'Sun Ba,13500000003,back pain'].join('\r\n');
  await page.getByLabel('Choose a file…').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const notes = page.getByRole('combobox', { name: 'Notes' });
  await notes.selectOption({ label: 'Remark' });
  const notesValue = await notes.inputValue();
  await page.getByRole('checkbox', { name: 'Import line 3' }).uncheck();
  await expect(page.getByRole('button', { name: 'Import 2 members' })).toBeVisible();

  await goIdle(page);
  expect((await app.host.invoke('auth.status', {})).locked).toBe(true);
  // The screen is out of the document while locked: nothing of it can be seen, read out, clicked or focused.
  await expect(page.getByRole('heading', { name: 'Import members' })).toHaveCount(0);
  await expect(page.locator('.desk')).toHaveCount(0);
  await expect(page.getByText('members.csv')).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(page.locator('.desk :focus')).toHaveCount(0);
  await screenshot(page, 'lock-over-import-en');

  await enterPin(page, '1234');
  await expect(page.getByRole('heading', { name: 'Import members' })).toBeVisible();
  await expect(page.getByText('members.csv')).toBeVisible();
  await expect(notes).toHaveValue(notesValue);
  await expect(page.getByRole('checkbox', { name: 'Import line 3' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Import line 2' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Import 2 members' })).toBeEnabled();
  await page.getByRole('button', { name: 'Import 2 members' }).click();
  await expect(page.getByText('2 members imported, 0 with their current plan.')).toBeVisible();
  const imported = await app.host.invoke('members.search', { query: '1350000000' });
  expect(imported.map((m) => m.name).sort()).toEqual(['Sun Ba', 'Zhao Liu']);
});

test('a half-filled sale survives the lock; another person gets a fresh screen and the first gets the sale back', async ({ app }) => {
  await app.setup('en');
  await app.signInAs('desk');
  await app.signInAs('owner');
  const { memberId } = await seedDesk(app);
  const { page } = app;
  await page.clock.install();
  await page.goto(`${app.url}#/members?member=${memberId}`);
  await expect(page.getByRole('heading', { name: '王芳' })).toBeVisible();
  await page.getByRole('button', { name: '+ Sell a membership' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sell a membership to 王芳' });
  await dialog.getByLabel('Plan').selectOption({ label: 'Gold 金卡 · ¥500.00' });
  await dialog.getByLabel('Price').fill('450');
  await expect(dialog.getByRole('region', { name: 'Preview' }).getByRole('row').last()).toHaveText('Total¥450.00');

  await goIdle(page);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await enterPin(page, '1234');
  await expect(dialog).toBeVisible();
  // Exactly as typed, and the cursor back in it.
  await expect(dialog.getByLabel('Price')).toHaveValue('450');
  await expect(dialog.getByLabel('Price')).toBeFocused();
  await expect(dialog.getByRole('region', { name: 'Preview' }).getByRole('row').last()).toHaveText('Total¥450.00');

  // Locked again, and the desk clerk signs in: a screen of their own, no sale of the owner's on it.
  await goIdle(page);
  await page.getByRole('button', { name: 'Choose someone else' }).click();
  await page.getByRole('button', { name: 'Desk Desk', exact: true }).click();
  await enterPin(page, '1111');
  await expect(page.getByRole('navigation')).toContainText('Desk');
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(page.url()).toContain('#/members');
  expect(page.url()).not.toContain('member=');
  await screenshot(page, 'lock-desk-fresh-en');

  // The owner comes back: the sale is where they left it.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: 'Choose someone else' }).click();
  await page.getByRole('button', { name: 'Owner Owner', exact: true }).click();
  await enterPin(page, '1234');
  await expect(page.getByRole('navigation')).toContainText('Owner');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Price')).toHaveValue('450');
  expect(page.url()).toContain(`member=${memberId}`);
  await dialog.getByRole('button', { name: 'Confirm sale' }).click();
  await expect(dialog).toBeHidden();
  // The desk is offered the payment at once, with the sale's toast showing: beside the dialog, never over it.
  const pay = page.getByRole('dialog', { name: /Take payment/ });
  await expect(pay).toBeVisible();
  const toastBox = (await page.locator('.toast').filter({ hasText: 'Gold 金卡' }).boundingBox())!;
  const payBox = (await pay.boundingBox())!;
  expect(toastBox.x).toBeGreaterThanOrEqual(payBox.x + payBox.width);
  await pay.getByRole('button', { name: 'Cancel' }).click();
  const invoices = await app.host.invoke('invoices.list', {});
  expect(invoices.rows.map((i) => i.total)).toEqual([45000]);
});
