/**
 * Times in the audit log and the backups list are the business's (Asia/Shanghai), whatever zone the PC
 * is set to (New York here): a clerk reads 10:30 in the morning for something done at 10:30 at the desk.
 */
import { expect, screenshot, test } from './harness';

const WORDS = {
  en: { audit: 'Audit log', backups: 'Backups', backUp: 'Back up now', made: 'Backup made and verified', plan: 'Owner created the plan Morning Yoga at ¥199.00' },
  'zh-CN': { audit: '审计日志', backups: '备份', backUp: '立即备份', made: '备份已完成并通过校验', plan: 'Owner 新建套餐 Morning Yoga，价格 ¥199.00' },
} as const;

test.describe('with the PC in another time zone', () => {
  test.use({ timezoneId: 'America/New_York' });
  for (const locale of ['en', 'zh-CN'] as const) {
    test(`the audit log and the backups list give times in the business time zone (${locale})`, async ({ app }) => {
      const w = WORDS[locale];
      await app.setup(locale);
      // 10:30 on Mar 2 in Shanghai is 21:30 on Mar 1 in New York.
      app.clock.set('2026-03-02T02:30:00.000Z');
      await app.host.invoke('plans.create', { kind: 'recurring', name: 'Morning Yoga', price: 19900, interval: 'month' });
      const at = new Date('2026-03-02T02:30:00.000Z');
      const inZone = (timeZone: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
      const shanghai = inZone('Asia/Shanghai');
      expect(shanghai).toBe(locale === 'en' ? 'Mar 2, 2026, 10:30 AM' : '2026年3月2日 10:30');
      const newYork = inZone('America/New_York');
      const { page } = app;
      await page.setViewportSize({ width: 1280, height: 720 });

      await page.goto(`${app.url}#/audit`);
      const entry = page.getByRole('table', { name: w.audit }).getByRole('row').filter({ hasText: w.plan });
      await expect(entry).toHaveCount(1);
      await expect(entry.getByRole('cell').nth(1)).toHaveText(shanghai);
      await expect(entry).not.toContainText(newYork);
      await screenshot(page, `business-time-audit-${locale}`);

      await page.goto(`${app.url}#/settings`);
      await page.getByRole('button', { name: w.backUp }).click();
      await expect(page.getByText(w.made)).toBeVisible();
      const backups = page.getByRole('table', { name: w.backups });
      await expect(backups.getByRole('row').nth(1)).toContainText(shanghai);
      await expect(backups).not.toContainText(newYork);
      await screenshot(page, `business-time-backups-${locale}`);
    });
  }
});
