import type { Page } from '@playwright/test';
import { expect, screenshot, test, type AppFixture } from './harness';

/** The navigation's screens (renderer/app/routes.tsx); hidden ones lead back into the app. */
const PATHS = ['/dashboard', '/members', '/checkin', '/classes', '/plans', '/invoices', '/payments', '/reports', '/expenses', '/billing', '/staff', '/audit', '/settings', '/about'];

/** Opens `path` afresh, so the screen reads who is signed in (and what they may call) from the host. */
async function open(app: AppFixture, path: string): Promise<Page> {
  const { page } = app;
  await page.goto('about:blank');
  await page.goto(`${app.url}#${path}`);
  await expect(page.locator('main h1').first()).toBeVisible();
  return page;
}

/** The channels behind every visible action button on the current screen. */
async function shownChannels(page: Page): Promise<string[]> {
  return page.locator('[data-channel]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-channel') ?? ''));
}

/** The screen's channels, then each of its tabs' (the segmented choices of the page) in turn. */
async function channelsWithTabs(page: Page): Promise<string[]> {
  const out = await shownChannels(page);
  // A dialog open over the screen (an invoice) is its own stop: its buttons are counted, the tabs under it are not reachable.
  if ((await page.getByRole('dialog').count()) > 0) return out;
  const radios = page.locator('main [role=radiogroup] [role=radio]');
  // The choices as first shown (a choice may bring its own further choices; those are not walked).
  const names = (await radios.allTextContents()).map((n) => n.trim());
  for (const name of names) {
    const tab = radios.filter({ hasText: name }).first();
    if ((await tab.count()) === 0) continue;
    await tab.click();
    await expect(tab).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
    out.push(...(await shownChannels(page)));
  }
  return out;
}

test('every action a role is offered is one the host lets that role call', async ({ app }) => {
  // Three people, every screen and every tab of it: a long walk.
  test.setTimeout(360_000);
  await app.setup('en');
  const plan = await app.host.invoke('plans.create', { kind: 'recurring', name: 'Gold Monthly', price: 19900, interval: 'month' });
  // A member with a membership, an invoice and a payment: the member page, the invoice and the payment each offer their actions.
  const member = await app.host.invoke('members.create', { name: 'Zhang San', phone: '13800138000' });
  const sale = await app.host.invoke('subscriptions.create', { memberId: member.id, planId: plan.id });
  await app.host.invoke('payments.record', { payerId: member.id, method: 'cash', amount: 5000 });
  const stops = [...PATHS, `/members?member=${member.id}`, `/invoices?invoice=${sale.invoices[0]!.id}`];
  const seen = new Map<string, Set<string>>();
  for (const role of ['desk', 'manager', 'owner'] as const) {
    await app.signInAs(role);
    const allowed = new Set((await app.host.invoke('auth.access', {})).channels);
    const offered = new Set<string>();
    for (const path of stops) {
      const page = await open(app, path);
      // The tables are read before their buttons are counted.
      if (path === '/plans') await expect(page.getByRole('row').filter({ hasText: 'Gold Monthly' })).toBeVisible();
      if (path === '/payments') await expect(page.getByRole('row').filter({ hasText: 'Zhang San' })).toBeVisible();
      if (path.startsWith('/members?')) await expect(page.getByRole('heading', { name: 'Zhang San' })).toBeVisible();
      if (path.startsWith('/invoices?')) await expect(page.getByRole('dialog')).toBeVisible();
      for (const c of await channelsWithTabs(page)) offered.add(c);
    }
    expect([...offered].filter((c) => !allowed.has(c)), `${role} is offered channels it may not call`).toEqual([]);
    seen.set(role, offered);
  }
  // The walk did find actions: the manager edits plans and runs billing (the desk does not: it runs by itself), the owner runs staff.
  expect([...seen.get('desk')!]).not.toContain('billing.run');
  expect([...seen.get('manager')!]).toContain('billing.run');
  expect([...seen.get('desk')!]).not.toContain('plans.create');
  expect([...seen.get('manager')!]).toEqual(expect.arrayContaining(['plans.create', 'plans.update', 'plans.archive']));
  expect([...seen.get('desk')!]).not.toContain('classes.schedules.create');
  expect([...seen.get('manager')!]).toEqual(expect.arrayContaining(['classes.schedules.create', 'classes.types.create']));
  expect([...seen.get('owner')!]).toEqual(expect.arrayContaining(['staff.create', 'staff.setActive', 'settings.update', 'system.exportDiagnostics']));
  // The payment's refund, the invoice's void and credit note, the day's close: a manager's, never the desk's.
  for (const c of ['refunds.create', 'invoices.void', 'creditNotes.create', 'closeout.close']) {
    expect([...seen.get('desk')!], c).not.toContain(c);
    expect([...seen.get('manager')!], c).toContain(c);
  }
  expect([...seen.get('manager')!]).not.toContain('system.exportDiagnostics');
});

test('the desk sees plans but no New plan, Edit or Archive', async ({ app }) => {
  await app.setup('en');
  await app.host.invoke('plans.create', { kind: 'recurring', name: 'Gold Monthly', price: 19900, interval: 'month' });
  await app.signInAs('desk');
  const page = await open(app, '/plans');
  const row = page.getByRole('row').filter({ hasText: 'Gold Monthly' });
  await expect(row).toBeVisible();
  await expect(page.getByRole('button', { name: 'New plan' })).toHaveCount(0);
  await expect(row.getByRole('button')).toHaveCount(0);
  // A click on the row opens no form the desk could not save.
  await row.click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await screenshot(page, 'access-plans-desk-en');
  // The manager gets all three.
  await app.signInAs('manager');
  const again = await open(app, '/plans');
  await expect(again.getByRole('button', { name: 'New plan' })).toBeVisible();
  await expect(again.getByRole('button', { name: 'Edit Gold Monthly' })).toBeVisible();
  await expect(again.getByRole('button', { name: 'Archive Gold Monthly' })).toBeVisible();
});

test('the last active owner is not offered Deactivate or a lower role on themselves', async ({ app }) => {
  await app.setup('en');
  await app.signInAs('manager');
  await app.signInAs('owner');
  const page = await open(app, '/staff');
  await expect(page.getByRole('button', { name: 'Deactivate Manager', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deactivate Owner', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Edit Owner', exact: true }).click();
  const role = page.getByRole('dialog').getByLabel('Role');
  await expect(role).toBeDisabled();
  await expect(role.locator('option')).toHaveText(['Owner']);
  await expect(page.getByRole('dialog')).toContainText('The only active owner: stays an owner and active until another owner is added.');
  await screenshot(page, 'access-last-owner-en');
  await page.getByRole('button', { name: 'Cancel' }).click();
  // With a second owner, either may be deactivated.
  const second = await app.host.invoke('staff.create', { name: 'Second Owner', role: 'owner', pin: '5678' });
  const again = await open(app, '/staff');
  await expect(again.getByRole('button', { name: 'Deactivate Owner', exact: true })).toBeVisible();
  await expect(again.getByRole('button', { name: 'Deactivate Second Owner', exact: true })).toBeVisible();
  expect(second.role).toBe('owner');
});
