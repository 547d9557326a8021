/** Rendering documents (receipts, refund slips, A4 invoices, closeout sheets) and their settings. */
import type { z } from 'zod';
import type { DocumentKind, DocumentSettings, PrintJob, RenderedDocument, documentSettingsInput } from '../../contract/documents';
import type { Locale } from '../../contract/settings';
import type { Db } from '../../db/open';
import type { Ctx } from '../../contract/handler';
import { business, closeoutData, invoiceData, receiptData, refundData } from './data';
import { docFormat } from './format';
import { docStrings } from './strings';
import { closeoutHtml, invoiceHtml, receiptHtml, refundHtml } from './templates';
import type { DocumentSettingsRow } from '../../db/rows';

export function documentSettings(db: Db): DocumentSettings {
  const r = db.prepare<[], DocumentSettingsRow>('SELECT * FROM document_settings WHERE id = 1').get()!;
  return {
    logo: r.logo,
    receiptWidth: r.receipt_width === 58 ? 58 : 80,
    receiptPrinter: r.receipt_printer,
    silentReceipts: r.silent_receipts === 1,
    receiptFooter: r.receipt_footer,
  };
}

export function updateDocumentSettings(ctx: Ctx, patch: z.output<typeof documentSettingsInput>): DocumentSettings {
  const before = documentSettings(ctx.db);
  const next = { ...before, ...patch };
  ctx.db
    .prepare(
      `UPDATE document_settings SET logo = ?, receipt_width = ?, receipt_printer = ?, silent_receipts = ?, receipt_footer = ?, updated_at = ?
       WHERE id = 1`,
    )
    .run(next.logo, next.receiptWidth, next.receiptPrinter, next.silentReceipts ? 1 : 0, next.receiptFooter, ctx.now().toISOString());
  const after = documentSettings(ctx.db);
  // The logo is large: the audit keeps whether it changed, not its bytes.
  const brief = (s: DocumentSettings) => ({ ...s, logo: s.logo ? `${s.logo.length} bytes` : '' });
  ctx.audit('document_settings', 1, brief(before), brief(after));
  return after;
}

export function renderDocument(ctx: Ctx, kind: DocumentKind, id: number, locale: Locale | undefined): RenderedDocument {
  const db = ctx.db;
  const settings = ctx.settings.get();
  const docs = documentSettings(db);
  const s = docStrings(locale ?? settings.locale);
  const custom = new Map(db.prepare<[], { code: string; name: string }>("SELECT code, name FROM payment_methods WHERE name <> ''").all().map((m) => [m.code, m.name] as const));
  const f = docFormat(locale ?? settings.locale, s, settings.currency, settings.timeZone, custom);
  const biz = business(settings, docs);
  const today = ctx.today();
  const thermal = { widthMm: docs.receiptWidth } as const;
  switch (kind) {
    case 'receipt': {
      const d = receiptData(db, biz, docs, id, today);
      return { kind, title: `${s.receipt} ${d.number}`, html: receiptHtml(d, f, docs.receiptWidth), page: thermal };
    }
    case 'refund': {
      const d = refundData(db, biz, s, id, today);
      return { kind, title: `${s.refundSlip} ${d.number}`, html: refundHtml(d, f, docs.receiptWidth), page: thermal };
    }
    case 'invoice': {
      const d = invoiceData(db, biz, s, settings, id, today);
      return { kind, title: `${s.invoice} ${d.invoice.number}`, html: invoiceHtml(d, f), page: { format: 'A4' } };
    }
    case 'closeout': {
      const d = closeoutData(db, biz, id);
      return { kind, title: `${s.closeout} ${d.closeout.date}`, html: closeoutHtml(d, f), page: { format: 'A4' } };
    }
  }
}

/** A print request as the main process carries it out: receipts go silently to the receipt printer when set. */
export function printJob(ctx: Ctx, doc: RenderedDocument, action: 'print' | 'pdf'): PrintJob {
  const docs = documentSettings(ctx.db);
  const receipt = doc.kind === 'receipt' || doc.kind === 'refund';
  const silent = action === 'print' && receipt && docs.silentReceipts && docs.receiptPrinter !== '';
  return { ...doc, action, silent, printer: receipt ? docs.receiptPrinter : '', outcome: 'rendered', detail: '' };
}
