import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { toast } from '../../components/Toast';
import { errorText, fieldErrorText } from '../../app/errors';
import { ApiError, invoke } from '../../lib/api';

export type Editing = 'type' | 'schedule' | 'teacher' | 'room';

/** A manager's changes to the timetable: one small dialog per thing to add. */
export function TimetableDialog({ editing, today, onClose }: { editing: Editing; today: string; onClose: () => void }) {
  if (editing === 'type') return <TypeDialog onClose={onClose} />;
  if (editing === 'schedule') return <ScheduleDialog today={today} onClose={onClose} />;
  return <NamedDialog kind={editing} onClose={onClose} />;
}

/** Saves through the host; field errors go next to their inputs, any other error above the form. */
function useSave<T>(run: () => Promise<T>, done: (r: T) => string, onClose: () => void) {
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
    onError: (e) => setErrors(e instanceof ApiError ? e.fieldErrors() : {}),
  });
  const fieldError = (key: string) => fieldErrorText(t, errors[key]);
  const banner = save.error && !(save.error instanceof ApiError && Object.keys(errors).length) ? errorText(t, save.error) : null;
  return { save, fieldError, banner };
}

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

function TypeDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [colour, setColour] = useState('#2e90fa');
  const [minutes, setMinutes] = useState('60');
  const [capacity, setCapacity] = useState('12');
  const [units, setUnits] = useState('1');
  const { save, fieldError, banner } = useSave(
    () => invoke('classes.types.create', { name, colour, minutes: num(minutes), capacity: num(capacity), units: num(units) }),
    (r) => t('classes.edit.savedType', { name: r.name }),
    onClose,
  );
  return (
    <Dialog title={t('classes.edit.typeTitle')} onClose={onClose} onSubmit={() => save.mutate()} submitLabel={t('classes.edit.save')} busy={save.isPending}>
      {banner ? <Banner kind="error">{banner}</Banner> : null}
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

function NamedDialog({ kind, onClose }: { kind: 'teacher' | 'room'; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const { save, fieldError, banner } = useSave<{ name: string }>(
    () => (kind === 'teacher' ? invoke('classes.teachers.create', { name }) : invoke('classes.rooms.create', { name })),
    (r) => t(kind === 'teacher' ? 'classes.edit.savedTeacher' : 'classes.edit.savedRoom', { name: r.name }),
    onClose,
  );
  return (
    <Dialog
      title={t(kind === 'teacher' ? 'classes.edit.teacherTitle' : 'classes.edit.roomTitle')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('classes.edit.save')}
      busy={save.isPending}
      size="small"
    >
      {banner ? <Banner kind="error">{banner}</Banner> : null}
      <Field label={t('classes.edit.name')} error={fieldError('name')}>
        {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
    </Dialog>
  );
}

/** A teacher or a room, or none: only the active ones are offered. */
function OptionalPick(props: { label: string; items: { id: number; name: string; active: boolean }[] | undefined; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={props.label}>
      {(id) => (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{t('classes.edit.none')}</option>
          {(props.items ?? []).filter((x) => x.active).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
