/**
 * The promotions report as a file (CSV or Excel), through the same writers as every report export:
 * UTF-8 with BOM, formula-safe text, money in major units (a number in a workbook).
 */
import type { Locale } from '../../contract/settings';
import type { ExportFile, ExportFormat } from '../../contract/exports';
import type { PromotionDiscount, PromotionReport } from '../../contract/promotions';
import { toCsv, type Cell } from '../../books/exports/csv';
import { toXlsx } from '../../books/exports/xlsx';
import { percentDiscountText } from '../../../shared/promotions';
import { minorToText } from '../../../shared/money-text';

const words = {
  en: {
    file: 'promotions',
    header: ['Promotion', 'Code', 'First day', 'Last day', 'Status', 'Discount', 'Sales', 'Sale revenue', 'Billed to date', 'Renewed'],
    status: { upcoming: 'Upcoming', running: 'Running', ended: 'Ended', archived: 'Archived' },
    fixed: (amount: string) => `${amount} off`,
    once: 'first period',
    repeating: (n: number) => `first ${n} periods`,
    forever: 'every period',
  },
  zh: {
    file: '促销活动',
    header: ['促销活动', '优惠码', '开始日期', '结束日期', '状态', '优惠', '销售数', '首单收入', '累计计费', '续费'],
    status: { upcoming: '未开始', running: '进行中', ended: '已结束', archived: '已归档' },
    fixed: (amount: string) => `减${amount}`,
    once: '首期',
    repeating: (n: number) => `前${n}期`,
    forever: '每期',
  },
};

function discountText(d: PromotionDiscount, locale: Locale, currency: string): string {
  const w = locale === 'zh-CN' ? words.zh : words.en;
  const amount = d.kind === 'percent' ? (percentDiscountText(d.value, locale) ?? '') : w.fixed(minorToText(d.value, currency));
  const when = d.duration === 'repeating' ? w.repeating(d.periods ?? 1) : w[d.duration];
  return `${amount} · ${when}`;
}

export async function promotionsFile(report: PromotionReport, locale: Locale, currency: string, format: ExportFormat): Promise<ExportFile> {
  const w = locale === 'zh-CN' ? words.zh : words.en;
  const rows: Cell[][] = report.rows.map((r) => [
    r.name, r.code ?? '', r.startsOn, r.endsOn, w.status[r.archived ? 'archived' : r.status], discountText(r.discount, locale, currency), r.sales,
    { money: r.revenue, currency }, { money: r.revenueToDate, currency }, r.renewed,
  ]);
  const base = { fileName: `${w.file}-${report.today}.${format}`, format, rows: rows.length };
  if (format === 'csv') return { ...base, content: toCsv(w.header, rows) };
  return { ...base, content: (await toXlsx(w.header, rows, w.file)).toString('base64') };
}
