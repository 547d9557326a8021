/** The raw lists as tables: members, invoices with their lines, payments, refunds, expenses. */
import type { ListKind } from '../../contract/exports';
import type { Locale } from '../../contract/settings';
import type { Db } from '../../db/open';
import { addDays } from '../../../shared/dates';
import type { Cell } from './csv';
import type { Labels } from './labels';
import type { Table } from './reports';

export function listTable(db: Db, kind: ListKind, range: { from?: string | undefined; to?: string | undefined }, l: Labels, locale: Locale, currency: string): Table {
  const m = (minor: number): Cell => ({ money: minor, currency });
  const from = range.from ?? '0000-01-01';
  const to = range.to ?? '9999-12-31';
  const method = (code: string, name: string | null) => (name ? name : (l.methods[code] ?? code));
  switch (kind) {
    case 'members': {
      const rows = db
        .prepare<[], { id: number; name: string; phone: string; card_no: string | null; birthday: string | null; payer_id: number | null; payer: string | null; tags: string; notes: string; created_at: string }>(
          `SELECT m.id, m.name, m.phone, m.card_no, m.birthday, m.payer_id, p.name AS payer, m.tags, m.notes, m.created_at
             FROM members m LEFT JOIN members p ON p.id = m.payer_id WHERE m.merged_into IS NULL ORDER BY m.id`,
        )
        .all();
      return {
        header: [l.id, l.name, l.phone, l.cardNo, l.birthday, l.payerId, l.payerName, l.tags, l.notes, l.createdAt],
        rows: rows.map((r) => [r.id, r.name, r.phone, r.card_no, r.birthday, r.payer_id, r.payer, (JSON.parse(r.tags) as string[]).join(', '), r.notes, r.created_at]),
      };
    }
    case 'invoices': {
      const rows = db
        .prepare<[string, string], { number: string; payer: string; issue_date: string; due_date: string; status: string; total: number; position: number; kind: string; description: string; period_start: string | null; period_end: string | null; net: number; tax: number; gross: number }>(
          `SELECT i.number, m.name AS payer, i.issue_date, i.due_date, i.status, i.total, l.position, l.kind, l.description,
                  l.period_start, l.period_end, l.net, l.tax, l.gross
             FROM invoices i JOIN members m ON m.id = i.payer_id JOIN invoice_lines l ON l.invoice_id = i.id
            WHERE i.issue_date BETWEEN ? AND ? ORDER BY i.issue_date, i.id, l.position`,
        )
        .all(from, to);
      return {
        header: [l.number, l.payerName, l.issueDate, l.dueDate, l.status, l.invoiceTotal, l.line, l.kind, l.description, l.periodStart, l.periodEnd, l.lineNet, l.lineTax, l.lineGross],
        rows: rows.map((r) => [
          r.number,
          r.payer,
          r.issue_date,
          r.due_date,
          l.statuses[r.status] ?? r.status,
          m(r.total),
          r.position,
          l.lineKinds[r.kind] ?? r.kind,
          r.description,
          r.period_start,
          // The period's last day (the stored end is exclusive).
          r.period_end === null ? null : addDays(r.period_end, -1),
          m(r.net),
          m(r.tax),
          m(r.gross),
        ]),
      };
    }
    case 'payments': {
      const rows = db
        .prepare<[string, string], { id: number; date: string; payer: string; method: string; method_name: string | null; amount: number; reference: string; note: string; staff_name: string }>(
          `SELECT p.id, p.date, m.name AS payer, p.method, NULLIF(pm.name, '') AS method_name, p.amount, p.reference, p.note, p.staff_name
             FROM payments p JOIN members m ON m.id = p.payer_id LEFT JOIN payment_methods pm ON pm.code = p.method
            WHERE p.date BETWEEN ? AND ? ORDER BY p.date, p.id`,
        )
        .all(from, to);
      return {
        header: [l.id, l.date, l.payerName, l.method, l.amount, l.reference, l.note, l.staff],
        rows: rows.map((r) => [r.id, r.date, r.payer, method(r.method, r.method_name), m(r.amount), r.reference, r.note, r.staff_name]),
      };
    }
    case 'refunds': {
      const rows = db
        .prepare<[string, string], { id: number; date: string; payer: string; method: string; method_name: string | null; amount: number; payment_id: number | null; credit_note: string | null; reason: string; staff_name: string }>(
          `SELECT r.id, r.date, m.name AS payer, r.method, NULLIF(pm.name, '') AS method_name, r.amount, r.payment_id, c.number AS credit_note, r.reason, r.staff_name
             FROM refunds r JOIN members m ON m.id = r.payer_id LEFT JOIN payment_methods pm ON pm.code = r.method
             LEFT JOIN credit_notes c ON c.id = r.credit_note_id
            WHERE r.date BETWEEN ? AND ? ORDER BY r.date, r.id`,
        )
        .all(from, to);
      return {
        header: [l.id, l.date, l.payerName, l.method, l.amount, l.paymentId, l.creditNote, l.reason, l.staff],
        rows: rows.map((r) => [r.id, r.date, r.payer, method(r.method, r.method_name), m(r.amount), r.payment_id, r.credit_note, r.reason, r.staff_name]),
      };
    }
    case 'expenses': {
      const rows = db
        .prepare<[string, string], { id: number; date: string; name_en: string; name_zh: string; method: string; method_name: string | null; amount: number; note: string; staff_name: string }>(
          `SELECT e.id, e.date, c.name_en, c.name_zh, e.method, NULLIF(pm.name, '') AS method_name, e.amount, e.note, e.staff_name
             FROM expenses e JOIN expense_categories c ON c.id = e.category_id LEFT JOIN payment_methods pm ON pm.code = e.method
            WHERE e.deleted_at IS NULL AND e.date BETWEEN ? AND ? ORDER BY e.date, e.id`,
        )
        .all(from, to);
      return {
        header: [l.id, l.date, l.category, l.method, l.amount, l.note, l.staff],
        rows: rows.map((r) => [r.id, r.date, locale === 'zh-CN' ? r.name_zh : r.name_en, method(r.method, r.method_name), m(r.amount), r.note, r.staff_name]),
      };
    }
  }
}

