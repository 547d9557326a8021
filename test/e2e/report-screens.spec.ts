/**
 * The dashboard and every report as the owner sees them at 1280×720, in English and 中文, on a sample
 * business (with the sample-data banner showing) and on a business set up a minute ago:
 * - each report says in one plain line what it means, in the language shown;
 * - accounting terms carry their plain name ("Paid in advance (deferred revenue)", "已收未耗（递延收入）");
 * - a change of zero has no ▲; a chart's legend is not covered by anything; the window never scrolls;
 * - the new business sees "no data yet" on every report, never a table of ¥0.00 months.
 * With SUBDESK_SHOTS set to a folder, the screens are saved there to be looked at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { generateDemoBusiness } from '../../electron/host/demo/generate';
import { DEMO_MARKER } from '../../electron/host/demo/marker';
import { en as reportsEn, zh as reportsZh } from '../../renderer/features/reports/strings';
import { DESK_SIZES, expect, test, type AppFixture } from './harness';

test.describe.configure({ timeout: 300_000 });

const KINDS = ['mrr', 'members', 'churn', 'arpu', 'revenue', 'cashflow', 'aging', 'byPlan', 'byMethod', 'attendance', 'forecast'] as const;
type Kind = (typeof KINDS)[number];
type Locale = 'en' | 'zh-CN';

const WORDS = {
  en: {
    strings: reportsEn,
    report: 'Report',
    switchTo: 'EN',
    dashboard: 'Today',
    checklist: 'Getting started',
    mrrKpi: 'Monthly membership income (MRR)',
    noChange: 'No change this month',
    noDataYet: 'No data yet',
    trendNoData: 'No data yet: the trend appears after the first sales.',
    trend: 'Monthly membership income (MRR), last 6 months',
    /** Term labels the owner must find in a report's table header. */
    terms: {
      mrr: ['Monthly membership income (MRR)', 'Upgrades (expansion)', 'of which discounts ended', 'Downgrades (contraction)', 'Frozen', 'Back from freeze'],
      churn: ['Members who left (customer churn)', 'Income kept (net revenue retention)'],
      arpu: ['Average per paying member (ARPU)'],
      revenue: ['Billed (invoiced)', 'Earned (recognised revenue)', 'Paid in advance (deferred revenue)', 'Money received (collected)'],
      cashflow: ['Money received (collected)', 'Money left over (net cash flow)'],
    } as Partial<Record<Kind, string[]>>,
  },
  'zh-CN': {
    strings: reportsZh,
    report: '报表',
    switchTo: '中文',
    dashboard: '今日概览',
    checklist: '开始使用',
    mrrKpi: '每月会费收入（MRR）',
    noChange: '本月无变化',
    noDataYet: '暂无数据',
    trendNoData: '暂无数据：有了第一笔销售后这里会显示走势。',
    trend: '近 6 个月每月会费收入（MRR）',
    terms: {
      mrr: ['每月会费收入（MRR）', '升级加价（扩展）', '其中优惠到期', '降级减价（收缩）', '停卡', '复卡'],
      churn: ['会员离开比例（会员流失率）', '留住的收入（净收入留存率）'],
      arpu: ['每位付费会员月均（客单价）'],
      revenue: ['已开账单（开票）', '已服务挣得（确认收入）', '已收未耗（递延收入）', '实际到账（实收）'],
      cashflow: ['实际到账（实收）', '结余（净现金流）'],
    } as Partial<Record<Kind, string[]>>,
  },
} as const;

const SIZE = DESK_SIZES[0];
const SHOTS = process.env['SUBDESK_SHOTS'];

/** Saves what the owner sees (and, for a report, its table scrolled into view) when SUBDESK_SHOTS names a folder. */
async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  // And the report's table, scrolled into view as the owner would.
  const table = page.locator('.card.report table');
  if (await table.count()) {
    await table.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `${name}-table.png`) });
    await page.locator('main.content').evaluate((m) => m.scrollTo(0, 0));
  }
}

/** A sample gym of 5 months (Mar 2 – Aug 2, 2026), opened as the sample folder so its banner shows. */
async function sampleBusiness(app: AppFixture, locale: Locale): Promise<void> {
  await app.setup(locale);
  await generateDemoBusiness(app.host, app.clock, { seed: 11, months: 5, members: 36, checkinMonths: 1, locale });
  fs.writeFileSync(path.join(app.dataDir, DEMO_MARKER), JSON.stringify({ seed: 11, months: 5, members: 36, builtAt: '2026-08-02T00:00:00.000Z', realDataDir: app.dataDir }));
}

async function noWindowScroll(page: Page, where: string): Promise<void> {
  const size = await page.evaluate(() => {
    const doc = document.scrollingElement!;
    return { h: doc.scrollHeight, w: doc.scrollWidth, ih: window.innerHeight, iw: window.innerWidth };
  });
  expect(size.h, `${where}: window scroll height`).toBeLessThanOrEqual(size.ih);
  expect(size.w, `${where}: window scroll width`).toBeLessThanOrEqual(size.iw);
}

/** Every legend entry, once in view, is the topmost thing at its own centre: nothing (banner, toast, plot) covers it. */
async function legendsUncovered(page: Page, where: string): Promise<number> {
  const legends = page.locator('.report .recharts-legend-wrapper, .kpi .recharts-legend-wrapper');
  const n = await legends.count();
  for (let i = 0; i < n; i++) {
    const legend = legends.nth(i);
    await legend.scrollIntoViewIfNeeded();
    const covered = await legend.evaluate((el) => {
      const out: string[] = [];
      for (const item of el.querySelectorAll('.recharts-legend-item')) {
        const r = item.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!top || !item.contains(top)) out.push(`${item.textContent} under ${top?.className || top?.tagName}`);
        if (r.bottom > window.innerHeight || r.top < 0) out.push(`${item.textContent} outside the window`);
      }
      return out;
    });
    expect(covered, where).toEqual([]);
  }
  return n;
}

/**
 * Monthly figures are drawn as straight segments between the months (or as bars), never as a smoothed
 * curve that bends up before the sale: every line and area path is moves and straight lines only.
 */
async function straightSegments(scope: Locator, where: string): Promise<number> {
  const paths = await scope.locator('path.recharts-line-curve, path.recharts-area-curve').evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''));
  for (const d of paths) expect(d, `${where}: a line drawn with curves`).toMatch(/^(M[\d.,\s-]+(L[\d.,\s-]+)*)+Z?$/);
  return paths.length;
}

async function openReport(page: Page, locale: Locale, kind: Kind): Promise<void> {
  const w = WORDS[locale];
  await page.getByLabel(w.report, { exact: true }).selectOption({ label: w.strings.kinds[kind] });
  await expect(page.getByRole('heading', { level: 2, name: w.strings.kinds[kind], exact: true })).toBeVisible();
}

const shortMonth = (locale: Locale, month: string) => new Intl.DateTimeFormat(locale, { year: '2-digit', month: 'short', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

for (const first of ['en', 'zh-CN'] as const) {
  test(`the sample business: dashboard and every report read plainly at 1280×720 (${first} first, then the other language)`, async ({ app }) => {
    await sampleBusiness(app, first);
    const { page } = app;
    await page.setViewportSize(SIZE);
    const dash = await app.host.invoke('reports.dashboard', {});
    const trend = await app.host.invoke('reports.mrr', { from: '2026-03-01', to: dash.today });
    for (const locale of first === 'en' ? (['en', 'zh-CN'] as const) : (['zh-CN', 'en'] as const)) {
      const w = WORDS[locale];
      const tag = `sample-${locale}`;
      await page.goto(`${app.url}#/dashboard`);
      await page.getByRole('button', { name: w.switchTo, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: w.dashboard })).toBeVisible();
      await expect(page.locator('.demo-banner')).toBeVisible();
      const mrr = page.locator('.kpi--wide');
      await expect(mrr.locator('.kpi__label')).toHaveText(w.mrrKpi);
      const change = page.getByTestId('mrr-change');
      if (dash.mrrChange > 0) await expect(change).toHaveText(/^▲ /);
      else if (dash.mrrChange < 0) await expect(change).toHaveText(/^▼ /);
      else await expect(change).toHaveText(w.noChange);
      // The sparkline names its months: the six months up to today, in the language shown.
      const spark = page.getByRole('img', { name: w.trend });
      await expect(spark).toBeVisible();
      // A gym already running: no getting-started checklist in the sample business.
      await expect(page.getByRole('heading', { level: 2, name: w.checklist })).toHaveCount(0);
      for (const m of ['2026-03', '2026-05', '2026-08']) await expect(spark).toContainText(shortMonth(locale, m));
      expect(trend.rows.some((r) => r.endMrr > 0)).toBe(true);
      expect(await straightSegments(spark, `dashboard ${locale}`)).toBeGreaterThan(0);
      await noWindowScroll(page, `dashboard ${locale}`);
      await shot(page, `dashboard-${tag}`);

      await page.goto(`${app.url}#/reports`);
      for (const kind of KINDS) {
        await openReport(page, locale, kind);
        const card = page.locator('.card.report');
        await expect(card.getByTestId('report-meaning')).toHaveText(w.strings.meaning[kind]);
        expect(w.strings.meaning[kind]).toMatch(locale === 'zh-CN' ? /^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/ : /^[^\u4e00-\u9fff]+$/);
        await expect(card.getByTestId('no-data')).toHaveCount(0);
        await expect(card.locator('.recharts-surface').first()).toBeVisible();
        await expect(card.getByRole('table')).toBeVisible();
        const lines = await straightSegments(card, `${kind} ${locale}`);
        if (['mrr', 'members', 'churn', 'revenue', 'cashflow', 'forecast'].includes(kind)) expect(lines, `${kind}: its line`).toBeGreaterThan(0);
        // Every column in view at 1280 px: the table never scrolls sideways inside its card.
        const width = await card.locator('.datatable').first().evaluate((el) => ({ needed: el.scrollWidth, shown: el.clientWidth }));
        expect(width.needed, `${kind} ${locale}: the table's width`).toBeLessThanOrEqual(width.shown);
        const header = (await card.locator('thead').innerText()).replace(/\s+/g, ' ');
        for (const term of w.terms[kind] ?? []) expect(header, `${kind} ${locale}`).toContain(term);
        const text = await card.innerText();
        if (locale === 'zh-CN') expect(text, kind).not.toMatch(/\b(Month|Total|Collected|Deferred|Recognised|Upgrades|Visits)\b/);
        else expect(text, kind).not.toMatch(/(月份|合计|实收|递延|已收未耗)/);
        // Money axes read as money: "¥12,000", never "¥12K" or "¥1.2万".
        // The axes are drawn once the chart has measured its box.
        await expect(card.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').first()).toBeAttached();
        const ticks = await card.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
        if (!['members', 'churn', 'attendance'].includes(kind)) {
          expect(ticks.length, kind).toBeGreaterThan(1);
          for (const tick of ticks) expect(tick, `${kind} tick`).toMatch(/^-?¥\d{1,3}(,\d{3})*(\.\d+)?$/);
        }
        if (kind === 'churn') {
          // One axis and two series; net churn and retention are in the table.
          await expect(card.locator('.recharts-yAxis-tick-labels')).toHaveCount(1);
          await expect(card.locator('.recharts-legend-item')).toHaveCount(2);
          await expect(card.locator('.report__more').filter({ hasText: w.strings.col.nrr })).toContainText(w.strings.col.netRevenueChurn);
        }
        if (kind === 'attendance') {
          // The default opening hours, 06:00–22:00: sixteen hours drawn, 6 to 21.
          const hours = await card.locator('.recharts-xAxis-tick-labels').first().locator('.recharts-cartesian-axis-tick-value').allTextContents();
          expect(hours).toEqual(Array.from({ length: 16 }, (_, i) => String(6 + i).padStart(2, '0')));
          await expect(card.getByTestId('opening-hours')).toContainText('06:00–22:00');
        }
        const legends = await legendsUncovered(page, `${kind} ${locale}`);
        // Aging, ARPU and attendance name their one series in a caption instead of a legend.
        if (!['aging', 'arpu', 'attendance'].includes(kind)) expect(legends, kind).toBeGreaterThan(0);
        else await expect(card.locator('.report__caption, .recharts-surface').first()).toBeVisible();
        await card.locator('.report__chart').first().scrollIntoViewIfNeeded();
        await noWindowScroll(page, `${kind} ${locale}`);
        await page.locator('main.content').evaluate((m) => m.scrollTo(0, 0));
        await shot(page, `report-${kind}-${tag}`);
      }
    }
  });
}

test('a new business: no ▲ for a change of zero and "no data yet" on the dashboard and every report, in both languages', async ({ app }) => {
  await app.setup('en');
  const { page } = app;
  await page.setViewportSize(SIZE);
  for (const locale of ['en', 'zh-CN'] as const) {
    const w = WORDS[locale];
    await page.goto(`${app.url}#/dashboard`);
    await page.getByRole('button', { name: w.switchTo, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: w.dashboard })).toBeVisible();
    await expect(page.locator('.kpi--wide .kpi__label')).toHaveText(w.mrrKpi);
    await expect(page.getByTestId('mrr-change')).toHaveText(w.noChange);
    await expect(page.getByTestId('mrr-change')).not.toHaveClass(/kpi__up|kpi__down/);
    await expect(page.locator('.kpis')).not.toContainText(/[▲▼]/);
    await expect(page.getByText(w.trendNoData)).toBeVisible();
    await expect(page.locator('.kpi .recharts-surface')).toHaveCount(0);
    await noWindowScroll(page, `new dashboard ${locale}`);
    await shot(page, `dashboard-new-${locale}`);

    await page.goto(`${app.url}#/reports`);
    for (const kind of KINDS) {
      await openReport(page, locale, kind);
      const card = page.locator('.card.report');
      await expect(card.getByTestId('report-meaning')).toHaveText(w.strings.meaning[kind]);
      await expect(card.getByTestId('no-data')).toContainText(w.noDataYet);
      // No chart and no table of empty months.
      await expect(card.locator('.recharts-surface')).toHaveCount(0);
      await expect(card.getByRole('table')).toHaveCount(0);
      await expect(card).not.toContainText('¥0.00');
      await noWindowScroll(page, `new ${kind} ${locale}`);
      await shot(page, `report-${kind}-new-${locale}`);
    }
  }
});

test('the attendance chart follows the opening hours set on the Settings screen', async ({ app }) => {
  await sampleBusiness(app, 'en');
  const { page } = app;
  await page.setViewportSize(SIZE);
  await page.goto(`${app.url}#/settings`);
  await page.getByLabel('Opens at', { exact: true }).fill('09:00');
  await page.getByLabel('Closes at', { exact: true }).fill('18:30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  expect((await app.host.invoke('settings.get', {})).openingHours).toEqual({ opens: '09:00', closes: '18:30' });

  const report = await app.host.invoke('reports.attendance', { from: '2026-03-01', to: '2026-08-02' });
  const outside = report.byHour.reduce((s, n, h) => (h < 9 || h > 18 ? s + n : s), 0);
  expect(outside).toBeGreaterThan(0);
  await page.goto(`${app.url}#/reports`);
  await page.getByLabel('Dates', { exact: true }).selectOption({ label: 'Last 6 months' });
  await openReport(page, 'en', 'attendance');
  const card = page.locator('.card.report');
  const hours = await card.locator('.recharts-xAxis-tick-labels').first().locator('.recharts-cartesian-axis-tick-value').allTextContents();
  expect(hours).toEqual(['09', '10', '11', '12', '13', '14', '15', '16', '17', '18']);
  await expect(card.getByTestId('opening-hours')).toHaveText(
    `Drawn over your opening hours, 09:00–18:30 (Settings). ${outside} visit${outside === 1 ? ' outside them is' : 's outside them are'} counted in the totals only.`,
  );
  await expect(card.locator('.heatmap__hour')).toHaveText(['9', '10', '11', '12', '13', '14', '15', '16', '17', '18']);
  await shot(page, 'report-attendance-hours-en');
});
