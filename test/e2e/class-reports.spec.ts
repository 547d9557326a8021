/**
 * The class and keep-members reports as the owner opens them, in English and 中文, on the seeded business of
 * test/support/class-reports-seed.ts (today 2026-05-04, "Last 3 months" = 2026-03-01 – 2026-05-04): each report
 * says what it means, shows the exact figures worked out in test/integration/books/class-reports.test.ts,
 * exports, and says "No data yet" over dates with nothing in them. With SUBDESK_SHOTS set to a folder, every
 * report is saved there at 1280×720 and 1366×768.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { en as reportsEn, zh as reportsZh } from '../../renderer/features/reports/strings';
import { seedClassReports } from '../support/class-reports-seed';
import { DESK_SIZES, expect, test } from './harness';

test.describe.configure({ timeout: 240_000 });

const KINDS = ['classFill', 'teachers', 'renewalRate', 'churnReasons', 'followUps'] as const;
type Kind = (typeof KINDS)[number];
const SHOTS = process.env['SUBDESK_SHOTS'];

/** What each report must show: its summary line and one row of its first table, cell by cell. */
const EXPECT = {
  en: {
    strings: reportsEn,
    switchTo: 'EN',
    last3: 'Last 3 months',
    lastYear: 'Last year',
    summary: {
      classFill: 'Sessions held: 8 · places taken: 55% · no-shows: 2 · late cancels: 1',
      teachers: 'Hours taught: 7 · sessions held: 8',
      renewalRate: 'Members whose membership ended: 7 · renewed: 3 (42.86%) · still deciding: 1',
      churnReasons: 'Cancellations: 7',
      followUps: 'Follow-ups done: 5 · led to a renewal: 2 (40%)',
    },
    row: {
      classFill: ['Yoga', '4', '12', '8', '66.67%', '6', '1', '1'],
      teachers: ['Wang', '5', '4', '6', '1'],
      renewalRate: ['Apr 2026', '3', '1', '1', '1', '33.33%'],
      churnReasons: ['No reason given', '1', '14.29%'],
      followUps: ['Membership ending', '3', '1', '0', '1', '0', '1', '1', '33.33%'],
    },
  },
  'zh-CN': {
    strings: reportsZh,
    switchTo: '中文',
    last3: '近 3 个月',
    lastYear: '去年',
    summary: {
      classFill: '开课 8 节 · 满班率 55% · 缺席 2 人次 · 迟取消 1 人次',
      teachers: '共上课 8 节，7 小时',
      renewalRate: '会籍到期会员 7 位 · 已续费 3 位（42.86%）· 考虑中 1 位',
      churnReasons: '共退卡 7 张',
      followUps: '回访 5 次 · 带来续费 2 次（40%）',
    },
    row: {
      classFill: ['Yoga', '4', '12', '8', '66.67%', '6', '1', '1'],
      teachers: ['Wang', '5', '4', '6', '1'],
      renewalRate: ['2026年4月', '3', '1', '1', '1', '33.33%'],
      churnReasons: ['未说明原因', '1', '14.29%'],
      followUps: ['会籍即将到期', '3', '1', '0', '1', '0', '1', '1', '33.33%'],
    },
  },
} as const;

async function openReport(page: Page, locale: 'en' | 'zh-CN', kind: Kind): Promise<Locator> {
  const w = EXPECT[locale];
  await page.getByLabel(w.strings.report, { exact: true }).selectOption({ label: w.strings.kinds[kind] });
  await expect(page.getByRole('heading', { level: 2, name: w.strings.kinds[kind], exact: true })).toBeVisible();
  return page.locator('.card.report');
}

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('.page__actions').getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const size of DESK_SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
    const tables = page.locator('.card.report table');
    if (await tables.count()) {
      await tables.last().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `${name}-table-${size.width}x${size.height}.png`) });
      await page.locator('main.content').evaluate((m) => m.scrollTo(0, 0));
    }
  }
  await page.setViewportSize(DESK_SIZES[0]);
}

test('the class and keep-members reports show their exact figures and export, in English and 中文', async ({ app }) => {
  await app.setup('en');
  await seedClassReports(app.host, app.clock);
  const { page } = app;
  await page.setViewportSize(DESK_SIZES[0]);
  await page.goto(`${app.url}#/reports`);
  for (const locale of ['en', 'zh-CN'] as const) {
    const w = EXPECT[locale];
    await page.getByRole('button', { name: w.switchTo, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: w.strings.title })).toBeVisible();
    await page.getByLabel(w.strings.range.label, { exact: true }).selectOption({ label: w.last3 });
    for (const kind of KINDS) {
      const card = await openReport(page, locale, kind);
      await expect(card.getByTestId('report-meaning')).toHaveText(w.strings.meaning[kind]);
      await expect(card.getByTestId('report-summary')).toHaveText(w.summary[kind]);
      await expect(card.locator('.recharts-surface').first()).toBeVisible();
      const row = card.getByRole('row').filter({ has: page.getByRole('cell', { name: w.row[kind][0], exact: true }) }).first();
      await expect(row.getByRole('cell')).toHaveText([...w.row[kind]]);
      // Nothing of the other language on the card.
      const text = await card.innerText();
      if (locale === 'zh-CN') expect(text, kind).not.toMatch(/\b(Total|Sessions|Hours|Renewed|Reason|Staff|Fill|Teacher|Month)\b/);
      else expect(text, kind).not.toMatch(/[\u4e00-\u9fff]/);
      await shoot(page, `${kind}-${locale}`);
    }
  }

  // Exports of the dates shown: CSV in English, Excel in Chinese.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await openReport(page, 'en', 'classFill');
  const csv = await download(page, 'Export CSV');
  expect(csv.name).toBe('class-fill-2026-03-01_2026-05-04.csv');
  const lines = csv.bytes.toString('utf8').split('\r\n');
  expect(lines).toContain('Class,Yoga,4,12,8,66.67,6,1,1');
  expect(lines).toContain('Total,,8,20,11,55.00,9,2,1');
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await openReport(page, 'zh-CN', 'teachers');
  const xlsx = await download(page, '导出 Excel');
  expect(xlsx.name).toBe('老师课时-2026-03-01_2026-05-04.xlsx');
  expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
  await openReport(page, 'zh-CN', 'churnReasons');
  const zhCsv = await download(page, '导出 CSV');
  expect(zhCsv.bytes.toString('utf8').split('\r\n')).toContain('未说明原因,1,14.29');

  // Last year: nothing happened yet.
  for (const locale of ['zh-CN', 'en'] as const) {
    const w = EXPECT[locale];
    await page.getByRole('button', { name: w.switchTo, exact: true }).click();
    await page.getByLabel(w.strings.range.label, { exact: true }).selectOption({ label: w.lastYear });
    for (const kind of KINDS) {
      const card = await openReport(page, locale, kind);
      await expect(card.getByTestId('no-data')).toContainText(w.strings.noDataYet);
      await expect(card.getByRole('table')).toHaveCount(0);
    }
    await shoot(page, `empty-followUps-${locale}`);
  }
});
