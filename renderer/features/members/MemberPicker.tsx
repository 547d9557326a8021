import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../electron/contract';
import { invoke } from '../../lib/api';
import { Badges } from './Badges';

export interface Picked {
  id: number;
  name: string;
}

/**
 * Choose a member by typing (name, pinyin, phone or card): ↑/↓ and Enter pick, Escape clears
 * the list. Used for the payer of a member and for the other record of a merge.
 */
export function MemberPicker(props: {
  id: string;
  value: Picked | null;
  onChange: (m: Picked | null) => void;
  exclude?: number[];
  describedBy?: string | undefined;
  invalid?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const hits = useQuery({
    queryKey: ['members', 'search', text.trim(), 8],
    queryFn: () => invoke('members.search', { query: text.trim(), limit: 8 }),
    enabled: text.trim() !== '' && !props.value,
    placeholderData: keepPreviousData,
  });
  const list: SearchHit[] = text.trim() ? (hits.data ?? []).filter((h) => !props.exclude?.includes(h.id)) : [];

  if (props.value) {
    return (
      <div className="picked">
        <span className="cell-strong">{props.value.name}</span>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            props.onChange(null);
            setText('');
          }}
        >
          {t('members.picker.change')}
        </button>
      </div>
    );
  }

  function pick(h: SearchHit) {
    props.onChange({ id: h.id, name: h.name });
    setText('');
    setActive(0);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (!list.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, Math.min(list.length - 1, a + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      // Enter picks; it must not submit the dialog around the picker.
      e.preventDefault();
      e.stopPropagation();
      pick(list[Math.min(active, list.length - 1)]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setText('');
    }
  }

  const listId = `${props.id}-list`;
  return (
    <div className="picker">
      <input
        id={props.id}
        role="combobox"
        aria-expanded={list.length > 0}
        aria-controls={listId}
        aria-activedescendant={list.length ? `${listId}-${active}` : undefined}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
        autoComplete="off"
        placeholder={t('members.picker.placeholder')}
        value={text}
        autoFocus={props.autoFocus}
        data-autofocus={props.autoFocus ? '' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {list.length ? (
        <ul className="picker__list" role="listbox" id={listId}>
          {list.map((h, i) => (
            <li
              key={h.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`picker__item${i === active ? ' picker__item--active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(h)}
            >
              <span className="cell-strong">{h.name}</span>
              <span className="cell-sub num-text">{[h.cardNo, h.phone].filter(Boolean).join(' · ')}</span>
              <Badges badges={h.badges} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
