import type { Page } from '@playwright/test';
import { databaseHash } from '../support/host';
import { expect, screenshot, test, type AppFixture } from './harness';

/** A member on a ¥300/month plan from today (2026-03-02): the sign-up invoice covers Mar 2 – Apr 1. */
async function memberOnGold(app: AppFixture, name = 'Li Lei') {
  const plan = await app.host.invoke('plans.create', { kind: 'recurring', name: 'Gold Monthly', price: 30000, interval: 'month' });
  const member = await app.host.invoke('members.create', { name });
  const sub = await app.host.invoke('subscriptions.create', { memberId: member.id, planId: plan.id });
  return { plan, member, sub };
}

function runRows(page: Page) {
  return page.getByRole('table', { name: /Billing runs|计费记录/ }).locator('tbody tr[data-index]');
}

test('billing run from the panel creates the due invoice and logs the run', async ({ app }) => {
  await app.setup('en');
  const { sub } = await memberOnGold(app);
  expect(sub.invoices.map((i) => [i.issueDate, i.total])).toEqual([['2026-03-02', 30000]]);
  app.clock.setDate('2026-04-02');
  const { page } = app;
  await page.goto(`${app.url}#/billing`);
  await expect(page.getByRole('heading', { name: 'Billing', exact: true })).toBeVisible();
  await expect(page.getByText('Creates the invoices for every period due up to today (Apr 2, 2026)')).toBeVisible();
  // The start-up run of 2026-03-02 is in the log already.
  await expect(runRows(page)).toHaveCount(1);
  await expect(runRows(page).first().getByRole('cell')).toHaveText(['Mar 2, 2026', /Mar 2, 2026/, 'At start-up', 'Completed', '0', '¥0.00', '0']);

  await page.getByRole('button', { name: 'Run billing now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Billing complete' })).toHaveText('Billing complete: 1 invoice created, ¥300.00 in total.');
  await expect(runRows(page)).toHaveCount(2);
  await expect(runRows(page).first().getByRole('cell')).toHaveText(['Apr 2, 2026', /Apr 2, 2026/, 'Manual', 'Completed', '1', '¥300.00', '0']);
  const [logged] = await app.host.invoke('billing.runs', {});
  expect(logged).toMatchObject({ trigger: 'manual', asOf: '2026-04-02', status: 'ok', invoicesCreated: 1, amountTotal: 30000, errors: [] });
  const invoices = await app.host.invoke('invoices.list', {});
  expect(invoices.rows.map((i) => [i.issueDate, i.payerName, i.total])).toEqual(
    expect.arrayContaining([
      ['2026-03-02', 'Li Lei', 30000],
      ['2026-04-02', 'Li Lei', 30000],
    ]),
  );
  expect(invoices.total).toBe(2);

  // Billing again creates nothing.
  await page.getByRole('button', { name: 'Run billing now' }).click();
  await expect(page.getByText('Billing complete: nothing was due, no invoices were created.')).toBeVisible();
  await expect(runRows(page)).toHaveCount(3);
  expect((await app.host.invoke('invoices.list', {})).total).toBe(2);
  await screenshot(page, 'billing-en');

  // A run the panel did not start (the scheduler's) shows up through the runCompleted event.
  await app.host.invoke('billing.run', {});
  await expect(runRows(page)).toHaveCount(4);

  // A run opens its details.
  await runRows(page).nth(2).click();
  const details = page.getByRole('dialog', { name: 'Billing run of Apr 2, 2026' });
  await expect(details).toContainText('Manual');
  await expect(details).toContainText('¥300.00');
  await expect(details).toContainText('No errors.');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
});

test('preview shows what a future date would invoice, in 中文, and changes nothing', async ({ app }) => {
  await app.setup('zh-CN');
  await memberOnGold(app, '李雷');
  const { page } = app;
  await page.goto(`${app.url}#/billing`);
  await expect(page.getByRole('heading', { name: '计费', exact: true })).toBeVisible();
  const before = databaseHash(app.host.db);

  // A date that is not a calendar date is refused next to the field.
  await page.getByLabel('日期', { exact: true }).fill('2026-02-30');
  await page.getByRole('button', { name: '预览', exact: true }).click();
  await expect(page.locator('.field').filter({ hasText: '日期' }).locator('.field__error')).toHaveText('日期无效（YYYY-MM-DD）');

  // Typed the Chinese way; tidied to YYYY-MM-DD.
  await page.getByLabel('日期', { exact: true }).fill('2026年4月2日');
  await page.getByRole('button', { name: '预览', exact: true }).click();
  await expect(page.getByLabel('日期', { exact: true })).toHaveValue('2026-04-02');
  await expect(page.getByText('在 2026年4月2日 计费将生成 1 张账单，共 ¥300.00。')).toBeVisible();
  await expect(page.getByText('仅为预览：未保存任何内容。')).toBeVisible();
  const table = page.getByRole('table', { name: '账单明细预览' });
  await expect(table.locator('tbody tr[data-index]')).toHaveCount(2);
  await expect(table.locator('tbody tr[data-index="0"]').getByRole('cell')).toHaveText([
    '李雷2026年4月2日 出账 · 2026年4月9日 到期',
    'Gold Monthly会员费',
    '2026年4月2日至5月1日',
    '¥300.00',
    '¥0.00',
    '¥300.00',
  ]);
  await expect(table.locator('tbody tr[data-index="1"]').getByRole('cell')).toHaveText(['', '账单合计', '', '¥300.00', '¥0.00', '¥300.00']);
  await screenshot(page, 'preview-zh');

  // The quick pick "tomorrow": nothing is due on 2026-03-03.
  await page.getByRole('button', { name: '明天' }).click();
  await expect(page.getByLabel('日期', { exact: true })).toHaveValue('2026-03-03');
  await expect(page.getByText('在 2026年3月3日 计费不会生成任何账单。')).toBeVisible();
  expect(databaseHash(app.host.db)).toBe(before);

  // The panel in Chinese after a run.
  app.clock.setDate('2026-04-02');
  await page.reload();
  await page.getByRole('button', { name: '立即计费' }).click();
  await expect(page.getByText('计费完成：已生成 1 张账单，共 ¥300.00。')).toBeVisible();
  await expect(runRows(page).first().getByRole('cell')).toHaveText(['2026年4月2日', /2026年4月2日/, '手动', '已完成', '1', '¥300.00', '0']);
  await screenshot(page, 'billing-zh');
});

test('a PC clock set back is refused and shown as a warning', async ({ app }) => {
  await app.setup('en');
  await memberOnGold(app);
  app.clock.setDate('2026-04-02');
  const { page } = app;
  await page.goto(`${app.url}#/billing`);
  await page.getByRole('button', { name: 'Run billing now' }).click();
  await expect(page.getByText('Billing complete: 1 invoice created, ¥300.00 in total.')).toBeVisible();

  app.clock.setDate('2026-03-20');
  await page.reload();
  await page.getByRole('button', { name: 'Run billing now' }).click();
  const warning = page.locator('.banner--warning').filter({ hasText: 'Billing was not run' });
  await expect(warning).toHaveText(
    "Billing was not runThe PC clock says today is Mar 20, 2026, which is earlier than the last billing run (Apr 2, 2026). Nothing was billed. Check the date and time on this computer, then run billing again.",
  );
  await expect(runRows(page).first().getByRole('cell')).toHaveText(['Mar 20, 2026', /Mar 20, 2026/, 'Manual', 'Refused: clock behind', '0', '¥0.00', '0']);
  expect((await app.host.invoke('billing.runs', {}))[0]).toMatchObject({ status: 'refused_clock_behind', invoicesCreated: 0 });
  expect((await app.host.invoke('invoices.list', {})).total).toBe(2);
  await screenshot(page, 'billing-refused-en');

  // Coming back to the panel later, the refusal is still flagged at the top.
  await page.reload();
  await expect(page.getByText('was refused because the PC clock was behind')).toBeVisible();
});

test('preview in English lists each payer’s lines with periods and totals', async ({ app }) => {
  await app.setup('en');
  await app.host.invoke('settings.update', { defaultTaxRateBp: 600, pricesIncludeTax: false });
  const { plan } = await memberOnGold(app);
  const parent = await app.host.invoke('members.create', { name: 'Wang Fang' });
  const child = await app.host.invoke('members.create', { name: 'Wang Xiaoming', payerId: parent.id });
  await app.host.invoke('subscriptions.create', { memberId: child.id, planId: plan.id, startDate: '2026-03-15' });
  const { page } = app;
  await page.goto(`${app.url}#/billing`);
  await page.getByLabel('Date', { exact: true }).fill('2026-04-15');
  await page.getByLabel('Date', { exact: true }).press('Enter');
  // Everything due up to that day and not yet invoiced: the child's first period (a future start is billed by the
  // run), Li Lei's second period, and the child's second period, each on its own date, to the payer.
  await expect(page.getByText('Billing on Apr 15, 2026 would create 3 invoices totalling ¥954.00. Each invoice is dated on its own billing date.')).toBeVisible();
  await expect(page.locator('.stat')).toHaveText(['Invoices3', 'Total¥954.00']);
  const rows = page.getByRole('table', { name: 'Preview of invoice lines' }).locator('tbody tr[data-index]');
  await expect(rows).toHaveCount(6);
  const cells = async (i: number) => rows.nth(i).getByRole('cell').allTextContents();
  expect(await cells(0)).toEqual(['Wang Fangissued Mar 15, 2026 · due Mar 22, 2026', 'Gold MonthlyMembership', 'Mar 15 – Apr 14, 2026', '¥300.00', '¥18.00', '¥318.00']);
  expect(await cells(1)).toEqual(['', 'Invoice total', '', '¥300.00', '¥18.00', '¥318.00']);
  expect(await cells(2)).toEqual(['Li Leiissued Apr 2, 2026 · due Apr 9, 2026', 'Gold MonthlyMembership', 'Apr 2 – May 1, 2026', '¥300.00', '¥18.00', '¥318.00']);
  expect(await cells(4)).toEqual(['Wang Fangissued Apr 15, 2026 · due Apr 22, 2026', 'Gold MonthlyMembership', 'Apr 15 – May 14, 2026', '¥300.00', '¥18.00', '¥318.00']);
  expect(await app.host.invoke('invoices.list', {})).toMatchObject({ total: 1 });
  await rows.nth(5).scrollIntoViewIfNeeded();
  await screenshot(page, 'preview-en');
});
