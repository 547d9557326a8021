/** Chinese and some English member names for the sample business. */
import type { Random } from './random';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '华', '鹏', '辉', '玲', '婷', '宇', '浩', '欣', '怡', '子涵', '梓轩', '一诺', '浩然', '雨桐', '思远', '佳怡', '晓东', '文博'];
const ENGLISH = ['Emma Wilson', 'Liam Chen', 'Olivia Zhang', 'Noah Li', 'Sophia Wang', 'Lucas Liu', 'Mia Huang', 'Ethan Zhou'];

export function personName(r: Random): string {
  return r.chance(0.06) ? r.pick(ENGLISH) : `${r.pick(SURNAMES)}${r.pick(GIVEN)}`;
}

export function phoneNumber(r: Random): string {
  return `1${r.pick(['38', '39', '50', '58', '59', '86', '88', '36', '77'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
}
