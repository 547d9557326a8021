/** Member photos (migration 018): one small JPEG per member, statements prepared once. */
import type { Db } from '../open';
import type { MemberPhotoRow } from '../rows';

export function createMemberPhotosRepo(db: Db) {
  const byMember = db.prepare<[number], MemberPhotoRow>('SELECT * FROM member_photos WHERE member_id = ?');
  const upsert = db.prepare<MemberPhotoRow>(
    `INSERT INTO member_photos (member_id, jpeg, updated_at) VALUES (@member_id, @jpeg, @updated_at)
     ON CONFLICT (member_id) DO UPDATE SET jpeg = excluded.jpeg, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[number]>('DELETE FROM member_photos WHERE member_id = ?');
  return {
    byMember: (memberId: number) => byMember.get(memberId),
    save: (row: MemberPhotoRow) => void upsert.run(row),
    remove: (memberId: number) => remove.run(memberId).changes > 0,
  };
}
