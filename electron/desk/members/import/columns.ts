/**
 * Column names the importer recognises, in English and Chinese. A header cell matches after
 * lower-casing and dropping spaces, punctuation and a trailing "(optional)"-style note, so
 * "Card No.", "card_no" and "会员卡号（必填）" all map; a trailing 日期/日/时间 or date/day is
 * dropped as well, so "下次扣费日" and "下次扣费日期", "Next billing" and "Next billing date" are one name.
 */
import { IMPORT_FIELDS, type ImportField } from '../../../contract/desk';

export const COLUMN_NAMES: Record<ImportField, string[]> = {
  name: ['name', 'fullname', 'membername', 'member', 'clientname', 'customername', 'studentname', '姓名', '名字', '会员姓名', '会员名称', '会员名', '学员姓名', '学员', '学生姓名', '客户姓名', '客户名称'],
  phone: [
    'phone', 'mobile', 'tel', 'telephone', 'phonenumber', 'phoneno', 'mobilenumber', 'mobileno', 'mobilephone', 'cellphone', 'cell', 'contactnumber',
    '电话', '手机', '手机号', '手机号码', '联系电话', '电话号码', '联系方式', '移动电话', '联系手机',
  ],
  cardNo: ['card', 'cardno', 'cardnumber', 'cardid', 'membercard', 'membercardno', 'membershipnumber', 'membershipno', 'memberno', '卡号', '会员卡号', '会员卡', '会员编号', '会员号', '学员编号'],
  birthday: ['birthday', 'dateofbirth', 'dob', 'birthdate', 'born', '生日', '出生日期', '出生年月日', '出生日'],
  notes: ['notes', 'note', 'remarks', 'remark', 'comment', 'comments', '备注', '说明'],
  tags: ['tags', 'tag', 'labels', '标签'],
  plan: [
    'plan', 'planname', 'plantype', 'membership', 'membershipplan', 'membershiptype', 'currentplan', 'package', 'product',
    '套餐', '套餐名称', '当前套餐', '会员卡类型', '卡种', '卡类型', '卡种名称', '课程套餐', '会籍', '会籍类型', '课包', '课程',
  ],
  nextBillDate: [
    'nextbillingdate', 'nextbilling', 'nextbilldate', 'nextbill', 'nextpaymentdate', 'nextpayment', 'nextchargedate', 'nextcharge',
    'renewaldate', 'renewal', 'renewson', 'nextrenewal', 'nextrenewaldate', 'billingdate', 'nextduedate',
    '下次扣费日期', '下次续费日期', '下次账单日期', '下次计费日期', '下次缴费日期', '下次付款日期', '下次收费日期', '续费日期', '扣费日期',
  ],
  price: ['price', 'fee', 'monthlyfee', 'rate', 'amount', '价格', '月费', '单价', '费用', '会费', '金额'],
  packSessions: [
    'remainingsessions', 'sessionsleft', 'sessionsremaining', 'remainingclasses', 'classesleft', 'remaining', 'sessions',
    '剩余课时', '剩余课时数', '剩余次数', '剩余课次', '剩余节数', '课时余额', '剩余课程',
  ],
  packExpiry: ['expiry', 'expirydate', 'expires', 'expireson', 'expiration', 'validuntil', 'validto', '有效期至', '有效期', '到期日期', '截止日期', '失效日期'],
};

export function normaliseHeader(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[（(].*?[)）]/g, '')
    .replace(/[\s_\-.:：#/\\*]/g, '');
}

/** The header with its trailing date word dropped: 日期, 日, 时间, date, day. */
export function canonicalHeader(cell: string): string {
  const key = normaliseHeader(cell);
  const short = key.replace(/(日期|日|时间)$/, '').replace(/(date|day)$/, '');
  return short || key;
}

const LOOKUP = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const name of COLUMN_NAMES[f]) if (!LOOKUP.has(canonicalHeader(name))) LOOKUP.set(canonicalHeader(name), f);

/** The field a header cell names, or null. */
export function fieldOfHeader(cell: string): ImportField | null {
  return LOOKUP.get(canonicalHeader(cell)) ?? null;
}

/** The field each header cell names; each field takes the first column that names it. */
export function guessMapping(headers: string[]): Record<ImportField, number | null> {
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as Record<ImportField, number | null>;
  headers.forEach((h, i) => {
    const field = fieldOfHeader(h);
    if (field && mapping[field] === null) mapping[field] = i;
  });
  return mapping;
}
