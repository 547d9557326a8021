import { afterEach, describe, expect, it } from 'vitest';
import { failure, signInAs, type TestHost } from '../../support/host';
import { invoice, member, moneyHost } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

/** The visible text of a document, tags stripped, whitespace collapsed. */
const text = (html: string) =>
  html
    .replace(/<(style|title)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function business(t: TestHost) {
  await t.host.invoke('settings.update', { address: '朝阳区建国路 88 号', phone: '010-8888 6666', taxId: '91110105MA01ABCD2X', businessName: '朝阳健身 Sunrise' });
  await t.host.invoke('documents.updateSettings', { logo: LOGO, receiptFooter: '欢迎再来' });
}

describe('documents', () => {
  it('a receipt shows the business, the payer, the amounts, tendered and change, in English or Chinese', async () => {
    th = await moneyHost();
    await business(th);
    const payer = member(th.host, '张三');
    invoice(th, payer, 25000);
    const paid = await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 30000, tendered: 50000 });

    const en = await th.host.invoke('documents.render', { kind: 'receipt', id: paid.payment.id, locale: 'en' });
    expect(en).toMatchObject({ kind: 'receipt', title: 'Receipt P-000001', page: { widthMm: 80 } });
    expect(en.html).toContain(`<img class="logo" src="${LOGO}"`);
    expect(text(en.html)).toBe(
      '朝阳健身 Sunrise 朝阳区建国路 88 号 Tel: 010-8888 6666 Tax ID: 91110105MA01ABCD2X Receipt No. P-000001 Date Mar 2, 2026, 9:00 AM ' +
        'Received from 张三 Staff Owner Paid by Cash Amount paid ¥300.00 Cash tendered ¥500.00 Change ¥200.00 Applied to INV-2026-00001 ¥250.00 ' +
        'To credit ¥50.00 As of Mar 2, 2026 Owes ¥0.00 Credit ¥50.00 欢迎再来',
    );
    const zh = await th.host.invoke('documents.render', { kind: 'receipt', id: paid.payment.id, locale: 'zh-CN' });
    expect(zh.title).toBe('收据 P-000001');
    expect(text(zh.html)).toContain('付款人 张三 经办人 Owner 付款方式 现金 实收金额 ¥300.00 收取现金 ¥500.00 找零 ¥200.00 抵扣账单 INV-2026-00001 ¥250.00 存入储值 ¥50.00 截至 2026年3月2日 欠款 ¥0.00 可用余额 ¥50.00');
  });

  it('an A4 invoice lists lines, tax and totals, what was applied, and its status; names are escaped', async () => {
    th = await moneyHost();
    await business(th);
    const payer = member(th.host, '<b>Li</b> & Co', { phone: '13800000000' });
    const inv = invoice(th, payer, 12000);
    await th.host.invoke('payments.record', { payerId: payer, method: 'alipay', amount: 5000 });
    const doc = await th.host.invoke('documents.render', { kind: 'invoice', id: inv.id, locale: 'zh-CN' });
    expect(doc).toMatchObject({ kind: 'invoice', title: '账单 INV-2026-00001', page: { format: 'A4' } });
    expect(doc.html).toContain('&lt;b&gt;Li&lt;/b&gt; &amp; Co');
    expect(doc.html).not.toContain('<b>Li</b>');
    expect(text(doc.html)).toContain(
      '账单 编号 INV-2026-00001 开票日期 2026年3月2日 到期日 2026年3月9日 部分付款 付款人 <b>Li</b> & Co 13800000000 ' +
        '项目 服务期间 不含税金额 税率 税额 金额 Membership ¥120.00 0% ¥0.00 ¥120.00 小计 ¥120.00 税额 ¥0.00 合计 ¥120.00 已付及已冲抵 ¥50.00 应付余额 ¥70.00 ' +
        '已抵扣的付款与冲抵 2026年3月2日 付款 P-000001 ¥50.00 价格已含税。',
    );
  });

  it('prints: receipts go silently to the receipt printer when set; the host only renders', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Wang');
    const paid = await th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'cash', amount: 1000 });
    const ask = await th.host.invoke('documents.print', { kind: 'receipt', id: paid.payment.id });
    expect(ask).toMatchObject({ action: 'print', silent: false, printer: '', outcome: 'rendered' });
    await th.host.invoke('documents.updateSettings', { receiptPrinter: 'XP-58', silentReceipts: true, receiptWidth: 58 });
    const silent = await th.host.invoke('documents.print', { kind: 'receipt', id: paid.payment.id });
    expect(silent).toMatchObject({ action: 'print', silent: true, printer: 'XP-58', page: { widthMm: 58 } });
    expect(silent.html).toContain('@page { size: 58mm auto; margin: 0; }');
    const pdf = await th.host.invoke('documents.print', { kind: 'receipt', id: paid.payment.id, action: 'pdf' });
    expect(pdf).toMatchObject({ action: 'pdf', silent: false });
    expect(await th.host.invoke('documents.printers', {})).toEqual([]);
    expect(await failure(th.host.invoke('documents.render', { kind: 'receipt', id: 99 }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refund slips and closeout sheets', async () => {
    th = await moneyHost();
    const payer = member(th.host, '赵敏');
    await th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'wechat', amount: 8000 });
    const r = await th.host.invoke('refunds.create', { payerId: payer, source: 'credit', amount: 3000, reason: '搬家' });
    const slip = await th.host.invoke('documents.render', { kind: 'refund', id: r.refunds[0]!.id, locale: 'zh-CN' });
    expect(text(slip.html)).toContain('退款单 编号 RF-000001');
    // The amount to hand back, and how, in the clerk's words; then the account after it.
    expect(text(slip.html)).toContain('退款对象 赵敏 经办人 Owner 退款方式 现金 付款 P-000001 退还现金 ¥30.00 退款金额 ¥30.00 原因: 搬家 截至 2026年3月2日 欠款 ¥0.00 可用余额 ¥50.00');
    expect(slip.html).toContain('<div class="hand-back">退还现金 ¥30.00</div>');
    const slipEn = await th.host.invoke('documents.render', { kind: 'refund', id: r.refunds[0]!.id, locale: 'en' });
    expect(text(slipEn.html)).toContain('Refunded by Cash Payment P-000001 Give back ¥30.00 cash Amount refunded ¥30.00 Reason: 搬家 As of Mar 2, 2026 Owes ¥0.00 Credit ¥50.00');
    const day = await th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 0, note: '' }).catch((e: { code: string }) => e);
    expect(day).toMatchObject({ code: 'CLOSEOUT_NOTE_REQUIRED' });
    const closed = await th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 0, note: 'refund paid from the till' });
    const sheet = await th.host.invoke('documents.render', { kind: 'closeout', id: closed.closeout!.id, locale: 'en' });
    expect(text(sheet.html)).toContain('Paid by Received Refunded Net Cash ¥0.00 ¥30.00 -¥30.00 WeChat Pay ¥80.00 ¥0.00 ¥80.00');
    expect(text(sheet.html)).toContain('Expected cash -¥30.00 Counted cash ¥0.00 Difference ¥30.00');
  });

  it('document settings: only the owner changes them; a logo must be an image', async () => {
    th = await moneyHost();
    expect(await th.host.invoke('documents.settings', {})).toEqual({ logo: '', receiptWidth: 80, receiptPrinter: '', silentReceipts: false, receiptFooter: '' });
    const bad = await failure(th.host.invoke('documents.updateSettings', { logo: 'data:text/html;base64,PHNjcmlwdD4=' }));
    expect(bad.details?.['issues']).toEqual([expect.objectContaining({ path: 'logo', message: 'invalid_logo' })]);
    const width = await failure(th.host.invoke('documents.updateSettings', { receiptWidth: 72 as 80 }));
    expect(width.code).toBe('VALIDATION');
    await signInAs(th.host, 'manager');
    expect(await failure(th.host.invoke('documents.updateSettings', { receiptFooter: 'Hi' }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
