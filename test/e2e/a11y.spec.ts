/**
 * Accessibility: axe-core (WCAG 2.0/2.1, levels A and AA) on every screen, in English and 中文, signed in
 * as the owner so every screen is there. Every route of the navigation (renderer/app/routes.tsx) and its
 * tabs, every report, a member's page and its tabs, the import (before and after a file), the empty
 * member list, a check-in result, the first-start set-up, the sign-in and lock screens, and the dialogs
 * (new and edit member, checkout, take payment, refund, pause, cancel membership, change plan, sell a
 * membership or a pack, invoice detail, void, credit note, new plan, new expense, add staff). Any violation of impact
 * "critical" or "serious" fails the test, listed as rule id, where, the element and axe's summary.
 *
 * The words the test clicks come from the app's own string tables, so a reworded button does not
 * break it. No axe rule is switched off.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { generateDemoBusiness } from '../../electron/host/demo/generate';
import { resources } from '../../renderer/app/i18n';
import { routes } from '../../renderer/app/routes';
import { expect, test, type AppFixture } from './harness';

type Locale = 'en' | 'zh-CN';
const LOCALES: Locale[] = ['en', 'zh-CN'];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The app's own text for a key (e.g. `members.actions.takePayment`), as i18next would show it. */
function tr(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = resources[locale].translation;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no string ${key} (${locale})`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** What axe found on one screen that is critical or serious, one line per element. */
class Findings {
  readonly lines: string[] = [];
  screens = 0;
  constructor(
    private readonly page: Page,
    private readonly locale: Locale,
  ) {}

  async check(where: string): Promise<void> {
    // Let open/close transitions finish, so colours are measured as the clerk sees them.
    await this.page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
    // The page says which language it is in (screen readers pick their voice from it).
    await expect(this.page.locator('html'), where).toHaveAttribute('lang', this.locale);
    // Legacy mode runs axe.run in the page itself: the default opens a blank page per check to merge the
    // results of each frame (~0.4 s a check). The app has no frames, so the rules and findings are the same.
    const result = await new AxeBuilder({ page: this.page }).withTags(TAGS).setLegacyMode(true).analyze();
    this.screens += 1;
    for (const v of result.violations) {
      if (v.impact !== 'critical' && v.impact !== 'serious') continue;
      for (const node of v.nodes) {
        const summary = (node.failureSummary ?? v.help).replace(/\s+/g, ' ').trim();
        this.lines.push(`${where}: ${v.id} (${v.impact}) at ${node.target.join(' ')} — ${summary}`);
      }
    }
  }

  expectNone(): void {
    expect(this.screens).toBeGreaterThan(0);
    expect(this.lines, `${this.lines.length} critical/serious axe violations`).toEqual([]);
  }
}

async function waitLoaded(page: Page, locale: Locale): Promise<void> {
  const main = page.locator('main.content');
  await expect(main.locator('h1').first()).toBeVisible();
  await expect(main.getByText(tr(locale, 'common.loading'), { exact: true })).toHaveCount(0);
}

async function visit(app: AppFixture, locale: Locale, hash: string): Promise<void> {
  const page = app.page;
  // A dialog closed just before writes the address as it goes (two frames let that land), and a
  // write that still comes after the jump sends the page back: go again until this address holds.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.goto(`${app.url}#${hash}`);
  await expect(async () => {
    if (!page.url().endsWith(`#${hash}`)) await page.goto(`${app.url}#${hash}`);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(page.url()).toContain(`#${hash}`);
  }).toPass({ timeout: 10_000 });
  await waitLoaded(page, locale);
}

/** A small sample business three months in: plans, members, invoices, payments, check-ins, expenses. */
async function sample(app: AppFixture, locale: Locale): Promise<void> {
  await app.setup(locale);
  await generateDemoBusiness(app.host, app.clock, { seed: 11, months: 3, members: 15, checkinMonths: 1, locale });
}

/** A member with a running membership, preferring one who owes money. */
async function memberWithMembership(app: AppFixture): Promise<{ id: number; name: string; plan: string }> {
  const members = (await app.host.invoke('members.list', {})).rows;
  let best: { id: number; name: string; plan: string; owes: number } | null = null;
  for (const m of members) {
    const subs = await app.host.invoke('subscriptions.listByMember', { memberId: m.id });
    const sub = subs.find((s) => s.status === 'active' && !s.pause && !s.endDate);
    if (!sub) continue;
    const owes = (await app.host.invoke('payments.payer', { memberId: m.id })).due;
    if (!best || (owes > 0 && best.owes === 0)) best = { id: m.id, name: m.name, plan: sub.planName, owes };
  }
  if (!best) throw new Error('the sample business has no member with a running membership');
  return best;
}

for (const locale of LOCALES) {
  test.describe(`axe, ${locale}`, () => {
    test.describe.configure({ timeout: 420_000 });
    // The commonest front-desk screen: the smaller the window, the more boxes scroll.
    test.use({ actionTimeout: 15_000, viewport: { width: 1280, height: 720 } });

    test(`every route, its tabs and every report have no critical or serious violation (${locale})`, async ({ app }) => {
      await sample(app, locale);
      const { page } = app;
      const found = new Findings(page, locale);
      for (const r of routes) {
        await visit(app, locale, r.path);
        await found.check(r.path);
      }
      // The tabs of the screens that have them (the URL keeps the tab).
      for (const tab of ['followup', 'closeout', 'setup']) {
        await visit(app, locale, `/payments?tab=${tab}`);
        await found.check(`/payments?tab=${tab}`);
      }
      // Every report in the picker.
      await visit(app, locale, '/reports');
      const picker = page.getByLabel(tr(locale, 'reports.report'), { exact: true });
      const kinds = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(kinds.length).toBeGreaterThan(3);
      for (const kind of kinds.slice(1)) {
        await picker.selectOption(kind);
        await waitLoaded(page, locale);
        await found.check(`/reports ${kind}`);
      }
      found.expectNone();
    });

    test(`a member's page, its tabs and the desk's dialogs have no critical or serious violation (${locale})`, async ({ app }) => {
      await sample(app, locale);
      const { page } = app;
      const found = new Findings(page, locale);
      const m = await memberWithMembership(app);
      const dialog = page.getByRole('dialog');
      const close = async () => {
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
      };

      await visit(app, locale, `/members?member=${m.id}`);
      await expect(page.getByRole('heading', { name: m.name, level: 1 })).toBeVisible();
      await found.check('member page');
      const tabs = page.getByRole('radiogroup', { name: tr(locale, 'members.tabs.label') }).getByRole('radio');
      const tabCount = await tabs.count();
      for (let i = 1; i < tabCount; i += 1) {
        await tabs.nth(i).click();
        await waitLoaded(page, locale);
        await found.check(`member page, tab ${i + 1}`);
      }
      await tabs.first().click();

      // Pause and cancel a membership (the row's buttons are named with the plan).
      await page.getByRole('button', { name: `${tr(locale, 'members.actions.pause')} ${m.plan}` }).click();
      await expect(dialog).toBeVisible();
      await found.check('pause dialog');
      await close();
      await page.getByRole('button', { name: `${tr(locale, 'members.actions.cancel')} ${m.plan}` }).click();
      await expect(dialog).toBeVisible();
      await found.check('cancel membership dialog');
      await close();

      // Change the plan, sell a membership or a pack, edit the member.
      await page.getByRole('button', { name: `${tr(locale, 'members.actions.change')} ${m.plan}` }).click();
      await expect(dialog).toBeVisible();
      await found.check('change plan dialog');
      await close();
      for (const key of ['members.actions.sellPlan', 'members.actions.sellPack']) {
        await page.getByRole('button', { name: tr(locale, key) }).first().click();
        await expect(dialog).toBeVisible();
        await found.check(`${key} dialog`);
        await close();
      }
      await page.getByRole('button', { name: tr(locale, 'common.edit'), exact: true }).click();
      await expect(dialog).toBeVisible();
      await found.check('edit member dialog');
      await close();

      // Checkout (sale) and take payment.
      await page.getByRole('button', { name: tr(locale, 'sales.open'), exact: true }).click();
      await expect(dialog).toBeVisible();
      await found.check('checkout dialog');
      await close();
      await page.getByRole('button', { name: tr(locale, 'members.actions.takePayment'), exact: true }).click();
      await expect(dialog).toBeVisible();
      await found.check('take payment dialog');
      await close();

      // A refund, from the payments list.
      await visit(app, locale, '/payments');
      await page.locator('button[data-channel="refunds.create"]').first().click();
      await expect(dialog).toBeVisible();
      await found.check('refund dialog');
      await close();

      // An invoice's detail, from the invoices list.
      await visit(app, locale, '/invoices');
      await page.getByRole('table').first().getByRole('row').nth(1).click();
      await expect(dialog).toBeVisible();
      await found.check('invoice detail dialog');
      await close();
      // Its void and credit-note dialogs.
      for (const channel of ['invoices.void', 'creditNotes.create']) {
        await page.getByRole('table').first().getByRole('row').nth(1).click();
        const title = await dialog.getAttribute('aria-labelledby');
        await dialog.locator(`button[data-channel="${channel}"]`).click();
        await expect(dialog.last()).not.toHaveAttribute('aria-labelledby', title!);
        await found.check(`${channel} dialog`);
        while ((await dialog.count()) > 0) await page.keyboard.press('Escape');
      }
      // Closing the invoice writes the address (drops ?invoice=): let it land before going elsewhere.
      await expect(page).not.toHaveURL(/invoice=/);

      // A check-in and its result.
      await visit(app, locale, '/checkin');
      const box = page.getByRole('textbox', { name: tr(locale, 'checkin.boxLabel') });
      await box.fill(m.name);
      await box.press('Enter');
      // Allowed (a status) or refused (an alert, e.g. overdue): either result is checked.
      await expect(page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: m.name }).first()).toBeVisible();
      await found.check('check-in result');

      // The back office's own dialogs: a new expense, a new staff member.
      await visit(app, locale, '/expenses');
      await page.locator('button[data-channel="expenses.create"]').click();
      await expect(dialog).toBeVisible();
      await found.check('new expense dialog');
      await close();
      await visit(app, locale, '/staff');
      await page.locator('button[data-channel="staff.create"]').click();
      await expect(dialog).toBeVisible();
      await found.check('add staff dialog');
      await close();

      // The import, before and after a file is chosen.
      await visit(app, locale, '/members?view=import');
      await found.check('import');
      const csv = ['姓名,手机,会员卡号,生日', '周一,13800001111,IM1,1990-05-01', '吴二,13800002222,IM2,1985-13-40'].join('\n');
      await page.getByLabel(tr(locale, 'members.import.chooseFile')).setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await expect(page.getByRole('table')).toContainText('吴二');
      await found.check('import, file read');
      found.expectNone();
    });

    test(`first start, the empty member list, the new member and new plan dialogs, sign-in and the lock screen (${locale})`, async ({ app }) => {
      const { page } = app;
      const found = new Findings(page, locale);
      await page.goto(app.url);
      if (locale === 'zh-CN') await page.getByLabel(tr('en', 'setup.language')).selectOption('zh-CN');
      await expect(page.getByRole('heading', { name: tr(locale, 'setup.welcome') })).toBeVisible();
      await found.check('first-start set-up');

      await app.setup(locale);
      // A second person, so the sign-in screen lists people to choose from.
      await app.signInAs('desk');
      await app.signInAs('owner');
      await page.goto(`${app.url}#/members`);
      await page.reload();
      await waitLoaded(page, locale);
      await expect(page.getByText(tr(locale, 'members.empty'))).toBeVisible();
      await found.check('empty member list');
      await page.getByRole('button', { name: tr(locale, 'members.newMember') }).first().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await found.check('new member dialog');
      await page.keyboard.press('Escape');

      await visit(app, locale, '/plans');
      await found.check('empty plans');
      await page.locator('button[data-channel="plans.create"]').first().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await found.check('new plan dialog');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: tr(locale, 'staff.session.lock'), exact: true }).click();
      await expect(page.getByRole('heading', { name: tr(locale, 'staff.signIn.lockedTitle') })).toBeVisible();
      await found.check('lock screen');
      await page.getByRole('button', { name: tr(locale, 'staff.signIn.back') }).click();
      await expect(page.getByRole('list', { name: tr(locale, 'staff.signIn.title') }).getByRole('button')).toHaveCount(2);
      await found.check('sign-in screen');
      found.expectNone();
    });
  });
}
