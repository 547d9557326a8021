/** The one row of printable-document settings, and the payment-method names documents print. */
import type { Db } from '../open';
import type { DocumentSettingsRow, PaymentMethodRow } from '../rows';

export type DocumentSettingsUpdate = Omit<DocumentSettingsRow, 'id' | 'updated_at'> & { at: string };

export function createDocumentsRepo(db: Db) {
  const settings = db.prepare<[], DocumentSettingsRow>('SELECT * FROM document_settings WHERE id = 1');
  const update = db.prepare<DocumentSettingsUpdate>(
    `UPDATE document_settings SET logo = @logo, receipt_width = @receipt_width, receipt_printer = @receipt_printer,
       silent_receipts = @silent_receipts, receipt_footer = @receipt_footer, updated_at = @at WHERE id = 1`,
  );
  const methodNames = db.prepare<[], Pick<PaymentMethodRow, 'code' | 'name'>>("SELECT code, name FROM payment_methods WHERE name <> ''");

  return {
    /** The row always exists (migration). */
    settings: () => settings.get()!,
    update: (row: DocumentSettingsUpdate) => void update.run(row),
    /** Methods the business named itself, by code. */
    customMethodNames: () => new Map(methodNames.all().map((m) => [m.code, m.name] as const)),
  };
}

export type DocumentsRepo = ReturnType<typeof createDocumentsRepo>;
