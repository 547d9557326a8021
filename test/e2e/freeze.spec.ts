import { DESK_SIZES, expect, screenshot, test } from './harness';

for (const locale of ['en', 'zh-CN'] as const) {
  const zh = locale === 'zh-CN';
  test(`freezes a quarterly card in extend mode and shows its new end date (${zh ? '中文' : 'English'})`, async ({ app }) => {
    await app.setup(locale);
    const plan = await app.host.invoke('plans.create', {
      kind: 'recurring', name: 'Quarterly 季卡', price: 90000, interval: 'month', intervalCount: 3, taxRateBp: 0, freezeDaysPerYear: 30, pauseMode: 'extend',
    });
    const member = await app.host.invoke('members.create', { name: '林小姐', phone: '13800001234' });
    const sale = await app.host.invoke('subscriptions.create', { memberId: member.id, planId: plan.id });
    await app.host.invoke('payments.record', { payerId: member.id, method: 'cash', amount: sale.invoices[0]!.total });
    const { page } = app;
    await page.goto(`${app.url}#/members?member=${member.id}`);
    const title = zh ? '停卡 Quarterly 季卡' : 'Pause Quarterly 季卡';
    await page.getByRole('button', { name: title }).click();
    const dialog = page.getByRole('dialog', { name: zh ? '停卡：Quarterly 季卡' : 'Pause Quarterly 季卡' });
    await dialog.getByLabel(zh ? '停卡首日' : 'First day without service').fill('2026-03-10');
    await dialog.getByLabel(zh ? '复卡日期' : 'Resumes on').fill('2026-03-30');
    // Bought 2026-03-02 for three months (to 2026-06-02); 20 frozen days move it to 2026-06-22.
    const summary = dialog.getByTestId('freeze-summary');
    await expect(summary).toContainText(zh ? '会员卡顺延至 2026年6月22日' : 'Card now runs to Jun 22, 2026');
    await expect(summary).toContainText(zh ? '停卡 20 天' : '20 days frozen');
    await expect(summary).toContainText(zh ? '已用 0 天，本次后剩 10 天（共 30 天）' : '0 used before, 10 left after this (of 30)');
    await expect(summary).toContainText(zh ? '无停卡费' : 'No freeze fee');
    await expect(dialog).not.toContainText('红字凭证');
    for (const size of DESK_SIZES) {
      await page.setViewportSize(size);
      await screenshot(page, `freeze-${zh ? 'zh' : 'en'}-${size.width}x${size.height}`);
    }
    await dialog.getByRole('button', { name: zh ? '确认停卡' : 'Confirm pause' }).click();
    await expect(dialog).toBeHidden();
    const [sub] = await app.host.invoke('subscriptions.listByMember', { memberId: member.id });
    expect(sub).toMatchObject({ status: 'active', nextBillDate: '2026-06-02', pause: { startDate: '2026-03-10', endDate: '2026-03-30' } });
    app.clock.setDate('2026-03-10');
    await app.host.invoke('billing.run', {});
    expect((await app.host.invoke('subscriptions.get', { id: sub!.id })).nextBillDate).toBe('2026-06-22');
  });
}

for (const locale of ['en', 'zh-CN'] as const) {
  const zh = locale === 'zh-CN';
  test(`a manager grants 10 extra freeze days; a desk user sees no grant action (${zh ? '中文' : 'English'})`, async ({ app }) => {
    await app.setup(locale);
    const plan = await app.host.invoke('plans.create', {
      kind: 'recurring', name: 'Quarterly 季卡', price: 90000, interval: 'month', intervalCount: 3, taxRateBp: 0, freezeDaysPerYear: 30, pauseMode: 'extend',
    });
    const member = await app.host.invoke('members.create', { name: '林小姐', phone: '13800001234' });
    await app.host.invoke('subscriptions.create', { memberId: member.id, planId: plan.id });
    const { page } = app;
    const grantButton = page.getByRole('button', { name: zh ? '赠送停卡天数 Quarterly 季卡' : 'Grant freeze days Quarterly 季卡' });

    await app.signInAs('desk');
    await page.goto(`${app.url}#/members?member=${member.id}`);
    await expect(page.getByRole('button', { name: zh ? '停卡 Quarterly 季卡' : 'Pause Quarterly 季卡' })).toBeVisible();
    await expect(grantButton).toHaveCount(0);

    await app.signInAs('manager');
    await page.goto(`${app.url}#/members?member=${member.id}`);
    await page.reload();
    await expect(grantButton).toBeVisible();
    for (const size of DESK_SIZES) {
      await page.setViewportSize(size);
      await screenshot(page, `freeze-grant-row-${zh ? 'zh' : 'en'}-${size.width}x${size.height}`);
    }
    await grantButton.click();
    const dialog = page.getByRole('dialog', { name: zh ? '赠送停卡天数给 林小姐' : 'Grant extra freeze days to 林小姐' });
    await expect(dialog.getByTestId('grant-allowance')).toHaveText(
      zh ? '2026 年停卡天数：共 30 天（含赠送 0 天），已用 0 天，剩余 30 天' : 'Freeze days 2026: 30 allowed (0 granted), 0 used, 30 left',
    );
    const days = dialog.getByLabel(zh ? '赠送天数' : 'Extra days');
    const reason = dialog.getByLabel(zh ? '原因' : 'Reason');
    const submit = dialog.getByRole('button', { name: zh ? '确认赠送' : 'Grant days' });
    // 400 is past the 366 a grant may give: the field says so and nothing is granted.
    await days.fill('400');
    await reason.fill(zh ? '受伤，有医生证明' : "Injured, doctor's note");
    await submit.click();
    await expect(dialog.locator('.field--error')).toHaveCount(1);
    await expect(dialog.locator('.field--error')).toContainText(zh ? '超出范围' : 'Out of range');
    await days.fill('10');
    for (const size of DESK_SIZES) {
      await page.setViewportSize(size);
      await screenshot(page, `freeze-grant-${zh ? 'zh' : 'en'}-${size.width}x${size.height}`);
    }
    await submit.click();
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: zh ? '停卡 Quarterly 季卡' : 'Pause Quarterly 季卡' }).click();
    const pause = page.getByRole('dialog', { name: zh ? '停卡：Quarterly 季卡' : 'Pause Quarterly 季卡' });
    await pause.getByLabel(zh ? '停卡首日' : 'First day without service').fill('2026-03-10');
    await pause.getByLabel(zh ? '复卡日期' : 'Resumes on').fill('2026-03-30');
    // 30 plan days + 10 granted = 40; 20 frozen leaves 20.
    const summary = pause.getByTestId('freeze-summary');
    await expect(summary).toContainText(zh ? '已用 0 天，本次后剩 20 天（共 40 天）' : '0 used before, 20 left after this (of 40)');
    for (const size of DESK_SIZES) {
      await page.setViewportSize(size);
      await screenshot(page, `freeze-after-grant-${zh ? 'zh' : 'en'}-${size.width}x${size.height}`);
    }
  });
}
