export const en = {
  welcome: 'Welcome to Subdesk',
  intro: 'Three things and you are ready to run your front desk. You can change them later in Settings.',
  businessName: 'Business name',
  businessNamePlaceholder: 'e.g. Sunrise Fitness',
  currency: 'Currency',
  language: 'Language',
  start: 'Start using Subdesk',
};

export const zh: typeof en = {
  welcome: '欢迎使用 Subdesk',
  intro: '填写以下三项即可开始前台工作，之后可在“设置”中修改。',
  businessName: '商户名称',
  businessNamePlaceholder: '例如：朝阳健身',
  currency: '货币',
  language: '语言',
  start: '开始使用',
};
