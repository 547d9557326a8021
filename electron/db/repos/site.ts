/** Several PCs (migration 023): the paired desks and the answers kept for their retried calls. */
import type { Db } from '../open';
import type { SiteDeviceRow, SiteRequestRow } from '../rows';
import { prepared } from '../statements';

/** Statements are prepared per connection (a restore opens a new one), so this takes the live `db` each time. */
export function siteRepo(db: Db) {
  return {
    devices: (fingerprint: string) =>
      prepared<[string], SiteDeviceRow>(db, 'SELECT * FROM site_devices WHERE revoked_at IS NULL AND cert_fingerprint = ? ORDER BY id').all(fingerprint),
    device: (id: number) => prepared<[number], SiteDeviceRow>(db, 'SELECT * FROM site_devices WHERE id = ?').get(id),
    addDevice: (row: Omit<SiteDeviceRow, 'id' | 'last_seen_at' | 'revoked_at'>) =>
      Number(
        prepared<Omit<SiteDeviceRow, 'id' | 'last_seen_at' | 'revoked_at'>>(
          db,
          'INSERT INTO site_devices (name, token_hash, cert_fingerprint, paired_at) VALUES (@name, @token_hash, @cert_fingerprint, @paired_at)',
        ).run(row).lastInsertRowid,
      ),
    revoke: (id: number, at: string) =>
      prepared<[string, number]>(db, 'UPDATE site_devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0,
    seen: (id: number, at: string) => void prepared<[string, number]>(db, 'UPDATE site_devices SET last_seen_at = ? WHERE id = ?').run(at, id),
    answer: (deviceId: number, key: string) =>
      prepared<[number, string], SiteRequestRow>(db, 'SELECT * FROM site_requests WHERE device_id = ? AND key = ?').get(deviceId, key),
    remember: (row: SiteRequestRow) =>
      void prepared<SiteRequestRow>(db, 'INSERT INTO site_requests (device_id, key, channel, answer, at) VALUES (@device_id, @key, @channel, @answer, @at)').run(row),
    /** This PC has staff, so books of its own. */
    hasStaff: () => prepared<[], { one: number }>(db, 'SELECT 1 AS one FROM staff LIMIT 1').get() !== undefined,
    /** Kept answers older than `before` are no longer needed: no desk retries a call that long. */
    forgetBefore: (before: string) => prepared<[string]>(db, 'DELETE FROM site_requests WHERE at < ?').run(before).changes,
  };
}
export type SiteRepo = ReturnType<typeof siteRepo>;
