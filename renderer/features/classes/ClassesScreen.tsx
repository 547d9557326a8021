import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ClassSession } from '../../../electron/contract';
import { addDays, startOfWeekMonday } from '../../../shared/dates';
import { Banner, Page } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { useFormat } from '../../components/useFormat';
import { errorText } from '../../app/errors';
import { invoke } from '../../lib/api';
import { SessionPanel } from './SessionPanel';
import { TimetableDialog, type Editing } from './TimetableDialogs';
import { TimetableSetup } from './TimetableSetup';
import { useCanCall } from '../staff/useCanCall';

type View = 'week' | 'day';

/** A manager's additions to the timetable: the dialog, the channel it calls, its button. */
const EDITS = [
  { kind: 'schedule', channel: 'classes.schedules.create', label: 'classes.edit.newSchedule' },
  { kind: 'type', channel: 'classes.types.create', label: 'classes.edit.newType' },
  { kind: 'teacher', channel: 'classes.teachers.create', label: 'classes.edit.newTeacher' },
  { kind: 'room', channel: 'classes.rooms.create', label: 'classes.edit.newRoom' },
] as const;

/**
 * The Classes screen: the desk's timetable, and for whoever may edit class types (a manager, the owner)
 * a second tab, the timetable's set-up (`?tab=setup`), so the week stays uncluttered.
 */
export function ClassesScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canSetUp = useCanCall('classes.types.update');
  const tab = canSetUp && params.get('tab') === 'setup' ? 'setup' : 'week';
  const tabs = canSetUp ? (
    <Segmented
      label={t('classes.setup.tabs.label')}
      value={tab}
      options={(['week', 'setup'] as const).map((v) => ({ value: v, label: t(`classes.setup.tabs.${v}`) }))}
      onChange={(v) => setParams(v === 'week' ? {} : { tab: v }, { replace: true })}
    />
  ) : null;
  return tab === 'setup' ? <TimetableSetup tabs={tabs} /> : <Timetable tabs={tabs} />;
}

/**
 * The timetable at the desk: a week (Monday to Sunday) or one day of sessions as coloured blocks.
 * PgUp/PgDn page back and forth, Home comes back to today; a session opens its panel.
 */
function Timetable({ tabs }: { tabs: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  const today = info.data?.today;
  const [view, setView] = useState<View>('week');
  const [picked, setPicked] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const canEdit = useCanCall('classes.schedules.create');
  const date = picked ?? today;
  const data = useQuery({
    queryKey: ['classes', view, date],
    queryFn: () => invoke(view === 'week' ? 'classes.week' : 'classes.day', { date: date! }),
    enabled: !!date,
  });

  function move(step: number) {
    if (date) setPicked(addDays(date, step * (view === 'week' ? 7 : 1)));
  }
  // The keys work wherever the focus is on this screen, except in a field or an open dialog.
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (e.defaultPrevented || target?.closest('input, select, textarea, .dialog') || document.querySelector('.dialog-backdrop')) return;
      if (e.key === 'PageUp' || e.key === 'PageDown') {
        e.preventDefault();
        const step = (e.key === 'PageUp' ? -1 : 1) * (view === 'week' ? 7 : 1);
        setPicked((p) => {
          const from = p ?? today;
          return from ? addDays(from, step) : p;
        });
      } else if (e.key === 'Home') {
        e.preventDefault();
        setPicked(null);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [view, today]);

  const week = view === 'week';
  const range = data.data ? (week ? t('classes.weekOf', { from: data.data.from, to: data.data.to }) : f.date(data.data.from)) : '';
  return (
    <div className="classes">
      <Page
        title={t('classes.title')}
        subtitle={range}
        actions={
          <>
            <Segmented
              label={t('classes.view.label')}
              value={view}
              options={[
                { value: 'week', label: t('classes.view.week') },
                { value: 'day', label: t('classes.view.day') },
              ]}
              onChange={setView}
            />
            <button type="button" className="btn" onClick={() => move(-1)} aria-keyshortcuts="PageUp">
              ‹ {week ? t('classes.prevWeek') : t('classes.prevDay')}
            </button>
            <button type="button" className="btn" onClick={() => setPicked(null)} aria-keyshortcuts="Home">
              {t('classes.today')}
            </button>
            <button type="button" className="btn" onClick={() => move(1)} aria-keyshortcuts="PageDown">
              {week ? t('classes.nextWeek') : t('classes.nextDay')} ›
            </button>
          </>
        }
      >
        <div className="classes__tools">
          {tabs}
          <p className="muted classes__keys">{t('classes.keys')}</p>
          {canEdit ? (
            <div className="page__actions">
              {EDITS.map((e) => (
                <button key={e.kind} type="button" className="btn btn--small" data-channel={e.channel} onClick={() => setEditing(e.kind)}>
                  + {t(e.label)}
                </button>
              ))}
            </div>
          ) : null}
        </div>
        {data.error ? <Banner kind="error">{errorText(t, data.error)}</Banner> : null}
        {data.data && date ? (
          week ? (
            <WeekGrid from={startOfWeekMonday(date)} sessions={data.data.sessions} today={today} onOpen={setOpen} />
          ) : (
            <DayList sessions={data.data.sessions} onOpen={setOpen} />
          )
        ) : null}
      </Page>
      {editing && today ? <TimetableDialog editing={editing} today={today} onClose={() => setEditing(null)} /> : null}
      {open !== null ? <SessionPanel sessionId={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function WeekGrid(props: { from: string; sessions: ClassSession[]; today: string | undefined; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const names = t('classes.weekdays', { returnObjects: true }) as string[];
  const days = Array.from({ length: 7 }, (_, i) => addDays(props.from, i));
  return (
    <div className="classes__week">
      {days.map((d, i) => {
        const list = props.sessions.filter((s) => s.date === d);
        const label = `${names[i]} ${f.date(d)}`;
        return (
          <section key={d} className={`classes__day${d === props.today ? ' classes__day--today' : ''}`} aria-label={label}>
            <h2 className="classes__dayhead">
              <span>{names[i]}</span>
              <span className="classes__date">{d.slice(5).replace('-', '/')}</span>
            </h2>
            <div className="classes__blocks">
              {list.length ? list.map((s) => <Block key={s.id} s={s} onOpen={props.onOpen} compact />) : <p className="muted classes__none">{t('classes.noSessions')}</p>}
            </div>
          </section>
        );
      })}
    </div>
  );
}

function DayList(props: { sessions: ClassSession[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  if (!props.sessions.length) return <p className="muted">{t('classes.noSessionsDay')}</p>;
  return (
    <div className="classes__daylist">
      {props.sessions.map((s) => (
        <Block key={s.id} s={s} onOpen={props.onOpen} compact={false} />
      ))}
    </div>
  );
}

/** One session: a button in its class type's colour. */
function Block({ s, onOpen, compact }: { s: ClassSession; onOpen: (id: number) => void; compact: boolean }) {
  const { t } = useTranslation();
  const cancelled = s.status === 'cancelled';
  const teacher = s.teacherName ?? t('classes.noTeacher');
  const room = s.roomName ?? t('classes.noRoom');
  return (
    <button
      type="button"
      className={`classes__block${cancelled ? ' classes__block--cancelled' : ''}${compact ? '' : ' classes__block--wide'}`}
      style={{ borderLeftColor: s.colour, background: `${s.colour}1a` }}
      onClick={() => onOpen(s.id)}
      aria-label={[
        `${s.startTime}–${s.endTime}`,
        s.classTypeName,
        s.scheduleName,
        teacher,
        room,
        t('classes.placesLong', { booked: s.booked, capacity: s.capacity }),
        s.waitlisted ? t('classes.waitlistLong', { count: s.waitlisted }) : '',
        cancelled ? t('classes.cancelled') : '',
      ]
        .filter(Boolean)
        .join(', ')}
    >
      <span className="classes__time num-text">
        {s.startTime}–{s.endTime}
      </span>
      <span className="classes__name">{s.scheduleName}</span>
      <span className="classes__who">{compact ? teacher : `${teacher} · ${room}`}</span>
      {compact ? <span className="classes__who">{room}</span> : null}
      <span className="classes__places num-text">
        {cancelled ? (
          t('classes.cancelled')
        ) : (
          <>
            {t('classes.places', { booked: s.booked, capacity: s.capacity })}
            {s.waitlisted ? <span className="classes__wait"> {t('classes.waitlist', { count: s.waitlisted })}</span> : null}
            {s.rollClosed ? <span className="classes__closed"> ✓</span> : null}
          </>
        )}
      </span>
    </button>
  );
}
