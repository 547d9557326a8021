import { describe, expect, it } from 'vitest';
import { handBackText } from '../../shared/hand-back';

describe('handBackText: what the clerk hands back after a refund', () => {
  it('names the amount and the method in both languages', () => {
    expect(handBackText('zh-CN', 'cash', '¥30.00')).toBe('退还现金 ¥30.00');
    expect(handBackText('en', 'cash', '¥30.00')).toBe('Give back ¥30.00 cash');
    expect(handBackText('zh-CN', 'wechat', '¥12.50')).toBe('微信退还 ¥12.50');
    expect(handBackText('en', 'wechat', '¥12.50')).toBe('Give back ¥12.50 by WeChat Pay');
    expect(handBackText('zh-CN', 'alipay', '¥1.00')).toBe('支付宝退还 ¥1.00');
    expect(handBackText('en', 'card', '$5.00')).toBe('Give back $5.00 to the card');
  });

  it('uses the business’s own name for a method it added, and English for an unknown language', () => {
    expect(handBackText('zh-CN', 'voucher', '¥20.00', '代金券')).toBe('通过代金券退还 ¥20.00');
    expect(handBackText('en', 'voucher', '¥20.00', 'Gift voucher')).toBe('Give back ¥20.00 by Gift voucher');
    expect(handBackText('fr', 'cash', '€3.00')).toBe('Give back €3.00 cash');
    // A code that collides with the phrase table's own key is still a custom method.
    expect(handBackText('en', 'custom', '¥1.00', 'Custom')).toBe('Give back ¥1.00 by Custom');
  });
});
