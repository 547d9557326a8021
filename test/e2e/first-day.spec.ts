/**
 * The first day, in English and 中文: a mistyped PIN saves nothing (checked through the host), the set-up
 * then finishes in one go and the owner lands on the dashboard's getting-started checklist; each step is
 * followed from its link (a plan on Plans, a member on Members, the first sale on that member's page,
 * the backup folder on Settings) and the list goes away once all four are done. Desk staff have no Billing screen; the
 * billing preview shows the day's late fees.
 */
import { DESK_SIZES, expect, shootAtDeskSizes, test, type AppFixture } from './harness';
import { tempDir } from '../support/host';

const SHOTS = process.env['SUBDESK_SHOTS'] ?? 'test-results/screens';
const WORDS = {
  en: {
    welcome: 'Welcome to Subdesk',
    language: 'Language',
    business: 'Business name',
    currency: 'Currency',
    yuan: 'Chinese Yuan ¥ (CNY)',
    ownerName: 'Your name',
    pin: 'PIN (4–8 digits)',
    repeat: 'Repeat the PIN',
    pinRule: 'Digits only, 4 to 8 of them: you type it to sign in.',
    pinError: 'A PIN is 4 to 8 digits',
    start: 'Start using Subdesk',
    demo: 'Explore with sample data',
    dashboard: 'Today',
    checklist: 'Getting started',
    progress: (n: number) => `${n} of 4 done`,
    firstPlan: 'Create your first plan',
    firstMember: 'Add your first member',
    firstSale: 'Make your first sale',
    newPlan: 'New plan',
    planName: 'Name',
    planPrice: 'Price',
    createPlan: 'Create plan',
    newMember: 'New member',
    memberName: 'Name',
    memberPhone: 'Phone',
    save: 'Save',
    backupStep: 'Choose a backup folder',
    chooseFolder: 'Choose folder…',
    sellPlan: '+ Sell a membership',
    sellDialog: (name: string) => `Sell a membership to ${name}`,
    plan: 'Plan',
    confirm: 'Confirm sale',
    billing: 'Billing',
    preview: 'Preview',
    lateFees: 'Of which late fees',
    runNow: 'Run billing now',
    runDone: 'Billing complete: 1 invoice created, ¥100.00 in total.',
    runNothing: 'Billing complete: nothing was due, no invoices were created.',
  },
  'zh-CN': {
    welcome: '欢迎使用 Subdesk',
    language: '语言',
    business: '商户名称',
    currency: '货币',
    yuan: '人民币 ¥ (CNY)',
    ownerName: '您的姓名',
    pin: 'PIN 码（4–8 位数字）',
    repeat: '再次输入 PIN 码',
    pinRule: '只能是数字，4 至 8 位：登录时输入。',
    pinError: 'PIN 码为 4 至 8 位数字',
    start: '开始使用',
    demo: '使用示例数据体验',
    dashboard: '今日概览',
    checklist: '开始使用',
    progress: (n: number) => `已完成 ${n}/4`,
    firstPlan: '创建第一个会员卡方案',
    firstMember: '添加第一位会员',
    firstSale: '完成第一笔销售',
    newPlan: '新建套餐',
    planName: '名称',
    planPrice: '价格',
    createPlan: '创建套餐',
    newMember: '新建会员',
    memberName: '姓名',
    memberPhone: '电话',
    save: '保存',
    backupStep: '选择备份文件夹',
    chooseFolder: '选择文件夹…',
    sellPlan: '+ 办理会员卡',
    sellDialog: (name: string) => `为 ${name} 办理会员卡`,
    plan: '套餐',
    confirm: '确认办理',
    billing: '计费',
    preview: '预览',
    lateFees: '其中滞纳金',
    runNow: '立即计费',
    runDone: '计费完成：已生成 1 张账单，共 ¥100.00。',
    runNothing: '计费完成：没有到期的周期，未生成账单。',
  },
} as const;

for (const lang of ['en', 'zh-CN'] as const) {
  const w = WORDS[lang];

  test(`first day (${lang}): a mistyped PIN saves nothing; the checklist leads to a first sale and goes when all four are done`, async ({ app }) => {
    const { page } = app;
    await page.setViewportSize(DESK_SIZES[0]);
    await page.goto(app.url);
    if (lang === 'zh-CN') await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: w.welcome })).toBeVisible();

    // The currency by its name and sign; the PIN rule beside the field; the sample business in view at both sizes.
    await expect(page.getByLabel(w.currency).locator('option:checked')).toHaveText(w.yuan);
    await expect(page.getByText(w.pinRule)).toBeVisible();
    for (const size of DESK_SIZES) {
      await page.setViewportSize(size);
      await expect(page.getByRole('button', { name: w.demo })).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole('button', { name: w.start })).toBeInViewport({ ratio: 1 });
    }
    await shootAtDeskSizes(page, `first-day-setup-${lang}`, { dir: SHOTS });

    // A mistyped PIN: the message shows, and nothing is stored — no business, no owner.
    await page.getByLabel(w.business).fill('朝阳健身 Sunrise');
    await page.getByLabel(w.ownerName).fill('李伟');
    await page.getByLabel(w.pin).fill('246');
    await page.getByLabel(w.repeat).fill('246');
    await page.getByRole('button', { name: w.start }).click();
    await expect(page.getByRole('alert')).toHaveText(w.pinError);
    await expect(page.getByLabel(w.pin)).toBeFocused();
    await shootAtDeskSizes(page, `first-day-setup-pin-error-${lang}`, { dir: SHOTS, sizes: [DESK_SIZES[0]] });
    expect(await app.host.invoke('settings.get', {})).toMatchObject({ setupCompleted: false, businessName: '' });
    expect(await app.host.invoke('auth.status', {})).toMatchObject({ staffExists: false, staff: null, roster: [] });
    // The currency field is still there, and still offered.
    await expect(page.getByLabel(w.currency)).toBeVisible();

    // Corrected: the whole set-up at once, and the owner on the dashboard with the checklist.
    await page.getByLabel(w.pin).fill('2468');
    await page.getByLabel(w.repeat).fill('2468');
    await page.getByRole('button', { name: w.start }).click();
    await expect(page.getByRole('heading', { name: w.dashboard, level: 1 })).toBeVisible();
    expect(await app.host.invoke('settings.get', {})).toMatchObject({ setupCompleted: true, businessName: '朝阳健身 Sunrise', currency: 'CNY', locale: lang });
    expect((await app.host.invoke('auth.status', {})).staff).toMatchObject({ name: '李伟', role: 'owner' });
    const checklist = page.getByRole('region', { name: w.checklist });
    await expect(checklist).toContainText(w.progress(0));
    await shootAtDeskSizes(page, `first-day-dashboard-checklist-${lang}`, { dir: SHOTS });

    // Step 1 from its link: the Plans screen, where the first plan is made.
    await checklist.getByRole('link', { name: w.firstPlan }).click();
    await expect(page).toHaveURL(/#\/plans$/);
    await page.getByRole('button', { name: w.newPlan }).first().click();
    const planDialog = page.getByRole('dialog', { name: w.newPlan });
    await planDialog.getByLabel(w.planName, { exact: true }).fill('Gold 金卡');
    await planDialog.getByLabel(w.planPrice, { exact: true }).fill('299');
    await planDialog.getByRole('button', { name: w.createPlan }).click();
    await expect(planDialog).toHaveCount(0);
    const [plan] = await app.host.invoke('plans.list', { includeArchived: false });
    expect(plan).toMatchObject({ name: 'Gold 金卡', price: 29900, kind: 'recurring' });

    // Step 2 from its link: the Members screen, where the first member is added.
    await page.goto(`${app.url}#/dashboard`);
    await expect(checklist).toContainText(w.progress(1));
    await expect(checklist.locator('[data-step="plan"] a')).toHaveCount(0);
    await checklist.getByRole('link', { name: w.firstMember }).click();
    await expect(page).toHaveURL(/#\/members$/);
    await page.getByRole('button', { name: `+ ${w.newMember}` }).click();
    const memberDialog = page.getByRole('dialog', { name: w.newMember });
    await memberDialog.getByLabel(w.memberName, { exact: true }).fill('王芳');
    await memberDialog.getByLabel(w.memberPhone, { exact: true }).fill('13700000003');
    await memberDialog.getByRole('button', { name: w.save, exact: true }).click();
    await expect(page.getByRole('heading', { name: '王芳' })).toBeVisible();
    const [member] = await app.host.invoke('members.search', { query: '王芳' });
    expect(member).toMatchObject({ name: '王芳', phone: '13700000003' });

    await page.goto(`${app.url}#/dashboard`);
    await expect(checklist).toContainText(w.progress(2));
    await expect(checklist.locator('[data-step="member"] a')).toHaveCount(0);

    // "Make your first sale" opens the first member, where the sale is made.
    await checklist.getByRole('link', { name: w.firstSale }).click();
    await expect(page.getByRole('heading', { name: '王芳' })).toBeVisible();
    await page.getByRole('button', { name: w.sellPlan }).click();
    const dialog = page.getByRole('dialog', { name: w.sellDialog('王芳') });
    await dialog.getByLabel(w.plan, { exact: true }).selectOption({ index: 1 });
    await dialog.getByRole('button', { name: w.confirm }).click();
    await expect.poll(async () => (await app.host.invoke('invoices.list', {})).rows.map((i) => [i.payerId, i.total])).toEqual([[member!.id, 29900]]);

    await page.goto(`${app.url}#/dashboard`);
    await expect(checklist).toContainText(w.progress(3));
    await shootAtDeskSizes(page, `first-day-dashboard-checklist-3-${lang}`, { dir: SHOTS, sizes: [DESK_SIZES[0]] });

    // The backup folder, chosen on Settings' folder dialog: the fourth step, and the checklist is gone.
    await checklist.getByRole('link', { name: w.backupStep }).click();
    await expect(page).toHaveURL(/#\/settings$/);
    const usb = tempDir('subdesk-usb-');
    app.dialogs.answer(usb);
    await page.getByRole('button', { name: w.chooseFolder }).click();
    await expect.poll(async () => (await app.host.invoke('settings.get', {})).backupFolder).toBe(usb);
    await page.goto(`${app.url}#/dashboard`);
    await expect(page.getByRole('heading', { name: w.dashboard, level: 1 })).toBeVisible();
    await expect(page.locator('.kpis')).toBeVisible();
    await expect(page.getByRole('region', { name: w.checklist })).toHaveCount(0);
  });

  test(`billing (${lang}): no Billing for desk staff; the preview shows the day's late fees and "Run billing now" charges them on one invoice`, async ({ app }) => {
    await app.setup(lang);
    await seedOverdue(app);
    const { page } = app;

    await app.signInAs('desk');
    await page.goto(`${app.url}#/members`);
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link').first()).toBeVisible();
    await expect(nav.getByRole('link', { name: w.billing })).toHaveCount(0);
    // The route refuses the desk too: it leads back into the app.
    await page.goto('about:blank');
    await page.goto(`${app.url}#/billing`);
    await expect(page).toHaveURL(/#\/members$/);
    await expect(page.getByRole('button', { name: /Run billing now|立即计费/ })).toHaveCount(0);

    await app.signInAs('manager');
    await page.goto('about:blank');
    await page.goto(`${app.url}#/members`);
    await expect(nav.getByRole('link', { name: w.billing })).toBeVisible();

    await app.signInAs('owner');
    await page.goto('about:blank');
    await page.goto(`${app.url}#/billing`);
    const card = page.locator('.card', { has: page.getByRole('heading', { name: lang === 'en' ? 'Preview a date' : '预览某一天' }) });
    await card.getByLabel(lang === 'en' ? 'Date' : '日期', { exact: true }).fill('2026-03-20');
    await card.getByRole('button', { name: w.preview, exact: true }).click();
    await expect(card.getByTestId('preview-late-fees')).toContainText('¥100.00');
    const preview = await app.host.invoke('billing.preview', { asOf: '2026-03-20' });
    expect(preview.lateFees).toEqual({ invoices: 1, fees: 2, total: 10000 });
    // Each line names the overdue invoice and whom it was for, in full.
    const fee = lang === 'en' ? 'Late fee – ' : '滞纳金 – ';
    const names = lang === 'en' ? [' (张小明)', ' (张小红)'] : ['（张小明）', '（张小红）'];
    for (const [i, n] of names.entries()) {
      const text = card.getByText(`${fee}INV-2026-0000${i + 1}${n}`, { exact: true });
      await expect(text).toBeVisible();
      expect(await text.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    }
    await page.locator('.row--total').first().scrollIntoViewIfNeeded();
    await shootAtDeskSizes(page, `first-day-billing-preview-${lang}`, { dir: SHOTS, sizes: [DESK_SIZES[0]] });

    // On the 20th, "Run billing now" charges what the preview showed: one invoice for the payer, a line per overdue invoice.
    app.clock.setDate('2026-03-20');
    await page.reload();
    await page.getByRole('button', { name: w.runNow, exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: w.runDone })).toHaveText(w.runDone);
    const fees = (await app.host.invoke('invoices.list', {})).rows.filter((i) => i.issueDate === '2026-03-20');
    expect(fees.map((i) => [i.payerName, i.total])).toEqual([['张伟', 10000]]);
    const lines = app.host.db.prepare('SELECT kind, description, gross FROM invoice_lines WHERE invoice_id = ? ORDER BY id').all(fees[0]!.id);
    expect(lines).toEqual(names.map((n, i) => ({ kind: 'late_fee', description: `${fee}INV-2026-0000${i + 1}${n}`, gross: 5000 })));
    // Run again the same day: no second fee invoice.
    await page.getByRole('button', { name: w.runNow, exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: w.runNothing })).toHaveText(w.runNothing);
    expect((await app.host.invoke('invoices.list', {})).rows.filter((i) => i.issueDate === '2026-03-20')).toHaveLength(1);
  });
}

/** Two unpaid invoices of one payer (for two children), due 03-09 and 03-12; fee 50.00 after 7 days. */
async function seedOverdue(app: AppFixture): Promise<void> {
  const host = app.host;
  await host.invoke('settings.update', { lateFee: 5000, lateFeeAfterDays: 7 });
  const plan = await host.invoke('plans.create', { kind: 'recurring', name: 'Swim Club', price: 19900, interval: 'month', taxRateBp: 0 });
  const parent = await host.invoke('members.create', { name: '张伟', phone: '13800000010' });
  const ming = await host.invoke('members.create', { name: '张小明', payerId: parent.id });
  const hong = await host.invoke('members.create', { name: '张小红', payerId: parent.id });
  await host.invoke('subscriptions.create', { memberId: ming.id, planId: plan.id });
  app.clock.setDate('2026-03-05');
  await host.invoke('subscriptions.create', { memberId: hong.id, planId: plan.id });
  app.clock.setDate('2026-03-19');
}
