import type { Page } from '@playwright/test';
import type { PlanInput } from '../../electron/contract/plans';
import { expect, screenshot, shootAtDeskSizes, test } from './harness';

const gold: PlanInput = {
  kind: 'recurring',
  name: 'Gold Monthly',
  description: 'All classes, all hours',
  price: 29900,
  interval: 'month',
  intervalCount: 1,
  setupFee: 5000,
  trialDays: 7,
  taxRateBp: 600,
};
const pack: PlanInput = { kind: 'pack', name: '10-class pack', price: 88000, packSessions: 10, packValidDays: 90 };

/** The form row (label, input, error) whose label is exactly `label`. */
function field(page: Page, label: string) {
  return page.getByRole('dialog').locator('.field').filter({ has: page.getByText(label, { exact: true }) });
}

test('a plan created in 中文 is listed and stored', async ({ app }) => {
  await app.setup('zh-CN');
  const { page } = app;
  await page.goto(`${app.url}#/plans`);
  await expect(page.getByRole('heading', { name: '套餐' })).toBeVisible();
  await expect(page.getByText('还没有套餐。创建第一个会员卡或次卡即可开始销售。')).toBeVisible();
  await expect(page.getByRole('button', { name: '新建套餐' })).toHaveCount(2);
  await screenshot(page, 'plans-empty-zh');

  await page.locator('.empty-state').getByRole('button', { name: '新建套餐' }).click();
  const dialog = page.getByRole('dialog', { name: '新建套餐' });
  await expect(dialog).toBeVisible();
  await expect(page.getByLabel('名称', { exact: true })).toBeFocused();
  await page.getByLabel('名称', { exact: true }).fill('季卡 Gold');
  await page.getByLabel('说明', { exact: true }).fill('全部课程');
  await page.getByLabel('价格', { exact: true }).fill('１２９９.5');
  await page.getByLabel('税率（%）', { exact: true }).fill('6');
  await page.getByLabel('开卡费', { exact: true }).fill('50');
  await page.getByLabel('计费周期', { exact: true }).fill('3');
  await page.getByLabel('周期起始', { exact: true }).selectOption('calendar');
  await page.getByLabel('试用天数', { exact: true }).fill('7');
  await page.getByLabel('固定期限（期数）', { exact: true }).fill('4');
  await page.getByLabel('期满后自动续期').check();
  await page.getByLabel('每年可停卡天数', { exact: true }).fill('30');
  await page.getByLabel('停卡费', { exact: true }).fill('20');
  // The money input tidies a valid amount when it loses focus.
  await expect(page.getByLabel('价格', { exact: true })).toHaveValue('1299.50');
  await screenshot(page, 'plan-dialog-zh');
  await dialog.getByRole('button', { name: '创建套餐' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '已创建“季卡 Gold”' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: '季卡 Gold' });
  await expect(row.getByRole('cell')).toHaveText(['季卡 Gold全部课程', '会员卡', '¥1,299.50', '每 3 个月按自然周期 · 共 4 期 · 自动续期', '7 天', '¥50.00', '6%', '编辑归档']);
  await screenshot(page, 'plans-zh');

  const [stored] = await app.host.invoke('plans.list', {});
  expect(stored).toMatchObject({
    kind: 'recurring',
    name: '季卡 Gold',
    description: '全部课程',
    price: 129950,
    taxRateBp: 600,
    interval: 'month',
    intervalCount: 3,
    alignment: 'calendar',
    setupFee: 5000,
    trialDays: 7,
    sessionQuota: null,
    termPeriods: 4,
    autoRenew: true,
    freezeDaysPerYear: 30,
    freezeFee: 2000,
    packSessions: null,
    packValidDays: null,
    checkinsPerDay: 1,
    archived: false,
  });
});

test('bad values show the host’s errors next to their fields and save nothing', async ({ app }) => {
  await app.setup('zh-CN');
  const { page } = app;
  await page.goto(`${app.url}#/plans`);
  await page.getByRole('button', { name: '新建套餐' }).first().click();
  await page.getByLabel('价格', { exact: true }).fill('abc');
  await page.getByLabel('计费周期', { exact: true }).fill('0');
  await page.getByLabel('税率（%）', { exact: true }).fill('120');
  // Enter in a field submits the dialog.
  await page.getByLabel('税率（%）', { exact: true }).press('Enter');

  await expect(page.getByRole('dialog').getByText('部分字段需要修改。')).toBeVisible();
  await expect(field(page, '名称').locator('.field__error')).toHaveText('必填');
  await expect(field(page, '价格').locator('.field__error')).toHaveText('请输入不小于零的金额');
  await expect(field(page, '计费周期').locator('.field__error')).toHaveText('超出范围');
  await expect(field(page, '税率（%）').locator('.field__error')).toHaveText('超出范围');
  await expect(page.getByLabel('价格', { exact: true })).toHaveValue('abc');
  await screenshot(page, 'plan-dialog-errors-zh');
  expect(await app.host.invoke('plans.list', { includeArchived: true })).toEqual([]);

  // Fixing a field clears its error; the rest stay until the next save.
  await page.getByLabel('名称', { exact: true }).fill('月卡');
  await expect(field(page, '名称').locator('.field__error')).toHaveCount(0);
  await expect(field(page, '价格').locator('.field__error')).toHaveText('请输入不小于零的金额');
  await page.getByLabel('价格', { exact: true }).fill('199');
  await page.getByLabel('计费周期', { exact: true }).fill('1');
  await page.getByLabel('税率（%）', { exact: true }).fill('');
  await page.getByRole('button', { name: '创建套餐' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  const [stored] = await app.host.invoke('plans.list', {});
  expect(stored).toMatchObject({ name: '月卡', price: 19900, intervalCount: 1, taxRateBp: 0 });
});

test('a plan is edited and archived, then restored', async ({ app }) => {
  await app.setup('en');
  const created = await app.host.invoke('plans.create', gold);
  await app.host.invoke('plans.create', pack);
  const { page } = app;
  await page.goto(`${app.url}#/plans`);
  await expect(page.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('row').filter({ hasText: '10-class pack' }).getByRole('cell')).toHaveText([
    '10-class pack',
    'Session pack',
    '¥880.00',
    '10 sessions · 90 days',
    '—',
    '—',
    '0%',
    'EditArchive',
  ]);
  await screenshot(page, 'plans-en');

  // Edit: a click on the row opens the plan; the host's update errors (plan.taxRateBp) land on the field.
  await page.getByRole('row').filter({ hasText: 'Gold Monthly' }).getByText('All classes, all hours').click();
  const dialog = page.getByRole('dialog', { name: 'Edit plan' });
  await expect(dialog.getByRole('radio', { name: 'Membership' })).toBeDisabled();
  await expect(page.getByLabel('Price', { exact: true })).toHaveValue('299.00');
  // What an edit changes for members already on the plan, and what it does not.
  await expect(dialog.locator('.dialog__note')).toHaveText(
    'Members already on this plan keep the price, billing period, term and visit limits they signed up with. The freeze rules (days a year, fee, what a freeze does) apply to their next freeze.',
  );
  await screenshot(page, 'plan-dialog-en');
  await shootAtDeskSizes(page, 'plan-edit-en');
  await page.getByLabel('Price', { exact: true }).fill('349.5');
  await page.getByLabel('Tax rate (%)', { exact: true }).fill('101');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(field(page, 'Tax rate (%)').locator('.field__error')).toHaveText('Out of range');
  expect((await app.host.invoke('plans.get', { id: created.id })).price).toBe(29900);
  await page.getByLabel('Tax rate (%)', { exact: true }).fill('6');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: 'Gold Monthly' }).getByRole('cell').nth(2)).toHaveText('¥349.50');
  expect(await app.host.invoke('plans.get', { id: created.id })).toMatchObject({ price: 34950, taxRateBp: 600, trialDays: 7, setupFee: 5000 });

  // Archive asks first; Escape leaves it as it was.
  await page.getByRole('button', { name: 'Archive Gold Monthly' }).click();
  await expect(page.getByRole('dialog', { name: 'Archive this plan?' })).toContainText('"Gold Monthly" will no longer be offered for sale.');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Archive Gold Monthly' })).toBeFocused();
  expect((await app.host.invoke('plans.get', { id: created.id })).archived).toBe(false);

  await page.getByRole('button', { name: 'Archive Gold Monthly' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByRole('status').filter({ hasText: '"Gold Monthly" archived' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Gold Monthly' })).toHaveCount(0);
  expect((await app.host.invoke('plans.get', { id: created.id })).archived).toBe(true);
  expect((await app.host.invoke('plans.list', {})).map((p) => p.name)).toEqual(['10-class pack']);

  await page.getByRole('radio', { name: 'Archived' }).click();
  const archived = page.getByRole('row').filter({ hasText: 'Gold Monthly' });
  await expect(archived.getByRole('cell').first()).toHaveText('Gold MonthlyArchivedAll classes, all hours');
  await archived.getByRole('button', { name: 'Restore Gold Monthly' }).click();
  await expect(page.getByText('No archived plans.')).toBeVisible();
  expect((await app.host.invoke('plans.get', { id: created.id })).archived).toBe(false);
});

test('the edit note says in 中文 what stays with members already on the plan', async ({ app }) => {
  await app.setup('zh-CN');
  await app.host.invoke('plans.create', { ...gold, name: '金卡月卡', description: '全部课程', sessionQuota: 12, checkinsPerDay: 2 });
  const { page } = app;
  await page.goto(`${app.url}#/plans`);
  await page.getByRole('row').filter({ hasText: '金卡月卡' }).getByText('全部课程').click();
  const dialog = page.getByRole('dialog', { name: '编辑套餐' });
  await expect(dialog.locator('.dialog__note')).toHaveText('已使用该套餐的会员保留购买时的价格、计费周期、期数和到店次数限制；停卡规则（每年天数、停卡费、停卡方式）从他们下一次停卡起适用。');
  await shootAtDeskSizes(page, 'plan-edit-zh');
});

test('a session pack is created from the keyboard; Escape closes and focus returns', async ({ app }) => {
  await app.setup('en');
  const { page } = app;
  await page.goto(`${app.url}#/plans`);
  const newPlan = page.getByRole('button', { name: 'New plan' }).first();
  await newPlan.click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(newPlan).toBeFocused();

  await newPlan.click();
  // Tab stays inside the dialog: from the last button it wraps to the first, and back.
  await page.getByRole('button', { name: 'Create plan' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Close dialog' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Create plan' })).toBeFocused();
  await page.getByRole('radio', { name: 'Session pack' }).click();
  await expect(page.getByLabel('Trial days')).toHaveCount(0);
  await page.getByLabel('Name', { exact: true }).fill('20 private lessons');
  await page.getByLabel('Price', { exact: true }).fill('3600');
  await page.getByLabel('Sessions', { exact: true }).fill('20');
  await page.getByLabel('Valid for (days)', { exact: true }).fill('180');
  await page.getByLabel('Check-ins per day', { exact: true }).fill('2');
  await screenshot(page, 'pack-dialog-en');
  await page.getByLabel('Valid for (days)', { exact: true }).press('Enter');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: '20 private lessons' }).getByRole('cell').nth(3)).toHaveText('20 sessions · 180 days');
  const [stored] = await app.host.invoke('plans.list', {});
  expect(stored).toMatchObject({ kind: 'pack', price: 360000, packSessions: 20, packValidDays: 180, checkinsPerDay: 2, interval: null, setupFee: 0 });
});

test('a long plan list is virtualised, sortable and keyboard navigable', async ({ app }) => {
  await app.setup('en');
  for (let i = 1; i <= 400; i++) {
    await app.host.invoke('plans.create', { kind: 'recurring', name: `Plan ${String(i).padStart(3, '0')}`, price: ((i * 37) % 400) * 100 + 100, interval: 'month' });
  }
  const { page } = app;
  await page.goto(`${app.url}#/plans`);
  await expect(page.getByText('400 shown')).toBeVisible();
  const bodyRows = page.locator('tbody tr[data-index]');
  await expect(bodyRows.first()).toContainText('Plan 001');
  // Only the rows in view (and a few more) are in the page.
  expect(await bodyRows.count()).toBeLessThan(60);

  // Sorting by price: the cheapest first, then the dearest first.
  await page.getByRole('button', { name: 'Price' }).click();
  await expect(page.getByRole('columnheader', { name: /Price/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(bodyRows.first().getByRole('cell').nth(2)).toHaveText('¥1.00');
  await page.getByRole('button', { name: 'Price' }).click();
  await expect(bodyRows.first().getByRole('cell').nth(2)).toHaveText('¥400.00');
  await page.getByRole('button', { name: 'Name' }).click();
  await expect(bodyRows.first()).toContainText('Plan 001');

  // Keyboard: focus the first row, End jumps to the last one (scrolled into view), Enter opens it.
  await bodyRows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('tbody tr[data-index="1"]')).toBeFocused();
  await page.keyboard.press('End');
  const last = page.locator('tbody tr[data-index="399"]');
  await expect(last).toBeFocused();
  await expect(last).toContainText('Plan 400');
  await expect(last).toBeInViewport();
  expect(await bodyRows.count()).toBeLessThan(60);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Edit plan' })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Plan 400');
});
