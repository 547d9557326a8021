import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { AuditRow } from '../../electron/contract';
import { i18n, initI18n } from '../../renderer/app/i18n';
import {
  AUDIT_ENTITIES,
  auditSentence,
  entityLabel,
  type SentenceFormat,
} from '../../renderer/features/audit/sentence';
import { formatDate, formatMoney } from '../../renderer/lib/format';

let en: TFunction;
let zh: TFunction;
beforeAll(async () => {
  initI18n('en');
  await i18n.loadLanguages(['en', 'zh-CN']);
  en = i18n.getFixedT('en');
  zh = i18n.getFixedT('zh-CN');
});

const methods: Record<string, Record<string, string>> = {
  en: { wechat: 'WeChat', cash: 'Cash' },
  zh: { wechat: '微信', cash: '现金' },
};
const fmt = (lang: 'en' | 'zh'): SentenceFormat => {
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  return {
    money: (m) => formatMoney(m, 'CNY', locale),
    date: (d) => formatDate(d, locale),
    method: (c) => methods[lang]![c] ?? c,
    instant: (i) => `${i.slice(0, 10)} ${i.slice(11, 16)}`,
  };
};

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 1,
  at: '2026-03-02T02:00:00.000Z',
  staffId: 2,
  staffName: 'Li Wei',
  channel: 'x.y',
  entity: 'member',
  entityId: '1',
  before: null,
  after: null,
  names: { member: 'Zhang San', plan: 'Gold', staff: null, document: null },
  device: null,
  ...over,
});
const both = (r: AuditRow, zhStaff = '李伟', zhMember = '张三', zhPlan = '金卡') => [
  auditSentence(r, en, fmt('en')),
  auditSentence(
    {
      ...r,
      staffName: r.staffId === null ? r.staffName : zhStaff,
      names: { ...r.names, member: r.names.member && zhMember, plan: r.names.plan && zhPlan },
    },
    zh,
    fmt('zh'),
  ),
];

const BOOKED = row({ channel: 'classes.book', entity: 'class_booking', entityId: '307', after: { memberName: 'Zhang San', status: 'booked', classTypeName: 'Yoga', date: '2027-03-06', startTime: '09:00' } });
const LATE = row({ channel: 'classes.book', entity: 'class_booking', entityId: '307', after: { memberName: 'Zhang San', status: 'late_cancelled', classTypeName: 'Yoga', date: '2027-03-06', startTime: '09:00' } });
const NOSHOW = row({ channel: 'classes.book', entity: 'class_booking', entityId: '307', after: { memberName: 'Zhang San', status: 'no_show', classTypeName: 'Yoga', date: '2027-03-06', startTime: '09:00' } });

/** One entry of every kind the app writes, with the sentence it must read as in each language. */
const CASES: [string, AuditRow, string, string][] = [
  [
    'payment',
    row({
      channel: 'payments.record',
      entity: 'payment',
      after: { amount: 39900, method: 'wechat', allocated: 39900 },
    }),
    'Li Wei took ¥399.00 (WeChat) from Zhang San',
    '李伟 向 张三 收款 ¥399.00（微信）',
  ],
  [
    'top-up',
    row({
      channel: 'payments.record',
      entity: 'payment',
      after: { amount: 100000, method: 'cash', allocated: 0 },
    }),
    'Li Wei took a top-up of ¥1,000.00 (Cash) from Zhang San',
    '李伟 为 张三 充值 ¥1,000.00（现金）',
  ],
  [
    'refund',
    row({
      channel: 'refunds.create',
      entity: 'refund',
      after: { amount: 3000, method: 'cash', reason: 'moved away' },
    }),
    'Li Wei refunded ¥30.00 (Cash) to Zhang San: moved away',
    '李伟 退款 ¥30.00（现金）给 张三：moved away',
  ],
  [
    'bonus forfeited',
    row({
      channel: 'refunds.create',
      entity: 'bonus_grant',
      after: { available: 0, forfeited: 20000 },
    }),
    'Zhang San lost ¥200.00 of bonus credit',
    '张三 的赠送余额作废 ¥200.00',
  ],
  [
    'allocation',
    row({
      channel: 'invoices.issueCreditNote',
      entity: 'allocation',
      after: { invoiceId: 3, source: 'payment', amount: 5000 },
      names: { member: 'Zhang San', plan: null, staff: null, document: 'INV-2026-00003' },
    }),
    "¥50.00 of Zhang San's money paid invoice INV-2026-00003",
    '张三 的 ¥50.00 冲抵账单 INV-2026-00003',
  ],
  [
    'allocation of a credit note',
    row({
      entity: 'allocation',
      after: { invoiceId: 3, source: 'credit_note', amount: 5000 },
      names: { member: 'Zhang San', plan: null, staff: null, document: 'INV-2026-00003' },
    }),
    '¥50.00 of a credit note paid invoice INV-2026-00003 of Zhang San',
    '红字凭证的 ¥50.00 冲抵 张三 的账单 INV-2026-00003',
  ],
  [
    'invoice settlement undone',
    row({
      entity: 'invoice_settlement',
      after: { allocations: [], reason: 'wrong invoice' },
      names: { member: 'Zhang San', plan: null, staff: null, document: 'INV-2026-00003' },
    }),
    'Li Wei took the payments off invoice INV-2026-00003 of Zhang San: wrong invoice',
    '李伟 撤销了 张三 账单 INV-2026-00003 的付款：wrong invoice',
  ],
  [
    'invoice',
    row({
      channel: 'subscriptions.create',
      entity: 'invoice',
      after: { number: 'INV-2026-00001', total: 29900, dueDate: '2026-03-09' },
      names: { member: 'Zhang San', plan: null, staff: null, document: 'INV-2026-00001' },
    }),
    'Li Wei invoiced Zhang San ¥299.00 (INV-2026-00001, due Mar 9, 2026)',
    '李伟 向 张三 开具账单 ¥299.00（INV-2026-00001，2026年3月9日 到期）',
  ],
  [
    'invoice voided',
    row({
      channel: 'invoices.void',
      entity: 'invoice',
      before: { status: 'issued' },
      after: { status: 'void', reason: 'duplicate' },
      names: { member: 'Zhang San', plan: null, staff: null, document: 'INV-2026-00001' },
    }),
    'Li Wei voided invoice INV-2026-00001 of Zhang San: duplicate',
    '李伟 作废了 张三 的账单 INV-2026-00001：duplicate',
  ],
  [
    'credit note',
    row({
      entity: 'credit_note',
      after: { number: 'CN-2026-00001', total: 12000 },
      names: { member: 'Zhang San', plan: null, staff: null, document: 'CN-2026-00001' },
    }),
    'Li Wei gave Zhang San a credit note of ¥120.00 (CN-2026-00001)',
    '李伟 为 张三 开具红字凭证 ¥120.00（CN-2026-00001）',
  ],
  [
    'late fee',
    row({
      staffId: null,
      staffName: '',
      entity: 'late_fee',
      after: { amount: 2500, feeNumber: 'INV-2026-00009' },
      names: { member: 'Zhang San', plan: null, staff: null, document: 'INV-2026-00009' },
    }),
    'Zhang San was charged a late fee of ¥25.00 on invoice INV-2026-00009',
    '张三 的账单 INV-2026-00009 逾期，收取滞纳金 ¥25.00',
  ],
  [
    'membership sold',
    row({
      channel: 'subscriptions.create',
      entity: 'subscription',
      after: {
        startDate: '2026-03-02',
        status: 'active',
        planId: 1,
        pendingPlanId: null,
        endDate: null,
      },
    }),
    'Li Wei started Gold for Zhang San from Mar 2, 2026',
    '李伟 为 张三 开通 金卡，2026年3月2日 起',
  ],
  [
    'frozen with an end',
    row({
      entity: 'subscription',
      before: { status: 'active' },
      after: { pauseFrom: '2026-03-10', pauseUntil: '2026-03-31', mode: 'extend' },
    }),
    "Li Wei froze Zhang San's Gold from Mar 10, 2026 until Mar 31, 2026",
    '李伟 为 张三 的 金卡 停卡，2026年3月10日 至 2026年3月31日',
  ],
  [
    'frozen open-ended',
    row({
      entity: 'subscription',
      before: { status: 'active' },
      after: { pauseFrom: '2026-03-10', pauseUntil: null },
    }),
    "Li Wei froze Zhang San's Gold from Mar 10, 2026, until resumed",
    '李伟 为 张三 的 金卡 停卡，2026年3月10日 起，直到复卡',
  ],
  [
    'resumed',
    row({
      entity: 'subscription',
      before: { pauseUntil: null },
      after: { resumeOn: '2026-04-01' },
    }),
    "Li Wei resumed Zhang San's Gold on Apr 1, 2026",
    '李伟 为 张三 的 金卡 复卡，2026年4月1日 起',
  ],
  [
    'cancelled',
    row({
      entity: 'subscription',
      before: { endDate: null },
      after: { cancel: 'period_end', endDate: '2027-02-04' },
    }),
    "Li Wei cancelled Zhang San's Gold; it ends on Feb 4, 2027",
    '李伟 为 张三 的 金卡 退卡，会员卡于 2027年2月4日 结束',
  ],
  [
    'cancel undone',
    row({
      entity: 'subscription',
      before: { endDate: '2026-04-01', cancelAtPeriodEnd: true },
      after: { endDate: null, cancelAtPeriodEnd: false },
    }),
    "Li Wei took back the cancellation of Zhang San's Gold",
    '李伟 撤销了 张三 的 金卡 退卡',
  ],
  [
    'plan change at period end',
    row({
      entity: 'subscription',
      before: { pendingPlanId: null },
      after: { pendingPlanId: 2, on: '2026-04-02' },
    }),
    'Li Wei moved Zhang San to Gold from Apr 2, 2026',
    '李伟 将 张三 改为 金卡，2026年4月2日 起',
  ],
  [
    'plan change now',
    row({
      entity: 'subscription',
      before: { planId: 1, price: 29900 },
      after: { planId: 2, price: 50000, from: '2026-03-15' },
    }),
    "Li Wei changed Zhang San's plan to Gold from Mar 15, 2026",
    '李伟 将 张三 的套餐改为 金卡，2026年3月15日 起',
  ],
  [
    'status moved by the billing run',
    row({
      staffId: null,
      staffName: '',
      channel: 'billing.run',
      entity: 'subscription',
      before: { status: 'active' },
      after: { status: 'cancelled', endDate: '2026-05-26' },
    }),
    "Zhang San's Gold went from active to cancelled",
    '张三 的 金卡 由有效变为已退卡',
  ],
  [
    'add-on added',
    row({
      entity: 'subscription_addon',
      after: { subscriptionId: 1, name: 'Locker', price: 3000, startDate: '2026-03-12' },
    }),
    "Li Wei added Locker (¥30.00) to Zhang San's membership from Mar 12, 2026",
    '李伟 为 张三 的会员卡加入 Locker（¥30.00），2026年3月12日 起',
  ],
  [
    'add-on ended',
    row({
      entity: 'subscription_addon',
      before: { endDate: null },
      after: { endDate: '2026-04-01' },
    }),
    "Li Wei ended an add-on of Zhang San's membership on Apr 1, 2026",
    '李伟 停止了 张三 会员卡的一个附加项目，2026年4月1日 起',
  ],
  [
    'freeze days granted',
    row({
      entity: 'freeze_grant',
      after: { year: 2026, days: 5, grantedDays: 5, reason: 'injured' },
    }),
    'Li Wei granted Zhang San 5 extra freeze days for 2026: injured',
    '李伟 给予 张三 2026 年额外停卡 5 天：injured',
  ],
  [
    'check-in',
    row({
      channel: 'checkin.checkIn',
      entity: 'checkin',
      after: { memberName: 'Zhang San', planName: 'Gold', overrideReason: null, undoneAt: null },
    }),
    'Li Wei checked in Zhang San (Gold)',
    '李伟 为 张三 签到（金卡）',
  ],
  [
    'check-in let through',
    row({
      channel: 'checkin.checkIn',
      entity: 'checkin',
      after: { overrideReason: 'owner said so', undoneAt: null },
    }),
    'Li Wei let Zhang San in despite a block: owner said so',
    '李伟 破例为 张三 放行：owner said so',
  ],
  [
    'check-in kept at a connected desk while the main desk was away',
    row({
      channel: 'checkin.checkIn',
      entity: 'checkin',
      device: 'Front desk 2',
      after: { overrideReason: null, undoneAt: null, replayed: { device: 'Front desk 2', madeAt: '2026-03-02T09:15:00.000Z', arrivedAt: '2026-03-02T09:40:00.000Z' } },
    }),
    'Li Wei checked in Zhang San on Front desk 2 at 2026-03-02 09:15 while the main desk was unreachable; it reached the main desk at 2026-03-02 09:40',
    '李伟 在 Front desk 2 于 2026-03-02 09:15 为 张三 签到（当时主前台无法连接），2026-03-02 09:40 送达主前台',
  ],
  [
    'check-in kept at a connected desk, turned away on arrival',
    row({
      channel: 'checkin.checkIn',
      entity: 'checkin',
      device: 'Front desk 2',
      after: { memberId: 1, query: null, outcome: 'blocked', blocks: [{ code: 'no_membership' }], replayed: { device: 'Front desk 2', madeAt: '2026-03-02T09:15:00.000Z', arrivedAt: '2026-03-02T09:40:00.000Z' } },
    }),
    'Li Wei checked in Zhang San on Front desk 2 at 2026-03-02 09:15 while the main desk was unreachable; when it reached the main desk at 2026-03-02 09:40 it was not counted: no valid membership (or blocked)',
    '李伟 在 Front desk 2 于 2026-03-02 09:15 为 张三 签到（当时主前台无法连接），2026-03-02 09:40 送达主前台时未计入：没有有效会员卡（或被限制入场）',
  ],
  [
    'check-in kept at a connected desk for a duplicate merged meanwhile',
    row({
      channel: 'checkin.checkIn',
      entity: 'checkin',
      device: 'Front desk 2',
      after: { overrideReason: null, undoneAt: null, mergedFrom: 7, replayed: { device: 'Front desk 2', madeAt: '2026-03-02T09:15:00.000Z', arrivedAt: '2026-03-02T09:40:00.000Z' } },
    }),
    'Li Wei checked in Zhang San on Front desk 2 at 2026-03-02 09:15 while the main desk was unreachable; it reached the main desk at 2026-03-02 09:40 (made for the duplicate record no. 7, merged meanwhile: counted on this member)',
    '李伟 在 Front desk 2 于 2026-03-02 09:15 为 张三 签到（当时主前台无法连接），2026-03-02 09:40 送达主前台（签到时用的是重复档案 7 号，其间已合并，计入本会员）',
  ],
  [
    'check-in kept at a connected desk for a member the main desk does not have',
    row({
      channel: 'checkin.checkIn',
      entity: 'checkin',
      device: 'Front desk 2',
      names: { member: null, plan: null, staff: null, document: null },
      after: { memberId: 99999, query: null, outcome: 'no_match', blocks: [], replayed: { device: 'Front desk 2', madeAt: '2026-03-02T09:15:00.000Z', arrivedAt: '2026-03-02T09:40:00.000Z' } },
    }),
    "Li Wei checked in a member on Front desk 2 at 2026-03-02 09:15 while the main desk was unreachable; when it reached the main desk at 2026-03-02 09:40 it was not counted: member no. 99999 is not in the main desk's records",
    '李伟 在 Front desk 2 于 2026-03-02 09:15 为 一位会员 签到（当时主前台无法连接），2026-03-02 09:40 送达主前台时未计入：主前台的记录中没有编号 99999 的会员',
  ],
  [
    'drop-in',
    row({
      channel: 'checkout.sell',
      entity: 'checkin',
      after: { memberId: 1, packId: 4, dropIn: true },
    }),
    'Li Wei checked in Zhang San for a single visit',
    '李伟 为 张三 单次入场签到',
  ],
  [
    'check-in undone',
    row({
      channel: 'checkin.undo',
      entity: 'checkin',
      before: { undoneAt: null },
      after: { undoneAt: '2026-03-02T03:00:00Z', undoReason: 'wrong member' },
    }),
    'Li Wei undid a check-in of Zhang San: wrong member',
    '李伟 撤销了 张三 的一次签到：wrong member',
  ],
  [
    'member added',
    row({ channel: 'members.create', entity: 'member', after: { name: 'Zhang San' } }),
    'Li Wei added the member Zhang San',
    '李伟 新建会员 张三',
  ],
  [
    'member changed',
    row({
      channel: 'members.update',
      entity: 'member',
      before: { phone: '1' },
      after: { phone: '2', mergedInto: null },
    }),
    'Li Wei changed the details of Zhang San',
    '李伟 修改了 张三 的资料',
  ],
  [
    'member merged into',
    row({ channel: 'members.merge', entity: 'member', before: {}, after: { mergedFrom: 7 } }),
    'Li Wei merged a duplicate record into Zhang San',
    '李伟 将一条重复记录合并到 张三',
  ],
  [
    'member merged away',
    row({
      channel: 'members.merge',
      entity: 'member',
      before: { mergedInto: null },
      after: { mergedInto: 3 },
    }),
    'Li Wei merged Zhang San into another record',
    '李伟 将 张三 合并到另一条记录',
  ],
  [
    'pack sold',
    row({
      channel: 'packs.sell',
      entity: 'member_pack',
      after: { sessionsTotal: 10, expiresOn: '2026-06-01' },
    }),
    'Li Wei sold Zhang San Gold (10 sessions, until Jun 1, 2026)',
    '李伟 向 张三 出售 金卡（10 次，2026年6月1日 到期）',
  ],
  [
    'pack imported',
    row({
      channel: 'members.import',
      entity: 'member_pack',
      after: { sessionsTotal: 1, expiresOn: '2026-06-01', imported: true },
    }),
    "Li Wei imported Zhang San's Gold (1 session, until Jun 1, 2026)",
    '李伟 导入 张三 的 金卡（1 次，2026年6月1日 到期）',
  ],
  [
    'follow-up',
    row({ entity: 'follow_up', after: { kind: 'called', note: 'no answer', promisedDate: null } }),
    'Li Wei followed up with Zhang San: no answer',
    '李伟 跟进了 张三：no answer',
  ],
  [
    'promise to pay',
    row({ entity: 'follow_up', after: { kind: 'promised', note: '', promisedDate: '2026-03-25' } }),
    'Li Wei noted that Zhang San promised to pay by Mar 25, 2026',
    '李伟 记录 张三 承诺在 2026年3月25日 前付款',
  ],
  [
    'plan created',
    row({ channel: 'plans.create', entity: 'plan', after: { name: 'Gold', price: 50000 } }),
    'Li Wei created the plan Gold at ¥500.00',
    '李伟 新建套餐 金卡，价格 ¥500.00',
  ],
  [
    'plan changed',
    row({ channel: 'plans.update', entity: 'plan', before: { price: 1 }, after: { price: 2 } }),
    'Li Wei changed the plan Gold',
    '李伟 修改了套餐 金卡',
  ],
  [
    'plan archived',
    row({
      channel: 'plans.update',
      entity: 'plan',
      before: { archived: false },
      after: { archived: true },
    }),
    'Li Wei archived the plan Gold',
    '李伟 归档了套餐 金卡',
  ],
  [
    'payment method added',
    row({ entity: 'payment_method', entityId: 'card', after: { name: 'POS' } }),
    'Li Wei added the payment method POS',
    '李伟 新增付款方式 POS',
  ],
  [
    'payment method changed',
    row({
      entity: 'payment_method',
      entityId: 'card',
      before: { active: true },
      after: { name: 'POS' },
    }),
    'Li Wei changed the payment method POS',
    '李伟 修改了付款方式 POS',
  ],
  [
    'promotion added',
    row({ entity: 'promotion', after: { name: 'Spring', minAmount: 100000, bonus: 20000 } }),
    'Li Wei added the promotion Spring (top up ¥1,000.00, get ¥200.00)',
    '李伟 新增充值赠送 Spring（充 ¥1,000.00 送 ¥200.00）',
  ],
  [
    'promotion changed',
    row({
      entity: 'promotion',
      before: { active: true },
      after: { name: 'Spring', active: false },
    }),
    'Li Wei changed the promotion Spring',
    '李伟 修改了充值赠送 Spring',
  ],
  [
    'expense added',
    row({ entity: 'expense', after: { amount: 800000, date: '2026-03-01', deleted: null } }),
    'Li Wei recorded an expense of ¥8,000.00 on Mar 1, 2026',
    '李伟 记录 2026年3月1日 支出 ¥8,000.00',
  ],
  [
    'expense changed',
    row({
      entity: 'expense',
      before: { amount: 1 },
      after: { amount: 700000, date: '2026-03-01', deleted: null },
    }),
    'Li Wei changed an expense of ¥7,000.00 on Mar 1, 2026',
    '李伟 修改了 2026年3月1日 的一笔支出 ¥7,000.00',
  ],
  [
    'expense deleted',
    row({
      entity: 'expense',
      before: { deleted: null },
      after: { amount: 700000, deleted: '2026-03-02T00:00:00Z' },
    }),
    'Li Wei deleted an expense of ¥7,000.00',
    '李伟 删除了一笔支出 ¥7,000.00',
  ],
  [
    'expense category added',
    row({ entity: 'expense_category', after: { nameEn: 'Towels', nameZh: '毛巾' } }),
    'Li Wei added the expense category Towels',
    '李伟 新增支出类别 毛巾',
  ],
  [
    'expense category changed',
    row({
      entity: 'expense_category',
      before: { nameEn: 'T' },
      after: { nameEn: 'Towels', nameZh: '毛巾' },
    }),
    'Li Wei changed the expense category Towels',
    '李伟 修改了支出类别 毛巾',
  ],
  [
    'day closed',
    row({
      channel: 'closeout.close',
      entity: 'day_closeout',
      entityId: '2026-03-02',
      after: { reopenedAt: null },
    }),
    'Li Wei closed the day Mar 2, 2026',
    '李伟 完成 2026年3月2日 日结',
  ],
  [
    'day reopened',
    row({
      channel: 'closeout.reopen',
      entity: 'day_closeout',
      entityId: '2026-03-02',
      before: { reopenedAt: null },
      after: { reopenedAt: '2026-03-03T01:00:00Z' },
    }),
    'Li Wei reopened the day Mar 2, 2026',
    '李伟 重新打开了 2026年3月2日 的日结',
  ],
  [
    'catch-up confirmed',
    row({
      channel: 'billing.confirmCatchUp',
      entity: 'billing_run',
      after: { confirmed: 'catch_up', asOf: '2026-03-02' },
    }),
    'Li Wei confirmed the catch-up billing up to Mar 2, 2026',
    '李伟 确认补计费至 2026年3月2日',
  ],
  [
    'language switched',
    row({
      channel: 'settings.setLocale',
      entity: 'settings',
      entityId: 'locale',
      before: { locale: 'zh-CN' },
      after: { locale: 'en' },
    }),
    'Li Wei switched this PC to English',
    '李伟 将本机语言切换为英文',
  ],
  [
    'backup folder',
    row({ entity: 'settings', entityId: 'backupFolder', after: { backupFolder: '/x' } }),
    'Li Wei changed the backup folder',
    '李伟 更改了备份文件夹',
  ],
  [
    'set up',
    row({
      staffId: null,
      staffName: '',
      channel: 'settings.completeSetup',
      entity: 'settings',
      entityId: 'business',
      after: { businessName: 'Sunrise' },
    }),
    'The system set up the business Sunrise',
    '系统 完成商户设置：Sunrise',
  ],
  [
    'settings moved',
    row({
      staffId: null,
      staffName: '',
      channel: 'settings.migrate',
      entity: 'settings',
      entityId: 'business',
      after: {},
    }),
    'The settings were moved into the data file',
    '设置已移入数据文件',
  ],
  [
    'settings changed',
    row({
      channel: 'settings.update',
      entity: 'settings',
      entityId: 'business',
      before: { phone: '1' },
      after: { phone: '2' },
    }),
    'Li Wei changed the business settings',
    '李伟 修改了商户设置',
  ],
  [
    'documents',
    row({ channel: 'documents.updateSettings', entity: 'document_settings', after: {} }),
    'Li Wei changed the printed documents',
    '李伟 修改了打印单据设置',
  ],
  [
    'class added',
    row({ channel: 'classes.types.create', entity: 'class_type', after: { name: 'Yoga' } }),
    'Li Wei added the class Yoga',
    '李伟 新增课程 Yoga',
  ],
  [
    'teacher changed',
    row({ channel: 'classes.teachers.update', entity: 'class_teacher', before: { name: 'Anna' }, after: { name: 'Anna Li' } }),
    'Li Wei changed the teacher Anna Li',
    '李伟 修改了老师 Anna Li',
  ],
  [
    'room added',
    row({ channel: 'classes.rooms.create', entity: 'class_room', after: { name: 'Studio 2' } }),
    'Li Wei added the room Studio 2',
    '李伟 新增教室 Studio 2',
  ],
  [
    'schedule added',
    row({ channel: 'classes.schedules.create', entity: 'class_schedule', after: { name: 'Morning yoga' } }),
    'Li Wei added Morning yoga to the timetable',
    '李伟 在课表中新增 Morning yoga',
  ],
  [
    'session cancelled',
    row({ channel: 'classes.sessions.cancel', entity: 'class_session', before: { status: 'scheduled' }, after: { status: 'cancelled', scheduleName: 'Morning yoga', date: '2027-03-06', startTime: '09:00' } }),
    'Li Wei cancelled Morning yoga on Mar 6, 2027 at 09:00',
    '李伟 取消了 2027年3月6日 09:00 的 Morning yoga',
  ],
  [
    'session moved',
    row({ channel: 'classes.sessions.change', entity: 'class_session', before: { status: 'scheduled', date: '2027-03-05' }, after: { status: 'scheduled', scheduleName: 'Morning yoga', date: '2027-03-06', startTime: '09:00' } }),
    'Li Wei changed Morning yoga on Mar 6, 2027 at 09:00',
    '李伟 调整了 2027年3月6日 09:00 的 Morning yoga',
  ],
  [
    'roll closed',
    row({ channel: 'classes.closeRoll', entity: 'class_session', before: { rollClosed: false }, after: { rollClosed: true, noShows: 2, feeInvoiceIds: [], scheduleName: 'Morning yoga', date: '2027-03-06', startTime: '09:00' } }),
    'Li Wei closed the roll of Morning yoga on Mar 6, 2027 at 09:00: 2 no-shows',
    '李伟 结束了 2027年3月6日 09:00 Morning yoga 的点名：2 人缺席',
  ],
  [
    'roll closed (an entry from before the session was named)',
    row({ channel: 'classes.closeRoll', entity: 'class_session', before: { rollClosed: false }, after: { rollClosed: true, noShows: 0, feeInvoiceIds: [] } }),
    'Li Wei closed the roll of a class: everyone came',
    '李伟 结束了一节课的点名：全部出席',
  ],
  [
    'enrolled',
    row({ channel: 'classes.enrol', entity: 'class_enrolment', after: { memberName: 'Zhang San', scheduleName: 'Piano A', startDate: '2027-03-06', status: 'active' } }),
    'Li Wei enrolled Zhang San in Piano A from Mar 6, 2027',
    '李伟 为 张三 报名 Piano A，2027年3月6日 起',
  ],
  [
    'withdrawn',
    row({ channel: 'classes.withdraw', entity: 'class_enrolment', before: { status: 'active' }, after: { memberName: 'Zhang San', scheduleName: 'Piano A', startDate: '2027-03-06', status: 'withdrawn', withdrawnOn: '2027-04-01' } }),
    'Li Wei withdrew Zhang San from Piano A on Apr 1, 2027',
    '李伟 为 张三 退出 Piano A，2027年4月1日',
  ],
  [
    'booked',
    BOOKED,
    'Li Wei booked Zhang San into Yoga on Mar 6, 2027 at 09:00',
    '李伟 为 张三 预约了 2027年3月6日 09:00 的 Yoga',
  ],
  [
    'late cancel',
    LATE,
    "Li Wei cancelled Zhang San's booking for Yoga on Mar 6, 2027 at 09:00, too late to be free",
    '李伟 逾时取消了 张三 在 2027年3月6日 09:00 的 Yoga 预约',
  ],
  [
    'no-show',
    NOSHOW,
    'Li Wei marked Zhang San absent from Yoga on Mar 6, 2027 at 09:00',
    '李伟 记录 张三 缺席 2027年3月6日 09:00 的 Yoga',
  ],
  [
    'photo removed',
    row({ channel: 'members.removePhoto', entity: 'member_photo', before: { photoBytes: 2000 }, after: null }),
    'Li Wei removed the photo of Zhang San',
    '李伟 删除了 张三 的照片',
  ],
  [
    'renewal call',
    row({ channel: 'renewals.record', entity: 'renewal_follow_up', after: { memberId: 1, reason: 'membership_ending', outcome: 'will_renew' } }),
    'Li Wei called Zhang San about renewing: Will renew',
    '李伟 就续费回访了 张三：有意续费',
  ],
  [
    'promotion sale',
    row({ channel: 'subscriptions.create', entity: 'promotion_sale', after: { promotionId: 1, subscriptionId: 2, memberId: 1, soldOn: '2027-03-06' } }),
    "Li Wei sold Zhang San a membership at a promotion's price",
    '李伟 按促销价为 张三 开通了会员卡',
  ],
  [
    'promotion of plans',
    row({ channel: 'campaigns.create', entity: 'promotion', after: { name: 'Spring 8折', code: 'SPRING' } }),
    'Li Wei added the promotion Spring 8折',
    '李伟 新增促销活动 Spring 8折',
  ],
  [
    'sharing',
    row({ channel: 'site.setSharing', entity: 'site', entityId: 'sharing', before: { on: false }, after: { on: true } }),
    'Li Wei turned on sharing with other PCs',
    '李伟 开启了多台电脑共享',
  ],
  [
    'device',
    row({ channel: 'site.revoke', entity: 'device', entityId: 'abc', before: { name: 'Front PC', paired: true }, after: { name: 'Front PC', paired: false } }),
    'Li Wei removed the paired PC Front PC',
    '李伟 移除了已配对的电脑 Front PC',
  ],
];

const staffRow = (after: Record<string, unknown>, before: Record<string, unknown> | null = null) =>
  row({
    entity: 'staff',
    entityId: '5',
    before,
    after,
    names: { member: null, plan: null, staff: 'Wang Fang', document: null },
  });
const STAFF: [string, AuditRow, string, string][] = [
  ['signed in', staffRow({ signedIn: true }), 'Wang Fang signed in', 'Wang Fang 登录'],
  [
    'wrong PIN',
    staffRow({ failedAttempts: 1, lockedUntil: null, wrongPin: true }, { failedAttempts: 0 }),
    'A wrong PIN was entered for Wang Fang',
    'Wang Fang 的 PIN 码输入错误',
  ],
  [
    'locked out',
    staffRow(
      { failedAttempts: 0, lockedUntil: '2026-03-02T03:00:00Z', wrongPin: true },
      { failedAttempts: 4 },
    ),
    'Wang Fang was locked out after too many wrong PINs',
    'Wang Fang 因 PIN 码错误次数过多被锁定',
  ],
  [
    'count cleared',
    staffRow({ failedAttempts: 0, lockedUntil: null }, { failedAttempts: 2, lockedUntil: null }),
    'The wrong-PIN count of Wang Fang was cleared',
    'Wang Fang 的 PIN 码错误次数已清零',
  ],
  [
    'PIN reset',
    staffRow({ pin: 'reset' }, { pin: 'old' }),
    'Li Wei reset the PIN of Wang Fang',
    '李伟 重置了 Wang Fang 的 PIN 码',
  ],
  [
    'own PIN changed',
    staffRow({ pin: 'changed' }, { pin: 'old' }),
    'Wang Fang changed their PIN',
    'Wang Fang 修改了自己的 PIN 码',
  ],
  [
    'added',
    staffRow({ name: 'Wang Fang', role: 'desk', active: true }),
    'Li Wei added Wang Fang as Desk',
    '李伟 添加员工 Wang Fang（前台）',
  ],
  [
    'owner created',
    {
      ...staffRow({ name: 'Wang Fang', role: 'owner', active: true }),
      staffId: 5,
      staffName: 'Wang Fang',
    },
    'Wang Fang created the owner account',
    'Wang Fang 创建了店主账户',
  ],
  [
    'deactivated',
    staffRow({ role: 'desk', active: false }, { role: 'desk', active: true }),
    'Li Wei deactivated Wang Fang',
    '李伟 停用了 Wang Fang',
  ],
  [
    'reactivated',
    staffRow({ role: 'desk', active: true }, { role: 'desk', active: false }),
    'Li Wei reactivated Wang Fang',
    '李伟 重新启用了 Wang Fang',
  ],
  [
    'role',
    staffRow({ role: 'manager', active: true }, { role: 'desk', active: true }),
    'Li Wei made Wang Fang Manager',
    '李伟 将 Wang Fang 设为经理',
  ],
  [
    'renamed',
    staffRow(
      { name: 'Wang Fang', role: 'desk', active: true },
      { name: 'Wang', role: 'desk', active: true },
    ),
    'Li Wei changed the details of Wang Fang',
    '李伟 修改了 Wang Fang 的资料',
  ],
];

describe('an audit entry as a sentence', () => {
  it.each(CASES)('%s', (_name, r, english, chinese) => {
    expect(both(r)).toEqual([english, chinese]);
  });

  it.each(STAFF)('staff: %s', (_name, r, english, chinese) => {
    expect([
      auditSentence(r, en, fmt('en')),
      auditSentence({ ...r, staffName: '李伟' }, zh, fmt('zh')),
    ]).toEqual([english, chinese]);
  });

  it('names every record type in the reader\'s words for the filter', () => {
    expect(AUDIT_ENTITIES.map((e) => entityLabel(en, e)).slice(0, 4)).toEqual(['Payments applied', 'Billing runs', 'Bonus credit', 'Check-ins']);
    expect(AUDIT_ENTITIES.map((e) => entityLabel(zh, e)).slice(-3)).toEqual(['促销售出', '多台电脑共享', '已配对电脑']);
    expect(entityLabel(en, 'locker')).toBe('Other records');
  });

  it('names every record type the app writes, so none reads as "a record (Other records)"', () => {
    const written = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\baudit\(\s*'([a-z_]+)'/g)) written.add(m[1]!);
      }
    };
    walk(path.join(__dirname, '../../electron'));
    expect(written.size).toBeGreaterThan(30);
    expect([...written].filter((e) => !(AUDIT_ENTITIES as readonly string[]).includes(e)).sort()).toEqual([]);
  });

  it('covers every record type the viewer names', () => {
    const covered = new Set([...CASES, ...STAFF].map(([, r]) => r.entity));
    expect([...AUDIT_ENTITIES].filter((e) => !covered.has(e))).toEqual([]);
  });

  it('an unknown kind reads as a sentence about a record, never a channel name or a raw field', () => {
    const r = row({
      channel: 'lockers.assign',
      entity: 'locker',
      entityId: '12',
      after: { lockerId: 12 },
    });
    expect(both(r)).toEqual([
      'Li Wei changed a record (Other records, #12)',
      '李伟 更改了一条记录（其他记录，#12）',
    ]);
    for (const s of both(r)) expect(s).not.toMatch(/lockers|assign|locker|∅|lockerId/);
  });

  it('a name the host could not find reads as "a member", not an id', () => {
    const r = row({
      channel: 'payments.record',
      entity: 'payment',
      after: { amount: 100, method: 'cash', allocated: 100 },
      names: { member: null, plan: null, staff: null, document: null },
    });
    expect(auditSentence(r, en, fmt('en'))).toBe('Li Wei took ¥1.00 (Cash) from a member');
    expect(auditSentence(r, zh, fmt('zh'))).toBe('Li Wei 向 一位会员 收款 ¥1.00（现金）');
  });
});
