import type { Host } from '../../electron/host/host';
import { expect, screenshot, shootAtDeskSizes, test } from './harness';
import { pdfText } from './pdf';

/**
 * A tutoring centre: 周六数学A班 every Saturday at 09:00 from 2026-03-07 to 06-27 (17 lessons of
 * 2 课时; leave within 24 hours is deducted), a Sunday review class for make-ups, and 王小明 with a
 * 48-课时 pack. Today is Monday 2026-03-02, 09:00.
 */
async function seed(host: Host) {
  const lessonPack = await host.invoke('plans.create', { kind: 'pack', name: '48 课时', price: 480000, packSessions: 48, packValidDays: 180, taxRateBp: 0 });
  const maths = await host.invoke('classes.types.create', { name: '数学', colour: '#175cd3', minutes: 120, capacity: 12, units: 2, planIds: [lessonPack.id] });
  await host.invoke('classes.types.setRules', { id: maths.id, openDays: 30, cutoffHours: 24, lateCancelRule: 'deduct', noShowRule: 'deduct' });
  const teacher = await host.invoke('classes.teachers.create', { name: '陈老师' });
  await host.invoke('classes.schedules.create', { classTypeId: maths.id, name: '周六数学A班', weekdays: [6], startTime: '09:00', teacherId: teacher.id, termStart: '2026-03-07', termEnd: '2026-06-27' });
  const review = await host.invoke('classes.types.create', { name: '数学复习', colour: '#12b76a', minutes: 60, capacity: 8, planIds: [lessonPack.id] });
  await host.invoke('classes.types.setRules', { id: review.id, openDays: 30, cutoffHours: 24, lateCancelRule: 'deduct', noShowRule: 'deduct' });
  await host.invoke('classes.schedules.create', { classTypeId: review.id, name: '周日复习班', weekdays: [0], startTime: '10:00', teacherId: teacher.id, termStart: '2026-03-08', termEnd: '2026-06-28' });
  const xm = await host.invoke('members.create', { name: '王小明', phone: '13800000011' });
  await host.invoke('packs.sell', { memberId: xm.id, planId: lessonPack.id });
  return { xm };
}

for (const lang of ['en', 'zh-CN'] as const) {
  const zh = lang === 'zh-CN';
  const L = (en: string, cn: string) => (zh ? cn : en);
  test(`enrols a student with 48 课时, takes leave in time, books a make-up, takes the roll and prints the statement (${lang})`, async ({ app }) => {
    await app.setup(lang);
    const { xm } = await seed(app.host);
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${app.url}#/members?member=${xm.id}`);
    await page.getByRole('radio', { name: L('Classes', '课程') }).click();
    await expect(page.getByRole('table', { name: L('Classes and lessons left', '报读班级与剩余课时') })).toContainText(L('Not enrolled in a class.', '未报读班级。'));

    // Enrol in 周六数学A班 with the 48-课时 pack (the only usable pack is chosen).
    await page.getByRole('button', { name: `+ ${L('Enrol in a class', '报读班级')}` }).click();
    let dialog = page.getByRole('dialog', { name: L('Enrol 王小明 in a class', '为 王小明 报读班级') });
    const classSelect = dialog.getByLabel(L('Class', '班级'), { exact: true });
    await classSelect.selectOption((await classSelect.locator('option', { hasText: '周六数学A班' }).getAttribute('value'))!);
    await expect(dialog.getByLabel(L('Lesson pack', '课时包'))).toContainText(L('48 课时 · 48 left', '48 课时 · 剩 48 课时'));
    await dialog.getByRole('button', { name: L('Enrol', '报读'), exact: true }).click();
    await expect(page.getByText(L('王小明 is enrolled in 周六数学A班.', '王小明 已报读 周六数学A班。'))).toBeVisible();
    const classes = page.getByRole('table', { name: L('Classes and lessons left', '报读班级与剩余课时') });
    const row = classes.getByRole('row', { name: /周六数学A班/ });
    await expect(row).toContainText(L('48 of 48', '48 / 48'));
    const ahead = page.getByRole('table', { name: L('Upcoming lessons and bookings', '待上课程与预约') });
    await expect(ahead.getByRole('row')).toHaveCount(18); // the heading and 17 Saturdays

    // Leave for 03-14, asked on 03-02: before the cut-off, the lesson is kept.
    const d14 = L('Mar 14, 2026', '2026年3月14日');
    await ahead.getByRole('button', { name: `${L('Take leave', '请假')}: 周六数学A班 ${d14}` }).click();
    dialog = page.getByRole('dialog', { name: L('Take leave – 王小明', '请假 – 王小明') });
    await expect(dialog).toContainText(
      L(
        'In time: before the cut-off (Mar 13, 2026 09:00, 24 hours before the start). The lesson is kept (none used from the pack) and a make-up can be booked.',
        '按时：在截止时间（2026年3月13日 09:00，开课前 24 小时）之前。保留这节课（不扣课时），可预约补课。',
      ),
    );
    await shootAtDeskSizes(page, `lessons-leave-${lang}`);
    await dialog.getByRole('button', { name: L('Take leave', '确认请假') }).click();
    await expect(page.getByText(L(`Leave recorded for ${d14}.`, `已记录 ${d14} 请假。`))).toBeVisible();
    await expect(ahead.getByRole('row', { name: new RegExp(`^${d14}`) })).toContainText(L('On leave', '已请假'));

    // A make-up in the Sunday review class, chosen from the keyboard.
    await ahead.getByRole('button', { name: `${L('Book a make-up', '预约补课')}: 周六数学A班 ${d14}` }).click();
    dialog = page.getByRole('dialog', { name: L('Book a make-up – 王小明', '预约补课 – 王小明') });
    const picker = dialog.getByRole('combobox');
    await expect(picker).toBeFocused();
    await picker.pressSequentially('复习');
    await expect(dialog.getByRole('option')).toHaveCount(4); // the Sundays of the next 4 weeks
    await picker.press('ArrowDown');
    await picker.press('ArrowUp');
    await picker.press('Enter');
    const d8 = L('Mar 8, 2026', '2026年3月8日');
    await expect(dialog).toContainText(L(`Chosen: Sun ${d8} 10:00–11:00 · 周日复习班 · 陈老师`, `已选：周日 ${d8} 10:00–11:00 · 周日复习班 · 陈老师`));
    await shootAtDeskSizes(page, `lessons-makeup-${lang}`);
    await picker.press('Enter');
    await expect(page.getByText(L(`Make-up booked: Sun ${d8}`, `已预约补课：周日 ${d8}`))).toBeVisible();
    await expect(ahead.getByRole('row', { name: new RegExp(`^${d14}`) })).toContainText(L(`On leave · make-up ${d8}`, `已请假 · 补课 ${d8}`));
    await expect(ahead.getByRole('row', { name: new RegExp(`^${d8}`) })).toContainText(L(`Make-up for ${d14}`, `补 ${d14} 的课`));

    // Saturday 03-07, 09:30: the roll call, and the pack goes down by 2.
    app.clock.set('2026-03-07T01:30:00.000Z');
    await page.goto(`${app.url}#/classes`);
    await page.reload();
    await page.getByRole('region', { name: zh ? /^周六/ : /^Sat/ }).getByRole('button', { name: /周六数学A班/ }).click();
    const panel = page.getByRole('dialog');
    const lessonsLeft = panel.getByRole('table', { name: L('Lessons left', '剩余课时') });
    await expect(lessonsLeft.getByRole('row', { name: /王小明/ })).toContainText(L('48 of 48', '48 / 48'));
    await panel.getByRole('button', { name: `${L('Present', '到课')}: 王小明` }).click();
    await expect(lessonsLeft.getByRole('row', { name: /王小明/ })).toContainText(L('46 of 48', '46 / 48'));
    await expect(lessonsLeft.getByRole('row', { name: /王小明/ })).toContainText(L('1 attended · 1 leave · 0 late · 0 no-show · 15 to come', '出勤 1 · 请假 1 · 逾时 0 · 缺课 0 · 待上 15'));
    await shootAtDeskSizes(page, `lessons-roll-${lang}`);
    await panel.getByRole('button', { name: L('Close', '关闭'), exact: true }).click();

    // The member page shows the 课时 left.
    await page.goto(`${app.url}#/members?member=${xm.id}`);
    await page.getByRole('radio', { name: L('Classes', '课程') }).click();
    await expect(row).toContainText(L('46 of 48', '46 / 48'));
    const cells = await row.getByRole('cell').allInnerTexts();
    // Class, pack, left (and used), attended, leave, late leave, no-show, cancelled by the centre, make-ups, to come.
    expect(cells.slice(1, 10)).toEqual(['48 课时', L('46 of 48\n2 used', '46 / 48\n已用 2'), '1', '1', '0', '0', '0', '1', '15']);
    await shootAtDeskSizes(page, `lessons-member-${lang}`);

    // The parent's statement for March.
    await page.getByRole('button', { name: L('Print statement', '打印课时报告单') }).click();
    dialog = page.getByRole('dialog', { name: L('Parent\'s statement – 王小明', '家长课时报告单 – 王小明') });
    await dialog.getByLabel(L('From', '开始日期')).fill('2026-03-01');
    await dialog.getByLabel(L('To', '结束日期')).fill('2026-03-31');
    await shootAtDeskSizes(page, `lessons-statement-dialog-${lang}`);
    await dialog.getByRole('button', { name: L('Print', '打印'), exact: true }).click();
    await expect(page.getByText(L('Lesson statement 王小明 2026-03-01–2026-03-31 is ready (printing works in the desktop app)', '课时报告单 王小明 2026-03-01–2026-03-31 已生成（在桌面应用中可打印）'))).toBeVisible();

    const doc = await app.host.invoke('documents.lessonStatement', { memberId: xm.id, from: '2026-03-01', to: '2026-03-31', locale: lang });
    const docPage = await page.context().newPage();
    const text = await pdfText(docPage, doc.html, '210mm');
    expect(text).toContain(L('Lesson statement', '课时报告单'));
    expect(text).toMatch(zh ? /学员\s+王小明/ : /Student\s+王小明/);
    expect(text).toMatch(/周六数学A班\s+48 课时\s+48\s+2\s+46\s+1\s+1\s+0\s+0\s+1\s+15/);
    expect(text).toMatch(new RegExp(`${L('Mar 7, 2026', '2026年3月7日')}\\s+09:00\\s+周六数学A班\\s+${L('Present', '出勤')}\\s+2`));
    expect(text).toMatch(new RegExp(`${d8}\\s+10:00\\s+周日复习班\\s+${L('Make-up – booked', '补课 – 已约')}`));
    expect(text).toMatch(new RegExp(`${d14}\\s+09:00\\s+周六数学A班\\s+${L('Leave', '请假')}`));
    expect(text).toMatch(new RegExp(`${L('Mar 28, 2026', '2026年3月28日')}\\s+09:00\\s+周六数学A班\\s+${L('Booked', '已约')}`));
    await docPage.setViewportSize({ width: 820, height: 1100 });
    await docPage.setContent(doc.html);
    await screenshot(docPage, `lessons-statement-a4-${lang}`);
    await docPage.close();

    // The centre cancels the lesson of 03-21: owed to the student (a make-up), not leave.
    const s21 = (await app.host.invoke('classes.day', { date: '2026-03-21' })).sessions.find((x) => x.scheduleName === '周六数学A班')!;
    await app.host.invoke('classes.sessions.cancel', { sessionId: s21.id, reason: 'Teacher ill' });
    await page.reload();
    await page.getByRole('radio', { name: L('Classes', '课程') }).click();
    const d21 = L('Mar 21, 2026', '2026年3月21日');
    const off = ahead.getByRole('row', { name: new RegExp(`^${d21}`) });
    await expect(off).toContainText(L('Cancelled by the centre', '机构停课'));
    await expect(off.getByRole('button', { name: `${L('Book a make-up', '预约补课')}: 周六数学A班 ${d21}` })).toBeVisible();
    await expect(off.getByRole('button', { name: new RegExp(L('Take leave back', '撤销请假')) })).toHaveCount(0);
    await expect(row.getByRole('cell').nth(7)).toHaveText('1');
    await expect(row.getByRole('cell').nth(4)).toHaveText('1'); // leave: still only the one taken
    await shootAtDeskSizes(page, `lessons-centre-cancelled-${lang}`);
  });
}

test("cancelling a booking late says the class's fee first; a household payer books two children at once", async ({ app }) => {
  await app.setup('en');
  const { page } = app;
  const tenPack = await app.host.invoke('plans.create', { kind: 'pack', name: '10 classes', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
  const swim = await app.host.invoke('classes.types.create', { name: 'Kids swim', colour: '#0ba5ec', minutes: 45, capacity: 6 });
  await app.host.invoke('classes.types.setRules', { id: swim.id, openDays: 14, cutoffHours: 12, lateCancelRule: 'fee', lateCancelFee: 3000, noShowRule: 'count' });
  await app.host.invoke('classes.schedules.create', { classTypeId: swim.id, name: 'Tuesday swim', weekdays: [2], startTime: '16:00', termStart: '2026-03-03', termEnd: '2026-03-31' });
  const mum = await app.host.invoke('members.create', { name: 'Li Na', phone: '13800000021' });
  const kids = [];
  for (const name of ['Li Lei', 'Li Mei']) {
    const kid = await app.host.invoke('members.create', { name, payerId: mum.id });
    await app.host.invoke('packs.sell', { memberId: kid.id, planId: tenPack.id });
    kids.push(kid);
  }
  await page.goto(`${app.url}#/members?member=${mum.id}`);
  await page.getByRole('radio', { name: 'Classes' }).click();
  await page.getByRole('button', { name: '+ Book a class' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book a class – Li Na' });
  const picker = dialog.getByRole('combobox');
  await picker.pressSequentially('swim');
  await picker.press('Enter');
  await expect(dialog).toContainText('Chosen: Tue Mar 3, 2026 16:00–16:45 · Tuesday swim');
  await dialog.getByRole('checkbox', { name: 'Li Na' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Li Lei' }).check();
  await dialog.getByRole('checkbox', { name: 'Li Mei' }).check();
  await shootAtDeskSizes(page, 'lessons-household-en');
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(page.getByText('Booked 2: Li Lei、Li Mei.')).toBeVisible();
  const roll = (await app.host.invoke('classes.day', { date: '2026-03-03' })).sessions[0]!;
  expect(roll.booked).toBe(2);

  // 2026-03-03 08:00 is after the cut-off (04:00): Li Lei's page says the fee before cancelling.
  app.clock.set('2026-03-03T00:00:00.000Z');
  await page.goto(`${app.url}#/members?member=${kids[0]!.id}`);
  await page.reload();
  await page.getByRole('radio', { name: 'Classes' }).click();
  await page.getByRole('button', { name: 'Cancel booking: Tuesday swim Mar 3, 2026' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel booking – Li Lei' });
  await expect(cancel).toContainText('Late: past the cut-off (Mar 3, 2026 04:00, 12 hours before the start). The class charges a late-cancellation fee of ¥30.00 to the payer.');
  await cancel.getByRole('button', { name: 'Keep it' }).click();
  await expect(cancel).toBeHidden();
  expect((await app.host.invoke('classes.memberBookings', { memberId: kids[0]!.id }))[0]!.status).toBe('booked');
  await page.getByRole('button', { name: 'Cancel booking: Tuesday swim Mar 3, 2026' }).click();
  await page.getByRole('dialog', { name: 'Cancel booking – Li Lei' }).getByRole('button', { name: 'Cancel booking' }).click();
  await expect(page.getByText('Booking cancelled.')).toBeVisible();
  const invoices = await app.host.invoke('invoices.list', { payerId: mum.id, limit: 10 });
  expect(invoices.rows.filter((i) => i.total === 3000)).toHaveLength(1);
});
