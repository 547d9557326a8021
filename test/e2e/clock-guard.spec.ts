/**
 * A PC clock that jumped 400 days ahead: billing waits, the owner sees both dates and the count on
 * screen (English and 中文), and one click bills exactly the periods due, each on its own date.
 */
import type { Page } from '@playwright/test';
import path from 'node:path';
import { expect, test } from './harness';

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of [{ width: 1280, height: 720 }, { width: 1366, height: 768 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join('test-results', 'screens', `${name}-${size.width}x${size.height}.png`) });
  }
}

test('a catch-up after a clock jump waits for the owner, who confirms it from the banner', async ({ app }) => {
  await app.setup('en');
  const plan = await app.host.invoke('plans.create', { kind: 'recurring', name: 'Gym Monthly', price: 29900, interval: 'month' });
  const member = await app.host.invoke('members.create', { name: '李伟', phone: '13800000020' });
  await app.host.invoke('subscriptions.create', { memberId: member.id, planId: plan.id });
  const before = (await app.host.invoke('invoices.list', { payerId: member.id })).rows.length;

  app.clock.setDate('2027-04-06');
  const held = await app.host.invoke('billing.run', {});
  expect(held).toMatchObject({ status: 'held', invoicesCreated: 0, held: { lastAsOf: '2026-03-02', wouldCreate: 13 } });
  expect((await app.host.invoke('invoices.list', { payerId: member.id })).rows.length).toBe(before);

  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Billing' }).click();
  const banner = page.getByTestId('catch-up-held').first();
  await expect(banner).toContainText('Billing is waiting for the owner');
  await expect(banner).toContainText('13 invoices');
  await shoot(page, 'catch-up-held-en');

  await page.getByRole('button', { name: '中文' }).click();
  await expect(banner).toContainText('计费等待店主确认');
  await shoot(page, 'catch-up-held-zh');
  await banner.getByRole('button', { name: '日期正确：生成 13 张账单' }).click();
  await expect(page.getByTestId('catch-up-held')).toHaveCount(0);

  const rows = (await app.host.invoke('invoices.list', { payerId: member.id })).rows;
  expect(rows.length).toBe(before + 13);
  const dates = rows.map((r) => r.issueDate).sort();
  expect(dates.slice(-13)).toEqual([
    '2026-04-02', '2026-05-02', '2026-06-02', '2026-07-02', '2026-08-02', '2026-09-02', '2026-10-02',
    '2026-11-02', '2026-12-02', '2027-01-02', '2027-02-02', '2027-03-02', '2027-04-02',
  ]);
  expect((await app.host.invoke('billing.run', {})).invoicesCreated).toBe(0);
});
