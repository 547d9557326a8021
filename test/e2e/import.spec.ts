/**
 * The first import of a Chinese gym: the GBK CSV its Excel exports (header "下次扣费日"), one plan
 * name mapped, one bad birthday left out, a pack with sessions left, a member already here; then
 * the corrected file chosen again is read again. Both languages, both front-desk screen sizes.
 */
import type { Page } from '@playwright/test';
import type { Host } from '../../electron/host/host';
import { gb18030 } from '../support/gbk';
import { expect, screenshot, test } from './harness';

const GBK_FILE = [
  '姓名,手机,会员卡号,生日,会员卡类型,下次扣费日,剩余课时,有效期至',
  '张三,13800138000,A1001,1990/5/1,月卡,2026/3/15,,',
  '李四,13900139000,A1002,1985-13-40,月卡,2026-04-01,,',
  '王五,13700137000,A1003,,10次课时包,,7,2026/5/31',
  '赵六,13600136000,A1001,,月卡,2026-03-20,,',
  '钱七,135 0013 5000,,,,,,',
].join('\r\n');

async function seed(host: Host) {
  const month = await host.invoke('plans.create', { kind: 'recurring', name: 'Monthly', price: 30000, interval: 'month', taxRateBp: 0 });
  await host.invoke('plans.create', { kind: 'pack', name: '10次课时包', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
  await host.invoke('members.create', { name: '钱七', phone: '13500135000' });
  return { month };
}

const TEXT = {
  en: {
    choose: 'Choose a file…',
    next: 'Next billing date',
    use: 'Use “Monthly”',
    skip: 'Import without it',
    repeated: 'Card: also on line 2',
    here: 'Already here (钱七): skipped',
    commit: 'Import 3 members',
    done: '3 members imported, 2 with their current plan. 1 with a pack. 1 already here, skipped (line 6).',
    left: 'Birthday: “1985-13-40” left out',
    again: 'Already here (张三): skipped',
  },
  zh: {
    choose: '选择文件…',
    next: '下次扣费日期',
    use: '使用“Monthly”',
    skip: '不导入此项',
    repeated: '卡号：与第 2 行重复',
    here: '已存在（钱七）：跳过',
    commit: '导入 3 位会员',
    done: '已导入 3 位会员，其中 2 位带有当前套餐。1 位带有课时包。1 位已存在，已跳过（第 6 行）。',
    left: '生日：“1985-13-40”未导入',
    again: '已存在（张三）：跳过',
  },
};

const chooseFile = (page: Page, label: string) =>
  page.getByLabel(label).setInputFiles({ name: '会员名单.csv', mimeType: 'text/csv', buffer: Buffer.from(gb18030(GBK_FILE)) });

for (const size of [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
]) {
  for (const lang of ['en', 'zh'] as const) {
    test(`imports the GBK file of Chinese Excel after one plan choice, ${lang} at ${size.width}x${size.height}`, async ({ app }) => {
      await app.setup(lang === 'zh' ? 'zh-CN' : 'en');
      await seed(app.host);
      const { page } = app;
      const s = TEXT[lang];
      const shot = (step: string) => screenshot(page, `import-${step}-${lang}-${size.width}`);
      await page.setViewportSize(size);
      await page.goto(`${app.url}#/members?view=import`);
      await chooseFile(page, s.choose);
      await expect(page.getByText('GB18030 / GBK')).toBeVisible();
      await expect(page.getByRole('combobox', { name: s.next, exact: true })).toHaveValue('5');
      await shot('1-columns');

      await page.getByRole('button', { name: s.use }).click();
      await expect(page.getByRole('button', { name: s.use })).toHaveCount(0);
      await page.getByText('“10次课时包”').scrollIntoViewIfNeeded();
      await shot('2-plans');

      const rows = page.getByRole('table');
      await expect(rows).toContainText(s.repeated);
      await expect(rows).toContainText(s.here);
      await rows.getByRole('row', { name: /李四/ }).getByRole('button', { name: s.skip }).click();
      await expect(rows).toContainText(s.left);
      await rows.scrollIntoViewIfNeeded();
      await shot('3-rows');

      await page.getByRole('button', { name: s.commit }).click();
      await expect(page.getByText(s.done)).toBeVisible();
      await shot('4-done');
      expect((await app.host.invoke('members.list', {})).total).toBe(4);
      const wang = (await app.host.invoke('members.search', { query: 'A1003' }))[0]!;
      expect((await app.host.invoke('packs.listByMember', { memberId: wang.id }))[0]).toMatchObject({ sessionsTotal: 7, expiresOn: '2026-06-01', invoiceId: null });

      // The same file chosen again is read again: its members are now here; the plan choice is kept.
      await chooseFile(page, s.choose);
      await expect(page.getByRole('table')).toContainText(s.again);
      await expect(page.getByRole('button', { name: s.use })).toHaveCount(0);
      await shot('5-again');
    });
  }
}

test('downloads the template in the clerk’s language, and the importer reads it', async ({ app }) => {
  await app.setup('zh-CN');
  const { page } = app;
  await page.goto(`${app.url}#/members?view=import`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Excel', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('会员导入模板.xlsx');
  const bytes = await (await import('node:fs/promises')).readFile(await file.path());
  await page.getByLabel('选择文件…').setInputFiles({ name: '会员导入模板.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
  await expect(page.getByText('Excel 工作簿')).toBeVisible();
  await expect(page.locator('label', { hasText: '“月卡”' })).toBeVisible();
  await expect(page.locator('label', { hasText: '“10 次课时包”' })).toBeVisible();
  await screenshot(page, 'import-template-zh-1280');
});

test('pages through a file of 250 rows, shows only the rows with errors, and imports every ready row but an unticked one', async ({ app }) => {
  await app.setup('en');
  await seed(app.host);
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 720 });
  // Every 10th row has a bad birthday; the rest are ready.
  const rows = Array.from({ length: 250 }, (_, k) => `Member ${k + 1},1390000${String(k + 1).padStart(4, '0')},${(k + 1) % 10 === 0 ? '1990-13-01' : '1990-01-01'}`);
  await page.goto(`${app.url}#/members?view=import`);
  await page.getByLabel('Choose a file…').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(['Name,Phone,Birthday', ...rows].join('\n')) });
  await expect(page.getByText('Rows 1–100 of 250')).toBeVisible();
  await expect(page.getByText('Errors by field: Birthday 25')).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('checkbox', { name: 'Import line 2', exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Rows 101–200 of 250')).toBeVisible();
  await expect(table).toContainText('Member 101');
  await table.getByRole('checkbox', { name: 'Import line 103' }).uncheck();
  await screenshot(page, 'import-6-pages-en-1280');

  await page.getByRole('radio', { name: 'With errors (25)' }).click();
  await expect(page.getByText('Rows 1–')).toHaveCount(0);
  await expect(table.getByRole('checkbox', { name: 'Import line 11', exact: true })).toBeDisabled();
  await expect(table).toContainText('Birthday: “1990-13-01” is not a date');
  await expect(table.getByRole('checkbox', { name: 'Import line 102', exact: true })).toHaveCount(0);
  await screenshot(page, 'import-7-errors-en-1280');

  await page.getByRole('button', { name: 'Import 224 members' }).click();
  await expect(page.getByText('224 members imported, 0 with their current plan.')).toBeVisible();
  expect((await app.host.invoke('members.list', {})).total).toBe(225);
  // Line 103 (Member 102) was unticked; line 102 (Member 101) came in.
  expect(await app.host.invoke('members.search', { query: '13900000102' })).toHaveLength(0);
  expect((await app.host.invoke('members.search', { query: '13900000101' })).map((m) => m.name)).toEqual(['Member 101']);
});
