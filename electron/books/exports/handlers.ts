import type { exportChannels } from '../../contract/exports';
import type { Locale } from '../../contract/settings';
import type { AreaHandlers, Ctx } from '../../contract/handler';
import type { ReportsService } from '../reports/service';
import type { ClassReports } from '../reports/class-reports';
import type { ExportFile, ExportFormat } from '../../contract/exports';
import { toCsv } from './csv';
import { labels } from './labels';
import { listTable } from './lists';
import { reportTable, type Table } from './reports';
import { toXlsx } from './xlsx';

async function file(name: string, suffix: string, table: Table, format: ExportFormat = 'csv'): Promise<ExportFile> {
  const base = { fileName: `${name}-${suffix}.${format}`, format, rows: table.rows.length };
  if (format === 'csv') return { ...base, content: toCsv(table.header, table.rows) };
  return { ...base, content: (await toXlsx(table.header, table.rows, name)).toString('base64') };
}

export function exportHandlers(reports: ReportsService, classes: ClassReports): AreaHandlers<keyof typeof exportChannels> {
  const setup = (ctx: Ctx, locale: Locale | undefined) => {
    const s = ctx.settings.get();
    return { l: labels(locale ?? s.locale), locale: locale ?? s.locale, currency: s.currency };
  };
  return {
    'exports.report': (input, ctx) => {
      const { l, currency } = setup(ctx, input.locale);
      const table = reportTable(input.report, reports, classes, input, l, currency);
      const suffix = input.report === 'aging' || input.report === 'forecast' ? ctx.today() : `${input.from}_${input.to}`;
      return file(l.files[input.report], suffix, table, input.format);
    },
    'exports.list': (input, ctx) => {
      const { l, locale, currency } = setup(ctx, input.locale);
      const table = listTable(ctx.db, input.list, input, l, locale, currency);
      const names = { members: l.files.memberList, invoices: l.files.invoiceList, payments: l.files.paymentList, refunds: l.files.refundList, expenses: l.files.expenseList };
      const suffix = input.list === 'members' ? ctx.today() : `${input.from ?? 'all'}_${input.to ?? ctx.today()}`;
      return file(names[input.list], suffix, table, input.format);
    },
  };
}
