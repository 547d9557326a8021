import { describe, expect, it } from 'vitest';
import { cachedSettings } from '../../support/cached-settings';
import { defaultSettings, type SettingsService } from '../../../electron/ops/settings/service';

describe('cachedSettings', () => {
  it('reads the settings once per synchronous stretch and again after the next microtask', async () => {
    let reads = 0;
    let current = defaultSettings('en', 'Asia/Shanghai');
    const inner = { get: () => (reads++, current) } as unknown as SettingsService;
    const cached = cachedSettings(inner);
    expect([cached.get().paymentTermsDays, cached.get().paymentTermsDays, reads]).toEqual([7, 7, 1]);
    current = { ...current, paymentTermsDays: 14 };
    expect(cached.get().paymentTermsDays).toBe(7);
    await Promise.resolve();
    expect([cached.get().paymentTermsDays, reads]).toEqual([14, 2]);
  });
});
