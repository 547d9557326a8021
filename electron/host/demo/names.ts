/** Member names for the sample business, in its language. */
import type { Random } from './random';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '华', '鹏', '辉', '玲', '婷', '宇', '浩', '欣', '怡', '子涵', '梓轩', '一诺', '浩然', '雨桐', '思远', '佳怡', '晓东', '文博'];
/** Compound surnames, now and then. */
const COMPOUND = ['欧阳明', '司马婷', '上官静', '诸葛亮', '欧阳娜', '东方浩', '慕容雪', '司徒强'];
const FIRST = ['Emma', 'Liam', 'Olivia', 'Noah', 'Sophia', 'Lucas', 'Mia', 'Ethan', 'Ava', 'James', 'Chloe', 'Jack', 'Grace', 'Leo', 'Ruby', 'Oscar', 'Lily', 'Henry', 'Zoe', 'Sam', 'Ella', 'Max', 'Amy', 'Tom', 'Kate', 'Ben', 'Lucy', 'Dan', 'Nina', 'Adam'];
const LAST = ['Wilson', 'Smith', 'Brown', 'Taylor', 'Walker', 'Wright', 'Green', 'Hall', 'Wood', 'Clarke', 'Harris', 'Lewis', 'Young', 'King', 'Scott', 'Baker', 'Adams', 'Hill', 'Moore', 'Allen', 'Ward', 'Turner', 'Carter', 'Parker', 'Evans', 'Cook', 'Bell', 'Reed', 'Price', 'Hughes', 'Foster', 'Gray', 'Ross', 'Bennett', 'Murphy', 'Kelly', 'Brooks', 'Russell', 'Fisher', 'Mason'];
const DOUBLE = ['Mary-Jane Ellis', 'Jean-Luc Martin', 'Anna-Maria Cole', 'Lee-Ann Dunn', 'Rose-Marie Lane', 'John-Paul Webb', 'Sarah-Jane Holt', 'Mark-Anthony Shaw'];

/** The same draws in either language: the same seed gives the same business. */
export function personName(r: Random, locale: 'en' | 'zh-CN'): string {
  if (locale === 'en') return r.chance(0.06) ? r.pick(DOUBLE) : `${r.pick(FIRST)} ${r.pick(LAST)}`;
  return r.chance(0.06) ? r.pick(COMPOUND) : `${r.pick(SURNAMES)}${r.pick(GIVEN)}`;
}

export function phoneNumber(r: Random): string {
  return `1${r.pick(['38', '39', '50', '58', '59', '86', '88', '36', '77'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
}
