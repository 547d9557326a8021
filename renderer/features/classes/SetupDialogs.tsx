import { useQuery } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassRule, ClassSchedule, ClassType } from '../../../electron/contract';
import { dayOfWeek, isValidDate } from '../../../shared/dates';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { minorToText, textToMinor } from '../../components/moneyText';
import { Banner } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { num, OptionalPick, useSave } from './TimetableDialogs';

/** "Mon 2026-03-16" style: the week view's day name (Monday first) for an ISO date. */
export function useDayName(): (date: string) => string {
  const { t } = useTranslation();
  const names = t('classes.weekdays', { returnObjects: true }) as string[];
  return (date: string) => names[(dayOfWeek(date) + 6) % 7] ?? '';
}

/**
 * Edit a class on the timetable: name, teacher, room, places, the term's last day and its holidays.
 * Only what changed is sent, so a teacher taken out of use since does not block a change of name.
 */
export function ScheduleEditDialog({ schedule, onClose }: { schedule: ClassSchedule; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const dayName = useDayName();
  const teachers = useQuery({ queryKey: ['classes', 'teachers'], queryFn: () => invoke('classes.teachers.list', {}) });
  const rooms = useQuery({ queryKey: ['classes', 'rooms'], queryFn: () => invoke('classes.rooms.list', {}) });
  const [name, setName] = useState(schedule.name);
  const [teacherId, setTeacherId] = useState(schedule.teacherId == null ? '' : String(schedule.teacherId));
  const [roomId, setRoomId] = useState(schedule.roomId == null ? '' : String(schedule.roomId));
  const [capacity, setCapacity] = useState(String(schedule.capacity));
  const [termEnd, setTermEnd] = useState(schedule.termEnd);
  const [holidays, setHolidays] = useState<string[]>(schedule.holidays);
  const [adding, setAdding] = useState('');
  const [addError, setAddError] = useState<string | undefined>();

  const pick = (v: string) => (v ? Number(v) : null);
  const { save, fieldError, banner } = useSave<ClassSchedule | null>(
    async () => {
      const changes = {
        ...(name !== schedule.name ? { name } : {}),
        ...(pick(teacherId) !== schedule.teacherId ? { teacherId: pick(teacherId) } : {}),
        ...(pick(roomId) !== schedule.roomId ? { roomId: pick(roomId) } : {}),
        ...(capacity !== String(schedule.capacity) ? { capacity: num(capacity) } : {}),
        ...(termEnd !== schedule.termEnd ? { termEnd } : {}),
        ...(holidays.join() !== schedule.holidays.join() ? { holidays } : {}),
      };
      return Object.keys(changes).length ? invoke('classes.schedules.update', { id: schedule.id, ...changes }) : null;
    },
    (r) => (r ? t('classes.edit.savedScheduleEdit', { name: r.name, count: r.sessions }) : t('classes.edit.unchanged')),
    onClose,
  );

  function addHoliday() {
    if (!isValidDate(adding)) {
      setAddError(t('classes.edit.holidayInvalid'));
      return;
    }
    setAddError(undefined);
    if (!holidays.includes(adding)) setHolidays((hs) => [...hs, adding].sort());
    setAdding('');
  }
  // Enter in the date adds it (rather than saving the whole form).
  function onAddKey(e: KeyboardEvent) {
    if (e.key === 'Enter') {
      e.preventDefault();
      addHoliday();
    }
  }
  const classDay = (d: string) => schedule.weekdays.includes(dayOfWeek(d)) && d >= schedule.termStart && d <= termEnd;
  const days = [...schedule.weekdays].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  const names = t('classes.weekdays', { returnObjects: true }) as string[];

  return (
    <Dialog title={t('classes.edit.scheduleEditTitle')} onClose={onClose} onSubmit={() => save.mutate()} submitLabel={t('classes.edit.save')} busy={save.isPending} size="large">
      {banner ? <Banner kind="error">{banner}</Banner> : null}
      <p className="muted timetable-edit__facts">
        {t('classes.edit.scheduleFacts', {
          type: schedule.classTypeName,
          days: days.map((d) => names[(d + 6) % 7]).join(' '),
          time: schedule.startTime,
          start: f.date(schedule.termStart),
        })}
      </p>
      <div className="timetable-edit__cols">
        <div>
          <Field label={t('classes.edit.name')} error={fieldError('name')}>
            {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <div className="row">
            <OptionalPick label={t('classes.edit.teacher')} items={teachers.data} value={teacherId} onChange={setTeacherId} error={fieldError('teacherId')} />
            <OptionalPick label={t('classes.edit.room')} items={rooms.data} value={roomId} onChange={setRoomId} error={fieldError('roomId')} />
          </div>
          <div className="row">
            <Field label={t('classes.edit.capacity')} error={fieldError('capacity')}>
              {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={capacity} onChange={(e) => setCapacity(e.target.value)} />}
            </Field>
            <Field label={t('classes.edit.termEnd')} error={fieldError('termEnd')}>
              {(id, d) => <DateInput id={id} describedBy={d} value={termEnd} onChange={setTermEnd} min={schedule.termStart} />}
            </Field>
          </div>
          <p className="field__hint">{t('classes.edit.editHint')}</p>
        </div>
        <fieldset className="field classes__fieldset">
          <legend>{t('classes.edit.holidays')}</legend>
          <div className="timetable-edit__add" onKeyDown={onAddKey}>
            <Field label={t('classes.edit.holidayDate')} error={addError ?? fieldError('holidays')}>
              {(id, d) => <DateInput id={id} describedBy={d} value={adding} onChange={setAdding} min={schedule.termStart} max={termEnd} />}
            </Field>
            <button type="button" className="btn" onClick={addHoliday}>
              {t('classes.edit.addHoliday')}
            </button>
          </div>
          <ul className="timetable-edit__holidays" aria-label={t('classes.edit.holidays')}>
            {holidays.map((d) => (
              <li key={d}>
                <span className="num-text">
                  {dayName(d)} {d}
                </span>
                {classDay(d) ? null : <span className="muted"> · {t('classes.edit.notClassDay')}</span>}
                <button type="button" className="btn btn--small btn--ghost" aria-label={t('classes.edit.removeHoliday', { date: d })} onClick={() => setHolidays((hs) => hs.filter((x) => x !== d))}>
                  ×
                </button>
              </li>
            ))}
            {holidays.length ? null : <li className="muted">{t('classes.edit.noHolidays')}</li>}
          </ul>
          <p className="field__hint">{t('classes.edit.holidayHint')}</p>
        </fieldset>
      </div>
    </Dialog>
  );
}

type RuleDraft = { rule: ClassRule; fee: string };

/**
 * The owner's booking rules for a class type: how early booking opens, the free-cancellation cut-off,
 * and what a late cancellation and a no-show cost (record it, charge a fee, or use the session).
 */
export function RulesDialog({ type, onClose }: { type: ClassType; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [openDays, setOpenDays] = useState(String(type.openDays));
  const [cutoffHours, setCutoffHours] = useState(String(type.cutoffHours));
  const [late, setLate] = useState<RuleDraft>({ rule: type.lateCancelRule, fee: type.lateCancelFee ? minorToText(type.lateCancelFee, f.currency) : '' });
  const [noShow, setNoShow] = useState<RuleDraft>({ rule: type.noShowRule, fee: type.noShowFee ? minorToText(type.noShowFee, f.currency) : '' });
  // A blank fee is 0, which the host refuses for a rule that charges ("give the fee"); a fee that is not an amount is refused as one.
  const minor = (d: RuleDraft) => (d.rule !== 'fee' || d.fee.trim() === '' ? 0 : (textToMinor(d.fee, f.currency) ?? Number.NaN));
  const { save, fieldError, banner } = useSave<ClassType>(
    () =>
      invoke('classes.types.setRules', {
        id: type.id,
        openDays: num(openDays),
        cutoffHours: num(cutoffHours),
        lateCancelRule: late.rule,
        lateCancelFee: minor(late),
        noShowRule: noShow.rule,
        noShowFee: minor(noShow),
      }),
    (r) => t('classes.rules.saved', { name: r.name }),
    onClose,
  );
  return (
    <Dialog title={t('classes.rules.title', { name: type.name })} onClose={onClose} onSubmit={() => save.mutate()} submitLabel={t('classes.edit.save')} busy={save.isPending} size="large">
      {banner ? <Banner kind="error">{banner}</Banner> : null}
      <p className="muted timetable-edit__facts">{t('classes.rules.intro')}</p>
      <div className="row">
        <Field label={t('classes.rules.openDays')} hint={t('classes.rules.openDaysHint')} error={fieldError('openDays')}>
          {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={openDays} onChange={(e) => setOpenDays(e.target.value)} />}
        </Field>
        <Field label={t('classes.rules.cutoff')} hint={t('classes.rules.cutoffHint')} error={fieldError('cutoffHours')}>
          {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={cutoffHours} onChange={(e) => setCutoffHours(e.target.value)} />}
        </Field>
      </div>
      <div className="timetable-edit__cols">
        <RuleChoice name="late" legend={t('classes.rules.late')} feeLabel={t('classes.rules.lateFee')} value={late} onChange={setLate} currency={f.currency} error={fieldError('lateCancelFee')} />
        <RuleChoice name="noshow" legend={t('classes.rules.noShow')} feeLabel={t('classes.rules.noShowFee')} value={noShow} onChange={setNoShow} currency={f.currency} error={fieldError('noShowFee')} />
      </div>
    </Dialog>
  );
}

const RULES: ClassRule[] = ['count', 'fee', 'deduct'];

/** One rule: three choices, each with a line saying what it does; "Charge a fee" asks for the amount. */
function RuleChoice(props: { name: string; legend: string; feeLabel: string; value: RuleDraft; onChange: (d: RuleDraft) => void; currency: string; error: string | undefined }) {
  const { t } = useTranslation();
  const { rule, fee } = props.value;
  return (
    <fieldset className="field classes__fieldset timetable-rules">
      <legend>{props.legend}</legend>
      {RULES.map((r) => (
        <div key={r} className="timetable-rules__option">
          <label className="check">
            <input type="radio" name={`${props.name}-rule`} value={r} checked={rule === r} onChange={() => props.onChange({ rule: r, fee })} />
            <span>
              <strong>{t(`classes.rules.${r}`)}</strong>
              <span className="timetable-rules__what">{t(`classes.rules.${r}Hint`)}</span>
            </span>
          </label>
          {r === 'fee' && rule === 'fee' ? (
            <Field label={props.feeLabel} error={props.error}>
              {(id, d) => <MoneyInput id={id} describedBy={d} invalid={Boolean(props.error)} currency={props.currency} value={fee} onChange={(v) => props.onChange({ rule, fee: v })} />}
            </Field>
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}
