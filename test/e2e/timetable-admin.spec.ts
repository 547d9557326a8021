import type { Page } from '@playwright/test';
import type { Channel, Input, Output } from '../../electron/contract';
import type { Host } from '../../electron/host/host';
import { expect, shootAtDeskSizes, test, type AppFixture } from './harness';

/**
 * The manager's and owner's side of the timetable (docs/classes.md, "Editing the timetable"). Today is
 * Monday 2026-03-02: an evening yoga class every Monday and Thursday at 18:00 through March (9 sessions),
 * 王五 booked tonight and on Thursday, 李四 on Thursday, two teachers and a room.
 */
async function seed(host: Host) {
  const pack = await host.invoke('plans.create', { kind: 'pack', name: '10 次卡', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
  const wang = await host.invoke('members.create', { name: '王五', phone: '13700000005' });
  const li = await host.invoke('members.create', { name: '李四', phone: '13700000004' });
  for (const m of [wang, li]) await host.invoke('packs.sell', { memberId: m.id, planId: pack.id });
  const yoga = await host.invoke('classes.types.create', { name: 'Yoga 瑜伽', colour: '#12b76a', minutes: 60, capacity: 12 });
  const lily = await host.invoke('classes.teachers.create', { name: 'Lily 李老师' });
  await host.invoke('classes.teachers.create', { name: 'Tom 汤老师' });
  const room = await host.invoke('classes.rooms.create', { name: 'Studio A' });
  const schedule = await host.invoke('classes.schedules.create', {
    classTypeId: yoga.id,
    name: 'Evening yoga 晚间瑜伽',
    weekdays: [1, 4],
    startTime: '18:00',
    teacherId: lily.id,
    roomId: room.id,
    termStart: '2026-03-01',
    termEnd: '2026-03-31',
  });
  const sessionOn = async (date: string) => (await host.invoke('classes.day', { date })).sessions[0]!.id;
  const tonight = await sessionOn('2026-03-02');
  const thursday = await sessionOn('2026-03-05');
  await host.invoke('classes.book', { sessionId: tonight, memberIds: [wang.id] });
  await host.invoke('classes.book', { sessionId: thursday, memberIds: [wang.id, li.id] });
  return { pack, yoga, schedule, tonight, thursday };
}

/** A call through the page's own IPC (window.api), as the screen makes it: what the host stored. */
async function ipc<K extends Channel>(page: Page, channel: K, input: Input<K>): Promise<Output<K>> {
  const r = await page.evaluate(
    ([c, i]) => (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean; data?: unknown; error?: unknown }> } }).api.invoke(c, i),
    [channel, input] as const,
  );
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.data as Output<K>;
}

/** Opens the Classes screen afresh, so it reads who is signed in (and what they may call). */
async function openClasses(app: AppFixture, title: string): Promise<Page> {
  const { page } = app;
  await page.goto('about:blank');
  await page.goto(`${app.url}#/classes`);
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  return page;
}

const noWindowScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth);

for (const lang of ['en', 'zh-CN'] as const) {
  const zh = lang === 'zh-CN';
  const T = <V,>(en: V, cn: V): V => (zh ? cn : en);

  test(`a manager edits the timetable and one session, the owner sets a no-show fee, the desk sees neither (${lang})`, async ({ app }) => {
    await app.setup(lang);
    const { pack, yoga, schedule, tonight, thursday } = await seed(app.host);
    const manager = await app.signInAs('manager');
    const page = await openClasses(app, T('Classes', '课程'));
    await page.setViewportSize({ width: 1280, height: 720 });
    await shootAtDeskSizes(page, `timetable-admin-week-${lang}`);

    // ── Set-up › Class types: edit the class type (name, length, places, the plans that give access).
    await page.getByRole('radio', { name: T('Set-up', '课表设置') }).click();
    await expect(page).toHaveURL(/tab=setup/);
    const types = page.getByRole('table', { name: T('Class types', '课程类型') });
    const yogaRow = types.getByRole('row').filter({ hasText: 'Yoga 瑜伽' });
    await expect(yogaRow).toContainText(T('Any membership or pack', '任何会籍或课时包'));
    await expect(yogaRow).toContainText(T('Book from 7 d before · free cancel until 12 h before', '提前 7 天可约 · 开课前 12 小时前可免费取消'));
    // Booking rules are the owner's: a manager is not offered them.
    await expect(page.getByRole('button', { name: `${T('Booking rules', '预约规则')}: Yoga 瑜伽` })).toHaveCount(0);
    await shootAtDeskSizes(page, `timetable-admin-types-${lang}`);
    expect(await noWindowScroll(page)).toBe(true);
    await page.getByRole('button', { name: `${T('Edit', '编辑')}: Yoga 瑜伽` }).click();
    let dialog = page.getByRole('dialog', { name: T('Edit class type', '编辑课程类型') });
    await dialog.getByLabel(T('Name', '名称')).fill('Yoga flow 流瑜伽');
    await dialog.getByLabel(T('Length (minutes)', '时长（分钟）')).fill('75');
    await dialog.getByLabel(T('Places', '名额'), { exact: true }).fill('10');
    await dialog.getByRole('checkbox', { name: '10 次卡' }).check();
    await shootAtDeskSizes(page, `timetable-admin-type-dialog-${lang}`);
    await dialog.getByRole('button', { name: T('Save', '保存') }).click();
    await expect(dialog).toBeHidden();
    const flowRow = types.getByRole('row').filter({ hasText: 'Yoga flow 流瑜伽' });
    await expect(flowRow).toContainText(T('75 min', '75 分钟'));
    await expect(flowRow).toContainText('10 次卡');
    const [storedType] = await ipc(page, 'classes.types.list', {});
    expect(storedType).toMatchObject({ id: yoga.id, name: 'Yoga flow 流瑜伽', minutes: 75, capacity: 10, units: 1, planIds: [pack.id], archived: false });

    // ── Set-up › Classes: a holiday on Monday 9 March takes that session off the week.
    await page.getByRole('radio', { name: T('Classes', '排课') }).click();
    const classRow = page.getByRole('table', { name: T('Classes', '排课') }).getByRole('row').filter({ hasText: 'Evening yoga 晚间瑜伽' });
    await expect(classRow).toContainText(T('Mon Thu 18:00', '周一 周四 18:00'));
    await expect(classRow).toContainText(T('0 holidays', '停课 0 天'));
    await page.getByRole('button', { name: `${T('Edit', '编辑')}: Evening yoga 晚间瑜伽` }).click();
    dialog = page.getByRole('dialog', { name: T('Edit class', '编辑排课') });
    await dialog.getByLabel(T('Day off', '停课日期')).fill('2026-03-09');
    await dialog.getByRole('button', { name: T('Add holiday', '添加停课日') }).click();
    const holidays = dialog.getByRole('list', { name: T('Holidays', '停课日') });
    await expect(holidays.getByRole('listitem')).toHaveText([`${T('Mon', '周一')} 2026-03-09×`]);
    await shootAtDeskSizes(page, `timetable-admin-schedule-dialog-${lang}`);
    await dialog.getByRole('button', { name: T('Save', '保存') }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(T('“Evening yoga 晚间瑜伽” saved: 8 sessions.', '已保存“Evening yoga 晚间瑜伽”：共 8 节课。'))).toBeVisible();
    await expect(classRow).toContainText(T('1 holiday', '停课 1 天'));
    const [storedSchedule] = await ipc(page, 'classes.schedules.list', {});
    expect(storedSchedule).toMatchObject({ id: schedule.id, holidays: ['2026-03-09'], sessions: 8 });
    expect((await ipc(page, 'classes.day', { date: '2026-03-09' })).sessions).toEqual([]);

    await page.getByRole('radio', { name: T('Timetable', '课表'), exact: true }).click();
    await page.getByRole('button', { name: T('Next week ›', '下一周 ›') }).click();
    await expect(page.getByRole('region', { name: T(/^Mon/, /^周一/) })).toContainText(T('No classes', '无课'));
    await expect(page.getByRole('region', { name: T(/^Thu/, /^周四/) }).getByRole('button', { name: /Evening yoga 晚间瑜伽/ })).toContainText('18:00–19:00');
    await page.getByRole('button', { name: T('Today', '今天') }).click();

    // ── One session: places below those taken are refused next to the field; then a substitute teacher.
    await page.getByRole('region', { name: T(/^Thu/, /^周四/) }).getByRole('button', { name: /Evening yoga 晚间瑜伽/ }).click();
    const panel = page.getByRole('dialog', { name: /^Evening yoga 晚间瑜伽 · / });
    await expect(panel.getByRole('button', { name: T('Cancel this session…', '取消本节课…') })).toBeVisible();
    await shootAtDeskSizes(page, `timetable-admin-panel-${lang}`);
    await panel.getByRole('button', { name: T('Change this session…', '调整本节课…') }).click();
    dialog = page.getByRole('dialog', { name: T('Change this session', '调整本节课') });
    const places = dialog.getByLabel(T('Places', '名额'), { exact: true });
    await places.fill('1');
    await dialog.getByRole('button', { name: T('Save changes', '保存调整') }).click();
    await expect(dialog.getByRole('alert')).toHaveText(T('2 places are already taken: places cannot be fewer.', '已有 2 人占位：名额不能少于此数。'));
    await expect(places).toHaveAttribute('aria-describedby', /err/);
    await shootAtDeskSizes(page, `timetable-admin-change-dialog-${lang}`);
    await places.fill('10');
    await dialog.getByLabel(T('Teacher', '老师')).selectOption({ label: 'Tom 汤老师' });
    await dialog.getByLabel(T('Note for the desk', '前台备注')).fill(T('Lily is away', 'Lily 请假'));
    await dialog.getByRole('button', { name: T('Save changes', '保存调整') }).click();
    await expect(dialog).toBeHidden();
    await expect(panel).toContainText('Tom 汤老师');
    await expect(panel).toContainText(T('Lily is away', 'Lily 请假'));
    const changed = await ipc(page, 'classes.session', { sessionId: thursday });
    expect(changed.session).toMatchObject({ teacherName: 'Tom 汤老师', capacity: 10, booked: 2, status: 'scheduled', note: T('Lily is away', 'Lily 请假') });
    // Only that session: next Thursday still has Lily.
    expect((await ipc(page, 'classes.day', { date: '2026-03-12' })).sessions[0]!.teacherName).toBe('Lily 李老师');
    await panel.getByRole('button', { name: T('Close', '关闭'), exact: true }).click();
    await expect(page.getByRole('region', { name: T(/^Thu/, /^周四/) }).getByRole('button', { name: /Evening yoga 晚间瑜伽/ })).toContainText('Tom 汤老师');

    // ── Cancel tonight's session with a reason: 王五's booking is cancelled free of charge.
    await page.getByRole('region', { name: T(/^Mon/, /^周一/) }).getByRole('button', { name: /Evening yoga 晚间瑜伽/ }).click();
    const tonightPanel = page.getByRole('dialog', { name: /^Evening yoga 晚间瑜伽 · / });
    await tonightPanel.getByRole('button', { name: T('Cancel this session…', '取消本节课…') }).click();
    dialog = page.getByRole('dialog', { name: T('Cancel this session', '取消本节课') });
    await expect(dialog).toContainText(T('1 booking will be cancelled free of charge', '1 个预约将免费取消'));
    await dialog.getByRole('button', { name: T('Cancel the session', '确认取消') }).click();
    await expect(dialog.getByRole('alert')).toHaveText(T('Required', '必填'));
    await dialog.getByLabel(T('Reason', '原因')).fill(T('Teacher ill', '老师生病'));
    await shootAtDeskSizes(page, `timetable-admin-cancel-dialog-${lang}`);
    await dialog.getByRole('button', { name: T('Cancel the session', '确认取消') }).click();
    await expect(dialog).toBeHidden();
    await expect(tonightPanel).toContainText(T('Cancelled', '已取消'));
    await expect(tonightPanel.getByRole('row', { name: /王五/ })).toContainText(T('Cancelled', '已取消'));
    const cancelled = await ipc(page, 'classes.session', { sessionId: tonight });
    expect(cancelled.session).toMatchObject({ status: 'cancelled', note: T('Teacher ill', '老师生病'), booked: 0 });
    expect(cancelled.bookings.map((b) => [b.memberName, b.status, b.unitsUsed, b.feeInvoiceId])).toEqual([['王五', 'cancelled', 0, null]]);
    await tonightPanel.getByRole('button', { name: T('Close', '关闭'), exact: true }).click();
    await expect(page.getByRole('region', { name: T(/^Mon/, /^周一/) }).getByRole('button', { name: /Evening yoga 晚间瑜伽/ })).toContainText(T('Cancelled', '已取消'));

    // ── Teachers and rooms: Tom is a staff member with a phone; Lily is deactivated; a new room with its places.
    await page.getByRole('radio', { name: T('Set-up', '课表设置') }).click();
    await page.getByRole('radio', { name: T('Classes', '排课'), exact: true }).click();
    await shootAtDeskSizes(page, `timetable-admin-schedules-${lang}`);
    expect(await noWindowScroll(page)).toBe(true);
    await page.getByRole('radio', { name: T('Teachers', '老师'), exact: true }).click();
    await page.getByRole('button', { name: `${T('Edit', '编辑')}: Tom 汤老师` }).click();
    dialog = page.getByRole('dialog', { name: T('Edit teacher', '编辑老师') });
    await expect(dialog.getByLabel(T('Staff member', '员工'))).toHaveValue('');
    await dialog.getByLabel(T('Staff member', '员工')).selectOption({ label: manager.name });
    await dialog.getByLabel(T('Phone', '电话')).fill('13800000001');
    await dialog.getByRole('button', { name: T('Save', '保存') }).click();
    await expect(dialog).toBeHidden();
    const teachers = page.getByRole('table', { name: T('Teachers', '老师') });
    await expect(teachers.getByRole('row').filter({ hasText: 'Tom 汤老师' })).toContainText(`${manager.name}13800000001`);
    await page.getByRole('button', { name: `${T('Deactivate', '停用')}: Lily 李老师` }).click();
    await expect(teachers.getByRole('row').filter({ hasText: 'Lily 李老师' })).toContainText(T('Inactive', '已停用'));
    await expect(page.getByRole('button', { name: `${T('Reactivate', '重新启用')}: Lily 李老师` })).toBeVisible();
    await shootAtDeskSizes(page, `timetable-admin-teachers-${lang}`);
    expect((await ipc(page, 'classes.teachers.list', {})).map((x) => [x.name, x.staffId, x.phone, x.active])).toEqual([
      ['Tom 汤老师', manager.id, '13800000001', true],
      ['Lily 李老师', null, '', false],
    ]);
    await page.getByRole('radio', { name: T('Rooms', '教室'), exact: true }).click();
    await page.getByRole('button', { name: `+ ${T('New room', '新建教室')}` }).click();
    dialog = page.getByRole('dialog', { name: T('New room', '新建教室') });
    await dialog.getByLabel(T('Name', '名称')).fill('Studio A');
    await dialog.getByLabel(T('Places (optional)', '名额（可不填）')).fill('8');
    await dialog.getByRole('button', { name: T('Save', '保存') }).click();
    await expect(dialog.getByRole('alert')).toHaveText(T('Another room already has this name.', '已有同名教室。'));
    await dialog.getByLabel(T('Name', '名称')).fill('Studio B');
    await dialog.getByRole('button', { name: T('Save', '保存') }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('table', { name: T('Rooms', '教室') }).getByRole('row').filter({ hasText: 'Studio B' })).toContainText('8');
    expect((await ipc(page, 'classes.rooms.list', {})).map((x) => [x.name, x.capacity, x.active])).toEqual([
      ['Studio A', null, true],
      ['Studio B', 8, true],
    ]);

    // ── The owner: a no-show costs a fee. A fee rule without an amount is refused next to the amount.
    await app.signInAs('owner');
    const owner = await openClasses(app, T('Classes', '课程'));
    await owner.getByRole('radio', { name: T('Set-up', '课表设置') }).click();
    await owner.getByRole('button', { name: `${T('Booking rules', '预约规则')}: Yoga flow 流瑜伽` }).click();
    dialog = owner.getByRole('dialog', { name: T('Booking rules: Yoga flow 流瑜伽', '预约规则：Yoga flow 流瑜伽') });
    const noShow = dialog.getByRole('group', { name: T('No-show (booked but did not come)', '未到（已预约但没来）') });
    await expect(noShow.getByRole('radio', { name: T('Just record it', '仅记录') })).toBeChecked();
    await expect(noShow).toContainText(T('Their payer gets an invoice for the fee, once per booking.', '向付款人开一张费用账单，每个预约只收一次。'));
    await noShow.getByRole('radio', { name: T('Charge a fee', '收取费用') }).check();
    await dialog.getByRole('button', { name: T('Save', '保存') }).click();
    await expect(noShow.getByRole('alert')).toHaveText(T('Give the fee for a rule that charges one', '收费规则需要填写费用金额'));
    await noShow.getByLabel(T('No-show fee', '未到费用')).fill('30');
    await shootAtDeskSizes(page, `timetable-admin-rules-dialog-${lang}`);
    await dialog.getByRole('button', { name: T('Save', '保存') }).click();
    await expect(dialog).toBeHidden();
    await expect(owner.getByRole('table', { name: T('Class types', '课程类型') }).getByRole('row').filter({ hasText: 'Yoga flow 流瑜伽' })).toContainText(
      T('Late: only recorded · No-show: ¥30.00 fee', '迟取消：仅记录 · 未到：收费 ¥30.00'),
    );
    const [ruled] = await ipc(owner, 'classes.types.list', {});
    expect(ruled).toMatchObject({ openDays: 7, cutoffHours: 12, lateCancelRule: 'count', lateCancelFee: 0, noShowRule: 'fee', noShowFee: 3000 });

    // ── The desk: the timetable and the roll, but no set-up tab and no session changes.
    await app.signInAs('desk');
    const desk = await openClasses(app, T('Classes', '课程'));
    await expect(desk.getByRole('button', { name: /Evening yoga 晚间瑜伽/ }).first()).toBeVisible();
    await expect(desk.getByRole('radio', { name: T('Set-up', '课表设置') })).toHaveCount(0);
    await desk.goto(`${app.url}#/classes?tab=setup`);
    await expect(desk.getByRole('region', { name: T(/^Thu/, /^周四/) })).toBeVisible();
    await expect(desk.getByRole('table', { name: T('Class types', '课程类型') })).toHaveCount(0);
    await desk.getByRole('region', { name: T(/^Thu/, /^周四/) }).getByRole('button', { name: /Evening yoga 晚间瑜伽/ }).click();
    const deskPanel = desk.getByRole('dialog');
    await expect(deskPanel.getByRole('table', { name: T('Booked and waitlisted', '已预约与候补') }).getByRole('row', { name: /李四/ })).toBeVisible();
    await expect(deskPanel.getByRole('button', { name: T('Change this session…', '调整本节课…') })).toHaveCount(0);
    await expect(deskPanel.getByRole('button', { name: T('Cancel this session…', '取消本节课…') })).toHaveCount(0);
  });
}
