/**
 * Column names the importer recognises, in English and Chinese. A header cell matches after
 * lower-casing and dropping spaces, punctuation and a trailing "(optional)"-style note, so
 * "Card No.", "card_no" and "会员卡号（必填）" all map.
 */
import { IMPORT_FIELDS, type ImportField } from '../../../contract/desk';

export const COLUMN_NAMES: Record<ImportField, string[]> = {
  name: ['name', 'fullname', 'membername', 'member', '姓名', '名字', '会员姓名', '会员名称', '学员姓名', '客户姓名'],
  phone: ['phone', 'mobile', 'tel', 'telephone', 'phonenumber', 'mobilenumber', 'cell', '电话', '手机', '手机号', '手机号码', '联系电话', '电话号码', '联系方式'],
  cardNo: ['card', 'cardno', 'cardnumber', 'membercard', 'membercardno', 'membershipnumber', 'memberno', '卡号', '会员卡号', '会员卡', '会员编号', '学员编号'],
  birthday: ['birthday', 'dateofbirth', 'dob', 'birthdate', 'born', '生日', '出生日期', '出生年月日'],
  notes: ['notes', 'note', 'remarks', 'remark', 'comment', 'comments', '备注', '说明'],
  tags: ['tags', 'tag', 'labels', '标签'],
  plan: ['plan', 'membership', 'membershipplan', 'currentplan', 'package', '套餐', '当前套餐', '会员卡类型', '卡种', '卡类型', '课程套餐'],
  nextBillDate: [
    'nextbillingdate',
    'nextbilldate',
    'nextpaymentdate',
    'nextchargedate',
    'renewaldate',
    'nextrenewal',
    '下次扣费日期',
    '下次续费日期',
    '下次账单日期',
    '下次计费日期',
    '下次缴费日期',
    '续费日期',
  ],
  price: ['price', 'fee', 'monthlyfee', 'rate', 'amount', '价格', '月费', '单价', '费用', '会费', '金额'],
};

export function normaliseHeader(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[（(].*?[)）]/g, '')
    .replace(/[\s_\-.:：#/\\*]/g, '');
}

/** The field each header cell names; each field takes the first column that names it. */
export function guessMapping(headers: string[]): Record<ImportField, number | null> {
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as Record<ImportField, number | null>;
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    const field = IMPORT_FIELDS.find((f) => COLUMN_NAMES[f].includes(key));
    if (field && mapping[field] === null) mapping[field] = i;
  });
  return mapping;
}
