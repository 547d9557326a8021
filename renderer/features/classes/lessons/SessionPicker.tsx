import { useQuery } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassSession } from '../../../../electron/contract';
import { useFormat } from '../../../components/useFormat';
import { invoke } from '../../../lib/api';

/** Sessions ahead that have not started (the host decides), for the next `days` days. */
export function useUpcoming(days: number) {
  return useQuery({ queryKey: ['classes', 'upcoming', days], queryFn: () => invoke('classes.upcoming', { days }) });
}

/** "Sat, Mar 6, 2027 09:00–11:00 · 周六数学A班 · Lily": one session in a line. */
export function useSessionText() {
  const f = useFormat();
  const { t } = useTranslation();
  const names = t('classes.weekdays', { returnObjects: true }) as string[];
  return (s: Pick<ClassSession, 'date' | 'startTime' | 'endTime' | 'scheduleName' | 'teacherName'>) => {
    // classes.weekdays starts on Monday.
    const dow = (new Date(`${s.date}T00:00:00Z`).getUTCDay() + 6) % 7;
    return [`${names[dow] ?? ''} ${f.date(s.date)} ${s.startTime}–${s.endTime}`, s.scheduleName, s.teacherName].filter(Boolean).join(' · ');
  };
}

/**
 * Choose a session ahead by typing (class, teacher, room or date): ↑/↓ move, Enter picks, the list
 * shows each session's free places. `onlyFree` leaves out full sessions (a make-up needs a place).
 */
export function SessionPicker(props: {
  id: string;
  sessions: ClassSession[];
  value: ClassSession | null;
  onChange: (s: ClassSession) => void;
  onlyFree?: boolean;
  exclude?: number[];
  describedBy?: string | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useSessionText();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const list = props.sessions.filter((s) => {
    if (props.exclude?.includes(s.id)) return false;
    if (props.onlyFree && s.booked >= s.capacity) return false;
    const hay = [s.date, f.date(s.date), s.startTime, s.scheduleName, s.classTypeName, s.teacherName ?? '', s.roomName ?? '', text(s)].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const at = Math.min(active, Math.max(0, list.length - 1));

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(0, Math.min(list.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      // Enter picks the session under the cursor; with one already picked it submits the dialog.
      const s = list[at];
      if (s && s.id !== props.value?.id) {
        e.preventDefault();
        e.stopPropagation();
        props.onChange(s);
      }
    }
  }

  const listId = `${props.id}-list`;
  return (
    <div className="lesson-picker">
      <input
        id={props.id}
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={list.length ? `${listId}-${at}` : undefined}
        aria-describedby={props.describedBy}
        autoComplete="off"
        data-autofocus=""
        placeholder={t('lessons.picker.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="lesson-picker__list" role="listbox" id={listId} aria-label={t('lessons.picker.label')}>
        {list.map((s, i) => {
          const free = s.capacity - s.booked;
          const chosen = props.value?.id === s.id;
          return (
            <li
              key={s.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={chosen}
              className={`lesson-picker__item${i === at ? ' lesson-picker__item--active' : ''}${chosen ? ' lesson-picker__item--chosen' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setActive(i);
                props.onChange(s);
              }}
            >
              <span className="lesson-picker__swatch" style={{ background: s.colour }} aria-hidden="true" />
              <span className="lesson-picker__text">{text(s)}</span>
              <span className={`cell-sub num-text${free <= 0 ? ' text-danger' : ''}`}>{free <= 0 ? t('lessons.picker.full') : t('lessons.picker.free', { count: free })}</span>
            </li>
          );
        })}
      </ul>
      {list.length === 0 ? <p className="muted lesson-picker__none">{t('lessons.picker.none')}</p> : null}
      <p className="field__hint">{t('lessons.picker.hint')}</p>
    </div>
  );
}
