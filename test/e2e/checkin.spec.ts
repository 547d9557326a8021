import type { Host } from '../../electron/host/host';
import { expect, screenshot, test } from './harness';

/** 张三: paid-up monthly member with card A1001. 赵六: monthly member who never paid (card Z6). 王五: a 10-session pack. */
async function seed(host: Host) {
  const plan = await host.invoke('plans.create', { kind: 'recurring', name: 'Monthly 月卡', price: 30000, interval: 'month', taxRateBp: 0 });
  const packPlan = await host.invoke('plans.create', { kind: 'pack', name: '10 次卡', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
  const zhang = await host.invoke('members.create', { name: '张三', phone: '13800138000', cardNo: 'A1001' });
  const sale = await host.invoke('subscriptions.create', { memberId: zhang.id, planId: plan.id });
  await host.invoke('payments.record', { payerId: zhang.id, method: 'cash', amount: sale.invoices[0]!.total });
  const zhao = await host.invoke('members.create', { name: '赵六', phone: '13900000006', cardNo: 'Z6' });
  await host.invoke('subscriptions.create', { memberId: zhao.id, planId: plan.id });
  const wang = await host.invoke('members.create', { name: '王五', phone: '13700000005', cardNo: 'P5' });
  await host.invoke('packs.sell', { memberId: wang.id, planId: packPlan.id });
  await host.invoke('payments.record', { payerId: wang.id, method: 'cash', amount: 80000 });
  return { zhang, zhao, wang };
}

test('checks in by card with one box that keeps the focus, then counts no second visit (中文)', async ({ app }) => {
  await app.setup('zh-CN');
  await seed(app.host);
  const { page } = app;
  await page.goto(`${app.url}#/checkin`);
  const box = page.getByRole('textbox', { name: '卡号、姓名、拼音或电话' });
  await expect(box).toBeFocused();
  // A barcode scanner types the number and Enter.
  await box.pressSequentially('A1001');
  await box.press('Enter');
  const result = page.getByRole('status', { name: '签到结果' });
  await expect(result).toContainText('签到成功');
  await expect(result).toContainText('张三');
  await expect(result).toContainText('会员卡：Monthly 月卡');
  await expect(box).toBeFocused();
  await screenshot(page, 'checkin-zh');
  // A pack uses one session, and says how many are left.
  await box.fill('wangwu');
  await box.press('Enter');
  await expect(result).toContainText('次卡：10 次卡（已扣 1 次）');
  // 9 sessions left is no news at the door: the count is said only at 2 or fewer.
  await expect(result).not.toContainText('剩余');
  // The same card again today: not counted twice.
  await box.fill('A1001');
  await box.press('Enter');
  await expect(result).toContainText('今天 2026年3月2日 09:00 已签到，不重复计次');
  const today = page.getByRole('table', { name: '今天的签到' });
  await expect(today.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('heading', { name: '今天：2 人次' })).toBeVisible();
  expect((await app.host.invoke('packs.listByMember', { memberId: 3 }))[0]!.sessionsUsed).toBe(1);
});

test('blocks an overdue member and lets them in on a manager override with a reason', async ({ app }) => {
  await app.setup('en');
  const { zhao } = await seed(app.host);
  app.clock.setDate('2026-03-24'); // the invoice of Mar 2 was due Mar 9: 15 days overdue
  await app.host.invoke('billing.run', {});
  const { page } = app;
  await page.goto(`${app.url}#/checkin`);
  const box = page.getByRole('textbox', { name: 'Card, name, pinyin or phone' });
  await box.fill('Z6');
  await box.press('Enter');
  const result = page.getByRole('alert', { name: 'Check-in result' });
  await expect(result).toContainText('Not allowed');
  await expect(result).toContainText('赵六');
  await expect(result).toContainText('¥300.00 overdue for 15 days (the limit is 14)');
  await screenshot(page, 'checkin-blocked-en');
  expect(await app.host.invoke('checkin.today', {})).toEqual([]);
  await box.press('Control+o');
  const dialog = page.getByRole('dialog', { name: 'Let 赵六 in' });
  await dialog.getByRole('button', { name: 'Let in' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Required');
  await dialog.getByLabel('Reason (kept in the audit log)').fill('Pays at the end of the class');
  await screenshot(page, 'checkin-override-en');
  await dialog.getByRole('button', { name: 'Let in' }).click();
  await expect(dialog).toBeHidden();
  const ok = page.getByRole('status', { name: 'Check-in result' });
  await expect(ok).toContainText('Checked in by manager override');
  await expect(ok).toContainText('Reason: Pays at the end of the class');
  await expect(page.getByRole('table', { name: "Today's check-ins" })).toContainText('Override');
  const [c] = await app.host.invoke('checkin.today', {});
  expect(c).toMatchObject({ memberId: zhao.id, overrideReason: 'Pays at the end of the class', staffName: 'Owner' });
});

test('undoes a mistaken check-in and shows attendance (中文)', async ({ app }) => {
  await app.setup('zh-CN');
  await seed(app.host);
  await app.host.invoke('checkin.checkIn', { query: 'A1001' });
  app.clock.setDate('2026-03-03');
  await app.host.invoke('checkin.checkIn', { query: 'A1001' });
  await app.host.invoke('checkin.checkIn', { query: 'P5' });
  const { page } = app;
  await page.goto(`${app.url}#/checkin`);
  await page.getByRole('button', { name: '撤销 王五 的签到' }).click();
  const dialog = page.getByRole('dialog', { name: '撤销 王五 的签到' });
  await dialog.getByLabel('原因（可选）').fill('刷错卡');
  await dialog.getByRole('button', { name: '撤销签到' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: '今天的签到' })).toContainText('已撤销');
  await expect(page.getByRole('heading', { name: '今天：1 人次' })).toBeVisible();
  await screenshot(page, 'checkin-today-zh');
  expect((await app.host.invoke('packs.listByMember', { memberId: 3 }))[0]!.sessionsUsed).toBe(0);
  await page.getByRole('radio', { name: '到店统计' }).click();
  await page.getByRole('radio', { name: '最近 7 天' }).click();
  const perDay = page.getByRole('table', { name: '按天' });
  await expect(perDay.getByRole('row')).toHaveCount(8);
  await expect(perDay.getByRole('row').nth(1)).toHaveText(/2026年3月3日\s*1\s*1/);
  await expect(perDay.getByRole('row').nth(2)).toHaveText(/2026年3月2日\s*1\s*1/);
  await expect(page.getByRole('table', { name: '按会员' })).toContainText('张三');
  await expect(page.getByText('共 2 人次')).toBeVisible();
  await screenshot(page, 'attendance-zh');
});

test('asks which member when the name matches several, by keyboard', async ({ app }) => {
  await app.setup('en');
  await seed(app.host);
  await app.host.invoke('members.create', { name: '张三', phone: '13511112222', birthday: '2001-02-03' });
  const { page } = app;
  await page.goto(`${app.url}#/checkin`);
  const box = page.getByRole('textbox', { name: 'Card, name, pinyin or phone' });
  await box.fill('zs');
  await box.press('Enter');
  await expect(page.getByText('2 members match — choose one (↑ ↓ and Enter, or click):')).toBeVisible();
  await screenshot(page, 'checkin-choose-en');
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await box.press('Enter');
  // The second 张三 has no membership.
  const result = page.getByRole('alert', { name: 'Check-in result' });
  await expect(result).toContainText('No membership or pack');
  await expect(result).toContainText('张三');
});
