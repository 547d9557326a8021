/** The getting-started checklist's reads: has the business a plan, a member, a sale yet? */
import type { Db } from '../open';
import { prepared } from '../statements';

export interface GettingStartedRow {
  plan: number;
  member: number;
  sale: number;
  /** The first member still on the books (where a first sale is made), or null. */
  first_member: number | null;
}

export function gettingStartedRepo(db: Db) {
  return {
    read: () =>
      prepared<[], GettingStartedRow>(
        db,
        `SELECT EXISTS (SELECT 1 FROM plans WHERE archived = 0) AS plan,
                EXISTS (SELECT 1 FROM members WHERE merged_into IS NULL) AS member,
                EXISTS (SELECT 1 FROM subscriptions) OR EXISTS (SELECT 1 FROM member_packs) AS sale,
                (SELECT MIN(id) FROM members WHERE merged_into IS NULL) AS first_member`,
      ).get()!,
  };
}
