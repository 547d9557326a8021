import type { Host } from '../../electron/host/host';
import { expect, shootAtDeskSizes, test } from './harness';

/**
 * A yoga class every Monday and Thursday at 18:00 in March (today is Monday 2026-03-02, 09:00),
 * 王五 with a 10-session pack, and a spinning class on Wednesdays that is already full.
 */
async function seed(host: Host) {
  const packPlan = await host.invoke('plans.create', { kind: 'pack', name: '10 次卡', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
  const wang = await host.invoke('members.create', { name: '王五', phone: '13700000005', cardNo: 'P5' });
  await host.invoke('packs.sell', { memberId: wang.id, planId: packPlan.id });
  const yoga = await host.invoke('classes.types.create', { name: 'Yoga 瑜伽', colour: '#12b76a', minutes: 60, capacity: 12 });
  const teacher = await host.invoke('classes.teachers.create', { name: 'Lily 李老师' });
  const room = await host.invoke('classes.rooms.create', { name: 'Studio A' });
  await host.invoke('classes.schedules.create', {
    classTypeId: yoga.id,
    name: 'Evening yoga 晚间瑜伽',
    weekdays: [1, 4],
    startTime: '18:00',
    teacherId: teacher.id,
    roomId: room.id,
    termStart: '2026-03-01',
    termEnd: '2026-03-31',
  });
  return { wang };
}

for (const lang of ['en', 'zh-CN'] as const) {
  const zh = lang === 'zh-CN';
  test(`books a member from the week view and takes the roll call, and the pack goes down (${lang})`, async ({ app }) => {
    await app.setup(lang);
    const { wang } = await seed(app.host);
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${app.url}#/classes`);
    await page.getByRole('link', { name: zh ? '课程' : 'Classes' }).click();
    await expect(page.getByRole('heading', { name: zh ? '课程' : 'Classes', level: 1 })).toBeVisible();
    const monday = page.getByRole('region', { name: zh ? /^周一/ : /^Mon/ });
    const block = monday.getByRole('button', { name: /Evening yoga 晚间瑜伽/ });
    await expect(block).toContainText('18:00–19:00');
    await expect(block).toContainText('Lily 李老师');
    await expect(block).toContainText('Studio A');
    await expect(block).toContainText('0/12');
    await expect(page.getByRole('region', { name: zh ? /^周四/ : /^Thu/ })).toContainText('Evening yoga 晚间瑜伽');
    await expect(page.getByRole('region', { name: zh ? /^周二/ : /^Tue/ })).toContainText(zh ? '无课' : 'No classes');
    await shootAtDeskSizes(page, `classes-week-${lang}`);
    // No window scroll at the desk sizes.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);

    // Next week by key, and back.
    await page.getByRole('heading', { name: zh ? '课程' : 'Classes', level: 1 }).click();
    await page.keyboard.press('PageDown');
    await expect(page.getByText(zh ? '2026年3月9日' : 'Mar 9, 2026')).toBeVisible();
    await page.getByRole('button', { name: zh ? '今天' : 'Today' }).click();
    await expect(page.getByText(zh ? '2026年3月2日' : 'Mar 2, 2026')).toBeVisible();

    await block.click();
    const panel = page.getByRole('dialog');
    await expect(panel).toContainText(zh ? '还没有人预约。' : 'Nobody is booked yet.');
    const picker = panel.getByRole('combobox');
    await expect(picker).toBeFocused();
    await picker.pressSequentially('wangwu');
    await expect(panel.getByRole('option', { name: /王五/ })).toBeVisible();
    await picker.press('Enter');
    await panel.getByRole('button', { name: zh ? '预约' : 'Book', exact: true }).click();
    const people = panel.getByRole('table', { name: zh ? '已预约与候补' : 'Booked and waitlisted' });
    await expect(people.getByRole('row', { name: /王五/ })).toContainText(zh ? '已预约' : 'Booked');
    await expect(panel).toContainText(zh ? '已约 1 / 共 12 位' : '1 of 12 places taken');
    await shootAtDeskSizes(page, `classes-session-${lang}`);

    // The roll call: present uses one session of the pack.
    await people.getByRole('button', { name: `${zh ? '到课' : 'Present'}: 王五` }).click();
    await expect(people.getByRole('row', { name: /王五/ })).toContainText(zh ? '到课' : 'Present');
    await expect(people.getByRole('row', { name: /王五/ })).toContainText('10 次卡');
    const [pack] = await app.host.invoke('packs.listByMember', { memberId: wang.id });
    expect(pack!.sessionsUsed).toBe(1);
    const roll = await app.host.invoke('classes.session', { sessionId: (await app.host.invoke('classes.day', { date: '2026-03-02' })).sessions[0]!.id });
    expect(roll.bookings.map((b) => [b.memberName, b.status, b.unitsUsed])).toEqual([['王五', 'attended', 1]]);

    // Undo gives the session back; present again uses it again.
    await people.getByRole('button', { name: `${zh ? '撤销' : 'Undo'}: 王五` }).click();
    await expect(people.getByRole('row', { name: /王五/ })).toContainText(zh ? '已预约' : 'Booked');
    expect((await app.host.invoke('packs.listByMember', { memberId: wang.id }))[0]!.sessionsUsed).toBe(0);
    await people.getByRole('button', { name: `${zh ? '到课' : 'Present'}: 王五` }).click();
    await expect(people.getByRole('row', { name: /王五/ })).toContainText(zh ? '到课' : 'Present');
    expect((await app.host.invoke('packs.listByMember', { memberId: wang.id }))[0]!.sessionsUsed).toBe(1);
    await panel.getByRole('button', { name: zh ? '关闭' : 'Close', exact: true }).click();

    // On screen: the block counts the place, and the member's pack shows one session used.
    await expect(block).toContainText('1/12');
    await page.goto(`${app.url}#/members?member=${wang.id}`);
    await expect(page.getByRole('row', { name: /10 次卡/ })).toContainText(zh ? '9 / 10' : '9 of 10');
  });
}

test('a member with no pack is refused in the clerk’s words, and the day view lists the day', async ({ app }) => {
  await app.setup('en');
  await seed(app.host);
  await app.host.invoke('members.create', { name: '赵六', phone: '13900000006' });
  const { page } = app;
  await page.goto(`${app.url}#/classes`);
  await page.getByRole('radio', { name: 'Day' }).click();
  await expect(page.getByRole('button', { name: /Evening yoga 晚间瑜伽/ })).toContainText('Lily 李老师 · Studio A');
  await page.getByRole('button', { name: 'Next day ›' }).click();
  await expect(page.getByText('No classes on this day.')).toBeVisible();
  await page.getByRole('button', { name: '‹ Previous day' }).click();
  await page.getByRole('button', { name: /Evening yoga 晚间瑜伽/ }).click();
  const panel = page.getByRole('dialog');
  await panel.getByRole('combobox').pressSequentially('zhaoliu');
  await panel.getByRole('combobox').press('Enter');
  await panel.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(panel.getByRole('alert')).toHaveText('No membership or pack of theirs gives access to this class on that day.');
  await expect(panel).toContainText('Nobody is booked yet.');
});

test('a manager builds a weekly timetable from the dialogs (中文)', async ({ app }) => {
  await app.setup('zh-CN');
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${app.url}#/classes`);
  await page.getByRole('button', { name: '+ 新建课程类型' }).click();
  let dialog = page.getByRole('dialog', { name: '新建课程类型' });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('必填');
  await dialog.getByLabel('名称').fill('动感单车');
  await dialog.getByLabel('时长（分钟）').fill('45');
  await dialog.getByLabel('名额').fill('20');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: '+ 新建老师' }).click();
  dialog = page.getByRole('dialog', { name: '新建老师' });
  await dialog.getByLabel('名称').fill('王教练');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: '+ 新建教室' }).click();
  dialog = page.getByRole('dialog', { name: '新建教室' });
  await dialog.getByLabel('名称').fill('单车房');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: '+ 新建排课' }).click();
  dialog = page.getByRole('dialog', { name: '在课表中新建排课' });
  await dialog.getByLabel('名称', { exact: true }).fill('早间单车');
  await dialog.getByRole('checkbox', { name: '周二' }).check();
  await dialog.getByRole('checkbox', { name: '周五' }).check();
  await dialog.getByLabel('开始时间').fill('07:30');
  await dialog.getByLabel('老师').selectOption({ label: '王教练' });
  await dialog.getByLabel('教室').selectOption({ label: '单车房' });
  await dialog.getByLabel('结束日期').fill('2026-03-31');
  await shootAtDeskSizes(page, 'classes-schedule-dialog-zh-CN');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  // Tuesdays and Fridays from Mar 2 to Mar 31: 3, 6, 10, 13, 17, 20, 24, 27, 31.
  await expect(page.getByText('已添加“早间单车”：共 9 节课。')).toBeVisible();
  const tuesday = page.getByRole('region', { name: /^周二/ }).getByRole('button', { name: /早间单车/ });
  await expect(tuesday).toContainText('07:30–08:15');
  await expect(tuesday).toContainText('王教练');
  await expect(tuesday).toContainText('单车房');
  await expect(tuesday).toContainText('0/20');
  const [schedule] = await app.host.invoke('classes.schedules.list', {});
  expect(schedule).toMatchObject({ name: '早间单车', weekdays: [2, 5], startTime: '07:30', minutes: 45, capacity: 20, teacherName: '王教练', roomName: '单车房', termStart: '2026-03-02', termEnd: '2026-03-31', sessions: 9 });
});

for (const lang of ['en', 'zh-CN'] as const) {
  const zh = lang === 'zh-CN';
  test(`a waitlisted member who turns up is marked present when a place is free (${lang})`, async ({ app }) => {
    await app.setup(lang);
    const packPlan = await app.host.invoke('plans.create', { kind: 'pack', name: '10 次卡', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
    const [zhang, wang] = [
      await app.host.invoke('members.create', { name: '张三', phone: '13700000003' }),
      await app.host.invoke('members.create', { name: '王五', phone: '13700000005' }),
    ];
    for (const m of [zhang, wang]) await app.host.invoke('packs.sell', { memberId: m.id, planId: packPlan.id });
    const spin = await app.host.invoke('classes.types.create', { name: 'Spin 单车', colour: '#f04438', minutes: 45, capacity: 1 });
    await app.host.invoke('classes.schedules.create', { classTypeId: spin.id, name: 'Spin 单车', weekdays: [1], startTime: '18:00', termStart: '2026-03-02', termEnd: '2026-03-02' });
    const s = (await app.host.invoke('classes.day', { date: '2026-03-02' })).sessions[0]!;
    await app.host.invoke('classes.book', { sessionId: s.id, memberIds: [zhang.id] });
    await app.host.invoke('classes.book', { sessionId: s.id, memberIds: [wang.id], waitlist: true });
    app.clock.set('2026-03-02T10:05:00.000Z'); // 18:05 in Shanghai: the class has started

    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${app.url}#/classes`);
    await page.reload();
    await page.getByRole('region', { name: zh ? /^周一/ : /^Mon/ }).getByRole('button', { name: /Spin 单车/ }).click();
    const people = page.getByRole('dialog').getByRole('table', { name: zh ? '已预约与候补' : 'Booked and waitlisted' });
    const came = people.getByRole('button', { name: `${zh ? '到了' : 'Came'}: 王五` });
    // Full: no place for 王五 yet.
    await expect(people.getByRole('row', { name: /王五/ })).toContainText(zh ? '候补第 1 位' : 'Waitlist #1');
    await expect(came).toHaveCount(0);
    // 张三 is absent (a no-show holds no place): 王五 came.
    await people.getByRole('button', { name: `${zh ? '缺席' : 'Absent'}: 张三` }).click();
    await came.click();
    await expect(page.getByText(zh ? '王五 已到：移出候补，记为到课。' : '王五 came: off the waitlist and marked present.')).toBeVisible();
    await expect(people.getByRole('row', { name: /王五/ })).toContainText(zh ? '到课' : 'Present');
    await shootAtDeskSizes(page, `classes-came-${lang}`);
    const roll = await app.host.invoke('classes.session', { sessionId: s.id });
    expect(roll.bookings.map((b) => [b.memberName, b.status, b.unitsUsed])).toEqual([
      ['张三', 'no_show', 0],
      ['王五', 'attended', 1],
    ]);
    expect((await app.host.invoke('packs.listByMember', { memberId: wang.id }))[0]!.sessionsUsed).toBe(1);
  });
}
