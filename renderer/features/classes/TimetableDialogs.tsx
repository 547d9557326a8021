import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ClassRoom, ClassTeacher, ClassType } from '../../../electron/contract';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { toast } from '../../components/Toast';
import { errorText, fieldErrorText } from '../../app/errors';
import { ApiError, invoke } from '../../lib/api';
import { useAuth } from '../staff/useAuth';

export type Editing = 'type' | 'schedule' | 'teacher' | 'room';

/** A manager's changes to the timetable: one small dialog per thing to add. */
export function TimetableDialog({ editing, today, onClose }: { editing: Editing; today: string; onClose: () => void }) {
  if (editing === 'type') return <TypeDialog onClose={onClose} />;
  if (editing === 'schedule') return <ScheduleDialog today={today} onClose={onClose} />;
  if (editing === 'teacher') return <TeacherDialog onClose={onClose} />;
  return <RoomDialog onClose={onClose} />;
}

/**
 * Field errors in the clerk's words: zod's issues, and a host refusal that names its field (places below
 * those taken, a move into the past, a room name in use…) in this feature's words when it has them.
 */
export function fieldTexts(t: TFunction, e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [key, code] of Object.entries(e.fieldErrors())) out[key] = fieldErrorText(t, code) ?? '';
  const field = e.details?.['field'];
  if (typeof field === 'string' && !out[field]) {
    const key = `classes.hostErrors.${e.code}.${field}`;
    const own = t(key, { count: Number(e.details?.['taken'] ?? 0), date: String(e.details?.['date'] ?? '') });
    out[field] = own === key ? errorText(t, e) : own;
  }
  return out;
}

/** Saves through the host; field errors go next to their inputs, any other error above the form. */
export function useSave<T>(run: () => Promise<T>, done: (r: T) => string, onClose: () => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: run,
    onMutate: () => setErrors({}),
    onSuccess: (r) => {
      toast.success(done(r));
      void qc.invalidateQueries({ queryKey: ['classes'] });
      onClose();
    },
    onError: (e) => setErrors(fieldTexts(t, e)),
  });
  const fieldError = (key: string): string | undefined => errors[key];
  const banner = save.error && !Object.keys(errors).length ? errorText(t, save.error) : null;
  return { save, fieldError, banner };
}

/** A typed number; blank is NaN, which the host refuses as out of range (never a silent 0). */
export const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** A class type, new or (given `type`) edited: name, colour, length, places, units, the plans that give access. */
export function TypeDialog({ type, onClose }: { type?: ClassType; onClose: () => void }) {
  const { t } = useTranslation();
  const plans = useQuery({ queryKey: ['plans', 'all'], queryFn: () => invoke('plans.list', { includeArchived: true }), enabled: !!type });
  const [name, setName] = useState(type?.name ?? '');
  const [colour, setColour] = useState(type?.colour ?? '#2e90fa');
  const [minutes, setMinutes] = useState(String(type?.minutes ?? 60));
  const [capacity, setCapacity] = useState(String(type?.capacity ?? 12));
  const [units, setUnits] = useState(String(type?.units ?? 1));
  const [planIds, setPlanIds] = useState<number[]>(type?.planIds ?? []);
  const [archived, setArchived] = useState(type?.archived ?? false);
  const fields = { name, colour, minutes: num(minutes), capacity: num(capacity), units: num(units) };
  const { save, fieldError, banner } = useSave<ClassType>(
    () => (type ? invoke('classes.types.update', { id: type.id, ...fields, planIds, archived }) : invoke('classes.types.create', fields)),
    (r) => t(type ? 'classes.edit.savedTypeEdit' : 'classes.edit.savedType', { name: r.name }),
    onClose,
  );
  // Drop-in plans are one visit at the door, not classes; an archived plan is offered only while it is ticked.
  const offered = (plans.data ?? []).filter((p) => p.kind !== 'dropin' && (!p.archived || planIds.includes(p.id)));
  const basics = (
    <>
      <Field label={t('classes.edit.name')} error={fieldError('name')}>
        {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <div className="row">
        <Field label={t('classes.edit.colour')} error={fieldError('colour')}>
          {(id, d) => <input id={id} aria-describedby={d} type="color" value={colour} onChange={(e) => setColour(e.target.value)} />}
        </Field>
        <Field label={t('classes.edit.minutes')} error={fieldError('minutes')}>
          {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={minutes} onChange={(e) => setMinutes(e.target.value)} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t('classes.edit.capacity')} error={fieldError('capacity')}>
          {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={capacity} onChange={(e) => setCapacity(e.target.value)} />}
        </Field>
        <Field label={t('classes.edit.units')} error={fieldError('units')}>
          {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={units} onChange={(e) => setUnits(e.target.value)} />}
        </Field>
      </div>
    </>
  );
  return (
    <Dialog
      title={t(type ? 'classes.edit.typeEditTitle' : 'classes.edit.typeTitle')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('classes.edit.save')}
      busy={save.isPending}
      size={type ? 'large' : 'medium'}
    >
      {banner ? <Banner kind="error">{banner}</Banner> : null}
      {type ? (
        <div className="timetable-edit__cols">
          <div>
            {basics}
            <label className="check">
              <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
              {t('classes.edit.archivedType')}
            </label>
          </div>
          <fieldset className="field classes__fieldset">
            <legend>{t('classes.edit.plans')}</legend>
            <p className="field__hint">{t('classes.edit.plansHint')}</p>
            <div className="timetable-edit__plans">
              {offered.map((p) => (
                <label key={p.id} className="check">
                  <input type="checkbox" checked={planIds.includes(p.id)} onChange={(e) => setPlanIds((ids) => (e.target.checked ? [...ids, p.id] : ids.filter((x) => x !== p.id)))} />
                  {p.name}
                </label>
              ))}
              {plans.data && !offered.length ? <p className="muted">{t('classes.edit.noPlans')}</p> : null}
            </div>
            {fieldError('planIds') ? (
              <div className="field__error" role="alert">
                {fieldError('planIds')}
              </div>
            ) : null}
          </fieldset>
        </div>
      ) : (
        basics
      )}
    </Dialog>
  );
}

function ScheduleDialog({ today, onClose }: { today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const types = useQuery({ queryKey: ['classes', 'types'], queryFn: () => invoke('classes.types.list', {}) });
  const teachers = useQuery({ queryKey: ['classes', 'teachers'], queryFn: () => invoke('classes.teachers.list', {}) });
  const rooms = useQuery({ queryKey: ['classes', 'rooms'], queryFn: () => invoke('classes.rooms.list', {}) });
  const names = t('classes.weekdays', { returnObjects: true }) as string[];
  const [typeId, setTypeId] = useState('');
  const [name, setName] = useState('');
  const [days, setDays] = useState<number[]>([]);
  const [start, setStart] = useState('18:00');
  const [teacherId, setTeacherId] = useState('');
  const [roomId, setRoomId] = useState('');
  const [termStart, setTermStart] = useState(today);
  const [termEnd, setTermEnd] = useState('');
  const chosenType = typeId || String(types.data?.[0]?.id ?? '');
  const { save, fieldError, banner } = useSave(
    () =>
      invoke('classes.schedules.create', {
        classTypeId: Number(chosenType),
        name,
        weekdays: days,
        startTime: start,
        teacherId: teacherId ? Number(teacherId) : null,
        roomId: roomId ? Number(roomId) : null,
        termStart,
        termEnd,
      }),
    (r) => t('classes.edit.savedSchedule', { name: r.name, count: r.sessions }),
    onClose,
  );
  if (types.data && !types.data.length) {
    return (
      <Dialog title={t('classes.edit.scheduleTitle')} onClose={onClose} size="small">
        <p>{t('classes.edit.noTypes')}</p>
      </Dialog>
    );
  }
  // Monday first, as the week view; the host counts 0 = Sunday.
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <Dialog title={t('classes.edit.scheduleTitle')} onClose={onClose} onSubmit={() => save.mutate()} submitLabel={t('classes.edit.save')} busy={save.isPending} size="large">
      {banner ? <Banner kind="error">{banner}</Banner> : null}
      <div className="row">
        <Field label={t('classes.edit.type')} error={fieldError('classTypeId')}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={chosenType} onChange={(e) => setTypeId(e.target.value)}>
              {(types.data ?? []).map((ct) => (
                <option key={ct.id} value={ct.id}>
                  {ct.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('classes.edit.name')} error={fieldError('name')}>
          {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </div>
      <fieldset className="field classes__fieldset">
        <legend>{t('classes.edit.days')}</legend>
        <div className="classes__weekdays">
          {order.map((wd, i) => (
            <label key={wd} className="check">
              <input type="checkbox" checked={days.includes(wd)} onChange={(e) => setDays((ds) => (e.target.checked ? [...ds, wd] : ds.filter((x) => x !== wd)))} />
              {names[i]}
            </label>
          ))}
        </div>
        {fieldError('weekdays') ? (
          <div className="field__error" role="alert">
            {fieldError('weekdays')}
          </div>
        ) : null}
      </fieldset>
      <div className="row">
        <Field label={t('classes.edit.start')} error={fieldError('startTime')}>
          {(id, d) => <input id={id} aria-describedby={d} type="time" value={start} onChange={(e) => setStart(e.target.value)} />}
        </Field>
        <OptionalPick label={t('classes.edit.teacher')} items={teachers.data} value={teacherId} onChange={setTeacherId} />
        <OptionalPick label={t('classes.edit.room')} items={rooms.data} value={roomId} onChange={setRoomId} />
      </div>
      <div className="row">
        <Field label={t('classes.edit.termStart')} error={fieldError('termStart')}>
          {(id, d) => <DateInput id={id} describedBy={d} value={termStart} onChange={setTermStart} />}
        </Field>
        <Field label={t('classes.edit.termEnd')} error={fieldError('termEnd')}>
          {(id, d) => <DateInput id={id} describedBy={d} value={termEnd} onChange={setTermEnd} min={termStart} />}
        </Field>
      </div>
    </Dialog>
  );
}

/** A teacher, new or edited: a staff member of the business or someone from outside, with a phone. */
export function TeacherDialog({ teacher, onClose }: { teacher?: ClassTeacher; onClose: () => void }) {
  const { t } = useTranslation();
  const roster = useAuth().data?.roster ?? [];
  const [name, setName] = useState(teacher?.name ?? '');
  const [staffId, setStaffId] = useState(teacher?.staffId == null ? '' : String(teacher.staffId));
  const [phone, setPhone] = useState(teacher?.phone ?? '');
  const fields = { name, staffId: staffId ? Number(staffId) : null, phone };
  const { save, fieldError, banner } = useSave<ClassTeacher>(
    () => (teacher ? invoke('classes.teachers.update', { id: teacher.id, ...fields }) : invoke('classes.teachers.create', fields)),
    (r) => t(teacher ? 'classes.edit.savedTeacherEdit' : 'classes.edit.savedTeacher', { name: r.name }),
    onClose,
  );
  // The sign-in roster lists the active staff; a teacher linked to someone who has left keeps that link.
  const gone = teacher?.staffId != null && !roster.some((s) => s.id === teacher.staffId) ? teacher.staffId : null;
  return (
    <NameDialog title={t(teacher ? 'classes.edit.teacherEditTitle' : 'classes.edit.teacherTitle')} onClose={onClose} save={save} banner={banner} name={name} setName={setName} nameError={fieldError('name')}>
      <Field label={t('classes.edit.staff')} error={fieldError('staffId')} hint={t('classes.edit.staffHint')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={staffId} onChange={(e) => setStaffId(e.target.value)}>
            <option value="">{t('classes.edit.external')}</option>
            {gone !== null ? <option value={String(gone)}>{t('classes.setup.formerStaff')}</option> : null}
            {roster.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('classes.edit.phone')} error={fieldError('phone')}>
        {(id, d) => <input id={id} aria-describedby={d} inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />}
      </Field>
    </NameDialog>
  );
}

/** A room, new or edited: its name and, when it has a limit, its places. */
export function RoomDialog({ room, onClose }: { room?: ClassRoom; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(room?.name ?? '');
  const [capacity, setCapacity] = useState(room?.capacity == null ? '' : String(room.capacity));
  const fields = { name, capacity: capacity.trim() === '' ? null : num(capacity) };
  const { save, fieldError, banner } = useSave<ClassRoom>(
    () => (room ? invoke('classes.rooms.update', { id: room.id, ...fields }) : invoke('classes.rooms.create', fields)),
    (r) => t(room ? 'classes.edit.savedRoomEdit' : 'classes.edit.savedRoom', { name: r.name }),
    onClose,
  );
  return (
    <NameDialog title={t(room ? 'classes.edit.roomEditTitle' : 'classes.edit.roomTitle')} onClose={onClose} save={save} banner={banner} name={name} setName={setName} nameError={fieldError('name')}>
      <Field label={t('classes.edit.roomPlaces')} error={fieldError('capacity')} hint={t('classes.edit.roomPlacesHint')}>
        {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={capacity} onChange={(e) => setCapacity(e.target.value)} />}
      </Field>
    </NameDialog>
  );
}

/** A small form whose first field is the name (a teacher, a room), then its own fields. */
function NameDialog(props: {
  title: string;
  onClose: () => void;
  save: { mutate: () => void; isPending: boolean };
  banner: string | null;
  name: string;
  setName: (v: string) => void;
  nameError: string | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog title={props.title} onClose={props.onClose} onSubmit={() => props.save.mutate()} submitLabel={t('classes.edit.save')} busy={props.save.isPending} size="small">
      {props.banner ? <Banner kind="error">{props.banner}</Banner> : null}
      <Field label={t('classes.edit.name')} error={props.nameError}>
        {(id, d) => <input id={id} aria-describedby={d} value={props.name} onChange={(e) => props.setName(e.target.value)} />}
      </Field>
      {props.children}
    </Dialog>
  );
}

/** A teacher or a room, or none: the active ones are offered, and the one already chosen. */
export function OptionalPick(props: {
  label: string;
  items: { id: number; name: string; active: boolean }[] | undefined;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Field label={props.label} error={props.error}>
      {(id, d) => (
        <select id={id} aria-describedby={d} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{t('classes.edit.none')}</option>
          {(props.items ?? []).filter((x) => x.active || String(x.id) === props.value).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
