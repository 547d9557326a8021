/**
 * Member photos (members.photo / setPhoto / removePhoto): one per member, replaced and removed, audited without
 * the image; too large or not a JPEG refused by the contract and, behind it, by the table's CHECK; a merge keeps
 * the kept member's photo and takes the other's only when the kept one has none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES } from '../../../shared/lists';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { deskHost, member } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

/** A "JPEG" of n bytes: the JPEG start marker, then filler (the host checks the head and the size, not the picture). */
function jpeg(n: number, fill = 0x11): string {
  const b = Buffer.alloc(n, fill);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  return b.toString('base64');
}

function auditRows(th: TestHost) {
  return th.host.db.prepare("SELECT entity_id, before, after FROM audit_log WHERE entity = 'member_photo' ORDER BY id").all() as {
    entity_id: string;
    before: string | null;
    after: string | null;
  }[];
}

describe('member photos', () => {
  it('set, replace and remove one photo per member, audited by size without the image', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const zhang = await member(h, '张三');
    expect(await h.invoke('members.photo', { memberId: zhang.id })).toBeNull();
    const first = jpeg(1000);
    expect(await h.invoke('members.setPhoto', { memberId: zhang.id, jpeg: first })).toEqual({ memberId: zhang.id, jpeg: first, updatedAt: '2026-03-02T01:00:00.000Z' });
    th.clock.addDays(1);
    const second = jpeg(PHOTO_MAX_BYTES, 0x22);
    await h.invoke('members.setPhoto', { memberId: zhang.id, jpeg: second });
    expect(await h.invoke('members.photo', { memberId: zhang.id })).toEqual({ memberId: zhang.id, jpeg: second, updatedAt: '2026-03-03T01:00:00.000Z' });
    expect(h.db.prepare('SELECT count(*) AS n FROM member_photos').get()).toEqual({ n: 1 });
    expect(await h.invoke('members.removePhoto', { memberId: zhang.id })).toEqual({ memberId: zhang.id });
    expect(await h.invoke('members.photo', { memberId: zhang.id })).toBeNull();
    expect(auditRows(th).map((r) => [r.entity_id, r.before && JSON.parse(r.before), r.after && JSON.parse(r.after)])).toEqual([
      [String(zhang.id), null, { photoBytes: 1000, updatedAt: '2026-03-02T01:00:00.000Z' }],
      [String(zhang.id), { photoBytes: 1000, updatedAt: '2026-03-02T01:00:00.000Z' }, { photoBytes: PHOTO_MAX_BYTES, updatedAt: '2026-03-03T01:00:00.000Z' }],
      [String(zhang.id), { photoBytes: PHOTO_MAX_BYTES, updatedAt: '2026-03-03T01:00:00.000Z' }, null],
    ]);
  });

  it('refuse a photo too large, not a JPEG, of nobody, or removing none, changing nothing', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const zhang = await member(h, '张三');
    await h.invoke('members.setPhoto', { memberId: zhang.id, jpeg: jpeg(500) });
    const before = databaseHash(h.db);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]).toString('base64');
    for (const [input, code, field] of [
      [{ memberId: zhang.id, jpeg: jpeg(PHOTO_MAX_BYTES + 3) }, 'VALIDATION', 'jpeg'],
      [{ memberId: zhang.id, jpeg: png }, 'VALIDATION', 'jpeg'],
      [{ memberId: zhang.id, jpeg: 'data:image/jpeg;base64,' + jpeg(100) }, 'VALIDATION', 'jpeg'],
      [{ memberId: zhang.id, jpeg: '' }, 'VALIDATION', 'jpeg'],
      [{ memberId: zhang.id }, 'VALIDATION', 'jpeg'],
      [{ memberId: 999, jpeg: jpeg(100) }, 'NOT_FOUND', null],
    ] as const) {
      const e = await failure(h.invoke('members.setPhoto', input as never));
      expect(e.code).toBe(code);
      if (field) expect(JSON.stringify(e.details)).toContain(field);
    }
    expect(h.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'member_photo'").get()).toEqual({ n: 1 });
    const other = await member(h, '李四');
    const mid = databaseHash(h.db);
    expect((await failure(h.invoke('members.removePhoto', { memberId: other.id }))).code).toBe('NOT_FOUND');
    expect(databaseHash(h.db)).toBe(mid);
    expect(before).not.toBe(mid);
    // Behind the contract, the table refuses what code should never write.
    const insert = h.db.prepare('INSERT INTO member_photos (member_id, jpeg, updated_at) VALUES (?, ?, ?)');
    expect(() => insert.run(other.id, jpeg(PHOTO_MAX_BYTES + 3), 'x')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(other.id, png, 'x')).toThrow(/CHECK constraint failed/);
  });

  it('a merge keeps the kept member’s photo and takes the other’s only when it has none', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const a = await member(h, '张三', { phone: '13800138000' });
    const b = await member(h, '张三', { phone: '13800138001' });
    const c = await member(h, '王五');
    await h.invoke('members.setPhoto', { memberId: a.id, jpeg: jpeg(100, 0x0a) });
    await h.invoke('members.setPhoto', { memberId: b.id, jpeg: jpeg(100, 0x0b) });
    await h.invoke('members.merge', { keepId: a.id, mergeId: b.id });
    expect((await h.invoke('members.photo', { memberId: a.id }))!.jpeg).toBe(jpeg(100, 0x0a));
    expect((await h.invoke('members.photo', { memberId: b.id }))!.jpeg).toBe(jpeg(100, 0x0b));
    const r = await h.invoke('members.merge', { keepId: c.id, mergeId: a.id });
    expect(r.moved['member_photos.member_id']).toBe(1);
    expect((await h.invoke('members.photo', { memberId: c.id }))!.jpeg).toBe(jpeg(100, 0x0a));
    expect(await h.invoke('members.photo', { memberId: a.id })).toBeNull();
  });
});
