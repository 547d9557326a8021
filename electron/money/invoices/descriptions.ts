/**
 * Line descriptions are part of the document, written once in the business's language when
 * the document is issued (the period covered is in its own columns).
 */
import type { Locale } from '../../contract/settings';
import { zheText } from '../../../shared/promotions';

const percent = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

const en = {
  period: (plan: string) => plan,
  setupFee: (plan: string) => `Setup fee – ${plan}`,
  freezeFee: (plan: string) => `Freeze fee – ${plan}`,
  discount: (bp: number | null) => (bp === null ? 'Discount' : `Discount ${percent(bp)}`),
  household: (bp: number) => `Household discount ${percent(bp)}`,
  prorationCredit: (plan: string) => `Unused time on ${plan}`,
  prorationCharge: (plan: string) => `Remaining time on ${plan}`,
  unused: (what: string) => `Unused time – ${what}`,
  pack: (plan: string, sessions: number) => `${plan} (${sessions} sessions)`,
  reasonPause: (from: string) => `Paused from ${from}`,
  reasonCancel: (from: string) => `Cancelled from ${from}`,
  reasonPlanChange: (from: string) => `Plan change from ${from}`,
  reasonAddonRemoved: (name: string, from: string) => `${name} removed from ${from}`,
};

const zh: typeof en = {
  period: (plan) => plan,
  setupFee: (plan) => `开卡费 – ${plan}`,
  freezeFee: (plan) => `停卡费 – ${plan}`,
  // The shop's words: 20% off is "8折优惠" (the share still paid), not "折扣 20%".
  discount: (bp) => (bp === null || bp === 0 ? '折扣' : bp === 10_000 ? '全额减免' : `${zheText(bp)}优惠`),
  household: (bp) => `家庭优惠 ${percent(bp)}`,
  prorationCredit: (plan) => `${plan} 未使用部分`,
  prorationCharge: (plan) => `${plan} 剩余时间`,
  unused: (what) => `未使用部分 – ${what}`,
  pack: (plan, sessions) => `${plan}（${sessions} 次）`,
  reasonPause: (from) => `自 ${from} 起停卡`,
  reasonCancel: (from) => `自 ${from} 起取消`,
  reasonPlanChange: (from) => `自 ${from} 起更换套餐`,
  reasonAddonRemoved: (name, from) => `自 ${from} 起取消 ${name}`,
};

export type Descriptions = typeof en;

export function descriptions(locale: Locale): Descriptions {
  return locale === 'zh-CN' ? zh : en;
}
