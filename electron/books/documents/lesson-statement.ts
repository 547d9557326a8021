/**
 * The parent's statement (课时报告单): one A4 page per student, in English or Chinese, with the
 * student's lessons in a date range (date, time, class, present / leave / late leave / no-show /
 * make-up, 课时 used) and the lessons left of each enrolment (the same figures as the desk's
 * `classes.lessons`). Printed or saved as PDF through the same path as invoices (electron/shell/printing).
 */
import type { z } from 'zod';
import type { LessonBalance } from '../../contract/classes';
import type { PrintJob, lessonStatementInput } from '../../contract/documents';
import type { ServiceEnv } from '../../contract/env';
import type { Locale } from '../../contract/settings';
import type { ClassesService } from '../../desk/classes/service';
import type { LessonLine, LessonMark } from '../../desk/classes/desk-lessons';
import type { MembersService } from '../../desk/members/service';
import { business, type Business } from './data';
import type { DocumentsService } from './service';
import { docFormat, esc, type DocFormat } from './format';
import { docStrings, fill } from './strings';
import { A4_CSS, businessBlock, page, row } from './templates';

const en = {
  title: 'Lesson statement',
  student: 'Student',
  period: 'Period',
  printed: 'Printed on',
  remaining: 'Lessons remaining',
  className: 'Class',
  pack: 'Lesson pack',
  total: 'Total',
  used: 'Used',
  left: 'Left',
  attended: 'Attended',
  leave: 'Leave',
  lateLeave: 'Late leave',
  noShow: 'No-show',
  makeUps: 'Make-ups',
  toCome: 'To come',
  validUntil: 'valid until {date}',
  withdrawn: 'left the class on {date}',
  lessons: 'Attendance',
  date: 'Date',
  time: 'Time',
  attendance: 'Attendance',
  units: 'Lessons used',
  none: 'No lessons in this period.',
  noClasses: 'Not enrolled in a class.',
  makeupFor: 'for {date}',
  summary:
    'In this period: present {present}, leave {leave}, late leave {late}, no-show {noShow}, make-ups {makeUps}.',
  summaryCentre: ' Cancelled by the centre (owed, can be made up): {n}.',
  marks: {
    present: 'Present',
    leave: 'Leave',
    late_leave: 'Late leave',
    no_show: 'No-show',
    makeup_present: 'Make-up – present',
    makeup_booked: 'Make-up – booked',
    makeup_no_show: 'Make-up – no-show',
    booked: 'Booked',
    late_cancel: 'Late cancellation',
    class_cancelled: 'Class cancelled',
  } satisfies Record<LessonMark, string>,
};

const zh: typeof en = {
  title: '课时报告单',
  student: '学员',
  period: '期间',
  printed: '打印日期',
  remaining: '剩余课时',
  className: '班级',
  pack: '课时包',
  total: '总课时',
  used: '已用',
  left: '剩余',
  attended: '出勤',
  leave: '请假',
  lateLeave: '逾时请假',
  noShow: '缺课',
  makeUps: '补课',
  toCome: '待上',
  validUntil: '有效期至 {date}',
  withdrawn: '{date} 已退班',
  lessons: '上课记录',
  date: '日期',
  time: '时间',
  attendance: '出勤情况',
  units: '消耗课时',
  none: '此期间没有课。',
  noClasses: '未报读班级。',
  makeupFor: '补 {date} 的课',
  summary:
    '本期间：出勤 {present} 次，请假 {leave} 次，逾时请假 {late} 次，缺课 {noShow} 次，补课 {makeUps} 次。',
  summaryCentre: '停课 {n} 次（不扣课时，可补课）。',
  marks: {
    present: '出勤',
    leave: '请假',
    late_leave: '逾时请假',
    no_show: '缺课',
    makeup_present: '补课 – 出勤',
    makeup_booked: '补课 – 已约',
    makeup_no_show: '补课 – 缺课',
    booked: '已约',
    late_cancel: '逾时取消',
    class_cancelled: '停课',
  },
};

export type StatementStrings = typeof en;
export const statementStrings = (locale: Locale): StatementStrings =>
  locale === 'zh-CN' ? zh : en;

export interface StatementData {
  business: Business;
  memberName: string;
  from: string;
  to: string;
  today: string;
  balances: LessonBalance[];
  lines: LessonLine[];
}

const CSS = `${A4_CSS}
.remaining th, .remaining td { font-size: 9pt; }
.remaining td:first-child, .remaining td:nth-child(2) { white-space: nowrap; }
.remaining th.num, .remaining td.num { padding-left: 1mm; padding-right: 1mm; }
.sub { color: #555; font-size: 8.5pt; }
.left { font-weight: 700; font-size: 12pt; }
.summary { margin-top: 3mm; }`;

export function statementHtml(d: StatementData, f: DocFormat, s: StatementStrings): string {
  const n = (v: number) => `<td class="num">${esc(String(v))}</td>`;
  const balances = d.balances
    .map((b) => {
      const note =
        b.enrolment.status === 'withdrawn' && b.enrolment.withdrawnOn
          ? fill(s.withdrawn, { date: f.date(b.enrolment.withdrawnOn) })
          : fill(s.validUntil, { date: f.date(b.packExpiresOn) });
      return `<tr>
  <td><strong>${esc(b.enrolment.scheduleName)}</strong></td>
  <td>${esc(b.packName)}<div class="sub">${esc(note)}</div></td>
  ${n(b.packTotal)}${n(b.packUsed)}<td class="num left">${esc(String(b.packLeft))}</td>
  ${n(b.attended)}${n(b.leave)}${n(b.lateLeave)}${n(b.noShow)}${n(b.makeUps)}${n(b.upcoming)}
</tr>`;
    })
    .join('\n');
  const lines = d.lines
    .map(
      (l) => `<tr>
  <td>${esc(f.date(l.date))}</td><td>${esc(l.startTime)}</td><td>${esc(l.className)}</td>
  <td>${esc(s.marks[l.mark])}${l.makeupFor ? ` <span class="sub">${esc(fill(s.makeupFor, { date: f.date(l.makeupFor) }))}</span>` : ''}</td>
  <td class="num">${l.units ? esc(String(l.units)) : ''}</td>
</tr>`,
    )
    .join('\n');
  const count = (...marks: LessonMark[]) =>
    String(d.lines.filter((l) => marks.includes(l.mark)).length);
  const summary = fill(s.summary, {
    present: count('present', 'makeup_present'),
    leave: count('leave'),
    late: count('late_leave'),
    noShow: count('no_show', 'makeup_no_show'),
    makeUps: count('makeup_present', 'makeup_booked', 'makeup_no_show'),
  });
  // Lessons the centre cancelled are owed to the family: said only when there were some.
  const centre = count('class_cancelled');
  const summaryLine = centre === '0' ? summary : summary + fill(s.summaryCentre, { n: centre });
  const body = `
<div class="top">
  <div>${businessBlock(d, f)}</div>
  <div class="doc">
    <h1>${esc(s.title)}</h1>
    <table>
      ${row(s.student, d.memberName)}
      ${row(s.period, `${f.date(d.from)} – ${f.date(d.to)}`)}
      ${row(s.printed, f.date(d.today))}
    </table>
  </div>
</div>
<h2>${esc(s.remaining)}</h2>
${
  balances
    ? `<table class="lines remaining">
  <thead><tr><th>${esc(s.className)}</th><th>${esc(s.pack)}</th><th class="num">${esc(s.total)}</th><th class="num">${esc(s.used)}</th>
  <th class="num">${esc(s.left)}</th><th class="num">${esc(s.attended)}</th><th class="num">${esc(s.leave)}</th><th class="num">${esc(s.lateLeave)}</th>
  <th class="num">${esc(s.noShow)}</th><th class="num">${esc(s.makeUps)}</th><th class="num">${esc(s.toCome)}</th></tr></thead>
  <tbody>${balances}</tbody>
</table>`
    : `<p class="muted">${esc(s.noClasses)}</p>`
}
<h2>${esc(s.lessons)}</h2>
${
  lines
    ? `<table class="lines">
  <thead><tr><th>${esc(s.date)}</th><th>${esc(s.time)}</th><th>${esc(s.className)}</th><th>${esc(s.attendance)}</th><th class="num">${esc(s.units)}</th></tr></thead>
  <tbody>${lines}</tbody>
</table>
<p class="summary">${esc(summaryLine)}</p>`
    : `<p class="muted">${esc(s.none)}</p>`
}`;
  return page(f, `${s.title} ${d.memberName}`, CSS, body);
}

export function createLessonStatement(
  env: ServiceEnv,
  deps: { classes: ClassesService; members: MembersService; documents: DocumentsService },
) {
  const { classes, members, documents } = deps;

  function print(input: z.output<typeof lessonStatementInput>): PrintJob {
    const member = members.get(input.memberId);
    const settings = env.settings.get();
    const locale = input.locale ?? settings.locale;
    const f = docFormat(
      locale,
      docStrings(locale),
      settings.currency,
      settings.timeZone,
      new Map(),
    );
    const s = statementStrings(locale);
    const data: StatementData = {
      business: business(settings, documents.settings()),
      memberName: member.name,
      from: input.from,
      to: input.to,
      today: env.today(),
      balances: classes.enrolment.lessons(member.id),
      lines: classes.lessons.lessonLines(member.id, input.from, input.to),
    };
    const title = `${s.title} ${member.name} ${input.from}–${input.to}`;
    return {
      kind: 'lesson_statement',
      title,
      html: statementHtml(data, f, s),
      page: { format: 'A4' },
      action: input.action,
      silent: false,
      printer: '',
      outcome: 'rendered',
      detail: '',
    };
  }

  return { print };
}

export type LessonStatement = ReturnType<typeof createLessonStatement>;
