export const en = {
  welcome: 'Welcome to Subdesk',
  intro: 'Your business, and your own account as the owner. You can change the business details later in Settings.',
  businessName: 'Business name',
  businessNamePlaceholder: 'e.g. Sunrise Fitness',
  currency: 'Currency',
  language: 'Language',
  start: 'Start using Subdesk',
};

export const zh: typeof en = {
  welcome: '欢迎使用 Subdesk',
  intro: '填写商户信息和您的店主账号即可开始使用。商户信息之后可在“设置”中修改。',
  businessName: '商户名称',
  businessNamePlaceholder: '例如：朝阳健身',
  currency: '货币',
  language: '语言',
  start: '开始使用',
};
