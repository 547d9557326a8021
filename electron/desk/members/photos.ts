/**
 * Member photos: set, replace, remove, read. The renderer shrinks the picture (a file or the PC's camera)
 * to a small JPEG first; the contract and the table's CHECK refuse anything larger. The audit trail records
 * that a photo was set, replaced or removed and its size, not the image.
 */
import { AppError } from '../../../shared/errors';
import type { MemberPhoto } from '../../contract/members';
import type { ServiceEnv } from '../../contract/env';
import { createMemberPhotosRepo } from '../../db/repos/member-photos';
import type { MemberPhotoRow } from '../../db/rows';
import type { MembersService } from './service';

function toPhoto(r: MemberPhotoRow): MemberPhoto {
  return { memberId: r.member_id, jpeg: r.jpeg, updatedAt: r.updated_at };
}

/** What the audit log keeps of a photo: its size in bytes and when it was taken. */
function auditView(r: MemberPhotoRow | undefined) {
  return r ? { photoBytes: Math.floor((r.jpeg.length * 3) / 4) - (r.jpeg.match(/=*$/)?.[0].length ?? 0), updatedAt: r.updated_at } : null;
}

export function createMemberPhotos(env: ServiceEnv, members: MembersService) {
  const repo = createMemberPhotosRepo(env.db);

  function get(memberId: number): MemberPhoto | null {
    members.get(memberId);
    const r = repo.byMember(memberId);
    return r ? toPhoto(r) : null;
  }

  function set(memberId: number, jpeg: string): MemberPhoto {
    members.active(memberId);
    const before = repo.byMember(memberId);
    const row: MemberPhotoRow = { member_id: memberId, jpeg, updated_at: env.now().toISOString() };
    repo.save(row);
    env.audit('member_photo', memberId, auditView(before), auditView(row));
    return toPhoto(row);
  }

  function remove(memberId: number): { memberId: number } {
    members.get(memberId);
    const before = repo.byMember(memberId);
    if (!before) throw new AppError('NOT_FOUND', `Member ${memberId} has no photo.`, { entity: 'member_photo', id: memberId });
    repo.remove(memberId);
    env.audit('member_photo', memberId, auditView(before), null);
    return { memberId };
  }

  return { get, set, remove };
}

export type MemberPhotos = ReturnType<typeof createMemberPhotos>;
