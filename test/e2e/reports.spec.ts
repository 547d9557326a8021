import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { readSheet } from 'read-excel-file/node';
import { generateDemoBusiness } from '../../electron/host/demo/generate';
import { expect, screenshot, test, type AppFixture } from './harness';

const KINDS = ['mrr', 'members', 'churn', 'arpu', 'revenue', 'cashflow', 'aging', 'byPlan', 'byMethod', 'attendance', 'forecast'] as const;
const NAMES: Record<(typeof KINDS)[number], { en: string; zh: string }> = {
  mrr: { en: 'Monthly membership income (MRR) and its changes', zh: '每月会费收入（MRR）及变动' },
  members: { en: 'Active members', zh: '活跃会员' },
  churn: { en: 'Members leaving (churn) and income kept (retention)', zh: '会员离开（流失）与收入留住（留存）' },
  arpu: { en: 'Average per member (ARPU) and lifetime value', zh: '每位会员月均（客单价）与生命周期价值' },
  revenue: { en: 'Revenue: billed, earned, paid in advance, received', zh: '收入：开账单、已服务、已收未耗、到账' },
  cashflow: { en: 'Money in and out (cash flow)', zh: '钱进钱出（现金流）' },
  aging: { en: 'Money owed (AR aging)', zh: '欠款账龄（应收账龄）' },
  byPlan: { en: 'Revenue by plan', zh: '按套餐收入' },
  byMethod: { en: 'Money in by payment method', zh: '按收款方式收款' },
  attendance: { en: 'Attendance', zh: '到店统计' },
  forecast: { en: 'Forecast: next 12 months', zh: '预测：未来 12 个月' },
};

/** A sample gym of 8 months (Mar 2 – Nov 2, 2026) on the app's host; today is then Nov 2. */
async function business(app: AppFixture, locale: 'en' | 'zh-CN'): Promise<void> {
  await app.setup(locale);
  await generateDemoBusiness(app.host, app.clock, { seed: 42, months: 8, members: 45, checkinMonths: 2 });
}

async function openReport(page: Page, label: string, name: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption({ label: name });
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: new RegExp(name.replace(/[()（）]/g, '.')) })).toBeVisible();
}

async function saved(page: Page, where: Locator, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), where.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

/** A report's export, from the buttons at the top of the page. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const file = await saved(page, page.locator('.page__actions'), button);
  return { name: file.name, text: file.bytes.toString('utf8') };
}

test.describe.configure({ timeout: 240_000 });

test('the dashboard is the owner’s first screen, in both languages', async ({ app }) => {
  await business(app, 'en');
  const { page } = app;
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const d = await app.host.invoke('reports.dashboard', {});
  const money = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(minor / 100);
  await expect(page.locator('.kpi').filter({ hasText: 'Active members' })).toContainText(String(d.activeMembers));
  await expect(page.locator('.kpi').filter({ hasText: 'Overdue' })).toContainText(money(d.overdueTotal));
  await expect(page.locator('.kpi').filter({ hasText: 'MRR' })).toContainText(money(d.mrr));
  await expect(page.getByRole('table', { name: 'Members at risk' })).toContainText(d.atRisk[0]!.name);
  await expect(page.getByRole('link', { name: 'Dashboard' })).toHaveClass(/navlink--active/);
  await screenshot(page, 'dashboard-en');

  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '今日概览' })).toBeVisible();
  for (const label of ['今日签到', '今日收款', '逾期欠款', '活跃会员', '需要关注的会员']) await expect(page.getByText(label, { exact: true }).first()).toBeVisible();
  const text = await page.locator('main').innerText();
  for (const english of ['Check-ins today', 'Money in today', 'Members at risk', 'Overdue', 'this month']) expect(text).not.toContain(english);
  await screenshot(page, 'dashboard-zh');
});

test('the dashboard of a new business: no arrow for a change of zero and no chart of empty months, in both languages', async ({ app }) => {
  await app.setup('en');
  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('mrr-change')).toHaveText('No change this month');
  await expect(page.getByTestId('mrr-change')).not.toHaveClass(/kpi__up|kpi__down/);
  await expect(page.getByText('No data yet: the trend appears after the first sales.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Monthly membership income (MRR), last 6 months' })).toHaveCount(0);
  await screenshot(page, 'dashboard-new-en');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByTestId('mrr-change')).toHaveText('本月无变化');
  await expect(page.getByText('暂无数据：有了第一笔销售后这里会显示走势。')).toBeVisible();
  await screenshot(page, 'dashboard-new-zh');
});

test('every report opens in both languages, follows the dates, and exports CSV and Excel', async ({ app }) => {
  await business(app, 'en');
  const { page } = app;
  await page.goto(`${app.url}#/reports`);
  await expect(page.getByRole('heading', { name: 'Reports', exact: true })).toBeVisible();
  for (const kind of KINDS) {
    await openReport(page, 'Report', NAMES[kind].en);
    await screenshot(page, `report-${kind}-en`);
  }

  // Change the dates: a custom range shows its months, and the CSV follows it.
  await openReport(page, 'Report', NAMES.revenue.en);
  await page.getByLabel('From', { exact: true }).fill('2026-05-01');
  await page.getByLabel('To', { exact: true }).fill('2026-07-31');
  const table = page.getByRole('table', { name: /Revenue/ });
  await expect(table.getByRole('row')).toHaveCount(1 + 3 + 1); // header, May–Jul, total
  await expect(table).toContainText('May 2026');
  await expect(table).not.toContainText('Apr 2026');
  const report = await app.host.invoke('reports.revenue', { from: '2026-05-01', to: '2026-07-31' });
  const csv = await download(page, 'Export CSV');
  expect(csv.name).toBe('revenue-2026-05-01_2026-07-31.csv');
  expect(csv.text.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.text.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe(
    'Month,From,To,Invoiced (net of tax and credit notes),Credit notes,Tax,Recognised revenue,Bonus credit used (without tax),Net revenue,Deferred at end,Collected,Refunded,Net collected',
  );
  expect(lines).toHaveLength(5);
  const yuan = (minor: number) => (minor / 100).toFixed(2);
  expect(lines[1]).toBe(
    ['2026-05', '2026-05-01', '2026-05-31', ...(['invoiced', 'credited', 'tax', 'recognised', 'bonusUsed', 'netRevenue', 'deferredEnd', 'collected', 'refunded', 'netCollected'] as const).map((k) => yuan(report.rows[0]![k]))].join(','),
  );
  await screenshot(page, 'report-revenue-range-en');

  // The same report as an Excel workbook: numbers stay numbers.
  const xlsx = await saved(page, page.locator('.page__actions'), 'Export Excel');
  expect(xlsx.name).toBe('revenue-2026-05-01_2026-07-31.xlsx');
  const sheet = await readSheet(xlsx.bytes);
  expect(sheet[0]).toEqual(lines[0]!.split(','));
  expect(sheet[1]!.slice(0, 4)).toEqual(['2026-05', '2026-05-01', '2026-05-31', report.rows[0]!.invoiced / 100]);
  expect(sheet).toHaveLength(5);

  // 中文: every report again, and a CSV with Chinese headers and names.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '报表', exact: true })).toBeVisible();
  await page.getByLabel('日期', { exact: true }).selectOption({ label: '近 12 个月' });
  await expect(page.getByLabel('开始', { exact: true })).toHaveValue('2025-12-01');
  for (const kind of KINDS) {
    await openReport(page, '报表', NAMES[kind].zh);
    const text = await page.locator('main').innerText();
    // Plan names of the sample gym are bilingual ("月卡 Monthly"): look for the screen's own words only.
    for (const english of [/\bMonth\b/, /\bTotal\b/, /Export CSV/, /\bCollected\b/, /\bReport\b/, /\bFrom\b/]) expect(text, kind).not.toMatch(english);
    await screenshot(page, `report-${kind}-zh`);
  }
  await openReport(page, '报表', NAMES.aging.zh);
  const aging = await download(page, '导出 CSV');
  expect(aging.name).toBe('应收账龄-2026-11-02.csv');
  const rows = aging.text.slice(1).trim().split('\r\n');
  expect(rows[0]).toBe('付款人,电话,账单数,最早到期日,未到期,逾期 1–30 天,逾期 31–60 天,逾期 61–90 天,逾期 90 天以上,合计');
  const owed = await app.host.invoke('reports.aging', {});
  expect(rows).toHaveLength(owed.rows.length + 2);
  expect(rows[1]!.startsWith(`${owed.rows[0]!.payerName},`)).toBe(true);
  expect(rows[rows.length - 1]).toContain(`合计,,${owed.rows.reduce((s, r) => s + r.invoices, 0)},,`);
  expect(rows[rows.length - 1]!.endsWith(`,${(owed.totals.total / 100).toFixed(2)}`)).toBe(true);
  expect(/[\u4e00-\u9fff]/.test(rows.slice(1).join(''))).toBe(true);

  // The records behind the reports: payments of the dates shown, as a workbook with Chinese headers.
  const records = page.locator('.report-records');
  await records.getByLabel('明细', { exact: true }).selectOption({ label: '收款' });
  const payments = await saved(page, records, '导出 Excel');
  expect(payments.name).toBe('收款-2025-12-01_2026-11-02.xlsx');
  const paid = await readSheet(payments.bytes);
  expect(paid[0]).toEqual(['编号', '日期', '付款人', '方式', '金额', '参考号', '备注', '经办人']);
  const all = await app.host.invoke('exports.list', { list: 'payments', from: '2025-12-01', to: '2026-11-02', format: 'csv' });
  expect(paid).toHaveLength(all.rows + 1);
  expect(typeof paid[1]![4]).toBe('number');
  await screenshot(page, 'report-records-zh');
});

test('expenses are entered, edited and deleted, and categories kept, in both languages', async ({ app }) => {
  await app.setup('en');
  const { page } = app;
  await page.goto(`${app.url}#/expenses`);
  await expect(page.getByRole('heading', { name: 'Expenses', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add expense' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add expense' });
  await dialog.getByLabel('Amount').fill('0');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Enter an amount of zero or more')).toBeVisible();
  await dialog.getByLabel('Amount').fill('12000');
  await dialog.getByLabel('Category').selectOption({ label: 'Rent' });
  await dialog.getByLabel('Note').fill('三月房租 March rent');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const table = page.getByRole('table', { name: 'Expenses' });
  await expect(table).toContainText('三月房租 March rent');
  await expect(table).toContainText('¥12,000.00');
  await expect(page.getByText(/^Total: ¥12,000\.00$/)).toBeVisible();

  await table.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('dialog', { name: 'Edit expense' }).getByLabel('Amount').fill('11800');
  await page.getByRole('dialog', { name: 'Edit expense' }).getByRole('button', { name: 'Save' }).click();
  await expect(table).toContainText('¥11,800.00');

  await page.getByRole('button', { name: 'Categories' }).click();
  const cats = page.getByRole('dialog', { name: 'Expense categories' });
  await cats.getByLabel('Name in Chinese').fill('保洁');
  await cats.getByLabel('Name in English').fill('Cleaning');
  await cats.getByRole('button', { name: 'Add category' }).click();
  await expect(cats.getByRole('table')).toContainText('保洁');
  await screenshot(page, 'expense-categories-en');
  await cats.getByRole('button', { name: 'Close dialog' }).click();

  await page.getByRole('button', { name: 'Add expense' }).click();
  await page.getByRole('dialog', { name: 'Add expense' }).getByLabel('Amount').fill('350.5');
  await page.getByRole('dialog', { name: 'Add expense' }).getByLabel('Category').selectOption({ label: 'Cleaning' });
  await page.getByRole('dialog', { name: 'Add expense' }).getByLabel('Paid by').selectOption({ label: 'Cash' });
  await page.getByRole('dialog', { name: 'Add expense' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/^Total: ¥12,150\.50$/)).toBeVisible();
  await screenshot(page, 'expenses-en');

  await table.getByRole('row', { name: /Cleaning/ }).getByRole('button', { name: 'Delete' }).click();
  const del = page.getByRole('dialog', { name: 'Delete this expense?' });
  await del.getByRole('button', { name: 'Delete' }).click();
  await expect(del.getByText('Required')).toBeVisible();
  await del.getByLabel('Why').fill('Paid by the landlord');
  await del.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(/^Total: ¥11,800\.00$/)).toBeVisible();
  const list = await app.host.invoke('expenses.list', { includeDeleted: true });
  expect(list.rows.map((r) => [r.amount, r.deleted?.reason ?? null])).toEqual([
    [35050, 'Paid by the landlord'],
    [1180000, null],
  ]);

  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '支出', exact: true })).toBeVisible();
  await page.getByLabel('显示已删除的记录').check();
  await expect(page.getByRole('table', { name: '支出' })).toContainText('已删除');
  await expect(page.getByRole('table', { name: '支出' })).toContainText('房租');
  await screenshot(page, 'expenses-zh');

  // The ledger as an Excel workbook, in Chinese: the CSV's header and rows, amounts as numbers.
  const range = { from: await page.getByLabel('开始', { exact: true }).inputValue(), to: await page.getByLabel('结束', { exact: true }).inputValue() };
  const xlsx = await saved(page, page.locator('.page__actions'), '导出 Excel');
  const csv = await app.host.invoke('exports.list', { list: 'expenses', ...range, locale: 'zh-CN', format: 'csv' });
  expect(xlsx.name).toBe(csv.fileName.replace(/\.csv$/, '.xlsx'));
  const sheet = await readSheet(xlsx.bytes);
  expect(sheet[0]).toEqual(csv.content.replace(/^\uFEFF/, '').split('\r\n')[0]!.split(','));
  expect(sheet).toHaveLength(csv.rows + 1);
  const amount = sheet[0]!.indexOf('金额');
  expect(sheet.slice(1).map((r) => r[amount])).toEqual(expect.arrayContaining([11800]));
});

test('the set-up offers the sample gym and asks the app to open it', async ({ app }) => {
  const { page } = app;
  const asked: unknown[] = [];
  app.host.on('demo.openRequested', (p) => asked.push(p));
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Just looking around?' })).toBeVisible();
  await page.getByRole('button', { name: 'Explore with sample data' }).click();
  await expect(page.getByText('Preparing the sample gym')).toBeVisible();
  expect(asked).toEqual([{}]);
  await screenshot(page, 'setup-demo-en');
});

test('the sample business says what it is and how to sign in', async ({ app }) => {
  fs.writeFileSync(`${app.dataDir}/subdesk-demo.json`, JSON.stringify({ seed: 1, months: 1, members: 1, builtAt: '', realDataDir: '' }));
  await app.setup('zh-CN');
  const { page } = app;
  await page.goto(app.url);
  await expect(page.getByText('您正在查看示例数据')).toBeVisible();
  await expect(page.getByText('PIN 码 0000')).toBeVisible();
  const asked: unknown[] = [];
  app.host.on('demo.exitRequested', (p) => asked.push(p));
  await page.getByRole('button', { name: '返回我的商户' }).click();
  await expect.poll(() => asked.length).toBe(1);
});
