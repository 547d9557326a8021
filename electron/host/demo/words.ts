/**
 * The sample business's own words in each language: its name, plans, tags, notes and owner. The
 * business is built in the language the owner chose, so nothing on its screens mixes languages.
 * Every list has the same length in both languages: the same seed draws the same business.
 */
export type DemoLocale = 'en' | 'zh-CN';

export const DEMO_WORDS = {
  en: {
    businessName: 'Sunrise Fitness',
    address: '88 Jianguo Road, Chaoyang District',
    owner: 'Owner',
    promotion: 'Top up 1000, get 200',
    locker: 'Locker',
    tags: ['Student', 'VIP', 'Referred by a friend', 'Corporate'],
    plans: { monthly: 'Monthly', premium: 'Premium monthly', quarterly: 'Quarterly', yearly: 'Yearly', student: 'Student monthly', pack10: '10 visits', pt8: 'Personal training ×8' },
    rent: 'Rent',
    salaries: 'Coach and desk salaries',
    utilities: 'Water, power and internet',
    marketing: ['Douyin ads', 'Flyers', 'Dianping listing'],
    equipment: ['Treadmill repair', 'Dumbbells', 'Yoga mats'],
    other: ['Cleaning supplies', 'Drinking water', 'Printing'],
    classes: {
      types: { spinning: 'Spinning', yoga: 'Yoga', hiit: 'HIIT', kids: "Kids' fitness" },
      teachers: ['Coach Li', 'Coach Zhao', 'Anna (yoga)'],
      rooms: ['Spin room', 'Studio'],
      substitute: 'Coach Zhao covers',
      cancelled: 'Room closed for repairs',
    },
    followUp: {
      comments: ['Busy with work this month', 'Likes the evening spinning', 'Asked about the yearly price', 'Wants a morning class', 'Happy with the coaches'],
    },
  },
  'zh-CN': {
    businessName: '阳光健身',
    address: '朝阳区建国路 88 号',
    owner: '店长',
    promotion: '充1000送200',
    locker: '储物柜',
    tags: ['学生', 'VIP', '朋友推荐', '企业客户'],
    plans: { monthly: '月卡', premium: '尊享月卡', quarterly: '季卡', yearly: '年卡', student: '学生月卡', pack10: '10 次卡', pt8: '私教 8 节' },
    rent: '房租',
    salaries: '教练及前台工资',
    utilities: '水电网',
    marketing: ['抖音推广', '传单', '大众点评'],
    equipment: ['跑步机维修', '哑铃', '瑜伽垫'],
    other: ['清洁用品', '饮用水', '打印'],
    classes: {
      types: { spinning: '动感单车', yoga: '瑜伽', hiit: '燃脂训练', kids: '少儿体能' },
      teachers: ['李教练', '赵教练', '安娜（瑜伽）'],
      rooms: ['单车房', '操房'],
      substitute: '赵教练代课',
      cancelled: '场地维修，停课一次',
    },
    followUp: {
      comments: ['这个月工作忙', '喜欢晚上的动感单车', '问了年卡价格', '想要早上的课', '对教练很满意'],
    },
  },
} satisfies Record<DemoLocale, unknown>;
