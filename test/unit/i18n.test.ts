import { describe, expect, it } from 'vitest';
import { resources } from '../../renderer/app/i18n';
import { ERROR_CODES } from '../../shared/errors';

function leaves(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

describe('translations', () => {
  const en = leaves(resources.en.translation);
  const zh = leaves(resources['zh-CN'].translation);

  it('have the same keys in English and Chinese', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('have no empty strings, and Chinese text in the Chinese tree', () => {
    for (const [k, v] of en) expect(v.trim(), k).not.toBe('');
    const chinese = [...zh.entries()].filter(([, v]) => /[\u4e00-\u9fff]/.test(v));
    // Product names, codes and language names may stay Latin; almost everything else is Chinese.
    expect(chinese.length / zh.size).toBeGreaterThan(0.85);
  });

  it('give every English count of things a singular form ("1 invoice", not "1 invoices")', () => {
    // Said only of many: the interval text for two or more (plans.every.*.one covers one), and the cap on search hits.
    const onlyMany = new Set(['plans.every.week.many', 'plans.every.month.many', 'plans.every.year.many', 'members.search.capped']);
    const plural = /\{\{count\}\} [a-z]+s\b/;
    const missing = [...en.entries()]
      .filter(([k, v]) => plural.test(v) && !onlyMany.has(k))
      .filter(([k]) => !(k.endsWith('_other') && en.has(`${k.slice(0, -'_other'.length)}_one`)))
      .map(([k, v]) => `${k}: ${v}`);
    expect(missing).toEqual([]);
  });

  it('translate every error code', () => {
    for (const code of ERROR_CODES) {
      expect(en.get(`errors.${code}`), code).toBeTruthy();
      expect(zh.get(`errors.${code}`), code).toBeTruthy();
    }
  });
});

/** Han characters, CJK punctuation and full-width forms: none of them belongs on an English screen. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * Latin words a Chinese screen may show: the product and the software it is built on, file formats and
 * encodings, keys on the keyboard, units, report abbreviations a Chinese owner reads as they are, and the
 * examples a field shows in the form it accepts.
 */
const ZH_LATIN = new Set([
  'Subdesk',
  'Electron',
  'Chromium',
  'Node',
  'js',
  'SQLite', // the product and what it runs on
  'PIN',
  'VIP',
  'MRR',
  'ARPU', // words used as they are in Chinese shops
  'CSV',
  'Excel',
  'xlsx',
  'PDF',
  'zip',
  'PNG',
  'JPEG',
  'GIF',
  'WebP',
  'UTF',
  'GB',
  'GBK',
  'BOM', // formats
  'Esc',
  'Ctrl',
  'Alt',
  'PgUp',
  'PgDn',
  'Home',
  'MB',
  'KB', // keys and units
  'YYYY',
  'YY',
  'MM',
  'DD',
  'rrggbb',
  'INV',
  'zs',
  'zhangsan', // format patterns and typed examples
]);
/** A language's own name is written in that language in both trees (the language switch). */
const OWN_NAME = new Set(['languages.en', 'languages.zh-CN']);

const latinWords = (text: string) =>
  text.replace(/\{\{[^}]*\}\}/g, '').match(/[A-Za-z]{2,}/g) ?? [];

describe('one language at a time', () => {
  const en = leaves(resources.en.translation);
  const zh = leaves(resources['zh-CN'].translation);

  it('no English string holds a Chinese character or full-width punctuation', () => {
    const mixed = [...en].filter(([k, v]) => !OWN_NAME.has(k) && CJK.test(v));
    expect(mixed).toEqual([]);
  });

  it('no English string writes its apostrophes curly (’ draws wide in the app font)', () => {
    const curly = [...en].filter(([, v]) => v.includes('\u2019')).map(([k, v]) => `${k}: ${v}`);
    expect(curly).toEqual([]);
  });

  it('no Chinese string holds an English word outside the short list of brand and format tokens', () => {
    const mixed = [...zh]
      .filter(([k]) => !OWN_NAME.has(k))
      .flatMap(([k, v]) =>
        latinWords(v)
          .filter((w) => !ZH_LATIN.has(w))
          .map((w) => `${k}: ${w}`),
      );
    expect(mixed).toEqual([]);
  });

  it('the checks catch what they are for', () => {
    expect(CJK.test('Top up (储值)')).toBe(true);
    expect(CJK.test('Daily closeout（')).toBe(true);
    expect(CJK.test('Give back ¥30.00 cash — Mar 2, 2026')).toBe(false);
    expect(latinWords('会员卡于 {{date}} 结束，Card ends').filter((w) => !ZH_LATIN.has(w))).toEqual(
      ['Card', 'ends'],
    );
    expect(latinWords('请输入 PIN 码（{{count}}）').filter((w) => !ZH_LATIN.has(w))).toEqual([]);
  });
});

describe('hints with a count read right at zero', () => {
  it('a plan without trial days says so, never "the plan\'s 0 trial days"', async () => {
    const { i18n, initI18n } = await import('../../renderer/app/i18n');
    initI18n('en');
    await i18n.loadLanguages(['en', 'zh-CN']);
    const en = i18n.getFixedT('en');
    const zh = i18n.getFixedT('zh-CN');
    expect(en('members.sell.trialHint', { count: 0 })).toBe('Empty: no trial, as the plan says');
    expect(en('members.sell.trialHint', { count: 7 })).toBe("Empty: the plan's 7 trial days");
    expect(zh('members.sell.trialHint', { count: 0 })).not.toMatch(/0/);
  });
});
