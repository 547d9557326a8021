/**
 * What a member is found by (members.search_text): the exact text for names, phones and cards of
 * every kind the desk meets. The index's rows and the member list's order are built from it, so a
 * change here changes what existing searches find: these values were recorded before the text was
 * built faster (session 10) and must not move.
 */
import { describe, expect, it } from 'vitest';
import { phoneKey, searchText } from '../../electron/desk/members/search-text';

describe('searchText', () => {
  it.each([
    [
      { name: '曾小单', phone: '+86 139 0000 1111', cardNo: 'A-1001' },
      'zengxiaodan 曾小单 zxd 8613900001111 13900001111 a1001 | 小单 单 xiaodan dan xd d 613900001111 3900001111 900001111 00001111 0001111 001111 01111 1111 111 1001 001',
    ],
    [{ name: 'Anna Lee', phone: '', cardNo: null }, 'annalee anna lee | '],
    [
      { name: 'abc张三', phone: '１３８００１３８０００', cardNo: 'ｂ７７' },
      'zhangsan abc张三 zs 13800138000 b77 | bc张三 c张三 张三 三 san s 3800138000 800138000 00138000 0138000 138000 38000 8000 000',
    ],
    [
      { name: '吕 Émile', phone: '0086 13800138000', cardNo: null },
      'lvémile 吕 émile 吕émile lv l lu 008613800138000 13800138000 | 08613800138000 8613800138000 613800138000 3800138000 800138000 00138000 0138000 138000 38000 8000 000',
    ],
    [{ name: '豈龜', phone: '12', cardNo: '' }, 'qigui 豈龜 qg 12 | 龜 gui g'],
    [{ name: '·・', phone: '', cardNo: null }, '~ | '],
  ])('%j', (member, text) => {
    expect(searchText(member)).toBe(text);
  });

  it('lists a token once: a tail that is already a head token, or an earlier tail, is left out', () => {
    const text = searchText({ name: '三三', phone: '333', cardNo: '333' });
    const [head, tail] = text.split(' | ');
    const words = [...head!.split(' '), ...tail!.split(' ').filter(Boolean)];
    expect(new Set(words).size).toBe(words.length);
    expect(text).toBe('sansan 三三 ss 333 | 三 san s');
  });

  it('reads +86 and 0086 off a mainland mobile, and nothing off any other number', () => {
    expect(phoneKey('+86 139-0000-1111')).toBe('13900001111');
    expect(phoneKey('008613900001111')).toBe('13900001111');
    expect(phoneKey('86 2112345678')).toBe('862112345678');
  });
});
