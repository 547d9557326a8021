/** Strings of "explore with sample data" (merged under `demo`). */
export const en = {
  offerTitle: 'Just looking around?',
  offer: 'Open a sample gym with two years of members, payments and reports. It lives in its own data folder: your real data is never mixed in.',
  open: 'Explore with sample data',
  preparing: 'Preparing the sample gym… this takes a minute the first time.',
  banner: 'You are exploring sample data. Nothing here is real.',
  pinHint: 'Sign in as “{{name}}” with PIN {{pin}}.',
  exit: 'Back to my business',
};

export const zh: typeof en = {
  offerTitle: '先随便看看？',
  offer: '打开一家示例健身房，含两年的会员、收款和报表数据。它保存在单独的数据文件夹中，绝不会与您的真实数据混在一起。',
  open: '使用示例数据体验',
  preparing: '正在准备示例健身房……首次大约需要一分钟。',
  banner: '您正在查看示例数据，这里的内容都不是真实的。',
  pinHint: '请以“{{name}}”登录，PIN 码 {{pin}}。',
  exit: '返回我的商户',
};
