import { z } from 'zod';
import { channel } from './define';
import { empty, id, isoDate, text } from './common';

export interface AuditRow {
  id: number;
  /** UTC ISO instant. */
  at: string;
  staffId: number | null;
  staffName: string;
  channel: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /**
   * Names of what the entry is about, looked up from the ids it holds (null when it holds none): the
   * member or payer, the plan, the staff member (entity staff), the invoice or credit note number.
   */
  names: AuditNames;
  /** The connected desk the change was made on (several PCs); null: the main desk itself or the system. */
  device: string | null;
}

export interface AuditNames {
  member: string | null;
  plan: string | null;
  staff: string | null;
  document: string | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  /** Rows checked. */
  checked: number;
  /** The first row whose link is broken (edited, inserted or removed outside the app); null when intact. */
  firstBrokenId: number | null;
  problem: 'hash_mismatch' | 'prev_hash_mismatch' | null;
}

export interface AuditFacets {
  entities: string[];
  staff: { id: number | null; name: string }[];
}

export const auditQuery = z.strictObject({
  staffId: id.optional(),
  /** Rows about this member: the member itself, or any change whose before/after names them. */
  memberId: id.optional(),
  entity: text(60).optional(),
  entityId: text(60).optional(),
  /** Business dates, inclusive, in the business time zone. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(1000, 'out_of_range').default(200),
  offset: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').max(Number.MAX_SAFE_INTEGER, 'out_of_range').default(0),
});

export const auditChannels = {
  'audit.query': channel<{ rows: AuditRow[]; total: number }>()(auditQuery, { access: 'manager', mutates: false }),
  /** Recomputes the hash chain and reports the first broken link. */
  'audit.verify': channel<AuditVerifyResult>()(empty, { access: 'manager', mutates: false }),
  /** The values the viewer's filters offer. */
  'audit.facets': channel<AuditFacets>()(empty, { access: 'manager', mutates: false }),
};
