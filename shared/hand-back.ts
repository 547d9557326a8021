/**
 * What the clerk says and the refund slip prints after a refund: the amount to hand back and how,
 * in the clerk's words ("退还现金 ¥30.00" / "Give back ¥30.00 cash"). One phrase for the dialog and
 * the printed slip, so the two never disagree.
 */
type Phrases = Record<'cash' | 'card' | 'bank_transfer' | 'wechat' | 'alipay' | 'other' | 'custom', string>;

const PHRASES: Record<'en' | 'zh-CN', Phrases> = {
  en: {
    cash: 'Give back {amount} cash',
    card: 'Give back {amount} to the card',
    bank_transfer: 'Give back {amount} by bank transfer',
    wechat: 'Give back {amount} by WeChat Pay',
    alipay: 'Give back {amount} by Alipay',
    other: 'Give back {amount}',
    custom: 'Give back {amount} by {method}',
  },
  'zh-CN': {
    cash: '退还现金 {amount}',
    card: '退回银行卡 {amount}',
    bank_transfer: '银行转账退还 {amount}',
    wechat: '微信退还 {amount}',
    alipay: '支付宝退还 {amount}',
    other: '退还 {amount}',
    custom: '通过{method}退还 {amount}',
  },
};

/**
 * `amount` is already formatted in the business currency; `methodName` names a method the business
 * added itself (used when `method` is not one of the built-in codes).
 */
export function handBackText(locale: string, method: string, amount: string, methodName = method): string {
  const p = PHRASES[locale === 'zh-CN' ? 'zh-CN' : 'en'];
  const phrase = method in p && method !== 'custom' ? p[method as keyof Phrases] : p.custom;
  return phrase.replace('{amount}', amount).replace('{method}', methodName);
}
