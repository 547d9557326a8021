/** Rendering documents (receipts, refund slips, A4 invoices, closeout sheets) and their settings. */
import type { z } from 'zod';
import type { DocumentKind, DocumentSettings, PrintJob, RenderedDocument, documentSettingsInput } from '../../contract/documents';
import type { Locale } from '../../contract/settings';
import type { ServiceEnv } from '../../contract/env';
import { createDocumentsRepo } from '../../db/repos/documents';
import { business, closeoutData, invoiceData, receiptData, refundData } from './data';
import { docFormat } from './format';
import { docStrings } from './strings';
import { closeoutHtml, invoiceHtml, receiptHtml, refundHtml } from './templates';
import type { DocumentSettingsRow } from '../../db/rows';

const toSettings = (r: DocumentSettingsRow): DocumentSettings => ({
  logo: r.logo,
  receiptWidth: r.receipt_width === 58 ? 58 : 80,
  receiptPrinter: r.receipt_printer,
  silentReceipts: r.silent_receipts === 1,
  receiptFooter: r.receipt_footer,
});

// The logo is large: the audit keeps whether it changed, not its bytes.
const brief = (s: DocumentSettings) => ({ ...s, logo: s.logo ? `${s.logo.length} bytes` : '' });

export function createDocumentsService(env: ServiceEnv) {
  const repo = createDocumentsRepo(env.db);
  const get = (): DocumentSettings => toSettings(repo.settings());

  function updateSettings(patch: z.output<typeof documentSettingsInput>): DocumentSettings {
    const before = get();
    const next = { ...before, ...patch };
    repo.update({
      logo: next.logo, receipt_width: next.receiptWidth, receipt_printer: next.receiptPrinter,
      silent_receipts: next.silentReceipts ? 1 : 0, receipt_footer: next.receiptFooter, at: env.now().toISOString(),
    });
    const after = get();
    env.audit('document_settings', 1, brief(before), brief(after));
    return after;
  }

  function render(kind: DocumentKind, id: number, locale: Locale | undefined): RenderedDocument {
    const db = env.db;
    const settings = env.settings.get();
    const docs = get();
    const s = docStrings(locale ?? settings.locale);
    const custom = repo.customMethodNames();
    const f = docFormat(locale ?? settings.locale, s, settings.currency, settings.timeZone, custom);
    const biz = business(settings, docs);
    const today = env.today();
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
        const d = invoiceData(db, biz, s, id, today);
        return { kind, title: `${s.invoice} ${d.invoice.number}`, html: invoiceHtml(d, f), page: { format: 'A4' } };
      }
      case 'closeout': {
        const d = closeoutData(db, biz, id);
        return { kind, title: `${s.closeout} ${d.closeout.date}`, html: closeoutHtml(d, f), page: { format: 'A4' } };
      }
    }
  }

  /** A print request as the main process carries it out: receipts go silently to the receipt printer when set. */
  function print(kind: DocumentKind, id: number, locale: Locale | undefined, action: 'print' | 'pdf'): PrintJob {
    const doc = render(kind, id, locale);
    const docs = get();
    const receipt = doc.kind === 'receipt' || doc.kind === 'refund';
    const silent = action === 'print' && receipt && docs.silentReceipts && docs.receiptPrinter !== '';
    return { ...doc, action, silent, printer: receipt ? docs.receiptPrinter : '', outcome: 'rendered', detail: '' };
  }

  return { settings: get, updateSettings, render, print };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
