/**
 * Reading the audit log (the writer is ops/audit/audit.ts). Each filter shape is its own statement,
 * prepared on first use and kept, so the indexes on entity, staff and time still serve it.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../open';
import type { AuditLogRow } from '../rows';

/** A filter of the log; an absent field means "any". Instants are UTC, as stored. */
export interface AuditLogFilter {
  staffId?: number | undefined;
  memberId?: number | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  fromAt?: string | undefined;
  toAt?: string | undefined;
}

/** Member rows: the member record itself, or a change whose before/after carries the member (or payer) id. */
const MEMBER_SQL = `(
  (entity IN ('member', 'members') AND entity_id = @memberIdText)
  OR (json_valid(after) AND (json_extract(after, '$.memberId') = @memberId OR json_extract(after, '$.payerId') = @memberId))
  OR (json_valid(before) AND (json_extract(before, '$.memberId') = @memberId OR json_extract(before, '$.payerId') = @memberId))
)`;

/** The WHERE clause and its parameters for a filter. */
function where(f: AuditLogFilter): { clause: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (sql: string, values: Record<string, unknown>) => {
    parts.push(sql);
    Object.assign(params, values);
  };
  if (f.staffId !== undefined) add('staff_id = @staffId', { staffId: f.staffId });
  if (f.memberId !== undefined) add(MEMBER_SQL, { memberId: f.memberId, memberIdText: String(f.memberId) });
  if (f.entity) add('entity = @entity', { entity: f.entity });
  if (f.entityId) add('entity_id = @entityId', { entityId: f.entityId });
  if (f.fromAt) add('at >= @fromAt', { fromAt: f.fromAt });
  if (f.toAt) add('at < @toAt', { toAt: f.toAt });
  return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function createAuditLogRepo(db: Db) {
  const all = db.prepare<[], AuditLogRow>('SELECT * FROM audit_log ORDER BY id');
  const entities = db.prepare<[], { entity: string }>('SELECT DISTINCT entity FROM audit_log ORDER BY entity');
  const staff = db.prepare<[], { id: number | null; name: string }>(
    'SELECT staff_id AS id, staff_name AS name FROM audit_log WHERE staff_id IS NOT NULL GROUP BY staff_id, staff_name ORDER BY staff_name',
  );
  const name = (sql: string) => {
    const st = db.prepare<[number], { name: string }>(sql);
    return (id: number | null): string | null => (id === null ? null : (st.get(id)?.name ?? null));
  };
  const subOf = db.prepare<[number], { memberId: number; planId: number }>('SELECT member_id AS memberId, plan_id AS planId FROM subscriptions WHERE id = ?');
  const addonSub = db.prepare<[number], { subscriptionId: number }>('SELECT subscription_id AS subscriptionId FROM subscription_addons WHERE id = ?');
  const invoicePayer = db.prepare<[number], { payerId: number }>('SELECT payer_id AS payerId FROM invoices WHERE id = ?');
  const shapes = new Map<string, { count: Database.Statement; page: Database.Statement }>();
  function statements(clause: string) {
    let s = shapes.get(clause);
    if (!s) {
      s = {
        count: db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${clause}`),
        page: db.prepare(`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`),
      };
      shapes.set(clause, s);
    }
    return s;
  }

  return {
    /** Every entry in id order, one at a time (the chain check). */
    inOrder: () => all.iterate(),
    count(f: AuditLogFilter): number {
      const { clause, params } = where(f);
      return (statements(clause).count.get(params) as { n: number }).n;
    },
    /** Newest first. */
    page(f: AuditLogFilter, limit: number, offset: number): AuditLogRow[] {
      const { clause, params } = where(f);
      return statements(clause).page.all({ ...params, limit, offset }) as AuditLogRow[];
    },
    entities: () => entities.all().map((r) => r.entity),
    /** Everyone who appears in the log, by name. */
    staff: () => staff.all(),
    /** Names of the records an entry points at by id (the viewer's sentences). */
    memberName: name('SELECT name FROM members WHERE id = ?'),
    planName: name('SELECT name FROM plans WHERE id = ?'),
    staffName: name('SELECT name FROM staff WHERE id = ?'),
    invoiceNumber: name('SELECT number AS name FROM invoices WHERE id = ?'),
    creditNoteNumber: name('SELECT number AS name FROM credit_notes WHERE id = ?'),
    subscription: (id: number) => subOf.get(id) ?? null,
    addonSubscription: (id: number) => addonSub.get(id)?.subscriptionId ?? null,
    invoicePayer: (id: number) => invoicePayer.get(id)?.payerId ?? null,
  };
}

export type AuditLogRepo = ReturnType<typeof createAuditLogRepo>;
