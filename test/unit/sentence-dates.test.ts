import { describe, expect, it } from 'vitest';
import { i18n, initI18n, interpolated } from '../../renderer/app/i18n';
import { errorText } from '../../renderer/app/errors';
import { ApiError } from '../../renderer/lib/api';

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

describe('a date outside its range names the range the host sent', () => {
  const wire = (details: Record<string, unknown> | undefined, code = 'DATE_OUT_OF_RANGE') =>
    new ApiError({ code, message: 'x', ...(details ? { details } : {}) } as ConstructorParameters<typeof ApiError>[0]);
  it('one day, two ends, a first day; anything else as before', async () => {
    initI18n('en');
    await i18n.changeLanguage('en');
    const t = i18n.t.bind(i18n);
    expect(errorText(t, wire({ field: 'effectiveDate', date: '2027-01-20', from: '2027-02-05', to: '2027-02-05' }))).toBe('This change can only take effect on Feb 5, 2027.');
    expect(errorText(t, wire({ from: '2027-01-05', to: '2027-02-04' }))).toBe('Choose a date from Jan 5, 2027 to Feb 4, 2027.');
    expect(errorText(t, wire({ from: '2027-01-05', to: null }))).toBe('Choose a date on or after Jan 5, 2027.');
    expect(errorText(t, wire({ field: 'date', date: '2027-01-01', min: '2027-01-05' }))).toBe('Choose a date on or after Jan 5, 2027.');
    expect(errorText(t, wire(undefined))).toBe('That date is outside the allowed range for this change.');
    expect(errorText(t, wire({ from: '2027-01-05', to: '2027-01-05' }, 'NOT_CANCELLING'))).toBe('The membership is not set to cancel.');
    await i18n.changeLanguage('zh-CN');
    expect(errorText(t, wire({ from: '2027-02-05', to: '2027-02-05' }))).toBe('此操作只能在 2027年2月5日 生效。');
    expect(errorText(t, wire({ from: '2027-01-05', to: '2027-02-04' }))).toBe('请选择 2027年1月5日 至 2027年2月4日 之间的日期。');
    expect(errorText(t, wire({ from: '2027-01-05', to: null }))).toBe('请选择 2027年1月5日 或之后的日期。');
    await i18n.changeLanguage('en');
  });
});
