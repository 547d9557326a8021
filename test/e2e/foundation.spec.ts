import { CSP } from '../../electron/shell/security/csp';
import { expect, screenshot, test } from './harness';

test('first start shows the set-up and leads into the app', async ({ app }) => {
  const { page } = app;
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Subdesk' })).toBeVisible();
  await screenshot(page, 'setup-en');
  // Submitting an empty form names every field to fill in, and sends nothing.
  await page.getByRole('button', { name: 'Start using Subdesk' }).click();
  await expect(page.getByRole('alert')).toHaveText(['Required', 'Required', 'A PIN is 4 to 8 digits']);
  await page.getByLabel('Business name').fill('Sunrise Fitness 朝阳店');
  await page.getByLabel('Currency').selectOption('CNY');
  // The owner's account is part of the set-up; the owner is signed in at once.
  await page.getByLabel('Your name').fill('Li Wei');
  await page.getByLabel('PIN (4–8 digits)').fill('2468');
  await page.getByLabel('Repeat the PIN').fill('2468');
  await page.getByRole('button', { name: 'Start using Subdesk' }).click();
  await expect(page.getByRole('navigation')).toContainText('Sunrise Fitness 朝阳店');
  await expect(page.getByRole('navigation')).toContainText('Li Wei');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  const s = await app.host.invoke('settings.get', {});
  expect(s).toMatchObject({ businessName: 'Sunrise Fitness 朝阳店', currency: 'CNY', locale: 'en', setupCompleted: true });
  const status = await app.host.invoke('auth.status', {});
  expect(status.staff).toMatchObject({ name: 'Li Wei', role: 'owner' });
  expect(status.roster).toEqual([{ id: status.staff!.id, name: 'Li Wei', role: 'owner' }]);
});

test('the set-up refuses mismatched or short PINs and creates no owner', async ({ app }) => {
  const { page } = app;
  await page.goto(app.url);
  await page.getByLabel('Business name').fill('Sunrise Fitness');
  await page.getByLabel('Your name').fill('Li Wei');
  await page.getByLabel('PIN (4–8 digits)').fill('2468');
  await page.getByLabel('Repeat the PIN').fill('2469');
  await page.getByRole('button', { name: 'Start using Subdesk' }).click();
  await expect(page.getByText('The two PINs are different')).toBeVisible();
  await page.getByLabel('PIN (4–8 digits)').fill('12');
  await page.getByLabel('Repeat the PIN').fill('12');
  await page.getByRole('button', { name: 'Start using Subdesk' }).click();
  await expect(page.getByText('A PIN is 4 to 8 digits')).toBeVisible();
  expect((await app.host.invoke('auth.status', {})).staffExists).toBe(false);
  await page.getByLabel('PIN (4–8 digits)').fill('24680');
  await page.getByLabel('Repeat the PIN').fill('24680');
  await page.getByRole('button', { name: 'Start using Subdesk' }).click();
  await expect(page.getByRole('navigation')).toContainText('Li Wei');
});

test('the set-up can be done in Chinese', async ({ app }) => {
  const { page } = app;
  await page.goto(app.url);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '欢迎使用 Subdesk' })).toBeVisible();
  await screenshot(page, 'setup-zh');
  await page.getByLabel('商户名称').fill('朝阳健身');
  await page.getByLabel('您的姓名').fill('王芳');
  await page.getByLabel('PIN 码（4–8 位数字）').fill('1357');
  await page.getByLabel('再次输入 PIN 码').fill('1357');
  await page.getByRole('button', { name: '开始使用' }).click();
  await page.getByRole('link', { name: '设置' }).click();
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  expect((await app.host.invoke('settings.get', {})).locale).toBe('zh-CN');
});

test('switching to 中文 shows Chinese labels across the shell, and it persists', async ({ app }) => {
  await app.setup('en');
  const { page } = app;
  await page.goto(`${app.url}#/settings`);
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
  await screenshot(page, 'settings-en');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('link', { name: '设置' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  for (const label of ['商户信息', '货币与税费', '语言与时区', '账单', '商户名称', '默认税率（%）', '付款期限（天）']) {
    await expect(page.getByText(label, { exact: true }).first()).toBeVisible();
  }
  // No English left on the shell or the screen.
  const text = await page.locator('body').innerText();
  for (const english of ['Settings', 'Business', 'Save', 'Currency', 'Time zone', 'Invoice']) expect(text).not.toContain(english);
  await screenshot(page, 'settings-zh');
  const again = await app.openPage();
  await again.getByRole('link', { name: '设置' }).click();
  await expect(again.getByRole('heading', { name: '设置' })).toBeVisible();
  expect(await again.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
});

test('edited settings persist across a reload and a host restart', async ({ app }) => {
  await app.setup('en');
  const { page } = app;
  await page.goto(`${app.url}#/settings`);
  await page.getByLabel('Address').fill('88 Jianguo Road, Beijing');
  await page.getByLabel('Default tax rate (%)').fill('6');
  await page.getByLabel('Tax-exclusive (tax is added on top)').check();
  await page.getByLabel('Payment terms (days)').fill('10');
  await page.getByLabel('Invoice number format').fill('SD{YY}{MM}-{####}');
  await expect(page.getByText('Next number looks like SD')).toBeVisible();
  // The business form's own Save (the follow-up rules card has another).
  await page.getByRole('form', { name: 'Settings', exact: true }).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();

  await app.restartHost();
  const fresh = await app.openPage();
  await fresh.getByRole('link', { name: 'Settings' }).click();
  await expect(fresh.getByLabel('Address')).toHaveValue('88 Jianguo Road, Beijing');
  await expect(fresh.getByLabel('Default tax rate (%)')).toHaveValue('6');
  await expect(fresh.getByLabel('Payment terms (days)')).toHaveValue('10');
  await expect(fresh.getByLabel('Invoice number format')).toHaveValue('SD{YY}{MM}-{####}');
  await expect(fresh.getByLabel('Tax-exclusive (tax is added on top)')).toBeChecked();
  expect(await app.host.invoke('settings.get', {})).toMatchObject({ defaultTaxRateBp: 600, pricesIncludeTax: false, paymentTermsDays: 10 });
});

test('a bad value shows the field error and saves nothing', async ({ app }) => {
  await app.setup('zh-CN');
  const { page } = app;
  await page.goto(`${app.url}#/settings`);
  const before = await app.host.invoke('settings.get', {});
  await page.getByLabel('账单编号格式').fill('INV-{YYYY}');
  await page.getByLabel('商户名称').fill('');
  await page.getByRole('form', { name: '设置', exact: true }).getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('可用字母、数字、- _ / . 以及 {YYYY} {YY} {MM}，且必须包含一个 {####} 序号')).toBeVisible();
  await expect(page.getByText('必填')).toBeVisible();
  await expect(page.getByText('部分字段需要修改。')).toBeVisible();
  await screenshot(page, 'settings-error-zh');
  expect(await app.host.invoke('settings.get', {})).toEqual(before);
});

test('the built page carries the strict CSP and loads nothing remote', async ({ app }) => {
  const { page } = app;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const html = await (await page.request.get(app.url)).text();
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}"`);
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Subdesk' })).toBeVisible();
  expect(requests.filter((u) => !u.startsWith(app.url))).toEqual([]);
});

test('an address changed the moment a screen appears wins over the screen it replaces', async ({ app }) => {
  // Regression: the screen wrote its own address into the bar after it was on show, so an address
  // typed (or a link followed) in between was written over and the desk could stay where it was.
  await app.setup('en');
  const member = await app.host.invoke('members.create', { name: 'Zhao Lei' });
  const { page } = app;
  // Seen once, so the page is drawn from what the window already holds, in the same step as the move.
  await page.goto(`${app.url}#/members?member=${member.id}`);
  await expect(page.getByRole('heading', { name: 'Zhao Lei', exact: true })).toBeVisible();
  await page.goto(`${app.url}#/plans`);
  await expect(page.getByRole('heading', { name: 'Plans', exact: true })).toBeVisible();
  // Back to the member's page; as soon as its heading is in the document, change the address again.
  await page.evaluate((id) => {
    const seen: string[] = [];
    Object.assign(window, { addressesSeen: seen });
    window.addEventListener('hashchange', () => seen.push(window.location.hash));
    new MutationObserver((_, observer) => {
      if (![...document.querySelectorAll('h1, h2')].some((h) => h.textContent === 'Zhao Lei')) return;
      observer.disconnect();
      window.location.hash = '/invoices';
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    window.location.hash = `/members?member=${id}`;
  }, member.id);
  await expect(page.getByRole('table', { name: 'Invoices' })).toBeVisible();
  await expect(page).toHaveURL(/#\/invoices$/);
  // The bar went to the member and then to the invoices, and nothing wrote the member's address back.
  const seen = await page.evaluate(() => (window as unknown as { addressesSeen: string[] }).addressesSeen);
  expect(seen).toEqual([`#/members?member=${member.id}`, '#/invoices']);
});
