import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { tempDir } from '../support/host';
import { expect, screenshot, shootAtDeskSizes, test } from './harness';

/** A host answer the screen cannot read: the About screen throws while rendering. */
async function breakAboutScreen(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as never as { __subdeskInvoke(c: string, i: unknown): Promise<{ ok: boolean; data?: object }> };
    const real = w.__subdeskInvoke.bind(w);
    w.__subdeskInvoke = async (c, i) => {
      const r = await real(c, i);
      return c === 'system.info' && r.ok ? { ok: true, data: { ...r.data, runtime: null } } : r;
    };
  });
}

/** The About screen at the front desk's size, its versions shown. */
async function openAbout(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${url}#/about`);
  await expect(page.getByRole('heading', { name: 'About Subdesk' })).toBeVisible();
  await expect(page.getByText('Data format version')).toBeVisible();
}

test('the About screen shows the versions, and the owner exports diagnostics from it', async ({ app }) => {
  await app.setup('en');
  const { page } = app;
  await openAbout(page, app.url);
  await expect(page.getByText(app.dataDir)).toBeVisible();
  const target = path.join(tempDir(), 'support.zip');
  app.dialogs.answer(target);
  await page.getByRole('button', { name: 'Export diagnostics' }).click();
  await expect(page.getByText(`Diagnostics saved to ${target}`)).toBeVisible();
  expect(Object.keys(unzipSync(fs.readFileSync(target))).filter((n) => !n.startsWith('logs/')).sort()).toEqual(['billing-runs.json', 'integrity.txt', 'settings.json', 'versions.json']);
  await screenshot(page, 'about-en');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '关于 Subdesk' })).toBeVisible();
  await screenshot(page, 'about-zh');
});

test('a render error shows the recovery screen and reaches the support log', async ({ app }) => {
  await app.setup('en');
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${app.url}#/members`);
  await expect(page.getByRole('link', { name: 'About' })).toBeVisible();
  await breakAboutScreen(page);
  await page.getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'Subdesk hit a problem' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export diagnostics' })).toBeVisible();
  await screenshot(page, 'recovery-en');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: 'Subdesk 遇到了问题' })).toBeVisible();
  await screenshot(page, 'recovery-zh');
  const log = fs.readFileSync(path.join(app.dataDir, 'logs', 'subdesk.log'), 'utf8');
  expect(log).toMatch(/\[renderer\] render at .*: TypeError: /s);
  // Reload: a fresh page in the stored language, and the screen works again.
  await page.getByRole('button', { name: '重新加载' }).click();
  await expect(page.getByRole('heading', { name: 'About Subdesk' })).toBeVisible();
});

test('a desk clerk is not offered diagnostics on the About screen, and the recovery screen tells them to ask the owner, in both languages', async ({ app }) => {
  await app.setup('en');
  await app.signInAs('desk');
  const { page } = app;
  await openAbout(page, app.url);
  await expect(page.getByRole('button', { name: 'Export diagnostics' })).toHaveCount(0);
  // The recovery screen after a render error says the same.
  await page.goto(`${app.url}#/members`);
  await breakAboutScreen(page);
  await page.getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'Subdesk hit a problem' })).toBeVisible();
  await expect(page.getByText('Only the owner can export diagnostics. Ask the owner to sign in.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export diagnostics' })).toHaveCount(0);
  await shootAtDeskSizes(page, 'recovery-desk-en');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByText('只有店主可以导出诊断信息，请店主登录。')).toBeVisible();
  await shootAtDeskSizes(page, 'recovery-desk-zh');
});
