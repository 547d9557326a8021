import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_KINDS } from '../../../electron/contract/exports';
import { failure } from '../../support/host';
import { buildHistory, type History } from './history';

let h: History;
beforeAll(async () => {
  h = await buildHistory();
}, 120_000);
afterAll(() => h.th.close());

const parse = (content: string) => Papa.parse<string[]>(content.slice(1), { skipEmptyLines: true }).data;

describe('CSV exports', () => {
  it('write UTF-8 with a BOM and CRLF, headers in the chosen language, amounts in yuan', async () => {
    const f = await h.host.invoke('exports.report', { report: 'cashflow', from: '2026-01-01', to: '2026-04-30', locale: 'zh-CN' });
    expect(f.fileName).toBe('现金流-2026-01-01_2026-04-30.csv');
    expect(f.content.charCodeAt(0)).toBe(0xfeff);
    expect(f.content.slice(1).split('\r\n')[0]).toBe('月份,开始,结束,实收,退款,支出,净现金流,累计');
    expect(parse(f.content)).toEqual([
      ['月份', '开始', '结束', '实收', '退款', '支出', '净现金流', '累计'],
      ['2026-01', '2026-01-01', '2026-01-31', '1918.00', '0.00', '600.00', '1318.00', '1318.00'],
      ['2026-02', '2026-02-01', '2026-02-28', '827.57', '0.00', '1100.00', '-272.43', '1045.57'],
      ['2026-03', '2026-03-01', '2026-03-31', '318.00', '28.57', '600.00', '-310.57', '735.00'],
      ['2026-04', '2026-04-01', '2026-04-30', '51.29', '0.00', '600.00', '-548.71', '186.29'],
      ['合计', '2026-01-01', '2026-04-30', '3114.86', '28.57', '2900.00', '186.29', ''],
    ]);
    expect(f.rows).toBe(5);
  });

  it('export the aging with payer names in Chinese and the totals row, in English headers', async () => {
    const f = await h.host.invoke('exports.report', { report: 'aging', from: '2026-01-01', to: '2026-05-02', locale: 'en' });
    expect(f.fileName).toBe('ar-aging-2026-05-02.csv');
    expect(parse(f.content)).toEqual([
      ['Payer', 'Phone', 'Invoices', 'Oldest due date', 'Current', '1–30 days', '31–60 days', '61–90 days', '90+ days', 'Total'],
      ['Bo 博', '', '2', '2026-03-17', '0.00', '318.00', '318.00', '0.00', '0.00', '636.00'],
      ['Dee 迪', '', '1', '2026-05-08', '500.00', '0.00', '0.00', '0.00', '0.00', '500.00'],
      ['Eve 伊', '', '1', '2026-04-27', '0.00', '150.00', '0.00', '0.00', '0.00', '150.00'],
      ['Total', '', '4', '', '500.00', '468.00', '318.00', '0.00', '0.00', '1286.00'],
    ]);
  });

  it('export revenue by plan with plan names as columns and percentages for churn', async () => {
    const byPlan = parse((await h.host.invoke('exports.report', { report: 'byPlan', from: '2026-01-01', to: '2026-02-28', locale: 'en' })).content);
    expect(byPlan).toEqual([
      ['Month', 'From', 'To', '10 sessions', 'Gold', 'Quarter', 'Silver', 'Total'],
      ['2026-01', '2026-01-01', '2026-01-31', '500.00', '261.29', '170.00', '141.94', '1073.23'],
      ['2026-02', '2026-02-01', '2026-02-28', '0.00', '477.99', '280.00', '136.63', '894.62'],
      ['Total', '2026-01-01', '2026-02-28', '500.00', '739.28', '450.00', '278.57', '1967.85'],
    ]);
    const mrr = parse((await h.host.invoke('exports.report', { report: 'mrr', from: '2026-03-01', to: '2026-04-30', locale: 'en' })).content);
    expect(mrr[0]!.slice(3)).toEqual(['MRR at start', 'New', 'Expansion', 'of which discounts ended', 'Reactivation', 'Back from freeze', 'Contraction', 'Frozen', 'Churned', 'Net new MRR', 'MRR at end']);
    // March: Ann freezes (300 frozen), Eve leaves (200 churned); April: Ann back, Eve back, Cai's quarter ends.
    expect(mrr.slice(1, 3).map((r) => r.slice(3))).toEqual([
      ['1100.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '300.00', '200.00', '-500.00', '600.00'],
      ['600.00', '0.00', '0.00', '0.00', '200.00', '300.00', '0.00', '0.00', '300.00', '200.00', '800.00'],
    ]);
    const churn = parse((await h.host.invoke('exports.report', { report: 'churn', from: '2026-03-01', to: '2026-04-30', locale: 'zh-CN' })).content);
    expect(churn).toEqual([
      ['月份', '开始', '结束', '会员流失率 %', '收入总流失率 %', '收入净流失率 %', '净收入留存率 %'],
      ['2026-03', '2026-03-01', '2026-03-31', '25.00', '18.18', '18.18', '54.55'],
      ['2026-04', '2026-04-01', '2026-04-30', '33.33', '50.00', '50.00', '100.00'],
      // 2 lost / 7; 500 churned / 1700 (Ann's freeze is not churn; no expansion); cohort of Feb 28 (Ann, Bo,
      // Cai, Eve: 1100) brings Ann 300 + Bo 300 + Eve (back) 200 on Apr 30.
      ['合计', '2026-03-01', '2026-04-30', '28.57', '29.41', '29.41', '72.73'],
    ]);
  });

  it('export every report view', async () => {
    for (const report of REPORT_KINDS) {
      const f = await h.host.invoke('exports.report', { report, from: '2026-01-01', to: '2026-04-30' });
      expect(f.content.startsWith('\uFEFF'), report).toBe(true);
      expect(f.rows, report).toBeGreaterThan(0);
    }
  });

  it('export the raw lists: members, invoices with lines, payments, refunds, expenses', async () => {
    const members = parse((await h.host.invoke('exports.list', { list: 'members', locale: 'zh-CN' })).content);
    expect(members[0]).toEqual(['编号', '姓名', '电话', '会员卡号', '生日', '付款人编号', '付款人', '标签', '备注', '创建时间']);
    expect(members.slice(1).map((r) => r[1])).toEqual(['Ann 安', 'Bo 博', 'Cai 蔡', 'Dee 迪', 'Eve 伊']);

    const invoices = parse((await h.host.invoke('exports.list', { list: 'invoices', from: '2026-02-12', to: '2026-02-12', locale: 'en' })).content);
    expect(invoices).toEqual([
      ['Number', 'Payer', 'Issue date', 'Due date', 'Status', 'Invoice total', 'Line', 'Kind', 'Description', 'Period start', 'Period end', 'Net', 'Tax', 'Gross'],
      ['INV-2026-00007', 'Bo 博', '2026-02-12', '2026-02-19', 'Issued', '109.57', '1', 'Prorated credit', 'Unused time on Silver', '2026-02-12', '2026-03-09', '-185.71', '0.00', '-185.71'],
      ['INV-2026-00007', 'Bo 博', '2026-02-12', '2026-02-19', 'Issued', '109.57', '2', 'Prorated charge', 'Remaining time on Gold', '2026-02-12', '2026-03-09', '278.57', '16.71', '295.28'],
    ]);
    // The kinds and statuses are words of the chosen language, never the stored codes.
    const invoicesZh = parse((await h.host.invoke('exports.list', { list: 'invoices', from: '2026-02-12', to: '2026-02-12', locale: 'zh-CN' })).content);
    expect(invoicesZh.map((r) => [r[4], r[7]])).toEqual([
      ['状态', '类型'],
      ['已开具', '按天退还'],
      ['已开具', '按天补收'],
    ]);

    const payments = parse((await h.host.invoke('exports.list', { list: 'payments', from: '2026-03-01', to: '2026-05-31', locale: 'zh-CN' })).content);
    expect(payments.map((r) => r.slice(1, 5))).toEqual([
      ['日期', '付款人', '方式', '金额'],
      ['2026-03-05', 'Ann 安', '现金', '318.00'],
      ['2026-04-05', 'Ann 安', '现金', '51.29'],
      ['2026-05-02', 'Eve 伊', '微信支付', '50.00'],
    ]);

    const refunds = parse((await h.host.invoke('exports.list', { list: 'refunds', locale: 'en' })).content);
    expect(refunds.map((r) => [r[1], r[2], r[3], r[4], r[7]])).toEqual([
      ['Date', 'Payer', 'Method', 'Amount', 'Reason'],
      ['2026-03-15', 'Eve 伊', 'Cash', '28.57', 'Cancelled'],
    ]);

    const expenses = parse((await h.host.invoke('exports.list', { list: 'expenses', from: '2026-01-01', to: '2026-01-31', locale: 'zh-CN' })).content);
    expect(expenses.map((r) => r.slice(1, 6))).toEqual([
      ['日期', '类别', '方式', '金额', '备注'],
      ['2026-01-01', '房租', '银行转账', '600.00', '一月房租'],
    ]);
  });

  it('refuse a reversed range', async () => {
    const e = await failure(h.host.invoke('exports.report', { report: 'mrr', from: '2026-04-01', to: '2026-03-01' }));
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.['issues']).toEqual([{ path: 'to', code: 'custom', message: 'date_range' }]);
  });
});

/** An XLSX export read back as Excel would: rows of strings, numbers and empty cells (null). */
const sheetOf = (content: string) => readSheet(Buffer.from(content, 'base64'));
/** The number formats the workbook declares (money with two decimals, rates as percentages). */
const formatsOf = (content: string) => {
  const styles = strFromU8(unzipSync(new Uint8Array(Buffer.from(content, 'base64')))['xl/styles.xml']!);
  return [...styles.matchAll(/formatCode="([^"]+)"/g)].map((m) => m[1]);
};

describe('XLSX exports', () => {
  it('write a workbook with Chinese headers, money as numbers with two decimals and dates as ISO text', async () => {
    const f = await h.host.invoke('exports.report', { report: 'cashflow', from: '2026-01-01', to: '2026-04-30', locale: 'zh-CN', format: 'xlsx' });
    expect(f).toMatchObject({ fileName: '现金流-2026-01-01_2026-04-30.xlsx', format: 'xlsx', rows: 5 });
    expect(await sheetOf(f.content)).toEqual([
      ['月份', '开始', '结束', '实收', '退款', '支出', '净现金流', '累计'],
      ['2026-01', '2026-01-01', '2026-01-31', 1918, 0, 600, 1318, 1318],
      ['2026-02', '2026-02-01', '2026-02-28', 827.57, 0, 1100, -272.43, 1045.57],
      ['2026-03', '2026-03-01', '2026-03-31', 318, 28.57, 600, -310.57, 735],
      ['2026-04', '2026-04-01', '2026-04-30', 51.29, 0, 600, -548.71, 186.29],
      ['合计', '2026-01-01', '2026-04-30', 3114.86, 28.57, 2900, 186.29, null],
    ]);
    expect(formatsOf(f.content)).toContain('#,##0.00');
  });

  it('write English headers, counts as integers and rates as percentages', async () => {
    const aging = await sheetOf((await h.host.invoke('exports.report', { report: 'aging', from: '2026-01-01', to: '2026-05-02', locale: 'en', format: 'xlsx' })).content);
    expect(aging[0]).toEqual(['Payer', 'Phone', 'Invoices', 'Oldest due date', 'Current', '1–30 days', '31–60 days', '61–90 days', '90+ days', 'Total']);
    expect(aging[1]).toEqual(['Bo 博', null, 2, '2026-03-17', 0, 318, 318, 0, 0, 636]);
    expect(aging[4]).toEqual(['Total', null, 4, null, 500, 468, 318, 0, 0, 1286]);
    const churn = await h.host.invoke('exports.report', { report: 'churn', from: '2026-03-01', to: '2026-04-30', locale: 'en', format: 'xlsx' });
    expect((await sheetOf(churn.content)).slice(0, 2)).toEqual([
      ['Month', 'From', 'To', 'Customer churn %', 'Gross revenue churn %', 'Net revenue churn %', 'Net revenue retention %'],
      ['2026-03', '2026-03-01', '2026-03-31', 0.25, 0.1818, 0.1818, 0.5455],
    ]);
    expect(formatsOf(churn.content)).toContain('0.00%');
  });

  it('write the raw lists too, in either language', async () => {
    const payments = await h.host.invoke('exports.list', { list: 'payments', from: '2026-03-01', to: '2026-05-31', locale: 'zh-CN', format: 'xlsx' });
    expect(payments.fileName).toBe('收款-2026-03-01_2026-05-31.xlsx');
    expect((await sheetOf(payments.content)).map((r) => r.slice(1, 5))).toEqual([
      ['日期', '付款人', '方式', '金额'],
      ['2026-03-05', 'Ann 安', '现金', 318],
      ['2026-04-05', 'Ann 安', '现金', 51.29],
      ['2026-05-02', 'Eve 伊', '微信支付', 50],
    ]);
    const invoices = await sheetOf((await h.host.invoke('exports.list', { list: 'invoices', from: '2026-02-12', to: '2026-02-12', locale: 'en', format: 'xlsx' })).content);
    expect(invoices[1]).toEqual(['INV-2026-00007', 'Bo 博', '2026-02-12', '2026-02-19', 'Issued', 109.57, 1, 'Prorated credit', 'Unused time on Silver', '2026-02-12', '2026-03-09', -185.71, 0, -185.71]);
  });

  it('export every report view as a workbook', async () => {
    for (const report of REPORT_KINDS) {
      const f = await h.host.invoke('exports.report', { report, from: '2026-01-01', to: '2026-04-30', format: 'xlsx' });
      expect((await sheetOf(f.content)).length, report).toBe(f.rows + 1);
    }
  });
});
