/**
 * Selling at the desk: a parent's checkout of two children on one invoice, an add-on sold on a
 * membership, and a drop-in sold from a refused check-in — in English and 中文, at the two common
 * front-desk sizes.
 */
import type { Host } from '../../electron/host/host';
import { expect, shootAtDeskSizes, test } from './harness';

async function seed(host: Host) {
  await host.invoke('settings.update', { householdDiscountBp: 1000 });
  const swim = await host.invoke('plans.create', { kind: 'recurring', name: 'Swim Club', price: 19900, interval: 'month', taxRateBp: 0 });
  const dayPass = await host.invoke('plans.create', { kind: 'dropin', name: 'Day pass 单次', price: 5000, taxRateBp: 0 });
  const parent = await host.invoke('members.create', { name: '王丽', phone: '13800000010' });
  const ming = await host.invoke('members.create', { name: '小明', payerId: parent.id });
  const hong = await host.invoke('members.create', { name: '小红', payerId: parent.id });
  const walkIn = await host.invoke('members.create', { name: '李雷', phone: '13900000011', cardNo: 'W1' });
  return { swim, dayPass, parent, ming, hong, walkIn };
}

test('a parent buys two children’s memberships in one checkout: one invoice, the household discount, one payment (EN, then 中文)', async ({ app }) => {
  await app.setup('en');
  const s = await seed(app.host);
  const { page } = app;
  await page.goto(`${app.url}#/members?member=${s.parent.id}`);
  await expect(page.getByRole('heading', { name: '王丽' })).toBeVisible();
  await shootAtDeskSizes(page, 'member-page-sell-en');
  await page.getByRole('button', { name: 'Checkout', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Checkout — 王丽' });
  for (const child of ['小明', '小红']) {
    await dialog.getByLabel('For').selectOption({ label: child });
    await dialog.getByLabel('Plan').selectOption({ label: 'Swim Club · ¥199.00' });
    // Enter in the form adds the item (keyboard use).
    await dialog.getByLabel('Plan').press('Enter');
  }
  const cart = dialog.getByRole('region', { name: 'In this sale' });
  await expect(cart.getByRole('listitem')).toHaveCount(2);
  const preview = dialog.getByRole('region', { name: 'What the checkout will bill' });
  await expect(preview.getByRole('row')).toHaveText([
    /^小明 · Swim Club.*¥199\.00$/,
    /^小红 · Swim Club.*¥199\.00$/,
    /^小红 · Household discount 10%.*19\.90$/,
    'Invoice total¥378.10',
    'To take now¥378.10',
  ]);
  await shootAtDeskSizes(page, 'checkout-cart-en');
  expect((await app.host.invoke('invoices.list', {})).total).toBe(0);
  await dialog.getByRole('button', { name: 'Take payment' }).click();
  const pay = page.getByRole('dialog', { name: 'Take payment — 王丽' });
  await pay.getByLabel('Cash handed over').fill('400');
  await expect(pay.getByRole('status')).toHaveText('Change ¥21.90');
  await shootAtDeskSizes(page, 'checkout-pay-en');
  await pay.getByRole('button', { name: 'Confirm and take ¥378.10' }).click();
  const done = page.getByRole('dialog', { name: 'Sold' });
  await expect(done).toContainText('Invoice INV-2026-00001 · ¥378.10');
  await expect(done).toContainText('Give back ¥21.90 change');
  const invoices = await app.host.invoke('invoices.list', {});
  expect(invoices.rows.map((i) => [i.number, i.payerId, i.total, i.status])).toEqual([['INV-2026-00001', s.parent.id, 37810, 'paid']]);
  const detail = await app.host.invoke('invoices.get', { id: invoices.rows[0]!.id });
  expect(detail.lines.map((l) => [l.kind, l.memberName, l.amount])).toEqual([
    ['period', '小明', 19900],
    ['period', '小红', 19900],
    ['household_discount', '小红', -1990],
  ]);
  await done.getByRole('button', { name: 'Done' }).click();

  // 中文: the same cart, looked at; removing an item updates the one preview.
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: '收银结账', exact: true }).click();
  const zh = page.getByRole('dialog', { name: '收银结账 — 王丽' });
  await zh.getByRole('radio', { name: '单次入场' }).click();
  await zh.getByLabel('给谁').selectOption({ label: '小明' });
  await zh.getByLabel('套餐').selectOption({ label: 'Day pass 单次 · ¥50.00' });
  await zh.getByRole('button', { name: '+ 加入本单' }).click();
  await zh.getByRole('radio', { name: '充值' }).click();
  await zh.getByLabel('金额').fill('500');
  await zh.getByRole('button', { name: '+ 加入本单' }).click();
  const zhPreview = zh.getByRole('region', { name: '本次结账将开具的账单' });
  await expect(zhPreview).toContainText(/小明 · .*Day pass 单次/);
  await expect(zhPreview.getByRole('row').last()).toHaveText('本次应收¥550.00');
  await shootAtDeskSizes(page, 'checkout-cart-zh');
  await zh.getByRole('button', { name: /移除 充值/ }).click();
  await expect(zhPreview.getByRole('row').last()).toHaveText('本次应收¥50.00');
  await zh.getByRole('button', { name: '取消' }).click();
  expect((await app.host.invoke('invoices.list', {})).total).toBe(1);
});

test('a top-up too small for its promotion is refused in the preview, as the sale would refuse it (EN, then 中文)', async ({ app }) => {
  await app.setup('en');
  const s = await seed(app.host);
  await app.host.invoke('promotions.create', { name: 'Top up 1000 get 200', minAmount: 100000, bonus: 20000 });
  const { page } = app;
  await page.goto(`${app.url}#/members?member=${s.walkIn.id}`);
  await page.getByRole('button', { name: 'Checkout', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Checkout — 李雷' });
  await dialog.getByRole('radio', { name: 'Top-up' }).click();
  await dialog.getByLabel('Amount').fill('500');
  await dialog.getByLabel('Promotion').selectOption({ index: 1 });
  await dialog.getByRole('button', { name: '+ Add to sale' }).click();
  await expect(dialog.getByRole('alert').or(dialog.locator('.banner--error'))).toContainText('That promotion does not apply to this top-up.');
  await shootAtDeskSizes(page, 'checkout-topup-refused-en');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: '收银结账', exact: true }).click();
  const zh = page.getByRole('dialog', { name: '收银结账 — 李雷' });
  await zh.getByRole('radio', { name: '充值' }).click();
  await zh.getByLabel('金额').fill('500');
  await zh.getByLabel('充值活动').selectOption({ index: 1 });
  await zh.getByRole('button', { name: '+ 加入本单' }).click();
  await expect(zh.getByRole('alert').or(zh.locator('.banner--error'))).toContainText('该充值活动不适用于本次充值。');
  await shootAtDeskSizes(page, 'checkout-topup-refused-zh');
  expect((await app.host.invoke('payments.list', {})).length).toBe(0);
});

test('an add-on (locker) is sold on a membership from the member page, prorated, and never lets anyone in by itself (中文, then EN)', async ({ app }) => {
  await app.setup('zh-CN');
  const s = await seed(app.host);
  const sale = await app.host.invoke('subscriptions.create', { memberId: s.walkIn.id, planId: s.swim.id });
  await app.host.invoke('payments.record', { payerId: s.walkIn.id, method: 'cash', amount: sale.invoices[0]!.total });
  app.clock.setDate('2026-03-17');
  const { page } = app;
  await page.goto(`${app.url}#/members?member=${s.walkIn.id}`);
  await page.getByRole('button', { name: 'Swim Club 的增值服务' }).click();
  const dialog = page.getByRole('dialog', { name: '增值服务 — Swim Club' });
  await expect(dialog).toContainText('还没有增值服务。');
  await dialog.getByRole('button', { name: '储物柜' }).click();
  await expect(dialog.getByLabel('名称')).toHaveValue('储物柜');
  await dialog.getByLabel('每周期价格').fill('31');
  const preview = dialog.getByRole('region', { name: '预览' });
  // 16 of 31 days (Mar 17 – Apr 2) of ¥31.00.
  await expect(preview.getByRole('row').last()).toHaveText('合计¥16.00');
  await shootAtDeskSizes(page, 'addon-sell-zh');
  await dialog.getByRole('button', { name: '开通' }).click();
  const sub = await app.host.invoke('subscriptions.get', { id: sale.subscription.id });
  expect(sub.addons.map((a) => [a.name, a.price, a.startDate, a.endDate])).toEqual([['储物柜', 3100, '2026-03-17', null]]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Swim Club 的增值服务' })).toHaveText('增值服务 (1)');
  await shootAtDeskSizes(page, 'member-page-addons-zh');

  await page.getByRole('button', { name: 'EN' }).click();
  await page.getByRole('button', { name: 'Add-ons of Swim Club' }).click();
  const en = page.getByRole('dialog', { name: 'Add-ons — Swim Club' });
  await expect(en.getByRole('listitem')).toContainText('储物柜 · ¥31.00 per period');
  await shootAtDeskSizes(page, 'addon-sell-en');
  await en.getByRole('button', { name: 'Remove 储物柜' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove 储物柜' });
  // From tomorrow (Mar 18): 15 of 31 days back as credit.
  await expect(remove.getByRole('region', { name: 'Preview' })).toContainText('¥15.00');
  await shootAtDeskSizes(page, 'addon-remove-en');
  await remove.getByRole('button', { name: 'Cancel' }).click();
});

test('a refused check-in offers a single visit: sold, paid and checked in on the same screen (EN, then 中文)', async ({ app }) => {
  await app.setup('en');
  const s = await seed(app.host);
  const { page } = app;
  await page.goto(`${app.url}#/checkin`);
  const box = page.getByRole('textbox', { name: 'Card, name, pinyin or phone' });
  await box.fill('W1');
  await box.press('Enter');
  const refused = page.getByRole('alert', { name: 'Check-in result' });
  await expect(refused).toContainText('Not allowed');
  await expect(refused.getByRole('group', { name: 'Next step' }).getByRole('button')).toHaveText(['Renew membership', 'Sell a single visit and check in']);
  await shootAtDeskSizes(page, 'checkin-refused-en');
  await refused.getByRole('button', { name: 'Sell a single visit and check in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Single visit — 李雷' });
  await expect(dialog.getByRole('region', { name: 'What the checkout will bill' })).toContainText('李雷 · Drop-in – Day pass 单次');
  await shootAtDeskSizes(page, 'dropin-sell-en');
  await dialog.getByRole('button', { name: 'Take ¥50.00 and check in' }).click();
  const ok = page.getByRole('status', { name: 'Check-in result' });
  await expect(ok).toContainText('Checked in');
  await expect(ok).toContainText('李雷');
  const today = await app.host.invoke('checkin.today', { includeUndone: false });
  expect(today.map((c) => [c.memberId, c.planName])).toEqual([[s.walkIn.id, 'Day pass 单次']]);
  const invoices = await app.host.invoke('invoices.list', {});
  expect(invoices.rows.map((i) => [i.payerId, i.total, i.status])).toEqual([[s.walkIn.id, 5000, 'paid']]);

  // 中文: another member without a membership sees the same next steps.
  await page.getByRole('button', { name: '中文' }).click();
  const zhBox = page.getByRole('textbox', { name: '卡号、姓名、拼音或电话' });
  await zhBox.fill('小明');
  await zhBox.press('Enter');
  const zh = page.getByRole('alert', { name: '签到结果' });
  await expect(zh.getByRole('group', { name: '下一步' }).getByRole('button')).toHaveText(['续卡', '购买单次入场并签到']);
  await shootAtDeskSizes(page, 'checkin-refused-zh');
  await zh.getByRole('button', { name: '购买单次入场并签到' }).click();
  await expect(page.getByRole('dialog', { name: '单次入场 — 小明' })).toContainText('收款 ¥50.00 并签到');
  await shootAtDeskSizes(page, 'dropin-sell-zh');
});
