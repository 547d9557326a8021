/**
 * One language at a time (issue 14): the audit log reads as sentences, a Chinese sentence's date reads
 * 年月日, the cancel dialog keeps the membership by name, and money shows one sign (¥, never CN¥).
 */
import { expect, test } from './harness';

const WORDS = {
  en: {
    member: 'Zhang San',
    plan: 'Monthly',
    sentence: 'Owner took ¥300.00 (WeChat Pay) from Zhang San',
    sold: 'Owner started Monthly for Zhang San from Mar 2, 2026',
    audit: 'Audit log',
    cancel: 'Cancel Monthly',
    cancelDialog: 'Cancel Monthly',
    endsOn: 'Nothing is credited: the membership ends on Apr 2, 2026.',
    keep: 'Keep membership',
    invoices: 'Invoices',
  },
  'zh-CN': {
    member: '张三',
    plan: '月卡',
    sentence: 'Owner 向 张三 收款 ¥300.00（微信支付）',
    sold: 'Owner 为 张三 开通 月卡，2026年3月2日 起',
    audit: '审计日志',
    cancel: '退卡 月卡',
    cancelDialog: '退卡：月卡',
    endsOn: '不冲抵：会员卡于 2026年4月2日 结束。',
    keep: '保留会员卡',
    invoices: '账单',
  },
} as const;

for (const lang of ['en', 'zh-CN'] as const) {
  const w = WORDS[lang];
  test(`one language at a time: audit sentences, dates in sentences, the cancel dialog and one money sign (${lang})`, async ({
    app,
  }) => {
    await app.setup(lang);
    const plan = await app.host.invoke('plans.create', {
      kind: 'recurring',
      name: w.plan,
      price: 30000,
      interval: 'month',
      taxRateBp: 0,
    });
    const member = await app.host.invoke('members.create', {
      name: w.member,
      phone: '13800138000',
    });
    const sale = await app.host.invoke('subscriptions.create', {
      memberId: member.id,
      planId: plan.id,
    });
    await app.host.invoke('payments.record', {
      payerId: member.id,
      method: 'wechat',
      amount: sale.invoices[0]!.total,
    });
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 720 });

    // The audit log: the newest entry is the payment, as a sentence; the sale before it too.
    await page.goto(`${app.url}#/audit`);
    const table = page.getByRole('table', { name: w.audit });
    await expect(table.getByRole('row').nth(1).locator('summary')).toHaveText(w.sentence);
    await expect(table.locator('summary', { hasText: w.sold })).toHaveText(w.sold);
    await expect(table).not.toContainText('payments.record');
    await expect(table).not.toContainText('∅');
    await page.screenshot({ path: `/work/shots/lang/audit-${lang}-1280.png` });

    // The cancel dialog: its sentence's date in the reader's language, and the way out keeps the membership.
    await page.goto(`${app.url}#/members?member=${member.id}`);
    await page.getByRole('button', { name: w.cancel, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: w.cancelDialog });
    await expect(dialog.getByText(w.endsOn)).toBeVisible();
    await dialog.getByRole('button', { name: w.keep }).click();
    await expect(dialog).toBeHidden();

    // The invoice table: ¥, never CN¥.
    await page.goto(`${app.url}#/invoices`);
    const invoices = page.getByRole('table', { name: w.invoices });
    await expect(invoices.getByRole('row').nth(1)).toContainText('¥300.00');
    await expect(invoices).not.toContainText('CN¥');
  });
}
