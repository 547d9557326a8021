/**
 * A parent pays for two children: the month's renewal is one invoice, and every line on it says
 * which child it is for — on screen in both languages, at the two common front-desk sizes.
 */
import { expect, shootAtDeskSizes, test } from './harness';

test('a parent’s renewal invoice names the child on every line (English and 中文)', async ({ app }) => {
  await app.setup('en');
  await app.host.invoke('settings.update', { householdDiscountBp: 1000 });
  const plan = await app.host.invoke('plans.create', { kind: 'recurring', name: 'Swim Club', price: 19900, interval: 'month' });
  const parent = await app.host.invoke('members.create', { name: '王丽', phone: '13800000010' });
  for (const name of ['小明', '小红']) {
    const child = await app.host.invoke('members.create', { name, payerId: parent.id });
    await app.host.invoke('subscriptions.create', { memberId: child.id, planId: plan.id });
  }
  app.clock.setDate('2026-04-02');
  await app.host.invoke('billing.run', {});
  const invoices = await app.host.invoke('invoices.list', { payerId: parent.id });
  const renewal = invoices.rows.find((i) => i.issueDate === '2026-04-02')!;
  const detail = await app.host.invoke('invoices.get', { id: renewal.id });
  expect(detail.lines.map((l) => [l.kind, l.memberName, l.amount])).toEqual([
    ['period', '小明', 19900],
    ['period', '小红', 19900],
    ['household_discount', '小红', -1990],
  ]);

  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('table', { name: 'Invoices' }).getByRole('row', { name: new RegExp(renewal.number) }).click();
  const dialog = page.getByRole('dialog', { name: `Invoice ${renewal.number}` });
  await expect(dialog.getByRole('columnheader', { name: 'For' })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /小明/ })).toHaveCount(1);
  await expect(dialog.getByRole('row', { name: /小红/ })).toHaveCount(2);
  await shootAtDeskSizes(page, 'household-invoice-en');
  await dialog.getByRole('button', { name: 'Close dialog' }).click();

  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('table', { name: '账单' }).getByRole('row', { name: new RegExp(renewal.number) }).click();
  const zh = page.getByRole('dialog', { name: `账单 ${renewal.number}` });
  await expect(zh.getByRole('columnheader', { name: '会员' })).toBeVisible();
  await expect(zh.getByRole('row', { name: /小红/ })).toHaveCount(2);
  await shootAtDeskSizes(page, 'household-invoice-zh');
});
