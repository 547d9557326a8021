export const en = {
  welcome: 'Welcome to Subdesk',
  intro: 'Your business, and your own account as the owner. You can change the business details later in Settings.',
  businessName: 'Business name',
  businessNamePlaceholder: 'e.g. Sunrise Fitness',
  currency: 'Currency',
  language: 'Language',
  start: 'Start using Subdesk',
  pinRule: 'Digits only, {{min}} to {{max}} of them: you type it to sign in.',
  checklist: {
    title: 'Getting started',
    progress: '{{done}} of {{total}} done',
    done: 'Done',
    plan: { title: 'Create your first plan', how: 'A membership, a pack of sessions or a drop-in, with its price.' },
    member: { title: 'Add your first member', how: 'Name and phone are enough; the rest can wait.' },
    sale: { title: 'Make your first sale', how: 'Open a member and sell them a plan or a pack, then take the payment.' },
    backupFolder: { title: 'Choose a backup folder', how: 'In Settings, pick a folder on a USB stick or another disk for the daily backup.' },
  },
};

export const zh: typeof en = {
  welcome: '欢迎使用 Subdesk',
  intro: '填写商户信息和您的店主账号即可开始使用。商户信息之后可在“设置”中修改。',
  businessName: '商户名称',
  businessNamePlaceholder: '例如：朝阳健身',
  currency: '货币',
  language: '语言',
  start: '开始使用',
  pinRule: '只能是数字，{{min}} 至 {{max}} 位：登录时输入。',
  checklist: {
    title: '开始使用',
    progress: '已完成 {{done}}/{{total}}',
    done: '已完成',
    plan: { title: '创建第一个会员卡方案', how: '会员卡、次卡或单次入场，并设定价格。' },
    member: { title: '添加第一位会员', how: '填写姓名和电话即可，其他信息以后再补。' },
    sale: { title: '完成第一笔销售', how: '打开会员页面，售卖会员卡或次卡，然后收款。' },
    backupFolder: { title: '选择备份文件夹', how: '在“设置”中选择 U 盘或其他磁盘上的文件夹，用于每日备份。' },
  },
};
