/**
 * The member list's filters and its end / next bill column, Ctrl+K → Enter landing on the member's name,
 * and the member page's shortcuts (Alt+P take payment, Alt+S sell, Alt+C check in), in both languages.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Host } from '../../electron/host/host';
import { expect, test } from './harness';

const SHOTS = '/work/shots/members';

/** Sold on 2026-03-02; looked at on 2026-03-27 (after that day's run). */
async function seed(host: Host, clock: { setDate(d: string): void }) {
  const gym = await host.invoke('plans.create', { kind: 'recurring', name: 'Monthly 月卡', price: 30000, interval: 'month', taxRateBp: 0, freezeDaysPerYear: 60 });
  const pack = await host.invoke('plans.create', { kind: 'pack', name: '10 次卡', price: 80000, packSessions: 10, packValidDays: 28, taxRateBp: 0 });
  const pay = (payerId: number, amount: number) => host.invoke('payments.record', { payerId, method: 'cash', amount });
  // A long name, to see that names and dates are not cut at 1280 px.
  const ann = await host.invoke('members.create', { name: 'Annabelle Worthington-Smythe', phone: '13800138001', cardNo: 'A1', tags: ['morning'] });
  await host.invoke('subscriptions.create', { memberId: ann.id, planId: gym.id });
  await pay(ann.id, 30000);
  const bob = await host.invoke('members.create', { name: '欧阳明远', phone: '13800138002', cardNo: 'B2' });
  const bobSub = await host.invoke('subscriptions.create', { memberId: bob.id, planId: gym.id });
  await host.invoke('subscriptions.cancel', { id: bobSub.subscription.id, mode: 'period_end' });
  const dan = await host.invoke('members.create', { name: 'Dan', phone: '13800138003', cardNo: 'D3', tags: ['vip'] });
  const danSub = await host.invoke('subscriptions.create', { memberId: dan.id, planId: gym.id });
  await pay(dan.id, 30000);
  const ivy = await host.invoke('members.create', { name: '李小红', phone: '13800138004', cardNo: 'I4', tags: ['vip'] });
  await host.invoke('packs.sell', { memberId: ivy.id, planId: pack.id });
  await pay(ivy.id, 80000);
  await host.invoke('members.create', { name: 'Hal', phone: '13800138005' });
  clock.setDate('2026-03-10');
  await host.invoke('subscriptions.pause', { id: danSub.subscription.id, effectiveDate: '2026-03-10', resumeDate: '2026-04-20' });
  clock.setDate('2026-03-27');
  await host.invoke('billing.run', {});
}

const names = (page: Page) => page.getByRole('listbox', { name: /Members|会员/ }).getByRole('option');

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [w, h] of [
    [1280, 720],
    [1366, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 820 });
}

test('filters the member list and shows each end or next bill date (English)', async ({ app }) => {
  await app.setup('en');
  await seed(app.host, app.clock);
  const { page } = app;
  await page.goto(`${app.url}#/members`);
  const rows = names(page);
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: 'Annabelle Worthington-Smythe' })).toContainText('Next bill Apr 2, 2026');
  await expect(rows.filter({ hasText: '欧阳明远' })).toContainText('Ends Apr 2, 2026');
  await expect(rows.filter({ hasText: 'Dan' })).toContainText('Next bill Apr 20, 2026');
  await expect(rows.filter({ hasText: '李小红' })).toContainText('Ends Mar 30, 2026');
  await expect(rows.filter({ hasText: 'Hal' })).toContainText('—');

  const filters = page.getByRole('group', { name: 'Filter the list' });
  await filters.getByLabel('Status').selectOption({ label: 'Frozen' });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Dan');
  await filters.getByLabel('Status').selectOption({ label: 'Active' });
  await filters.getByLabel('Ends within 7 days').check();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('李小红');
  await expect(rows.nth(1)).toContainText('欧阳明远');
  await shoot(page, 'list-filtered-en');
  await filters.getByLabel('Overdue').check();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('欧阳明远');
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(5);
  await filters.getByLabel('Tag').selectOption('vip');
  await expect(rows).toHaveCount(2);
  await expect(page.getByText('2 members')).toBeVisible();
  // The search box searches within the filters.
  await page.getByRole('combobox', { name: 'Search members' }).fill('dan');
  await expect(rows).toHaveCount(1);
  await filters.getByLabel('Status').selectOption({ label: 'Ended' });
  await expect(page.getByText('Nobody matches “dan”.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Search members' }).fill('');
  await expect(page.getByText('No member matches these filters.')).toBeVisible();
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(5);
  await shoot(page, 'list-en');
});

test('筛选会员列表，显示到期或下次扣费日期（中文）', async ({ app }) => {
  await app.setup('zh-CN');
  await seed(app.host, app.clock);
  const { page } = app;
  await page.goto(`${app.url}#/members`);
  const rows = names(page);
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: '欧阳明远' })).toContainText('2026年4月2日 到期');
  await expect(rows.filter({ hasText: 'Annabelle' })).toContainText('2026年4月2日 扣费');
  const filters = page.getByRole('group', { name: '筛选列表' });
  await filters.getByLabel('状态').selectOption({ label: '停卡中' });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Dan');
  await filters.getByLabel('状态').selectOption({ label: '尚未购卡' });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Hal');
  await filters.getByLabel('状态').selectOption({ label: '全部状态' });
  await filters.getByLabel('7 天内到期').check();
  await expect(rows).toHaveCount(2);
  await shoot(page, 'list-filtered-zh');
  await filters.getByRole('button', { name: '清除筛选' }).click();
  await expect(rows).toHaveCount(5);
  await shoot(page, 'list-zh');
});

for (const lang of ['en', 'zh-CN'] as const) {
  const w = lang === 'en'
    ? { findTitle: 'Find a member', hint: 'Shortcuts: Alt+P take payment · Alt+S sell · Alt+C check in', pay: 'Take payment – 欧阳明远', sell: 'Checkout — 欧阳明远', result: 'Check-in result', payTitle: 'Take payment (Alt+P)' }
    : { findTitle: '查找会员', hint: '快捷键：Alt+P 收款 · Alt+S 销售 · Alt+C 签到', pay: '收款 – 欧阳明远', sell: '收银结账 — 欧阳明远', result: '签到结果', payTitle: '收款（Alt+P）' };
  test(`Ctrl+K then Enter lands on the member's name; Alt+P, Alt+S, Alt+C (${lang})`, async ({ app }) => {
    await app.setup(lang);
    await seed(app.host, app.clock);
    const { page } = app;
    await page.goto(`${app.url}#/checkin`);
    await expect(page.getByRole('textbox').first()).toBeFocused();
    await page.keyboard.press('Control+k');
    const box = page.getByRole('dialog', { name: w.findTitle }).getByRole('combobox');
    await expect(box).toBeFocused();
    await box.fill('oymy');
    await expect(page.getByRole('dialog').getByRole('option').first()).toContainText('欧阳明远');
    await box.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: '欧阳明远' });
    await expect(heading).toBeFocused();
    await expect(page.getByTestId('member-keys')).toHaveText(w.hint);
    await expect(page.locator('button[aria-keyshortcuts="Alt+P"]')).toHaveAttribute('title', w.payTitle);

    await page.keyboard.press('Alt+p');
    await expect(page.getByRole('dialog', { name: w.pay })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // While a dialog is open the page's keys are off: Alt+S opens the sale only from the page.
    await page.keyboard.press('Alt+s');
    await expect(page.getByRole('dialog', { name: w.sell })).toBeVisible();
    await page.keyboard.press('Alt+p');
    await expect(page.getByRole('dialog')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.keyboard.press('Alt+c');
    await expect(page).toHaveURL(/#\/checkin/);
    await expect(page.getByRole('alert', { name: w.result }).or(page.getByRole('status', { name: w.result }))).toContainText('欧阳明远');
  });
}
