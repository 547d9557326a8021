import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassSession, SessionRoll } from '../../../electron/contract';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { num, OptionalPick, useSave } from './TimetableDialogs';

/**
 * A one-off change to one session (the class's other sessions stay as they are): move it to another
 * day or time, a substitute teacher, another room, its places, a note for the desk. Only what changed is sent.
 */
export function ChangeSessionDialog({ session: s, today, onClose }: { session: ClassSession; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const teachers = useQuery({ queryKey: ['classes', 'teachers'], queryFn: () => invoke('classes.teachers.list', {}) });
  const rooms = useQuery({ queryKey: ['classes', 'rooms'], queryFn: () => invoke('classes.rooms.list', {}) });
  const [date, setDate] = useState(s.date);
  const [startTime, setStartTime] = useState(s.startTime);
  const [teacherId, setTeacherId] = useState(s.teacherId == null ? '' : String(s.teacherId));
  const [roomId, setRoomId] = useState(s.roomId == null ? '' : String(s.roomId));
  const [capacity, setCapacity] = useState(String(s.capacity));
  const [note, setNote] = useState(s.note);
  const pick = (v: string) => (v ? Number(v) : null);
  const { save, fieldError, banner } = useSave<SessionRoll | null>(
    async () => {
      const changes = {
        ...(date !== s.date ? { date } : {}),
        ...(startTime !== s.startTime ? { startTime } : {}),
        ...(pick(teacherId) !== s.teacherId ? { teacherId: pick(teacherId) } : {}),
        ...(pick(roomId) !== s.roomId ? { roomId: pick(roomId) } : {}),
        ...(capacity !== String(s.capacity) ? { capacity: num(capacity) } : {}),
        ...(note !== s.note ? { note } : {}),
      };
      return Object.keys(changes).length ? invoke('classes.sessions.change', { sessionId: s.id, ...changes }) : null;
    },
    (r) => t(r ? 'classes.change.saved' : 'classes.edit.unchanged'),
    onClose,
  );
  return (
    <Dialog title={t('classes.change.title')} onClose={onClose} onSubmit={() => save.mutate()} submitLabel={t('classes.change.save')} busy={save.isPending}>
      {banner ? <Banner kind="error">{banner}</Banner> : null}
      <p className="muted timetable-edit__facts">{t('classes.change.hint', { name: s.scheduleName, date: f.date(s.date), time: s.startTime })}</p>
      <div className="row">
        <Field label={t('classes.change.date')} error={fieldError('date')}>
          {(id, d) => <DateInput id={id} describedBy={d} value={date} onChange={setDate} min={today} />}
        </Field>
        <Field label={t('classes.edit.start')} error={fieldError('startTime')}>
          {(id, d) => <input id={id} aria-describedby={d} type="time" value={startTime} onChange={(e) => setStartTime(e.target.value)} />}
        </Field>
      </div>
      <div className="row">
        <OptionalPick label={t('classes.edit.teacher')} items={teachers.data} value={teacherId} onChange={setTeacherId} error={fieldError('teacherId')} />
        <OptionalPick label={t('classes.edit.room')} items={rooms.data} value={roomId} onChange={setRoomId} error={fieldError('roomId')} />
      </div>
      <Field label={t('classes.edit.capacity')} error={fieldError('capacity')} hint={t('classes.change.placesHint', { count: s.booked })}>
        {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={capacity} onChange={(e) => setCapacity(e.target.value)} />}
      </Field>
      <Field label={t('classes.change.note')} error={fieldError('note')}>
        {(id, d) => <input id={id} aria-describedby={d} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </Dialog>
  );
}

/** Cancel one session with a reason: its bookings are cancelled free of charge and nothing is used. */
export function CancelSessionDialog({ session: s, onClose }: { session: ClassSession; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [reason, setReason] = useState('');
  const { save, fieldError, banner } = useSave(
    () => invoke('classes.sessions.cancel', { sessionId: s.id, reason }),
    () => t('classes.change.cancelled'),
    onClose,
  );
  const people = s.booked + s.waitlisted;
  return (
    <Dialog
      title={t('classes.change.cancelTitle')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      busy={save.isPending}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
            {t('classes.change.keep')}
          </button>
          <button type="submit" className="btn btn--danger" disabled={save.isPending}>
            {t('classes.change.confirmCancel')}
          </button>
        </>
      }
    >
      {banner ? <Banner kind="error">{banner}</Banner> : null}
      <p>{t('classes.change.cancelWhat', { name: s.scheduleName, date: f.date(s.date), time: s.startTime })}</p>
      <p className="muted">{people ? t('classes.change.cancelPeople', { count: people }) : t('classes.change.cancelNobody')}</p>
      <Field label={t('classes.change.reason')} error={fieldError('reason')} hint={t('classes.change.reasonHint')}>
        {(id, d) => <input id={id} aria-describedby={d} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </Dialog>
  );
}
