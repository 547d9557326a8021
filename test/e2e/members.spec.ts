import type { Host } from '../../electron/host/host';
import { DESK_SIZES, expect, screenshot, test } from './harness';

/** A few members and plans, as a desk would have them. */
async function seed(host: Host) {
  const plan = await host.invoke('plans.create', { kind: 'recurring', name: 'Monthly 月卡', price: 30000, interval: 'month', taxRateBp: 0, freezeDaysPerYear: 60 });
  const gold = await host.invoke('plans.create', { kind: 'recurring', name: 'Gold 金卡', price: 50000, interval: 'month', taxRateBp: 0 });
  await host.invoke('plans.create', { kind: 'pack', name: '10 次卡', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
  const zhang = await host.invoke('members.create', { name: '张三', phone: '138-0013-8000', cardNo: 'A1001', tags: ['VIP'] });
  await host.invoke('members.create', { name: '张三丰', phone: '13900001111' });
  await host.invoke('members.create', { name: '李四', phone: '13700002222', cardNo: 'A1002' });
  await host.invoke('members.create', { name: 'John Smith', phone: '+1 555 0100', cardNo: 'B-2' });
  const wang = await host.invoke('members.create', { name: '王芳', phone: '13600003333' });
  await host.invoke('members.create', { name: '王小明', payerId: wang.id, tags: ['少儿'] });
  return { plan, gold, zhang, wang };
}

test('finds a member by pinyin initials and by any part of the phone (中文)', async ({ app }) => {
  await app.setup('zh-CN');
  const { zhang } = await seed(app.host);
  const sale = await app.host.invoke('subscriptions.create', { memberId: zhang.id, planId: 1 });
  await app.host.invoke('payments.record', { payerId: zhang.id, method: 'cash', amount: sale.invoices[0]!.total });
  const { page } = app;
  await page.goto(`${app.url}#/members`);
  await expect(page.getByRole('heading', { name: '会员' })).toBeVisible();
  const list = page.getByRole('listbox', { name: '会员' });
  await expect(list.getByRole('option')).toHaveCount(6);
  await expect(page.getByText('共 6 位会员')).toBeVisible();
  await screenshot(page, 'members-zh');
  const box = page.getByRole('combobox', { name: '搜索会员' });
  await expect(box).toBeFocused();
  await box.fill('zs');
  await expect(list.getByRole('option')).toHaveText([/张三.*A1001.*138-0013-8000.*有效/, /张三丰/]);
  await box.fill('0013');
  await expect(list.getByRole('option')).toHaveText([/张三/]);
  await screenshot(page, 'members-search-zh');
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: '张三' })).toBeVisible();
  await expect(page.getByRole('table', { name: '会员卡' })).toContainText('Monthly 月卡');
  await screenshot(page, 'member-page-zh');
});

test('creates a member with a guardian, warns of a duplicate phone, and edits them', async ({ app }) => {
  await app.setup('en');
  await seed(app.host);
  const { page } = app;
  await page.goto(`${app.url}#/members`);
  await page.getByRole('button', { name: '+ New member' }).click();
  const dialog = page.getByRole('dialog', { name: 'New member' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Required');
  await dialog.getByLabel('Name').fill('王小红');
  await dialog.getByLabel('Phone').fill('136 0000 3333');
  await dialog.getByLabel('Birthday').fill('2016/9/1');
  await dialog.getByLabel('Payer / guardian').fill('wf');
  await dialog.getByLabel('Payer / guardian').press('Enter');
  await expect(dialog.getByText('王芳', { exact: true })).toBeVisible();
  await dialog.getByLabel('Tags').fill('少儿, 周末班');
  await dialog.getByLabel('Phone').press('Enter');
  // Same phone as 王芳: shown, and a second Save confirms it is someone else.
  await expect(dialog.getByRole('alert')).toContainText('A member with the same phone, or the same name and birthday, already exists:');
  await expect(dialog.getByRole('alert')).toContainText('王芳 · 13600003333');
  await screenshot(page, 'member-dialog-en');
  await dialog.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page.getByRole('heading', { name: '王小红' })).toBeVisible();
  await expect(page.getByRole('button', { name: '王芳' })).toBeVisible();
  const created = (await app.host.invoke('members.search', { query: 'wxh' }))[0]!;
  expect(created).toMatchObject({ name: '王小红', phone: '136 0000 3333', birthday: '2016-09-01', tags: ['少儿', '周末班'], payerName: '王芳' });

  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit 王小红' });
  await edit.getByLabel('Card number').fill('A1001');
  await edit.getByLabel('Card number').press('Enter');
  await expect(edit.getByRole('alert').last()).toHaveText('Another member already has that card number.');
  await edit.getByLabel('Card number').fill('K-7');
  await edit.getByRole('button', { name: /Save/ }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('Card K-7')).toBeVisible();
  await screenshot(page, 'member-page-en');
});

test('sells a membership with the exact invoice shown first, then takes the payment (中文)', async ({ app }) => {
  await app.setup('zh-CN');
  await seed(app.host);
  const { page } = app;
  await page.goto(`${app.url}#/members?member=5`);
  await expect(page.getByRole('heading', { name: '王芳' })).toBeVisible();
  await page.getByRole('button', { name: '+ 办理会员卡' }).click();
  const dialog = page.getByRole('dialog', { name: '为 王芳 办理会员卡' });
  await expect(dialog.getByText('填写表单后显示准确金额。')).toBeVisible();
  await dialog.getByLabel('套餐').selectOption({ label: 'Gold 金卡 · ¥500.00' });
  await dialog.getByLabel('价格').fill('450');
  const preview = dialog.getByRole('region', { name: '预览' });
  await expect(preview).toContainText('2026年3月2日 的账单（2026年3月9日 到期）');
  await expect(preview).toContainText('2026年3月2日至4月1日');
  await expect(preview.getByRole('row').last()).toHaveText('合计¥450.00');
  await screenshot(page, 'sell-plan-zh');
  expect((await app.host.invoke('invoices.list', {})).total).toBe(0);
  await dialog.getByRole('button', { name: '确认办理' }).click();
  // The sale is made; the desk is offered the payment at once.
  const pay = page.getByRole('dialog', { name: /收款/ });
  await expect(pay).toBeVisible();
  await pay.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('table', { name: '会员卡' })).toContainText('Gold 金卡');
  await expect(page.getByRole('table', { name: '会员卡' })).toContainText('¥450.00');
  await expect(page.getByRole('table', { name: '会员卡' })).toContainText('2026年4月2日');
  await page.getByRole('radio', { name: '账单与收款' }).click();
  await expect(page.getByRole('table', { name: '账单' })).toContainText('INV-2026-00001');
  await expect(page.getByRole('table', { name: '账单' })).toContainText('¥450.00');
  await screenshot(page, 'member-invoices-zh');
  const [inv] = (await app.host.invoke('invoices.list', {})).rows;
  expect(inv).toMatchObject({ payerName: '王芳', issueDate: '2026-03-02', total: 45000, status: 'open' });
});

test('pauses and resumes with the proration shown first and then billed', async ({ app }) => {
  await app.setup('en');
  const { zhang, plan } = await seed(app.host);
  const sale = await app.host.invoke('subscriptions.create', { memberId: zhang.id, planId: plan.id });
  await app.host.invoke('payments.record', { payerId: zhang.id, method: 'cash', amount: sale.invoices[0]!.total });
  const { page } = app;
  await page.goto(`${app.url}#/members?member=${zhang.id}`);
  await page.getByRole('button', { name: 'Pause Monthly 月卡' }).click();
  const pause = page.getByRole('dialog', { name: 'Pause Monthly 月卡' });
  await pause.getByLabel('First day without service').fill('2026-03-10');
  await pause.getByRole('radio', { name: 'Open-ended' }).click();
  // 23 unused days of 31 (Mar 10 – Apr 1) × ¥300.00 = ¥222.58, kept as credit.
  const preview = pause.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('Back to credit ¥222.58');
  await expect(preview).toContainText('Mar 10 – Apr 1, 2026');
  await expect(preview.getByRole('row').last()).toHaveText('Total back¥222.58');
  await screenshot(page, 'pause-en');
  await pause.getByRole('button', { name: 'Confirm pause' }).click();
  await expect(pause).toBeHidden();
  // Open-ended, within the plan's 60 freeze days a year: it resumes on May 9 at the latest.
  await expect(page.getByRole('table', { name: 'Memberships' })).toContainText('Paused Mar 10, 2026 – May 9, 2026');
  expect((await app.host.invoke('members.balance', { payerId: zhang.id })).paidCredit).toBe(22258);

  // Ten days later the member comes back.
  app.clock.setDate('2026-03-20');
  await app.host.invoke('billing.run', {});
  await page.reload();
  await page.getByRole('button', { name: 'Resume Monthly 月卡' }).click();
  const resume = page.getByRole('dialog', { name: 'Resume Monthly 月卡' });
  // 13 days of 31 (Mar 20 – Apr 1) × ¥300.00 = ¥125.81, paid from the credit.
  const r = resume.getByRole('region', { name: 'Preview' });
  await expect(r).toContainText('Invoice of Mar 20, 2026 (due Mar 27, 2026)');
  await expect(r).toContainText('Mar 20 – Apr 1, 2026');
  await expect(r).toContainText('Total¥125.81');
  await expect(r).toContainText('Paid from credit−¥125.81');
  await expect(r.getByRole('row').last()).toHaveText('To pay¥0.00');
  await screenshot(page, 'resume-en');
  await resume.getByRole('button', { name: 'Confirm resume' }).click();
  await expect(resume).toBeHidden();
  await page.getByRole('radio', { name: 'Invoices & payments' }).click();
  const invoices = page.getByRole('table', { name: 'Invoices' });
  await expect(invoices.getByRole('row')).toHaveCount(3);
  await expect(invoices.getByRole('row').nth(1)).toContainText('INV-2026-00002');
  await expect(invoices.getByRole('row').nth(1)).toContainText('¥125.81');
  const balance = await app.host.invoke('members.balance', { payerId: zhang.id });
  expect([balance.paidCredit, balance.due]).toEqual([22258 - 12581, 0]);
});

test('cancels at the period end, then undoes it; changes plan with the proration shown (中文)', async ({ app }) => {
  await app.setup('zh-CN');
  const { zhang, plan } = await seed(app.host);
  await app.host.invoke('subscriptions.create', { memberId: zhang.id, planId: plan.id });
  const { page } = app;
  await page.goto(`${app.url}#/members?member=${zhang.id}`);
  await page.getByRole('button', { name: '退卡 Monthly 月卡' }).click();
  const cancel = page.getByRole('dialog', { name: '退卡：Monthly 月卡' });
  await expect(cancel.getByText('不冲抵：会员卡于 2026年4月2日 结束。')).toBeVisible();
  await cancel.getByRole('button', { name: '确认退卡' }).click();
  await expect(page.getByRole('table', { name: '会员卡' })).toContainText('2026年4月2日 结束');
  await page.getByRole('button', { name: '撤销退卡 Monthly 月卡' }).click();
  await expect(page.getByRole('button', { name: '退卡 Monthly 月卡' })).toBeVisible();

  app.clock.setDate('2026-03-17');
  await page.reload();
  await page.getByRole('button', { name: '更换套餐 Monthly 月卡' }).click();
  const change = page.getByRole('dialog', { name: '更换套餐：Monthly 月卡' });
  await change.getByLabel('新套餐').selectOption({ label: 'Gold 金卡 · ¥500.00' });
  const preview = change.getByRole('region', { name: '预览' });
  // Upgrade on Mar 17: 16 of 31 days unused. Old part credited, new part charged, on one invoice.
  await expect(preview).toContainText('2026年3月17日 的账单');
  await expect(preview.getByRole('row').filter({ hasText: '合计' })).toHaveText('合计¥103.22');
  await screenshot(page, 'change-plan-zh');
  await change.getByRole('button', { name: '确认更换' }).click();
  await expect(change).toBeHidden();
  await expect(page.getByRole('table', { name: '会员卡' })).toContainText('Gold 金卡');
});

test('imports a CSV file with a bad row: only the good rows come in (中文)', async ({ app }) => {
  await app.setup('zh-CN');
  await seed(app.host);
  const { page } = app;
  await page.goto(`${app.url}#/members`);
  await page.getByRole('button', { name: '导入…' }).click();
  await expect(page.getByRole('heading', { name: '导入会员' })).toBeVisible();
  const csv = [
    '姓名,手机号,会员卡号,生日,套餐,下次扣费日期,价格',
    '赵六,13500000001,C-1,1992/3/4,Monthly 月卡,2026-03-20,280',
    '钱七,13500000002,C-2,1985-13-01,,,',
    '孙八,13500000003,A1001,,,,',
    '周九,13500000004,C-4,,,,',
  ].join('\r\n');
  await page.getByLabel('选择文件…').setInputFiles({ name: '会员名单.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv, 'utf8') });
  await expect(page.getByText('文件编码：UTF-8（BOM） · 共 4 行：2 行可导入，2 行有错误')).toBeVisible();
  await expect(page.getByRole('combobox', { name: '下次扣费日期' })).toHaveValue('5');
  const rows = page.getByRole('table', { name: '文件中的行' });
  await expect(rows).toContainText('生日：“1985-13-01”不是有效日期（请用 2026-03-15）');
  await expect(rows).toContainText('卡号：已被 张三 使用');
  await expect(page.getByRole('checkbox', { name: '导入第 3 行' })).toBeDisabled();
  // The clerk leaves out 周九 too.
  await page.getByRole('checkbox', { name: '导入第 5 行' }).uncheck();
  await screenshot(page, 'import-zh');
  expect((await app.host.invoke('members.list', {})).total).toBe(6);
  await page.getByRole('button', { name: '导入 1 位会员' }).click();
  await expect(page.getByText('已导入 1 位会员，其中 1 位带有当前套餐。')).toBeVisible();
  const imported = await app.host.invoke('members.search', { query: 'C-1' });
  expect(imported.map((m) => [m.name, m.phone, m.birthday, m.badges])).toEqual([['赵六', '13500000001', '1992-03-04', ['active']]]);
  expect((await app.host.invoke('subscriptions.listByMember', { memberId: imported[0]!.id }))[0]).toMatchObject({ nextBillDate: '2026-03-20', price: 28000 });
  expect((await app.host.invoke('members.search', { query: 'zj' })).map((m) => m.name)).toEqual([]);
  await page.getByRole('button', { name: '打开第一位' }).click();
  await expect(page.getByRole('heading', { name: '赵六' })).toBeVisible();
});

test('merges a duplicate record, keeping all its history (English)', async ({ app }) => {
  await app.setup('en');
  const { zhang, plan } = await seed(app.host);
  const dup = await app.host.invoke('members.create', { name: 'Zhang San', phone: '13811112222', cardNo: 'OLD-1' });
  await app.host.invoke('subscriptions.create', { memberId: dup.id, planId: plan.id });
  const { page } = app;
  await page.goto(`${app.url}#/members?member=${zhang.id}`);
  await page.getByRole('button', { name: 'Merge a duplicate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge a duplicate into 张三' });
  await dialog.getByLabel('Duplicate record').fill('OLD-1');
  await dialog.getByRole('option', { name: /Zhang San/ }).click();
  await expect(dialog.getByText('Zhang San will be merged into 张三.')).toBeVisible();
  await screenshot(page, 'merge-en');
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Memberships' })).toContainText('Monthly 月卡');
  await expect(page.getByText(`Zhang San (#${dup.id})`)).toBeVisible();
  // The old card now finds the kept member, from anywhere: Ctrl+K, scan, Enter.
  await page.getByRole('button', { name: '← Members' }).click();
  await page.keyboard.press('Control+k');
  const find = page.getByRole('dialog', { name: 'Find a member' });
  await find.getByRole('combobox').fill('OLD-1');
  await find.getByRole('combobox').press('Enter');
  await expect(page.getByRole('heading', { name: '张三' })).toBeVisible();
});

for (const locale of ['en', 'zh-CN'] as const) {
  test(`every front-desk screen and dialog, looked at in ${locale === 'en' ? 'English' : '中文'}`, async ({ app }) => {
    await app.setup(locale);
    const { zhang, wang, plan } = await seed(app.host);
    const sale = await app.host.invoke('subscriptions.create', { memberId: zhang.id, planId: plan.id });
    await app.host.invoke('payments.record', { payerId: zhang.id, method: 'cash', amount: sale.invoices[0]!.total });
    await app.host.invoke('packs.sell', { memberId: zhang.id, planId: 3 });
    await app.host.invoke('payments.record', { payerId: zhang.id, method: 'wechat', amount: 80000 });
    await app.host.invoke('subscriptions.create', { memberId: wang.id, planId: plan.id });
    await app.host.invoke('checkin.checkIn', { memberId: zhang.id });
    app.clock.setDate('2026-03-25');
    await app.host.invoke('billing.run', {});
    await app.host.invoke('checkin.checkIn', { memberId: zhang.id });
    const s = locale === 'en' ? 'en' : 'zh';
    const zh = locale === 'zh-CN';
    const { page } = app;
    const shot = async (name: string) => {
      if (zh) {
        // Nothing of the English interface is left on a Chinese screen.
        const text = await page.locator('body').innerText();
        for (const english of ['Members', 'Invoice', 'Cancel', 'Save', 'Check in', 'Confirm', 'Status', 'Phone', 'Preview']) expect(text, name).not.toContain(english);
      }
      await screenshot(page, `${name}-${s}`);
    };
    await page.goto(`${app.url}#/members`);
    await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(6);
    await shot('tour-members');

    await page.goto(`${app.url}#/members?member=${zhang.id}`);
    await expect(page.getByRole('table').first()).toBeVisible();
    await shot('tour-member');
    for (const [tab, name] of [
      [zh ? '账单与收款' : 'Invoices & payments', 'tour-member-money'],
      [zh ? '签到记录' : 'Check-ins', 'tour-member-visits'],
      [zh ? '变更记录' : 'History', 'tour-member-history'],
    ] as const) {
      await page.getByRole('radio', { name: tab }).click();
      await expect(page.getByRole('table').first()).toBeVisible();
      await shot(name);
    }
    await page.getByRole('radio', { name: zh ? '会员卡与次卡' : 'Memberships & packs' }).click();

    const dialogs: [string, string][] = [
      [zh ? '编辑' : 'Edit', 'tour-edit'],
      [zh ? '+ 购买次卡' : '+ Sell a pack', 'tour-sell-pack'],
      [zh ? '停卡 Monthly 月卡' : 'Pause Monthly 月卡', 'tour-pause'],
      [zh ? '退卡 Monthly 月卡' : 'Cancel Monthly 月卡', 'tour-cancel'],
      [zh ? '合并重复记录…' : 'Merge a duplicate…', 'tour-merge'],
    ];
    for (const [button, name] of dialogs) {
      await page.getByRole('button', { name: button, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      if (name === 'tour-sell-pack') await dialog.getByRole('combobox').first().selectOption({ index: 1 });
      if (name === 'tour-pause') await dialog.getByRole('radio', { name: zh ? '不定期' : 'Open-ended' }).click();
      if (name === 'tour-cancel') {
        await dialog.getByRole('radio', { name: zh ? '立即' : 'Now' }).click();
        await dialog.getByRole('radio', { name: zh ? '退款' : 'Refund' }).click();
      }
      if (name !== 'tour-edit' && name !== 'tour-merge') await expect(dialog.getByRole('region')).toBeVisible();
      await shot(name);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }

    await page.keyboard.press('F2');
    await page.getByRole('dialog').getByRole('combobox').fill('z');
    await expect(page.getByRole('dialog').getByRole('option').first()).toBeVisible();
    await shot('tour-quickfind');
    await page.keyboard.press('Escape');

    await page.keyboard.press('F3');
    const box = page.getByRole('textbox', { name: zh ? '卡号、姓名、拼音或电话' : 'Card, name, pinyin or phone' });
    await expect(box).toBeFocused();
    await box.fill('13600003333');
    await box.press('Enter');
    await expect(page.getByRole('alert', { name: zh ? '签到结果' : 'Check-in result' })).toBeVisible();
    await shot('tour-checkin-blocked');
    await box.fill('A1001');
    await box.press('Enter');
    await expect(page.getByRole('status', { name: zh ? '签到结果' : 'Check-in result' })).toBeVisible();
    await shot('tour-checkin-already');
    await box.fill('zhang');
    await box.press('Enter');
    await expect(page.getByRole('listbox')).toBeVisible();
    await shot('tour-checkin-choose');
    await page.getByRole('radio', { name: zh ? '到店统计' : 'Attendance' }).click();
    await expect(page.getByRole('table').first()).toBeVisible();
    await shot('tour-attendance');

    await page.goto(`${app.url}#/members?view=import`);
    await page.getByLabel(zh ? '选择文件…' : 'Choose a file…').setInputFiles({
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Name,Mobile,Card No.,Date of birth,Plan,Next billing date,Price\nAnna Lee,13511110000,X-1,1990-01-01,Monthly 月卡,2026-04-01,280\nBad Date,13511110001,X-2,31/12/1990,,,\n'),
    });
    await expect(page.getByRole('table')).toBeVisible();
    await shot('tour-import');
  });
}

test('scrolls a long list page by page, jumps to its end and back, in every sort (English)', async ({ app }) => {
  await app.setup('en');
  // 350 members: four pages of 100, each fetched after the previous page's cursor.
  for (let i = 1; i <= 350; i++) await app.host.invoke('members.create', { name: `Member ${String(i).padStart(3, '0')}`, cardNo: `K${String(351 - i).padStart(4, '0')}` });
  const { page } = app;
  await page.goto(`${app.url}#/members`);
  const list = page.getByRole('listbox', { name: 'Members' });
  await expect(page.getByText('350 members')).toBeVisible();
  await expect(list.getByRole('option').first()).toContainText('Member 001');
  const scroller = page.locator('.mlist__scroll');
  const scrollToRow = (row: number) => scroller.evaluate((el, top) => void (el.scrollTop = top), row * 52);
  // A jump into page 3 (row 201), then the very end, then page 2 on the way back.
  await scrollToRow(200);
  await expect(page.locator('#member-row-200')).toContainText('Member 201');
  await scrollToRow(350);
  await expect(page.locator('#member-row-349')).toContainText('Member 350');
  await screenshot(page, 'members-long-end-en');
  await scrollToRow(120);
  await expect(page.locator('#member-row-120')).toContainText('Member 121');
  await expect(page.locator('#member-row-119')).toContainText('Member 120');
  // By card number (K0001 is Member 350) and newest first, to the end of each.
  await page.getByRole('radio', { name: 'Card number', exact: true }).click();
  await expect(page.locator('#member-row-0')).toContainText('Member 350');
  await scrollToRow(350);
  await expect(page.locator('#member-row-349')).toContainText('Member 001');
  await page.getByRole('radio', { name: 'Newest', exact: true }).click();
  await expect(page.locator('#member-row-0')).toContainText('Member 350');
  await scrollToRow(250);
  await expect(page.locator('#member-row-250')).toContainText('Member 100');
  // The keyboard still walks the rows across a page boundary.
  await page.getByRole('radio', { name: 'Name', exact: true }).click();
  const box = page.getByRole('combobox', { name: 'Search members' });
  await box.focus();
  for (let i = 0; i < 101; i++) await box.press('ArrowDown');
  await expect(page.locator('#member-row-100')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#member-row-100')).toContainText('Member 101');
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: 'Member 101' })).toBeVisible();
});

for (const lang of ['en', 'zh-CN'] as const) {
  const w = lang === 'en'
    ? { sell: '+ Sell a membership', title: 'Sell a membership to 王芳', plan: 'Plan', discount: 'Discount', percentKind: 'Percent', percent: 'Percent off (%)', fillIn: 'Fill in the form to see the exact amounts.', wrong: 'Enter a percent from 0 to 100, e.g. 20', total: 'Total¥400.00', confirm: 'Confirm sale', preview: 'Preview' }
    : { sell: '+ 办理会员卡', title: '为 王芳 办理会员卡', plan: '套餐', discount: '折扣', percentKind: '百分比', percent: '优惠比例（%）', fillIn: '填写表单后显示准确金额。', wrong: '请输入 0 到 100 之间的百分比，例如 20（即8折）', total: '合计¥400.00', confirm: '确认办理', preview: '预览' };
  test(`the one-off discount: no error in the percent field before anything is typed; a wrong percent said in percent words; 20 % taken off (${lang})`, async ({ app }) => {
    await app.setup(lang);
    const { wang } = await seed(app.host);
    const { page } = app;
    await page.goto(`${app.url}#/members?member=${wang.id}`);
    await page.getByRole('button', { name: w.sell }).click();
    const dialog = page.getByRole('dialog', { name: w.title });
    await dialog.getByLabel(w.plan, { exact: true }).selectOption({ label: 'Gold 金卡 · ¥500.00' });
    await dialog.getByRole('radiogroup', { name: w.discount }).getByRole('radio', { name: w.percentKind }).click();
    // The empty percent field is waiting, not wrong: no message anywhere in the dialog, the preview waits too.
    await expect(dialog.getByLabel(w.percent, { exact: true })).toHaveValue('');
    await expect(dialog.getByText(w.fillIn)).toBeVisible();
    await expect(dialog.locator('.field__error')).toHaveCount(0);
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: w.confirm })).toBeDisabled();
    // A percent over 100 is refused in percent words (not "an amount not below zero").
    await dialog.getByLabel(w.percent, { exact: true }).fill('120');
    await expect(dialog.locator('.field__error')).toHaveText(w.wrong);
    await dialog.getByLabel(w.percent, { exact: true }).fill('20');
    await expect(dialog.locator('.field__error')).toHaveCount(0);
    await expect(dialog.getByRole('region', { name: w.preview }).getByRole('row').last()).toHaveText(w.total);
    await screenshot(page, `sell-percent-discount-${lang}`);
    await dialog.getByRole('button', { name: w.confirm }).click();
    await expect(dialog).toHaveCount(0);
    const invoices = await app.host.invoke('invoices.list', {});
    expect(invoices.rows.map((i) => [i.payerId, i.total])).toEqual([[wang.id, 40000]]);
  });
}

for (const locale of ['en', 'zh-CN'] as const) {
  const zh = locale === 'zh-CN';
  test(`withdraws a plan change booked for the period end: the card stays on its plan (${zh ? '中文' : 'English'})`, async ({ app }) => {
    await app.setup(locale);
    const gold = await app.host.invoke('plans.create', { kind: 'recurring', name: 'Gold 金卡', price: 50000, interval: 'month', taxRateBp: 0 });
    const lite = await app.host.invoke('plans.create', { kind: 'recurring', name: 'Lite 轻享卡', price: 20000, interval: 'month', taxRateBp: 0 });
    const member = await app.host.invoke('members.create', { name: '周先生', phone: '13800005678' });
    const sale = await app.host.invoke('subscriptions.create', { memberId: member.id, planId: gold.id });
    await app.host.invoke('subscriptions.changePlan', { id: sale.subscription.id, planId: lite.id });
    const { page } = app;
    await page.goto(`${app.url}#/members?member=${member.id}`);
    const keep = page.getByRole('button', { name: zh ? '保留当前套餐 Gold 金卡' : 'Keep current plan Gold 金卡' });
    await expect(page.getByText(zh ? '2026年4月2日 更换为 Lite 轻享卡' : 'Changes to Lite 轻享卡 on Apr 2, 2026')).toBeVisible();
    await expect(keep).toBeVisible();
    for (const size of DESK_SIZES) {
      await page.setViewportSize(size);
      await screenshot(page, `withdraw-switch-${zh ? 'zh' : 'en'}-${size.width}x${size.height}`);
    }
    await keep.click();
    await expect(page.getByText(zh ? '已撤销套餐变更，继续使用 Gold 金卡' : 'Plan change withdrawn: stays on Gold 金卡')).toBeVisible();
    await expect(keep).toHaveCount(0);
    await expect(page.getByText(zh ? '2026年4月2日 更换为 Lite 轻享卡' : 'Changes to Lite 轻享卡 on Apr 2, 2026')).toHaveCount(0);
    expect(await app.host.invoke('subscriptions.get', { id: sale.subscription.id })).toMatchObject({ planId: gold.id, pendingPlanId: null });
  });
}

for (const locale of ['en', 'zh-CN'] as const) {
  const zh = locale === 'zh-CN';
  test(`a downgrade takes effect at the period end: a date typed for it is refused, naming the day (${zh ? '中文' : 'English'})`, async ({ app }) => {
    await app.setup(locale);
    const gold = await app.host.invoke('plans.create', { kind: 'recurring', name: 'Gold 金卡', price: 50000, interval: 'month', taxRateBp: 0 });
    await app.host.invoke('plans.create', { kind: 'recurring', name: 'Lite 轻享卡', price: 20000, interval: 'month', taxRateBp: 0 });
    const member = await app.host.invoke('members.create', { name: '吴女士', phone: '13800002468' });
    const sale = await app.host.invoke('subscriptions.create', { memberId: member.id, planId: gold.id });
    const { page } = app;
    await page.goto(`${app.url}#/members?member=${member.id}`);
    await page.getByRole('button', { name: zh ? '更换套餐 Gold 金卡' : 'Change plan Gold 金卡' }).click();
    const dialog = page.getByRole('dialog', { name: zh ? '更换套餐：Gold 金卡' : 'Change plan: Gold 金卡' });
    await dialog.getByLabel(zh ? '新套餐' : 'New plan').selectOption({ label: 'Lite 轻享卡 · ¥200.00' });
    await dialog.getByLabel(zh ? '生效日期' : 'Effective date').fill('2026-03-10');
    await expect(dialog.getByRole('alert')).toHaveText(zh ? '此操作只能在 2026年4月2日 生效。' : 'This change can only take effect on Apr 2, 2026.');
    await expect(dialog.getByRole('button', { name: zh ? '确认更换' : 'Confirm change' })).toBeDisabled();
    for (const size of DESK_SIZES) {
      await page.setViewportSize(size);
      await screenshot(page, `change-date-refused-${zh ? 'zh' : 'en'}-${size.width}x${size.height}`);
    }
    await dialog.getByLabel(zh ? '生效日期' : 'Effective date').fill('');
    await dialog.getByRole('button', { name: zh ? '确认更换' : 'Confirm change' }).click();
    await expect(dialog).toBeHidden();
    expect(await app.host.invoke('subscriptions.get', { id: sale.subscription.id })).toMatchObject({ planId: gold.id, pendingChangeDate: '2026-04-02' });
  });
}
