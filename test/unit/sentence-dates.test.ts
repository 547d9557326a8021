import { describe, expect, it } from 'vitest';
import { i18n, initI18n, interpolated } from '../../renderer/app/i18n';

describe('a business date inside a sentence reads in the reader’s language', () => {
  it('one value: an ISO date becomes the language’s date, anything else passes unchanged', () => {
    expect(interpolated('2027-02-04', 'zh-CN')).toBe('2027年2月4日');
    expect(interpolated('2027-02-04', 'en')).toBe('Feb 4, 2027');
    expect(interpolated('2027-02-30', 'en')).toBe('2027-02-30');
    expect(interpolated('INV-2027-00004', 'en')).toBe('INV-2027-00004');
    expect(interpolated('2027-02-04T10:00:00Z', 'en')).toBe('2027-02-04T10:00:00Z');
    expect(interpolated(12, 'en')).toBe(12);
  });

  it('every translated sentence gets it, in both languages', async () => {
    initI18n('zh-CN');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('members.cancel.atEndNothing', { date: '2027-02-04' })).toBe(
      '不冲抵：会员卡于 2027年2月4日 结束。',
    );
    await i18n.changeLanguage('en');
    expect(i18n.t('members.cancel.atEndNothing', { date: '2027-02-04' })).toBe(
      'Nothing is credited: the membership ends on Feb 4, 2027.',
    );
    expect(i18n.t('members.import.formats')).toContain('2026-03-15');
  });
});
