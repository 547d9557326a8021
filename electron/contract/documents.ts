import { z } from 'zod';
import { channel } from './define';
import { LOCALES } from './settings';
import { id, isoDate, text } from './common';

/** Logo, receipt paper and printer: how documents look and where receipts go. */
export interface DocumentSettings {
  /** A data: URL of a PNG, JPEG, GIF or WebP image; '' for none. */
  logo: string;
  receiptWidth: 58 | 80;
  /** The receipt printer's name as the OS knows it; '' = ask each time. */
  receiptPrinter: string;
  /** Print receipts straight to `receiptPrinter` without the print dialog. */
  silentReceipts: boolean;
  /** A line at the bottom of receipts ("Thank you!"). */
  receiptFooter: string;
}

export type DocumentKind = 'receipt' | 'invoice' | 'refund' | 'closeout';

/** A rendered document: one self-contained HTML page (styles inline, logo as a data URL). */
export interface RenderedDocument {
  kind: DocumentKind | 'lesson_statement';
  title: string;
  html: string;
  /** Page size for printing: A4, or a thermal roll width in millimetres. */
  page: { format: 'A4' } | { widthMm: 58 | 80 };
}

/** A print or PDF request; in the app the main process carries it out and says how it went. */
export interface PrintJob extends RenderedDocument {
  action: 'print' | 'pdf';
  silent: boolean;
  printer: string;
  /** 'rendered' where no printer exists (tests, the browser harness); in the app what happened. */
  outcome: 'rendered' | 'printed' | 'saved' | 'cancelled' | 'failed';
  /** Where the PDF was saved, or why printing failed. */
  detail: string;
}

const locale = z.enum(LOCALES, 'invalid_choice').optional(); // default: the business's language
const documentRef = z.strictObject({ kind: z.enum(['receipt', 'invoice', 'refund', 'closeout'], 'invalid_choice'), id, locale });

/** A data: URL of an image, at most ~512 KB. */
const logo = z
  .string('invalid_logo')
  .max(700_000, 'logo_too_large')
  .refine((s) => s === '' || /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/.test(s), 'invalid_logo');

/** A patch: a key may be left out but never sent as `undefined` (it would be written over the stored value). */
export const documentSettingsInput = z.strictObject({
  logo: logo.exactOptional(),
  receiptWidth: z.union([z.literal(58), z.literal(80)], 'invalid_choice').exactOptional(),
  receiptPrinter: text(200).exactOptional(),
  silentReceipts: z.boolean('invalid_choice').exactOptional(),
  receiptFooter: text(200).exactOptional(),
});

/** A student's lessons from `from` to `to` (at most a year), for their parents. */
export const lessonStatementInput = z
  .strictObject({ memberId: id, from: isoDate, to: isoDate, locale, action: z.enum(['print', 'pdf'], 'invalid_choice').default('print') })
  .refine((r) => r.to >= r.from, { message: 'date_range', path: ['to'] })
  .refine((r) => r.to <= `${Number(r.from.slice(0, 4)) + 1}${r.from.slice(4)}`, { message: 'out_of_range', path: ['to'] });

export const documentChannels = {
  /** The HTML of a receipt (payment), refund slip, A4 invoice, or closeout sheet (id = the closeout's id). */
  'documents.render': channel<RenderedDocument>()(documentRef, { access: 'desk', mutates: false }),
  /** Print (dialog, or silent to the receipt printer) or save as PDF; the host renders, the app's main prints. */
  'documents.print': channel<PrintJob>()(
    documentRef.extend({ action: z.enum(['print', 'pdf'], 'invalid_choice').default('print') }),
    { access: 'desk', mutates: false },
  ),
  /** Printer names the OS offers (filled in by the app's main process; none in tests). */
  'documents.printers': channel<string[]>()(z.strictObject({}), { access: 'desk', mutates: false }),
  /** The parent's statement (A4): a student's attendance in a date range and the 课时 left of each enrolment; printed or saved like the others. */
  'documents.lessonStatement': channel<PrintJob>()(lessonStatementInput, { access: 'desk', mutates: false }),
  'documents.settings': channel<DocumentSettings>()(z.strictObject({}), { access: 'desk', mutates: false }),
  'documents.updateSettings': channel<DocumentSettings>()(documentSettingsInput, { access: 'owner', mutates: true }),
};
