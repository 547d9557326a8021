import type { Host } from '../../electron/host/host';
import { expect, screenshot, test } from './harness';

/**
 * A check-in at the door marks the class booked for now (docs/classes.md, "At the door"). The clock
 * stands at Monday 2026-03-02 09:00; the class starts 09:30, so its door window is open.
 */
async function seed(host: Host, className: string, packName: string) {
  const packPlan = await host.invoke('plans.create', { kind: 'pack', name: packName, price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
  const type = await host.invoke('classes.types.create', { name: className, colour: '#ee6622', minutes: 45, capacity: 12 });
  await host.invoke('classes.schedules.create', {
    classTypeId: type.id,
    name: className,
    weekdays: [1],
    startTime: '09:30',
    termStart: '2026-03-02',
    termEnd: '2026-03-30',
  });
  const wang = await host.invoke('members.create', { name: '王五', phone: '13700000005', cardNo: 'P5' });
  await host.invoke('packs.sell', { memberId: wang.id, planId: packPlan.id });
  await host.invoke('payments.record', { payerId: wang.id, method: 'cash', amount: 80000 });
  const session = (await host.invoke('classes.day', { date: '2026-03-02' })).sessions[0]!;
  await host.invoke('classes.book', { sessionId: session.id, memberIds: [wang.id] });
  return { wang, session };
}

test('a check-in marks the booked class present and uses the pack once (English)', async ({ app }) => {
  await app.setup('en');
  const { wang, session } = await seed(app.host, 'Spinning', '10 classes');
  const { page } = app;
  await page.goto(`${app.url}#/checkin`);
  const box = page.getByRole('textbox', { name: 'Card, name, pinyin or phone' });
  await box.pressSequentially('P5');
  await box.press('Enter');
  const result = page.getByRole('status', { name: 'Check-in result' });
  await expect(result).toContainText('Checked in');
  await expect(result.getByTestId('checkin-class')).toHaveText('Marked present: Spinning 09:30');
  await expect(result).toContainText('Pack: 10 classes (the class uses it, this visit does not)');
  await screenshot(page, 'checkin-class-en');
  expect((await app.host.invoke('packs.listByMember', { memberId: wang.id }))[0]!.sessionsUsed).toBe(1);
  const roll = await app.host.invoke('classes.session', { sessionId: session.id });
  expect(roll.bookings.map((b) => [b.memberName, b.status, b.unitsUsed])).toEqual([['王五', 'attended', 1]]);
  // A second scan counts no visit and finds the class already marked.
  await box.fill('P5');
  await box.press('Enter');
  await expect(result.getByTestId('checkin-class')).toHaveText('Already marked present: Spinning 09:30');
  expect((await app.host.invoke('packs.listByMember', { memberId: wang.id }))[0]!.sessionsUsed).toBe(1);
});

test('签到时为已预约的课程点名到课，次卡只扣一次（中文）', async ({ app }) => {
  await app.setup('zh-CN');
  const { wang } = await seed(app.host, '动感单车', '10 次卡');
  const { page } = app;
  await page.goto(`${app.url}#/checkin`);
  const box = page.getByRole('textbox', { name: '卡号、姓名、拼音或电话' });
  await box.pressSequentially('P5');
  await box.press('Enter');
  const result = page.getByRole('status', { name: '签到结果' });
  await expect(result).toContainText('签到成功');
  await expect(result.getByTestId('checkin-class')).toHaveText('已签到课程：动感单车 09:30');
  await expect(result).toContainText('次卡：10 次卡（由课程扣除，本次进店不另扣）');
  await screenshot(page, 'checkin-class-zh');
  expect((await app.host.invoke('packs.listByMember', { memberId: wang.id }))[0]!.sessionsUsed).toBe(1);
});
