import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { deskHost, member } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

async function people() {
  th = await deskHost();
  const h = th.host;
  const zhang = await member(h, '张三', { phone: '138-0013-8000', cardNo: 'A1001' });
  const zhangfeng = await member(h, '张三丰', { phone: '139 0000 1111' });
  const smith = await member(h, 'John Smith', { phone: '+1 555 0100', cardNo: 'B-2' });
  const lv = await member(h, '吕布', { phone: '13700000001' });
  const zeng = await member(h, '曾小贤', { phone: '13700000002' });
  const wang = await member(h, '王芳', { cardNo: '13800138000' }); // a card number that is someone's phone
  return { h, zhang, zhangfeng, smith, lv, zeng, wang };
}

const names = (hits: { name: string; match: string }[]) => hits.map((x) => `${x.name}:${x.match}`);

describe('members.search', () => {
  it('finds 张三 by pinyin initials, full pinyin, characters and spaced pinyin, exact matches first', async () => {
    const { h } = await people();
    expect(names(await h.invoke('members.search', { query: 'zs' }))).toEqual(['张三:name', '张三丰:start']);
    expect(names(await h.invoke('members.search', { query: 'zhangsan' }))).toEqual(['张三:name', '张三丰:start']);
    expect(names(await h.invoke('members.search', { query: 'ZhangSan' }))).toEqual(['张三:name', '张三丰:start']);
    expect(names(await h.invoke('members.search', { query: '张三' }))).toEqual(['张三:name', '张三丰:start']);
    expect(names(await h.invoke('members.search', { query: 'zhang san' }))).toEqual(['张三:name', '张三丰:partial']);
    expect(names(await h.invoke('members.search', { query: 'zsf' }))).toEqual(['张三丰:name']);
    // Later characters and syllables: the given name.
    expect(names(await h.invoke('members.search', { query: '三丰' }))).toEqual(['张三丰:partial']);
    expect(names(await h.invoke('members.search', { query: 'sanfeng' }))).toEqual(['张三丰:partial']);
  });

  it('reads surnames as surnames and ü as v or u', async () => {
    const { h } = await people();
    expect(names(await h.invoke('members.search', { query: 'zxx' }))).toEqual(['曾小贤:name']);
    expect(names(await h.invoke('members.search', { query: 'zengxiaoxian' }))).toEqual(['曾小贤:name']);
    expect(names(await h.invoke('members.search', { query: 'lvbu' }))).toEqual(['吕布:name']);
    expect(names(await h.invoke('members.search', { query: 'lubu' }))).toEqual(['吕布:name']);
  });

  it('finds any part of a phone number, however it was typed', async () => {
    const { h } = await people();
    expect(names(await h.invoke('members.search', { query: '0013' }))).toEqual(['王芳:partial', '张三:partial']);
    expect(names(await h.invoke('members.search', { query: '8000' }))).toEqual(['王芳:partial', '张三:partial']);
    expect(names(await h.invoke('members.search', { query: '+86 138 0013 8000' }))).toEqual(['王芳:card', '张三:phone']);
    expect(names(await h.invoke('members.search', { query: '139' }))).toEqual(['张三丰:start']);
    expect(names(await h.invoke('members.search', { query: '1390000 1111' }))).toEqual(['张三丰:phone']);
    expect(names(await h.invoke('members.search', { query: '5550100' }))).toEqual(['John Smith:partial']);
  });

  it('puts the exact card number first, as a barcode scanner types it', async () => {
    const { h } = await people();
    expect(names(await h.invoke('members.search', { query: 'A1001' }))).toEqual(['张三:card']);
    expect(names(await h.invoke('members.search', { query: 'a1001' }))).toEqual(['张三:card']);
    expect(names(await h.invoke('members.search', { query: 'B-2' }))).toEqual(['John Smith:card']);
    // 13800138000 is 王芳's card and 张三's phone: the card wins.
    expect(names(await h.invoke('members.search', { query: '13800138000' }))).toEqual(['王芳:card', '张三:phone']);
  });

  it('finds latin names by any word start, case-insensitively', async () => {
    const { h } = await people();
    expect(names(await h.invoke('members.search', { query: 'smi' }))).toEqual(['John Smith:start']);
    expect(names(await h.invoke('members.search', { query: 'john smith' }))).toEqual(['John Smith:name']);
    expect(names(await h.invoke('members.search', { query: 'smith jo' }))).toEqual(['John Smith:start']);
    expect(names(await h.invoke('members.search', { query: 'johnsmith' }))).toEqual(['John Smith:name']);
    expect(await h.invoke('members.search', { query: 'xyz' })).toEqual([]);
    expect(await h.invoke('members.search', { query: '   ' })).toEqual([]);
  });

  it('returns list rows with payer name and badges, and follows renames', async () => {
    const { h, zhang } = await people();
    const kid = await member(h, '张小明', { payerId: zhang.id, tags: ['少儿'] });
    const [hit] = await h.invoke('members.search', { query: 'zxm' });
    expect(hit).toEqual({
      id: kid.id,
      name: '张小明',
      phone: '',
      cardNo: null,
      birthday: null,
      tags: ['少儿'],
      payerId: zhang.id,
      payerName: '张三',
      mergedInto: null,
      badges: [],
      due: null,
      match: 'name',
    });
    await h.invoke('members.update', { id: kid.id, member: { name: '李小明', payerId: zhang.id } });
    expect(await h.invoke('members.search', { query: 'zxm' })).toEqual([]);
    expect(names(await h.invoke('members.search', { query: 'lxm' }))).toEqual(['李小明:name']);
  });

  it('limits the hits and refuses bad input without changing anything', async () => {
    const { h } = await people();
    expect(names(await h.invoke('members.search', { query: 'z', limit: 2 }))).toEqual(['曾小贤:start', '张三:start']);
    const before = databaseHash(h.db);
    expect((await failure(h.invoke('members.search', { query: 'x'.repeat(101) }))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('members.search', { query: 'zs', limit: 0 }))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('members.search', { query: 'zs', limit: 201 }))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('members.search', { query: 42 } as never))).code).toBe('VALIDATION');
    expect(databaseHash(h.db)).toBe(before);
  });
});

describe('members.list', () => {
  it('pages through everyone in pinyin order, by card, or newest first', async () => {
    const { h } = await people();
    const page = async (sort: 'name' | 'card' | 'newest' | 'oldest', offset = 0, limit = 100) => {
      const r = await h.invoke('members.list', { sort, offset, limit });
      return { total: r.total, names: r.rows.map((m) => m.name) };
    };
    expect(await page('name')).toEqual({ total: 6, names: ['John Smith', '吕布', '王芳', '曾小贤', '张三', '张三丰'] });
    expect(await page('name', 2, 2)).toEqual({ total: 6, names: ['王芳', '曾小贤'] });
    expect(await page('card')).toEqual({ total: 6, names: ['王芳', '张三', 'John Smith', '张三丰', '吕布', '曾小贤'] });
    expect(await page('newest', 0, 3)).toEqual({ total: 6, names: ['王芳', '曾小贤', '吕布'] });
    expect(await page('oldest', 5)).toEqual({ total: 6, names: ['王芳'] });
    expect((await failure(h.invoke('members.list', { limit: 501 }))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('members.list', { sort: 'phone' } as never))).code).toBe('VALIDATION');
  });
});

describe('members.duplicates', () => {
  it('finds the same phone in any format, and the same name with the same birthday', async () => {
    const { h, zhang, zhangfeng } = await people();
    const twin = await member(h, '张三', { birthday: '1990-05-01' });
    const dupes = async (input: { name: string; phone?: string; birthday?: string | null; excludeId?: number | null }) =>
      (await h.invoke('members.duplicates', input)).map((m) => m.id);
    expect(await dupes({ name: '张四', phone: '13800138000' })).toEqual([zhang.id]);
    expect(await dupes({ name: '张四', phone: '+86 139-0000-1111' })).toEqual([zhangfeng.id]);
    expect(await dupes({ name: '张四', phone: '139-0000-1111' })).toEqual([zhangfeng.id]);
    expect(await dupes({ name: '张三', birthday: '1990-05-01' })).toEqual([twin.id]);
    expect(await dupes({ name: '张三', birthday: '1990-05-02' })).toEqual([]);
    expect(await dupes({ name: '张三', phone: '138 0013 8000', birthday: '1990-05-01', excludeId: zhang.id })).toEqual([twin.id]);
    expect((await failure(h.invoke('members.duplicates', { name: '张三', birthday: '1990-02-30' }))).code).toBe('VALIDATION');
  });
});

describe('the search index', () => {
  it('re-indexes members written with an older search text when the host starts', async () => {
    th = await deskHost();
    await member(th.host, '欧阳娜娜', { phone: '13900000000' });
    th.host.db.prepare("UPDATE members SET search_text = '欧阳娜娜 13900000000'").run();
    expect(await th.host.invoke('members.search', { query: 'oynn' })).toEqual([]);
    const h = await th.reopen();
    expect((await h.invoke('members.search', { query: 'oynn' })).map((m) => m.name)).toEqual(['欧阳娜娜']);
    expect((await h.invoke('members.search', { query: '0000' })).map((m) => m.name)).toEqual(['欧阳娜娜']);
  });
});
