/** The column names the member import recognises: the spellings clerks' files really use, with and without 日期/date. */
import { describe, expect, it } from 'vitest';
import { fieldOfHeader, guessMapping } from '../../electron/desk/members/import/columns';

describe('import column names', () => {
  it.each([
    ['下次扣费日', 'nextBillDate'],
    ['下次扣费日期', 'nextBillDate'],
    ['下次扣费', 'nextBillDate'],
    ['下次续费日', 'nextBillDate'],
    ['续费日期', 'nextBillDate'],
    ['Next billing date', 'nextBillDate'],
    ['Next billing', 'nextBillDate'],
    ['next_bill_date', 'nextBillDate'],
    ['Next payment', 'nextBillDate'],
    ['Renewal date', 'nextBillDate'],
    ['会员卡类型', 'plan'],
    ['套餐名称', 'plan'],
    ['Membership type', 'plan'],
    ['剩余课时', 'packSessions'],
    ['Sessions left', 'packSessions'],
    ['有效期至', 'packExpiry'],
    ['到期日', 'packExpiry'],
    ['Expiry date', 'packExpiry'],
    ['出生日期', 'birthday'],
    ['生日', 'birthday'],
    ['Date of birth', 'birthday'],
    ['手机号码', 'phone'],
    ['Mobile No.', 'phone'],
    ['会员卡号（必填）', 'cardNo'],
    ['Card No.', 'cardNo'],
    ['姓名', 'name'],
    ['Full name', 'name'],
  ])('"%s" is %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('leaves a column it does not know unmapped, and gives each field its first column', () => {
    expect(fieldOfHeader('Locker')).toBe(null);
    const m = guessMapping(['姓名', '手机', '下次扣费日', '下次扣费日期', '储物柜']);
    expect([m.name, m.phone, m.nextBillDate, m.plan]).toEqual([0, 1, 2, null]);
  });
});
