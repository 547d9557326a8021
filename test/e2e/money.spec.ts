import type { Host } from '../../electron/host/host';
import { expect, screenshot, test } from './harness';
import { pdfText } from './pdf';

/** A member with an invoice of `price` for a session pack, sold today. */
async function memberOwing(host: Host, name: string, phone: string, price: number): Promise<{ memberId: number; invoiceId: number }> {
  const plan = await host.invoke('plans.create', { kind: 'pack', name: `${name} 10 次卡`, price, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
  const member = await host.invoke('members.create', { name, phone });
  const sold = await host.invoke('packs.sell', { memberId: member.id, planId: plan.id });
  return { memberId: member.id, invoiceId: sold.invoiceId! };
}

test('takes a cash payment with change due and prints the receipt (English and Chinese PDFs)', async ({ app }) => {
  await app.setup('en');
  await app.host.invoke('settings.update', { address: '88 Jianguo Road, Beijing', taxId: '91110105MA01ABCD2X' });
  const { invoiceId } = await memberOwing(app.host, '张三', '13800000001', 30000);
  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Payments' }).click();
  await page.getByRole('button', { name: 'Take payment' }).first().click();
  await page.getByRole('combobox').fill('张三');
  await page.getByRole('option', { name: /张三/ }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  const dialog = page.getByRole('dialog', { name: 'Take payment – 张三' });
  await expect(dialog.getByLabel('Amount')).toHaveValue('300.00');
  await expect(dialog.getByText('INV-2026-00001')).toBeVisible();
  await dialog.getByLabel('Cash tendered').fill('500');
  await expect(dialog.getByRole('status')).toHaveText('Change due¥200.00');
  await screenshot(page, 'take-payment-en');
  await dialog.getByRole('button', { name: 'Record payment' }).click();

  const done = page.getByRole('dialog', { name: 'Payment recorded' });
  await expect(done.getByText('Give back ¥200.00')).toBeVisible();
  await expect(done.getByText('Applied to INV-2026-00001')).toBeVisible();
  await screenshot(page, 'payment-recorded-en');
  await done.getByRole('button', { name: 'Print receipt' }).click();
  await expect(page.getByText('Receipt P-000001 is ready (printing works in the desktop app)')).toBeVisible();
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Recent payments' })).toContainText('张三');
  await screenshot(page, 'payments-en');

  const inv = await app.host.invoke('invoices.get', { id: invoiceId });
  expect(inv).toMatchObject({ status: 'paid', balance: 0, settled: 30000 });
  const payment = (await app.host.invoke('payments.list', { limit: 10 }))[0]!;
  expect(payment).toMatchObject({ amount: 30000, tendered: 50000, change: 20000, method: 'cash', staffName: 'Owner' });

  // The receipt the button printed, laid out by Chromium and read back from the PDF.
  const receiptPage = await page.context().newPage();
  const en = await app.host.invoke('documents.print', { kind: 'receipt', id: payment.id, locale: 'en' });
  const enText = await pdfText(receiptPage, en.html, '80mm');
  for (const s of ['Sunrise Fitness', '88 Jianguo Road, Beijing', 'Tax ID: 91110105MA01ABCD2X', 'Receipt', 'P-000001', '张三', 'Cash']) expect(enText).toContain(s);
  expect(enText).toMatch(/Amount paid\s+¥300\.00/);
  expect(enText).toMatch(/Cash tendered\s+¥500\.00/);
  expect(enText).toMatch(/Change\s+¥200\.00/);
  expect(enText).toMatch(/INV-2026-00001\s+¥300\.00/);
  const zh = await app.host.invoke('documents.print', { kind: 'receipt', id: payment.id, locale: 'zh-CN' });
  const zhText = await pdfText(receiptPage, zh.html, '80mm');
  expect(zhText).toContain('收据');
  expect(zhText).toMatch(/付款人\s+张三/);
  expect(zhText).toMatch(/付款方式\s+现金/);
  expect(zhText).toMatch(/实收金额\s+¥300\.00/);
  expect(zhText).toMatch(/找零\s+¥200\.00/);
  expect(zhText).toContain('谢谢惠顾');
  await receiptPage.setViewportSize({ width: 320, height: 900 });
  await receiptPage.setContent(zh.html);
  await screenshot(receiptPage, 'receipt-80mm-zh');
  const a4 = await app.host.invoke('documents.print', { kind: 'invoice', id: invoiceId, locale: 'zh-CN' });
  const a4Text = await pdfText(receiptPage, a4.html, '210mm');
  expect(a4Text).toContain('INV-2026-00001');
  expect(a4Text).toMatch(/合计\s+¥300\.00/);
  expect(a4Text).toMatch(/应付余额\s+¥0\.00/);
  await receiptPage.setViewportSize({ width: 820, height: 1100 });
  await receiptPage.setContent(a4.html);
  await screenshot(receiptPage, 'invoice-a4-zh');
});

test('logs a follow-up on an overdue member (中文)', async ({ app }) => {
  await app.setup('zh-CN');
  const { memberId } = await memberOwing(app.host, '李雷', '13900000002', 12000);
  app.clock.setDate('2026-03-20'); // due 03-09: 11 days overdue
  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: '收款' }).click();
  await page.getByRole('radio', { name: '欠费跟进' }).click();
  const table = page.getByRole('table', { name: '逾期付款人' });
  await expect(table).toContainText('李雷');
  await expect(table).toContainText('13900000002');
  await expect(table).toContainText('¥120.00');
  await expect(table).toContainText('尚未联系');
  await screenshot(page, 'followup-zh');

  await page.getByRole('button', { name: '记录跟进 李雷' }).click();
  const dialog = page.getByRole('dialog', { name: '跟进 – 李雷' });
  await dialog.getByRole('radio', { name: '承诺付款' }).click();
  await dialog.getByRole('button', { name: '保存跟进' }).click();
  await expect(dialog.getByText('承诺付款时请填写承诺日期（仅此时填写）')).toBeVisible();
  await dialog.getByLabel('承诺日期').fill('2026-03-25');
  await dialog.getByLabel('备注').fill('周三来付');
  await screenshot(page, 'followup-log-zh');
  await dialog.getByRole('button', { name: '保存跟进' }).click();
  await expect(page.getByText('跟进已保存')).toBeVisible();
  await expect(table).toContainText('承诺付款');
  await expect(table).toContainText('承诺 2026年3月25日 付款');
  await expect(table).toContainText('周三来付');
  const [f] = await app.host.invoke('followups.history', { payerId: memberId });
  expect(f).toMatchObject({ kind: 'promised', promisedDate: '2026-03-25', note: '周三来付', staffName: 'Owner', date: '2026-03-20' });
  // No English left on the screen.
  const text = await page.locator('main').innerText();
  for (const english of ['Payments', 'Follow-up', 'Overdue', 'Log follow-up', 'Take payment']) expect(text).not.toContain(english);
});

test('closes the day with a cash difference, and the day is then locked', async ({ app }) => {
  await app.setup('en');
  const a = await memberOwing(app.host, 'Wang Fang', '13700000003', 30000);
  const b = await memberOwing(app.host, '赵敏', '13600000004', 12000);
  await app.host.invoke('payments.record', { payerId: a.memberId, method: 'cash', amount: 30000, tendered: 30000 });
  await app.host.invoke('payments.record', { payerId: b.memberId, method: 'wechat', amount: 12000 });
  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Payments' }).click();
  await page.getByRole('radio', { name: 'Daily closeout' }).click();
  const table = page.getByRole('table', { name: 'Takings by method' });
  await expect(table.getByRole('row', { name: /Cash/ })).toContainText('¥300.00');
  await expect(table.getByRole('row', { name: /WeChat Pay/ })).toContainText('¥120.00');
  await expect(table.getByRole('row', { name: /Total/ })).toContainText('¥420.00');
  // A ¥200 float: the drawer should hold 200 + 300 cash taken.
  await page.getByLabel('Opening float (change in the drawer)').fill('200');
  await expect(page.getByTestId('closeout-float-line')).toHaveText('Float ¥200.00 + cash taken ¥300.00');
  await page.getByLabel('Counted cash').fill('498');
  await expect(page.getByTestId('closeout-difference')).toHaveText('Difference-¥2.00 short');
  await page.getByRole('button', { name: 'Close the day' }).click();
  await expect(page.getByText('The counted cash differs from the expected cash. Add a note that says why.')).toBeVisible();
  await page.getByLabel('Note').fill('¥2 change given twice');
  await screenshot(page, 'closeout-en');
  await page.getByRole('button', { name: 'Close the day' }).click();
  await expect(page.getByText(/This day is closed/)).toBeVisible();
  await expect(page.getByText('Closed by Owner')).toBeVisible();
  await screenshot(page, 'closeout-closed-en');

  const day = await app.host.invoke('closeout.day', { date: '2026-03-02' });
  expect(day.closeout).toMatchObject({ openingFloat: 20000, expectedCash: 50000, countedCash: 49800, difference: -200, note: '¥2 change given twice', closedByName: 'Owner' });
  await expect(app.host.invoke('payments.record', { payerId: b.memberId, method: 'cash', amount: 100 })).rejects.toMatchObject({ code: 'DAY_CLOSED' });

  // In Chinese, the same closed day reads 日结.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '日结' })).toBeVisible();
  await expect(page.getByText(/该日已日结/)).toBeVisible();
  await screenshot(page, 'closeout-closed-zh');
});

test('invoices: filters, the detail with what settled it, and a void of a paid invoice', async ({ app }) => {
  await app.setup('en');
  const a = await memberOwing(app.host, 'Li Lei', '13900000005', 25000);
  await memberOwing(app.host, '王芳', '13800000006', 18000);
  await app.host.invoke('payments.record', { payerId: a.memberId, method: 'alipay', amount: 10000 });
  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Invoices' }).click();
  const table = page.getByRole('table', { name: 'Invoices' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.getByRole('radio', { name: 'Partly paid' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Li Lei');
  await screenshot(page, 'invoices-en');
  await table.getByRole('row', { name: /Li Lei/ }).click();
  const detail = page.getByRole('dialog', { name: 'Invoice INV-2026-00001' });
  await expect(detail).toContainText('Payment P-000001');
  await expect(detail).toContainText('¥150.00');
  await screenshot(page, 'invoice-detail-en');
  await detail.getByRole('button', { name: 'Void' }).click();
  const voiding = page.getByRole('dialog', { name: 'Void INV-2026-00001' });
  await expect(voiding).toContainText('¥100.00 is applied to it.');
  await voiding.getByLabel('Reason').fill('Sold by mistake');
  await voiding.getByRole('button', { name: 'Void invoice' }).click();
  await expect(page.getByText('INV-2026-00001 is void')).toBeVisible();
  expect(await app.host.invoke('payments.payer', { memberId: a.memberId })).toMatchObject({ due: 0, paidCredit: 10000 });
  await expect(detail.getByText('Void: Sold by mistake')).toBeVisible();
  await detail.getByRole('button', { name: 'Close dialog' }).click();

  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('radio', { name: '全部' }).click();
  await expect(page.getByRole('table', { name: '账单' }).getByRole('row')).toHaveCount(3);
  await screenshot(page, 'invoices-zh');

  // Part of a line credited and kept as account credit: it settles what 王芳 still owes on the invoice.
  await page.getByRole('table', { name: '账单' }).getByRole('row', { name: /王芳/ }).click();
  const other = page.getByRole('dialog', { name: '账单 INV-2026-00002' });
  await other.getByRole('button', { name: '开红字凭证' }).click();
  const credit = page.getByRole('dialog', { name: '为 INV-2026-00002 开红字凭证' });
  await credit.getByRole('checkbox').first().check();
  await expect(credit.getByLabel('金额')).toHaveValue('180.00');
  await expect(credit).toContainText('本账单最多还可冲抵 ¥180.00');
  await credit.getByLabel('金额').fill('50');
  await credit.getByLabel('原因').fill('教练请假');
  await screenshot(page, 'credit-note-zh');
  await credit.getByRole('button', { name: '开具红字凭证' }).click();
  await expect(page.getByText('红字凭证 CN-2026-00001 已开具')).toBeVisible();
  await expect(other).toContainText('CN-2026-00001');
  expect(await app.host.invoke('invoices.get', { id: 2 })).toMatchObject({ settled: 5000, balance: 13000, status: 'partly_paid' });
  await other.getByRole('button', { name: '关闭对话框' }).click();

  // The released money is account credit on the payment: a manager refunds it.
  await page.getByRole('link', { name: '收款' }).click();
  await page.getByRole('button', { name: '退款 Li Lei' }).click();
  const refund = page.getByRole('dialog', { name: '退款 – Li Lei' });
  await expect(refund.getByLabel('本笔付款（P-000001）')).toBeChecked();
  await expect(refund).toContainText('最多可退 ¥100.00');
  await expect(refund.getByLabel('金额')).toHaveValue('100.00');
  await expect(refund.getByLabel('退款方式')).toHaveValue('alipay');
  await refund.getByLabel('原因').fill('误售');
  await screenshot(page, 'refund-zh');
  await refund.getByRole('button', { name: '确认退款' }).click();
  await expect(page.getByText('已退款 ¥100.00')).toBeVisible();
  const refunded = page.getByRole('dialog', { name: '退款成功' });
  await expect(refunded.getByRole('status', { name: '应退还给会员' })).toHaveText('支付宝退还 ¥100.00');
  await refunded.getByRole('button', { name: '完成' }).click();
  await expect(page.getByRole('table', { name: '最近退款' })).toContainText('误售');
  expect(await app.host.invoke('payments.payer', { memberId: a.memberId })).toMatchObject({ balance: 0, due: 0, paidCredit: 0 });
});

test('a top-up with a promotion (充值赠送), set up and taken in Chinese', async ({ app }) => {
  await app.setup('zh-CN');
  const member = await app.host.invoke('members.create', { name: '赵敏', phone: '13600000007' });
  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: '收款' }).click();
  await page.getByRole('radio', { name: '付款方式与收据' }).click();
  await page.getByLabel('名称').fill('充1000送200');
  await page.getByLabel('充值满').fill('1000');
  await page.getByLabel('赠送', { exact: true }).fill('200');
  await page.getByRole('button', { name: '添加' }).nth(1).click();
  await expect(page.getByText('充 ¥1,000.00 送 ¥200.00')).toBeVisible();
  await screenshot(page, 'payments-setup-zh');

  await page.getByRole('button', { name: '收款' }).first().click();
  await page.getByRole('combobox').fill('赵敏');
  await page.getByRole('option', { name: /赵敏/ }).click();
  await page.getByRole('button', { name: '继续' }).click();
  const dialog = page.getByRole('dialog', { name: '收款 – 赵敏' });
  await dialog.getByRole('radio', { name: '充值（储值）' }).click();
  await dialog.getByRole('radio', { name: '微信支付' }).check();
  await dialog.getByLabel('金额').fill('1000');
  await dialog.getByLabel('充值活动').selectOption({ label: '充1000送200（满 ¥1,000.00 送 ¥200.00）' });
  await screenshot(page, 'topup-zh');
  await dialog.getByRole('button', { name: '确认充值' }).click();
  const done = page.getByRole('dialog', { name: '收款成功' });
  await expect(done).toContainText('存入储值');
  await expect(done).toContainText('¥1,000.00');
  await expect(done).toContainText('赠送');
  await expect(done).toContainText('¥200.00');
  expect(await app.host.invoke('payments.payer', { memberId: member.id })).toMatchObject({ balance: -100000, paidCredit: 100000, bonusCredit: 20000 });
});

test('refunding half a promoted top-up takes back half its bonus; a switched-off method is not offered', async ({ app }) => {
  await app.setup('en');
  const member = await app.host.invoke('members.create', { name: 'Han Mei', phone: '13600000008' });
  const promo = await app.host.invoke('promotions.create', { name: 'Top up 1000 get 200', minAmount: 100000, bonus: 20000 });
  await app.host.invoke('payments.record', { payerId: member.id, kind: 'topup', method: 'wechat', amount: 100000, promotionId: promo.id });
  await app.host.invoke('paymentMethods.update', { code: 'wechat', active: false });
  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Payments' }).click();
  await page.getByRole('button', { name: 'Refund Han Mei' }).click();
  const refund = page.getByRole('dialog', { name: 'Refund – Han Mei' });
  // WeChat Pay is off: the select and what is sent are the first method in use.
  await expect(refund.getByLabel('Pay back by')).toHaveValue('cash');
  await refund.getByLabel('Amount').fill('500');
  await expect(refund).toContainText('This refund also takes back ¥100.00 of bonus credit');
  await refund.getByLabel('Reason').fill('Half back');
  await screenshot(page, 'refund-forfeit-en');
  await refund.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: '退款 Han Mei' }).click();
  const zh = page.getByRole('dialog', { name: '退款 – Han Mei' });
  await zh.getByLabel('金额').fill('500');
  await expect(zh).toContainText('本次退款将同时收回 ¥100.00 赠送金额');
  await zh.getByLabel('原因').fill('退一半');
  await screenshot(page, 'refund-forfeit-zh');
  await zh.getByRole('button', { name: '确认退款' }).click();
  await expect(page.getByText('已退款 ¥500.00，收回赠送 ¥100.00')).toBeVisible();
  await expect(page.getByRole('dialog', { name: '退款成功' })).toContainText('退还现金 ¥500.00');
  expect(await app.host.invoke('payments.payer', { memberId: member.id })).toMatchObject({ paidCredit: 50000, bonusCredit: 10000 });
  expect((await app.host.invoke('refunds.list', { payerId: member.id })).map((r) => [r.method, r.amount])).toEqual([['cash', 50000]]);
});

test('the credit note dialog says how much is left to credit, and refunds by a method in use', async ({ app }) => {
  await app.setup('en');
  const a = await memberOwing(app.host, 'Wei Na', '13900000009', 30000);
  await app.host.invoke('payments.record', { payerId: a.memberId, method: 'card', amount: 30000 });
  await app.host.invoke('paymentMethods.update', { code: 'cash', active: false });
  const { page } = app;
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('table', { name: 'Invoices' }).getByRole('row', { name: /Wei Na/ }).click();
  const detail = page.getByRole('dialog', { name: 'Invoice INV-2026-00001' });
  await detail.getByRole('button', { name: 'Credit note' }).click();
  const credit = page.getByRole('dialog', { name: 'Credit note for INV-2026-00001' });
  await expect(credit).toContainText('At most ¥300.00 can still be credited on this invoice');
  await credit.getByRole('checkbox').first().check();
  await credit.getByLabel('Amount').fill('120');
  await credit.getByRole('radio', { name: 'Refund it' }).check();
  await expect(credit.getByLabel('Refund by')).toHaveValue('card');
  await credit.getByLabel('Reason').fill('Coach away');
  await screenshot(page, 'credit-note-cap-en');
  await credit.getByRole('button', { name: 'Issue credit note' }).click();
  await expect(page.getByText('Credit note CN-2026-00001 issued')).toBeVisible();
  expect((await app.host.invoke('refunds.list', { payerId: a.memberId })).map((r) => [r.method, r.amount, r.staffName])).toEqual([['card', 12000, 'Owner']]);

  // Taking a payment with cash switched off starts on the first method in use, and records it.
  await page.getByRole('button', { name: 'Close dialog' }).click();
  await page.getByRole('link', { name: 'Payments' }).click();
  await page.getByRole('button', { name: 'Take payment' }).first().click();
  await page.getByRole('combobox').fill('Wei Na');
  await page.getByRole('option', { name: /Wei Na/ }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  const take = page.getByRole('dialog', { name: 'Take payment – Wei Na' });
  await expect(take.getByRole('radio', { name: 'Card terminal' })).toBeChecked();
  await expect(take.getByLabel('Cash tendered')).toHaveCount(0);
});
