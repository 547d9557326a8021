/**
 * The import template: the headers the importer recognises, in the clerk's language, with one
 * membership row and one pack row as examples. Dates are set relative to today so the example
 * rows import as they are (once the example plan names are mapped to real plans).
 */
import { addDays } from '../../../../shared/dates';
import type { ExportFile } from '../../../contract/exports';
import type { Locale } from '../../../contract/settings';
import { BOM, toCsv } from '../../../books/exports/csv';
import { toXlsx } from '../../../books/exports/xlsx';

const HEADERS: Record<Locale, string[]> = {
  en: ['Name', 'Phone', 'Card number', 'Birthday', 'Plan', 'Next billing date', 'Price', 'Remaining sessions', 'Expiry date', 'Tags', 'Notes'],
  'zh-CN': ['姓名', '手机号', '卡号', '生日', '套餐', '下次扣费日期', '价格', '剩余课时', '有效期至', '标签', '备注'],
};

function examples(locale: Locale, today: string): string[][] {
  const next = addDays(today, 14);
  const expiry = addDays(today, 90);
  return locale === 'en'
    ? [
        ['Alex Chen', '13800138000', 'A0001', '1990-05-01', 'Monthly', next, '199.00', '', '', 'VIP', 'Membership example'],
        ['Lily Wang', '13900139000', 'A0002', '2012-09-10', '10-session pack', '', '', '7', expiry, '', 'Pack example'],
      ]
    : [
        ['张伟', '13800138000', 'A0001', '1990-05-01', '月卡', next, '199.00', '', '', 'VIP', '会员卡示例'],
        ['王丽', '13900139000', 'A0002', '2012-09-10', '10 次课时包', '', '', '7', expiry, '', '课时包示例'],
      ];
}

export async function importTemplate(locale: Locale, format: 'csv' | 'xlsx', today: string): Promise<ExportFile> {
  const header = HEADERS[locale];
  const rows = examples(locale, today);
  const base = locale === 'en' ? 'member-import-template' : '会员导入模板';
  if (format === 'csv') return { fileName: `${base}.csv`, format, content: BOM + toCsv(header, rows), rows: rows.length };
  const book = await toXlsx(header, rows, locale === 'en' ? 'Members' : '会员');
  return { fileName: `${base}.xlsx`, format, content: book.toString('base64'), rows: rows.length };
}
