/**
 * Promotions (促销活动): a manager creates a campaign on Plans › Promotions, the desk uses it by code
 * at a sale (a wrong code says so and adds nothing), and the invoice carries the discount — in
 * English and 中文, at the two common front-desk sizes.
 */
import { expect, shootAtDeskSizes as shoot, test } from './harness';

const WORDS = {
  en: {
    tab: 'Promotions', new: '+ New promotion', dialog: 'New promotion', name: 'Name', code: 'Code (optional)', first: 'First day', last: 'Last day',
    percent: 'Percent off', create: 'Create promotion', required: 'Required', shownAs: 'Shown at the sale as: 20% off · first 3 periods',
    status: 'Running', discount: '20% off · first 3 periods', checkout: 'Checkout', plan: 'Plan', codeBox: 'Promotion code', apply: 'Apply code',
    unknown: 'No promotion has that code. Check the spelling.', applied: /Promotion: .* · 20% off · first 3 periods/, add: '+ Add to sale',
    cart: 'In this sale', preview: 'What the checkout will bill', discountLine: /Discount 20%.*60\.00/, pay: 'Take payment', payTitle: 'Take payment',
    sold: 'Sold', results: 'Promotion results', promoName: 'Spring: first 3 months 20% off', money: '¥',
  },
  zh: {
    tab: '促销活动', new: '+ 新建促销活动', dialog: '新建促销活动', name: '名称', code: '优惠码（可选）', first: '开始日期', last: '结束日期',
    percent: '优惠百分比', create: '创建促销活动', required: '必填', shownAs: '销售时显示为：8折（减20%） · 前3期',
    status: '进行中', discount: '8折（减20%） · 前3期', checkout: '收银结账', plan: '套餐', codeBox: '优惠码', apply: '使用优惠码',
    unknown: '没有使用该优惠码的促销活动，请检查拼写。', applied: /促销活动：.* · 8折（减20%） · 前3期/, add: '+ 加入本单',
    cart: '本单项目', preview: '本次结账将开具的账单', discountLine: /8折优惠.*60\.00/, pay: '去收款', payTitle: '收款',
    sold: '已完成', results: '促销活动效果', promoName: '双十一 首三月8折', money: '¥',
  },
};

for (const lang of ['en', 'zh'] as const) {
  const w = WORDS[lang];
  test(`a manager creates a promotion, the desk uses it by code at a sale, the invoice has the discount (${lang})`, async ({ app }) => {
    await app.setup(lang === 'zh' ? 'zh-CN' : 'en');
    const gym = await app.host.invoke('plans.create', { kind: 'recurring', name: 'Gym Monthly', price: 30000, interval: 'month', taxRateBp: 0 });
    const amy = await app.host.invoke('members.create', { name: '林小雨', phone: '13800000020' });
    const { page } = app;

    // Plans › Promotions: create one; nothing shows an error before the manager saves.
    await page.goto(`${app.url}#/plans`);
    await page.getByRole('radio', { name: w.tab }).click();
    await page.getByRole('button', { name: w.new }).click();
    const dialog = page.getByRole('dialog', { name: w.dialog });
    await expect(dialog.locator('.field__error')).toHaveCount(0);
    await dialog.getByRole('button', { name: w.create }).click();
    await expect(dialog.getByLabel(w.name, { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel(w.name, { exact: true }).fill(w.promoName);
    await dialog.getByLabel(w.code, { exact: true }).fill('spring26');
    await dialog.getByLabel(w.first, { exact: true }).fill('2026-03-01');
    await dialog.getByLabel(w.last, { exact: true }).fill('2026-03-15');
    await dialog.getByRole('checkbox', { name: /Gym Monthly/ }).check();
    await dialog.getByLabel(w.percent, { exact: true }).fill('20');
    await expect(dialog).toContainText(w.shownAs);
    await shoot(page, `promotion-dialog-${lang}`);
    await dialog.getByRole('button', { name: w.create }).click();
    await expect(dialog).toHaveCount(0);
    const table = page.getByRole('table', { name: w.tab });
    await expect(table.getByRole('row').nth(1)).toContainText(w.promoName);
    await expect(table.getByRole('row').nth(1)).toContainText(w.status);
    await expect(table.getByRole('row').nth(1)).toContainText(w.discount);
    await expect(table.getByRole('row').nth(1)).toContainText('SPRING26');
    await shoot(page, `promotions-list-${lang}`);
    const [promo] = await app.host.invoke('campaigns.list', {});
    expect(promo).toMatchObject({ name: w.promoName, code: 'SPRING26', startsOn: '2026-03-01', endsOn: '2026-03-15', planIds: [gym.id], discount: { kind: 'percent', value: 2000, duration: 'repeating', periods: 3 } });

    // The sale: a wrong code is refused and adds nothing; the right one (any case) applies.
    await page.goto(`${app.url}#/members?member=${amy.id}`);
    await page.getByRole('button', { name: w.checkout, exact: true }).click();
    const sale = page.getByRole('dialog', { name: new RegExp(`${w.checkout} — 林小雨`) });
    await sale.getByLabel(w.plan, { exact: true }).selectOption({ label: `Gym Monthly · ${w.money}300.00` });
    await sale.getByLabel(w.codeBox, { exact: true }).fill('SPRING25');
    await sale.getByRole('button', { name: w.apply }).click();
    await expect(sale.getByRole('alert')).toHaveText(w.unknown);
    await shoot(page, `promotion-code-refused-${lang}`);
    await sale.getByLabel(w.codeBox, { exact: true }).fill('Spring26');
    await sale.getByLabel(w.codeBox, { exact: true }).press('Enter');
    await expect(sale.getByRole('status').filter({ hasText: w.applied })).toBeVisible();
    await shoot(page, `promotion-code-applied-${lang}`);
    await expect(sale.getByRole('region', { name: w.cart }).getByRole('listitem')).toHaveCount(0);
    await sale.getByRole('button', { name: w.add }).click();
    await expect(sale.getByRole('region', { name: w.cart }).getByRole('listitem')).toContainText('Spring26');
    const preview = sale.getByRole('region', { name: w.preview });
    await expect(preview.getByRole('row').filter({ hasText: w.discountLine })).toHaveCount(1);
    await shoot(page, `promotion-sale-${lang}`);
    await sale.getByRole('button', { name: w.pay }).click();
    const pay = page.getByRole('dialog', { name: new RegExp(`${w.payTitle} — 林小雨`) });
    await pay.getByRole('button', { name: new RegExp(`240\\.00`) }).click();
    await expect(page.getByRole('dialog', { name: w.sold })).toContainText('240.00');

    const invoices = await app.host.invoke('invoices.list', {});
    const detail = await app.host.invoke('invoices.get', { id: invoices.rows[0]!.id });
    expect(detail.lines.map((l) => [l.kind, l.amount, l.periodStart, l.periodEnd])).toEqual([
      ['period', 30000, '2026-03-02', '2026-04-02'],
      ['discount', -6000, '2026-03-02', '2026-04-02'],
    ]);
    expect(detail.total).toBe(24000);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The invoice as the clerk sees it, and the promotion's results.
    await page.goto(`${app.url}#/invoices`);
    await page.getByRole('row', { name: /INV-2026-00001/ }).click();
    const inv = page.getByRole('dialog', { name: /INV-2026-00001/ });
    await expect(inv.getByRole('row').filter({ hasText: w.discountLine })).toHaveCount(1);
    await shoot(page, `promotion-invoice-${lang}`);
    await page.keyboard.press('Escape');
    // Closing the dialog writes the address: let it settle before going elsewhere, or the two navigations race.
    await expect(inv).toHaveCount(0);
    await expect(page).not.toHaveURL(/invoice=/);
    await page.goto(`${app.url}#/plans?tab=promotions`);
    const results = page.getByRole('table', { name: w.results });
    await expect(results.getByRole('row').nth(1)).toContainText(`${w.money}240.00`);
    await shoot(page, `promotions-results-${lang}`);
    const report = await app.host.invoke('campaigns.report', {});
    expect(report.rows.map((r) => [r.name, r.sales, r.revenue, r.renewed])).toEqual([[w.promoName, 1, 24000, 0]]);
  });
}
