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

  it('translate every error code', () => {
    for (const code of ERROR_CODES) {
      expect(en.get(`errors.${code}`), code).toBeTruthy();
      expect(zh.get(`errors.${code}`), code).toBeTruthy();
    }
  });
});
