import { z } from 'zod';
import { channel } from './define';
import { isoDate } from './common';
import { LOCALES } from './settings';
import { MAX_RANGE_DAYS } from './reports';

/** The report views the Reports screen offers; each one exports as it is shown. */
export const REPORT_KINDS = ['mrr', 'members', 'churn', 'arpu', 'revenue', 'cashflow', 'aging', 'byPlan', 'byMethod', 'attendance', 'forecast', 'classFill', 'teachers', 'renewalRate', 'churnReasons', 'followUps'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const LIST_KINDS = ['members', 'invoices', 'payments', 'refunds', 'expenses'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * A file for the renderer to save: its suggested name and its content — the text of a CSV
 * (UTF-8 with BOM), or an XLSX workbook in base64. No path crosses IPC.
 */
export interface ExportFile {
  fileName: string;
  format: ExportFormat;
  content: string;
  rows: number;
}

const range = {
  from: isoDate,
  to: isoDate,
  /** The language of the headers; default: the business's language. */
  locale: z.enum(LOCALES, 'invalid_choice').optional(),
  /** CSV (default) or an Excel workbook. */
  format: z.enum(EXPORT_FORMATS, 'invalid_choice').optional(),
};

export const exportChannels = {
  'exports.report': channel<ExportFile>()(
    z
      .strictObject({ report: z.enum(REPORT_KINDS, 'invalid_choice'), ...range })
      .refine((r) => r.from <= r.to, { message: 'date_range', path: ['to'] })
      .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_RANGE_DAYS * 86_400_000, { message: 'out_of_range', path: ['from'] }),
    { access: 'manager', mutates: false },
  ),
  /** A raw list: every member; invoices with their lines, payments, refunds and expenses dated in [from, to]. */
  'exports.list': channel<ExportFile>()(
    z
      .strictObject({ list: z.enum(LIST_KINDS, 'invalid_choice'), ...range, from: isoDate.optional(), to: isoDate.optional() })
      .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'date_range', path: ['to'] }),
    { access: 'manager', mutates: false },
  ),
};
