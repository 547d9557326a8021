/**
 * A parent pays for two children. The payer's page shows a Family section (each child's
 * membership, renewal date, visits this month and what is owed for each after a part payment);
 * the invoice, the payment dialog's list and the printed A4 invoice name each child. In English
 * and 中文, at the two common front-desk sizes.
 */
import path from 'node:path';
import type { Host } from '../../electron/host/host';
import { DESK_SIZES, expect, shootAtDeskSizes, test, type AppFixture } from './harness';

/** Two children on one monthly plan, March paid, a visit history, April's renewal paid 200.00 of 378.10. */
async function household(app: AppFixture) {
  const host: Host = app.host;
  await host.invoke('settings.update', { householdDiscountBp: 1000 });
  const plan = await host.invoke('plans.create', { kind: 'recurring', name: 'Swim Club', price: 19900, interval: 'month', taxRateBp: 0 });
  const parent = await host.invoke('members.create', { name: '王丽', phone: '13800000010' });
  const ming = await host.invoke('members.create', { name: '张小明', payerId: parent.id });
  const hong = await host.invoke('members.create', { name: '张小红', payerId: parent.id });
  for (const child of [ming, hong]) await host.invoke('subscriptions.create', { memberId: child.id, planId: plan.id });
  await host.invoke('payments.record', { payerId: parent.id, method: 'cash', amount: 37810 });
  await host.invoke('checkin.checkIn', { memberId: ming.id });
  app.clock.setDate('2026-03-20');
  await host.invoke('checkin.checkIn', { memberId: hong.id });
  app.clock.setDate('2026-04-02');
  await host.invoke('billing.run', {});
  await host.invoke('checkin.checkIn', { memberId: ming.id });
  app.clock.setDate('2026-04-03');
  await host.invoke('checkin.checkIn', { memberId: ming.id });
  await host.invoke('payments.record', { payerId: parent.id, method: 'cash', amount: 20000 });
  const renewal = (await host.invoke('invoices.list', { payerId: parent.id, from: '2026-04-02' })).rows[0]!;
  return { parent, ming, hong, renewal };
}

const WORDS = {
  en: {
    family: 'Family',
    table: 'Members this payer pays for',
    owes: 'Owes',
    renews: 'Renews May 2, 2026',
    ming: ['2 visits this month', 'last Apr 3, 2026', '¥93.74'],
    hong: ['0 visits this month', 'last Mar 20, 2026', '¥84.36'],
    total: /Total owed.*¥178\.10/,
    invoices: 'Invoices',
    invoice: (n: string) => `Invoice ${n}`,
    forCol: 'For',
    take: 'Take payment',
    forMembers: 'For 张小明, 张小红',
    a4: ['For', 'Swim Club'],
    record: 'Record payment',
    done: 'Payment recorded',
    finish: 'Done',
    nothingOwed: 'Nothing owed',
  },
  'zh-CN': {
    family: '家庭成员',
    table: '此付款人代付的会员',
    owes: '欠款',
    renews: '2026年5月2日 续费',
    ming: ['本月到店 2 次', '最近 2026年4月3日', '¥93.74'],
    hong: ['本月到店 0 次', '最近 2026年3月20日', '¥84.36'],
    total: /合计欠款.*¥178\.10/,
    invoices: '账单',
    invoice: (n: string) => `账单 ${n}`,
    forCol: '会员',
    take: '收款',
    forMembers: '张小明、张小红的费用',
    a4: ['会员', 'Swim Club'],
    record: '确认收款',
    done: '收款成功',
    finish: '完成',
    nothingOwed: '无欠款',
  },
} as const;

for (const lang of ['en', 'zh-CN'] as const) {
  test(`the payer’s page shows each child, and the invoice and payment dialog name them (${lang})`, async ({ app }) => {
    const w = WORDS[lang];
    await app.setup(lang);
    const { parent, renewal } = await household(app);
    const { page } = app;
    await page.setViewportSize(DESK_SIZES[0]);
    await page.goto(`${app.url}#/members?member=${parent.id}`);
    await expect(page.getByRole('heading', { name: '王丽', exact: true })).toBeVisible();

    const family = page.getByRole('table', { name: w.table });
    await expect(page.getByRole('heading', { name: w.family, exact: true })).toBeVisible();
    await expect(family.getByRole('columnheader', { name: w.owes })).toBeVisible();
    const mingRow = family.getByRole('row', { name: /张小明/ });
    const hongRow = family.getByRole('row', { name: /张小红/ });
    for (const text of w.ming) await expect(mingRow).toContainText(text);
    for (const text of w.hong) await expect(hongRow).toContainText(text);
    await expect(mingRow).toContainText('Swim Club');
    await expect(mingRow).toContainText(w.renews);
    await expect(hongRow).toContainText(w.renews);
    await expect(family).toContainText(w.total);
    await shootAtDeskSizes(page, `family-payer-${lang}`, { show: family });

    // The child's name opens the child's page.
    await mingRow.getByRole('button', { name: /张小明/ }).click();
    await expect(page.getByRole('heading', { name: '张小明', exact: true })).toBeVisible();
    await page.goto(`${app.url}#/members?member=${parent.id}`);
    await expect(page.getByRole('heading', { name: '王丽', exact: true })).toBeVisible();

    // The renewal invoice names each child on its lines.
    await page.goto(`${app.url}#/invoices`);
    await page.getByRole('table', { name: w.invoices }).getByRole('row', { name: new RegExp(renewal.number) }).click();
    const dialog = page.getByRole('dialog', { name: w.invoice(renewal.number) });
    await expect(dialog.getByRole('columnheader', { name: w.forCol, exact: true })).toBeVisible();
    await expect(dialog.getByRole('row', { name: /张小明/ })).toHaveCount(1);
    await expect(dialog.getByRole('row', { name: /张小红/ })).toHaveCount(2);
    await shootAtDeskSizes(page, `family-invoice-${lang}`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Closing writes the address (the invoice leaves it); wait for that before going elsewhere, or the two race.
    await expect(page).toHaveURL(/#\/invoices$/);

    // The payment dialog's list says whom the open invoice is for.
    await page.goto(`${app.url}#/members?member=${parent.id}`);
    await expect(page.getByRole('heading', { name: '王丽', exact: true })).toBeVisible();
    await page.getByRole('button', { name: w.take, exact: true }).click();
    const pay = page.getByRole('dialog', { name: new RegExp(w.take) });
    const item = pay.getByRole('listitem').filter({ hasText: renewal.number });
    await expect(item).toContainText(w.forMembers);
    await expect(item).toContainText('¥178.10');
    await shootAtDeskSizes(page, `family-payment-${lang}`);

    // Paying the rest: the summary says whom the invoice it settled was for.
    await pay.getByRole('button', { name: w.record, exact: true }).click();
    const done = page.getByRole('dialog', { name: w.done });
    await expect(done).toContainText(w.forMembers);
    await shootAtDeskSizes(page, `family-paid-${lang}`);
    await done.getByRole('button', { name: w.finish, exact: true }).click();
    await expect(page.getByRole('table', { name: w.table })).toContainText(w.nothingOwed);

    // The printed A4 invoice: a column naming the member of each line.
    const a4 = await app.host.invoke('documents.render', { kind: 'invoice', id: renewal.id, locale: lang });
    const doc = await app.openPage();
    await doc.setContent(a4.html);
    const lines = doc.locator('table.lines');
    await expect(lines.locator('th').first()).toHaveText(w.a4[0]);
    await expect(lines.locator('tbody tr').first()).toContainText(new RegExp(`张小明\\s*${w.a4[1]}`));
    await expect(lines.locator('tbody tr').nth(1)).toContainText('张小红');
    await shootAtDeskSizes(doc, `family-a4-${lang}`);

    // The receipt of the part payment says whom the invoice it settled was for.
    const payments = await app.host.invoke('payments.list', { payerId: parent.id, limit: 10 });
    const receipt = await app.host.invoke('documents.render', { kind: 'receipt', id: payments[0]!.id, locale: lang });
    await doc.setViewportSize({ width: 320, height: 900 });
    await doc.setContent(receipt.html);
    await expect(doc.locator('tr.for')).toHaveText('张小明 · 张小红');
    await doc.screenshot({ path: path.join('test-results', 'screens', `family-receipt-${lang}.png`), fullPage: true });
  });
}
