/** The field errors hostile input produces are shown translated, in English and Chinese. */
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { resources } from '../../renderer/app/i18n';
import { fieldErrorText } from '../../renderer/app/errors';
import { memberInput } from '../../electron/contract/members';

async function t(lng: 'en' | 'zh-CN') {
  const i = i18next.createInstance();
  await i.init({ lng, resources, interpolation: { escapeValue: false } });
  return i.t;
}

describe('hostile-input messages', () => {
  it('the schema refuses a bidi override in a name and a NUL in the notes with a translated issue', async () => {
    const r = memberInput.safeParse({ name: 'Ann\u202Ea', notes: 'a\u0000b', tags: ['ok', 'x\ny'] });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual([
      ['name', 'invalid_characters'],
      ['notes', 'invalid_characters'],
      ['tags.1', 'invalid_characters'],
    ]);
    expect(fieldErrorText(await t('en'), 'invalid_characters')).toBe('Remove control characters, line breaks or text-direction marks');
    expect(fieldErrorText(await t('zh-CN'), 'invalid_characters')).toBe('请删除控制字符、换行或文字方向字符');
    expect(fieldErrorText(await t('en'), 'birthday_future')).toBe('A birthday cannot be in the future');
    expect(fieldErrorText(await t('zh-CN'), 'birthday_future')).toBe('生日不能晚于今天');
  });

  it('the import issue and the card-clash notice read in both languages', async () => {
    const en = await t('en');
    const zh = await t('zh-CN');
    expect(en('members.import.issues.invalid_characters', { field: 'Name' })).toBe('Name: contains control or text-direction characters');
    expect(zh('members.import.issues.invalid_characters', { field: '姓名' })).toBe('姓名：含有控制字符或文字方向字符');
    expect(en('members.cardClashes.title', { count: 2 })).toMatch(/^2 card numbers are each held by two members/);
    expect(zh('members.cardClashes.title', { count: 1 })).toMatch(/^有 1 个卡号仅大小写不同/);
  });
});
