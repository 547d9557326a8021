/**
 * The desk's words: the business rules set on the Settings screen take effect (overdue block at
 * check-in, the late fee the job bills); the member page shows what is owed and what can be spent,
 * never a signed or negative balance; a refund says, large, what to hand back. English and 中文,
 * screenshots at the two common front-desk sizes.
 */
import type { Page } from '@playwright/test';
import type { Host } from '../../electron/host/host';
import { expect, shootAtDeskSizes, test } from './harness';

/** 赵六 on ¥300/month from 2026-03-02, never paid: the invoice is due 2026-03-09. */
async function overdueMember(host: Host) {
  const plan = await host.invoke('plans.create', { kind: 'recurring', name: 'Monthly 月卡', price: 30000, interval: 'month', taxRateBp: 0 });
  const zhao = await host.invoke('members.create', { name: '赵六', phone: '13900000006', cardNo: 'Z6' });
  await host.invoke('subscriptions.create', { memberId: zhao.id, planId: plan.id });
  return zhao;
}

async function checkIn(page: Page, url: string, box: string, card: string): Promise<void> {
  await page.goto(`${url}#/checkin`);
  const input = page.getByRole('textbox', { name: box });
  await input.fill(card);
  await input.press('Enter');
}

test('the owner sets the overdue block and the late fee on Settings, and both take effect (English)', async ({ app }) => {
  await app.setup('en');
  const zhao = await overdueMember(app.host);
  const { page } = app;
  app.clock.setDate('2026-03-15'); // 6 days overdue: the default limit of 14 lets 赵六 in
  await checkIn(page, app.url, 'Card, name, pinyin or phone', 'Z6');
  await expect(page.getByRole('status', { name: 'Check-in result' })).toContainText('赵六');
  expect((await app.host.invoke('checkin.today', {})).map((c) => c.memberName)).toEqual(['赵六']);

  await page.getByRole('link', { name: 'Settings' }).click();
  const rules = page.locator('.settings-rules');
  await expect(rules.getByRole('heading', { name: 'Business rules' })).toBeVisible();
  await expect(rules.getByLabel('Block check-in after (days overdue)')).toHaveValue('14');
  await expect(rules.getByLabel('Late fee (0 = none)')).toHaveValue('0.00');
  await expect(rules.getByLabel('Freeze days per year (new plans)')).toHaveValue('30');
  await expect(rules.getByLabel('A freeze (new plans)')).toHaveValue('extend');
  await shootAtDeskSizes(page, 'words-settings-en', { show: rules });

  // A bad value is named under its field and nothing is saved.
  await rules.getByLabel('Late fee (0 = none)').fill('abc');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(rules.getByRole('alert')).toHaveText('Enter an amount of zero or more');
  expect((await app.host.invoke('settings.get', {})).lateFee).toBe(0);

  await rules.getByLabel('Late fee (0 = none)').fill('25');
  await rules.getByLabel('Late fee after (days overdue)').fill('3');
  await rules.getByLabel('Block check-in after (days overdue)').fill('5');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  expect(await app.host.invoke('settings.get', {})).toMatchObject({ lateFee: 2500, lateFeeAfterDays: 3, overdueBlockDays: 5 });

  // The next day, 7 days overdue, is past the new limit of 5.
  app.clock.setDate('2026-03-16');
  await checkIn(page, app.url, 'Card, name, pinyin or phone', 'Z6');
  const refused = page.getByRole('alert', { name: 'Check-in result' });
  await expect(refused).toContainText('Not allowed');
  await expect(refused).toContainText('¥300.00 overdue for 7 days (the limit is 5)');
  expect(await app.host.invoke('checkin.today', {})).toEqual([]);

  // The late-fee job bills ¥25.00 once; the member page shows it in what 赵六 owes.
  await app.host.scheduler.tick();
  const fee = await app.host.invoke('invoices.get', { id: 2 });
  expect(fee.lines.map((l) => [l.kind, l.description, l.gross])).toEqual([['late_fee', 'Late fee – INV-2026-00001 (赵六)', 2500]]);
  await page.goto(`${app.url}#/members?member=${zhao.id}`);
  const money = page.locator('.member-money');
  await expect(money.locator('.stat').first()).toHaveText('Owes¥325.00');
});

test('设置里改禁止签到天数，签到随之拦截（中文）', async ({ app }) => {
  await app.setup('zh-CN');
  await overdueMember(app.host);
  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: '设置' }).click();
  const rules = page.locator('.settings-rules');
  await expect(rules.getByRole('heading', { name: '经营规则' })).toBeVisible();
  await rules.getByLabel('逾期多少天后禁止签到（天）').fill('0');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(rules.getByRole('alert')).toHaveText('超出范围');
  expect((await app.host.invoke('settings.get', {})).overdueBlockDays).toBe(14);
  await rules.getByLabel('逾期多少天后禁止签到（天）').fill('3');
  await rules.getByLabel('停卡方式（新套餐）').selectOption({ label: '未用天数退回储值' });
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('设置已保存')).toBeVisible();
  await shootAtDeskSizes(page, 'words-settings-zh', { show: rules });
  expect(await app.host.invoke('settings.get', {})).toMatchObject({ overdueBlockDays: 3, freezeDefaultMode: 'credit' });

  app.clock.setDate('2026-03-13'); // 4 days overdue, limit 3
  await checkIn(page, app.url, '卡号、姓名、拼音或电话', 'Z6');
  await expect(page.getByRole('alert', { name: '签到结果' })).toContainText('赵六');
  expect(await app.host.invoke('checkin.today', {})).toEqual([]);
  // Back to 14 through the host (the owner's call): the same member is let in.
  await app.host.invoke('settings.update', { overdueBlockDays: 14 });
  await checkIn(page, app.url, '卡号、姓名、拼音或电话', 'Z6');
  await expect(page.getByRole('status', { name: '签到结果' })).toContainText('签到成功');
});

/** 欠款 owes ¥200.00 of an invoice; 储值 topped up ¥1,000 with a ¥200 bonus and spent nothing. */
async function twoAccounts(host: Host) {
  const plan = await host.invoke('plans.create', { kind: 'recurring', name: 'Monthly 月卡', price: 30000, interval: 'month', taxRateBp: 0 });
  const owes = await host.invoke('members.create', { name: '钱欠欠', phone: '13900000001' });
  const sale = await host.invoke('subscriptions.create', { memberId: owes.id, planId: plan.id });
  await host.invoke('payments.record', { payerId: owes.id, method: 'cash', amount: sale.invoices[0]!.total - 20000 });
  const credit = await host.invoke('members.create', { name: '储值多', phone: '13900000002' });
  const promo = await host.invoke('promotions.create', { name: '充1000送200', minAmount: 100000, bonus: 20000 });
  await host.invoke('payments.record', { payerId: credit.id, kind: 'topup', method: 'wechat', amount: 100000, promotionId: promo.id });
  return { owes, credit };
}

test('the member page shows Owes and Credit, never a signed or negative balance (English and 中文)', async ({ app }) => {
  await app.setup('en');
  const { owes, credit } = await twoAccounts(app.host);
  expect(await app.host.invoke('members.balance', { payerId: credit.id })).toMatchObject({ balance: -100000, owes: 0, credit: 120000 });
  const { page } = app;
  const cases = [
    { lang: 'en', id: owes.id, name: 'owes', stats: ['Owes¥200.00', 'Credit¥0.00'] },
    { lang: 'en', id: credit.id, name: 'credit', stats: ['Owes¥0.00', 'Credit¥1,200.00Paid ¥1,000.00Bonus ¥200.00'] },
    { lang: 'zh', id: owes.id, name: 'owes', stats: ['欠款¥200.00', '可用余额¥0.00'] },
    { lang: 'zh', id: credit.id, name: 'credit', stats: ['欠款¥0.00', '可用余额¥1,200.00已付储值 ¥1,000.00赠送 ¥200.00'] },
  ] as const;
  for (const c of cases) {
    if (c.lang === 'zh') await app.host.invoke('settings.setLocale', { locale: 'zh-CN' });
    await page.goto(`${app.url}#/members?member=${c.id}`);
    const money = page.locator('.member-money');
    await expect(money.locator('.stat')).toHaveText([...c.stats]);
    // No minus sign anywhere in the account card, and no bare "balance" / 余额 label.
    expect(await money.innerText()).not.toMatch(/[-−]\s*(CN)?¥/);
    expect(await money.innerText()).not.toMatch(/Balance|(?<!可用)余额/);
    await shootAtDeskSizes(page, `words-member-${c.name}-${c.lang}`, { show: money });
  }
});

test('after a refund the dialog says, large, what to hand back and how (English and 中文)', async ({ app }) => {
  await app.setup('en');
  const a = await app.host.invoke('members.create', { name: 'Li Lei', phone: '13900000003' });
  const b = await app.host.invoke('members.create', { name: '韩梅', phone: '13900000004' });
  await app.host.invoke('payments.record', { payerId: a.id, kind: 'topup', method: 'cash', amount: 50000 });
  await app.host.invoke('payments.record', { payerId: b.id, kind: 'topup', method: 'wechat', amount: 30000 });
  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Payments' }).click();
  await page.getByRole('button', { name: 'Refund Li Lei' }).click();
  const en = page.getByRole('dialog', { name: 'Refund – Li Lei' });
  await en.getByLabel('Amount').fill('120');
  await en.getByLabel('Reason').fill('Moved away');
  await en.getByRole('button', { name: 'Refund', exact: true }).click();
  const doneEn = page.getByRole('dialog', { name: 'Refund recorded' });
  await expect(doneEn.getByRole('status', { name: 'What to hand back' })).toHaveText('Give back ¥120.00 cash');
  await expect(doneEn).toContainText('Now owes ¥0.00 · credit ¥380.00');
  await shootAtDeskSizes(page, 'words-refund-en');
  await doneEn.getByRole('button', { name: 'Done' }).click();
  await expect(doneEn).toBeHidden();

  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: '退款 韩梅' }).click();
  const zh = page.getByRole('dialog', { name: '退款 – 韩梅' });
  await expect(zh.getByLabel('退款方式')).toHaveValue('wechat');
  await zh.getByLabel('原因').fill('不练了');
  await zh.getByRole('button', { name: '确认退款' }).click();
  const doneZh = page.getByRole('dialog', { name: '退款成功' });
  await expect(doneZh.getByRole('status', { name: '应退还给会员' })).toHaveText('微信退还 ¥300.00');
  await expect(doneZh).toContainText('现欠款 ¥0.00 · 可用余额 ¥0.00');
  await shootAtDeskSizes(page, 'words-refund-zh');
  // The printed slip says the same.
  const refunds = await app.host.invoke('refunds.list', { payerId: b.id });
  const slip = await app.host.invoke('documents.render', { kind: 'refund', id: refunds[0]!.id, locale: 'zh-CN' });
  expect(slip.html).toContain('<div class="hand-back">微信退还 ¥300.00</div>');
});
