import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/host';
import { expect, screenshot, test } from './harness';

test('restore a backup from Settings and see the older data', async ({ app }) => {
  await app.setup('en');
  await app.host.invoke('plans.create', { kind: 'recurring', name: 'Morning Yoga', price: 19900, interval: 'month' });
  app.clock.set('2026-03-02T02:30:00.000Z');
  const { page } = app;
  await page.goto(`${app.url}#/settings`);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText('Backup made and verified')).toBeVisible();
  const table = page.getByRole('table', { name: 'Backups' });
  await expect(table.getByRole('row')).toHaveCount(3); // header, the manual copy, the day's first-start copy
  await expect(table.getByRole('row').nth(1)).toContainText('By hand');
  await expect(table.getByRole('row').nth(1)).toContainText('Verified');
  await expect(table.getByRole('row').nth(2)).toContainText('Daily');

  // Later changes that the restore must undo.
  app.clock.set('2026-03-02T05:00:00.000Z');
  await app.host.invoke('settings.update', { businessName: 'Renamed Gym' });
  await app.host.invoke('plans.create', { kind: 'recurring', name: 'Late Plan', price: 9900, interval: 'month' });
  await page.reload();
  await expect(page.getByRole('navigation')).toContainText('Renamed Gym');
  await screenshot(page, 'backups-en');

  const manual = table.getByRole('row').nth(1);
  await manual.getByRole('button', { name: /^Restore/ }).click();
  await expect(page.getByRole('dialog')).toContainText('A copy of the current data is made first');
  await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText(/^Restored the backup from/)).toBeVisible();
  await expect(page.getByRole('navigation')).toContainText('Sunrise Fitness');
  await expect(page.getByLabel('Business name')).toHaveValue('Sunrise Fitness');
  await page.getByRole('link', { name: 'Plans' }).click();
  await expect(page.getByText('Morning Yoga')).toBeVisible();
  await expect(page.getByText('Late Plan')).toHaveCount(0);
  // The copy taken before the restore is listed, so the restore can be undone.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('Before restore');
});

test('a backup folder that is gone is reported, not swallowed, in Chinese', async ({ app }) => {
  await app.setup('zh-CN');
  const { page } = app;
  await page.goto(`${app.url}#/settings`);
  const usb = path.join(tempDir(), 'U盘');
  // The folder is picked in the OS dialog main opens (played by the harness); no path is typed.
  app.dialogs.answer(usb);
  await page.getByRole('button', { name: '选择文件夹…' }).click();
  await expect(page.getByText('备份文件夹已保存')).toBeVisible();
  await expect(page.getByText(usb)).toBeVisible();
  expect(app.dialogs.shown).toEqual([{ kind: 'folder', title: '选择备份文件夹' }]);
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText(/^上次备份失败（.*）：备份文件夹不存在——U 盘是否已插入？$/)).toBeVisible();
  await screenshot(page, 'backups-failed-zh');
  fs.mkdirSync(usb);
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText('备份已完成并通过校验')).toBeVisible();
  await expect(page.getByText(/^上次备份失败/)).toHaveCount(0);
  expect(fs.readdirSync(usb).filter((f) => f.endsWith('-manual.sqlite'))).toHaveLength(1);
  await screenshot(page, 'backups-zh');
});

test('a damaged data file is never written to and the app offers the newest verified backup', async ({ app }) => {
  await app.setup('en');
  await app.host.invoke('settings.update', { address: 'Before the disk failed' });
  app.clock.set('2026-03-02T03:00:00.000Z');
  await app.host.invoke('backup.now', {});
  app.host.close();
  const file = path.join(app.dataDir, 'subdesk.sqlite');
  const bytes = fs.readFileSync(file);
  for (let i = 8192; i < bytes.length; i += 13) bytes[i] = 0xa5;
  fs.writeFileSync(file, bytes);
  await app.restartHost();

  const { page } = app;
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'The data file is damaged' })).toBeVisible();
  await screenshot(page, 'damaged-en');
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  await page.getByRole('button', { name: /^Restore the newest backup/ }).click();
  // The only person on the restored data is already chosen: just the PIN.
  await expect(page.getByRole('heading', { name: 'Who is at the desk?' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Sign in' })).toContainText('Owner');
  await page.getByLabel('PIN').fill('1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Address')).toHaveValue('Before the disk failed');
});

test('export picks its file in the save dialog, never replaces a file, and forces the extension', async ({ app }) => {
  await app.setup('en');
  const { page } = app;
  await page.goto(`${app.url}#/settings`);
  const dir = tempDir();
  // Cancelled: nothing is written, nothing is said.
  app.dialogs.answer(null);
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect.poll(() => app.dialogs.shown.length).toBe(1);
  expect(fs.readdirSync(dir)).toEqual([]);

  app.dialogs.answer(path.join(dir, 'for-the-accountant'));
  await page.getByRole('button', { name: 'Export…' }).click();
  const file = path.join(dir, 'for-the-accountant.sqlite');
  await expect(page.getByText(`Exported to ${file}`)).toBeVisible();
  expect(app.dialogs.shown[1]).toEqual({ kind: 'save', title: 'Export the whole business', defaultName: 'subdesk-export-2026-03-02.sqlite', extensions: ['sqlite'] });
  const bytes = fs.readFileSync(file);

  // The same name again: refused with the reason, and the first export is untouched.
  app.dialogs.answer(file);
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByText('A file with that name already exists. Subdesk never replaces a file: choose another name.')).toBeVisible();
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  expect(fs.readdirSync(dir)).toEqual(['for-the-accountant.sqlite']);
  await screenshot(page, 'backups-export-exists-en');

  // Import: confirmed first, then the file is picked; a cancelled pick changes nothing.
  await app.host.invoke('settings.update', { address: 'After the export' });
  app.dialogs.answer(null);
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Choose the file' }).click();
  await expect.poll(() => app.dialogs.shown.length).toBe(4);
  expect(app.dialogs.shown[3]).toMatchObject({ kind: 'open', extensions: ['sqlite'] });
  expect((await app.host.invoke('settings.get', {})).address).toBe('After the export');
  app.dialogs.answer(file);
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Choose the file' }).click();
  await expect(page.getByText('Imported; the current data was saved first')).toBeVisible();
  expect((await app.host.invoke('settings.get', {})).address).toBe('');
});
