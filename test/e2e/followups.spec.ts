/**
 * Follow-ups (回访): the desk opens today's list, sees why a member is on it, copies the message to send,
 * records "renewed" with feedback, and the item shows as done — in English and 中文, at 1280×720 without
 * the window scrolling.
 */
import { expect, shootAtDeskSizes as shoot, test } from './harness';

const WORDS = {
  en: {
    nav: 'Follow-ups', reason: 'Membership ending', why: 'Monthly membership ends Apr 1, 2026 (in 5 days)', copy: 'Copy message',
    copied: 'Message copied. Paste it into WeChat or SMS.', message: 'Hi 王小明, your Monthly membership at Sunrise Fitness ends on Apr 1, 2026.',
    outcome: 'What happened', renewed: 'Renewed', satisfaction: 'Satisfaction', comment: 'Comment', save: 'Record outcome', done: 'Done: Renewed',
    overdueTab: 'Overdue money', reasonPicked: 'Too expensive', rulesForm: 'Follow-up rules', noVisitDays: 'No visit for (days)',
    birthday: 'Birthday this week', saveRules: 'Save follow-up rules', saved: 'Settings saved', visits: 'Check-ins', history: 'Follow-up history',
  },
  zh: {
    nav: '回访', reason: '会籍即将到期', why: 'Monthly会籍2026年4月1日到期（5天后）', copy: '复制消息',
    copied: '消息已复制，可粘贴到微信或短信。', message: '王小明您好，您在Sunrise Fitness的Monthly会籍将于2026年4月1日到期。',
    outcome: '回访结果', renewed: '已续费', satisfaction: '满意度', comment: '备注', save: '记录结果', done: '已完成：已续费',
    overdueTab: '欠费催缴', reasonPicked: '价格太贵', rulesForm: '回访规则', noVisitDays: '未到店天数',
    birthday: '本周生日', saveRules: '保存回访规则', saved: '设置已保存', visits: '签到记录', history: '回访记录',
  },
};

for (const lang of ['en', 'zh'] as const) {
  const w = WORDS[lang];
  test(`the desk works a follow-up from today's list to "renewed" and copies the message (${lang})`, async ({ app }) => {
    await app.setup(lang === 'zh' ? 'zh-CN' : 'en');
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const plan = await app.host.invoke('plans.create', { kind: 'recurring', name: 'Monthly', price: 30000, interval: 'month', taxRateBp: 0 });
    const ming = await app.host.invoke('members.create', { name: '王小明', phone: '13800000031' });
    await app.host.invoke('subscriptions.create', { memberId: ming.id, planId: plan.id });
    await app.host.invoke('payments.record', { payerId: ming.id, method: 'cash', amount: 30000 });
    const [sub] = await app.host.invoke('subscriptions.listByMember', { memberId: ming.id });
    // Cancelled at the period end with a reason from the owner's list: the membership's last day is 04-01.
    await app.host.invoke('subscriptions.cancel', { id: sub!.id, mode: 'period_end', reason: w.reasonPicked });
    app.clock.setDate('2026-03-27');

    await page.goto(`${app.url}#/members`);
    await page.getByRole('link', { name: w.nav }).click();
    const list = page.getByRole('listbox');
    const item = list.getByRole('option').filter({ hasText: w.reason });
    await expect(item).toContainText('王小明');
    await expect(item).toContainText(w.why);
    await item.click();
    await expect(page.getByTestId('followup-message')).toContainText(w.message);
    await page.getByRole('button', { name: w.copy }).click();
    await expect(page.getByText(w.copied)).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(w.message);
    // The screen fits the desk without the window scrolling.
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
    await shoot(page, `followups-${lang}`);

    await page.getByRole('radiogroup', { name: w.outcome }).getByRole('radio', { name: w.renewed }).click();
    await page.getByLabel(w.satisfaction).selectOption('5');
    await page.getByLabel(w.comment).fill('OK');
    await page.getByRole('button', { name: w.save }).click();
    await expect(list.getByRole('option').filter({ hasText: w.done })).toContainText('王小明');
    await shoot(page, `followups-done-${lang}`);
    const [recorded] = await app.host.invoke('renewals.history', { memberId: ming.id });
    expect(recorded).toMatchObject({ reason: 'membership_ending', outcome: 'renewed', satisfaction: 5, comment: 'OK', date: '2026-03-27', lostReason: null });
    const listed = (await app.host.invoke('renewals.today', {})).items.find((i) => i.reason === 'membership_ending');
    expect(listed?.done?.outcome).toBe('renewed');

    // The member page shows the follow-up beside the visits.
    await page.goto(`${app.url}#/members?member=${ming.id}`);
    await page.getByRole('radio', { name: w.visits }).click();
    const history = page.getByRole('table', { name: w.history });
    await expect(history.getByRole('row').nth(1)).toContainText(w.renewed);
    await expect(history.getByRole('row').nth(1)).toContainText('★★★★★ · OK');
    await page.goto(`${app.url}#/followups`);

    // The overdue list is the screen's second tab.
    await page.getByRole('radio', { name: w.overdueTab }).click();
    await expect(page.getByRole('table')).toBeVisible();

    // The owner's rules on Settings: 30 days without a visit, no birthdays. Through the nav (the tab click above
    // writes its choice into the address, which a direct goto could race with).
    await page.getByRole('navigation').getByRole('link', { name: lang === 'en' ? 'Settings' : '设置', exact: true }).click();
    const rules = page.getByRole('form', { name: w.rulesForm });
    await expect(rules).toBeVisible();
    await rules.getByLabel(w.noVisitDays, { exact: true }).fill('30');
    await rules.getByRole('checkbox', { name: w.birthday }).uncheck();
    await rules.getByRole('button', { name: w.saveRules }).click();
    await expect(rules.getByText(w.saved)).toBeVisible();
    await rules.scrollIntoViewIfNeeded();
    await shoot(page, `followup-rules-${lang}`);
    const saved = (await app.host.invoke('settings.get', {})).followUpRules;
    expect([saved.noVisit, saved.birthday]).toEqual([{ on: true, days: 30 }, { on: false }]);
    // 王小明 last came never, 25 days since the start: no longer "not seen lately".
    expect((await app.host.invoke('renewals.today', {})).items.map((i) => i.reason)).toEqual(['membership_ending']);
  });
}
