import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { Dialog } from '../../components/Dialog';
import { invoke } from '../../lib/api';
import { Badges } from './Badges';
import './desk.css';

/** Ctrl+K or F2: find a member from anywhere. F3: the check-in desk. */
export function isFindShortcut(e: globalThis.KeyboardEvent): boolean {
  return e.key === 'F2' || ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k');
}

/**
 * The sidebar's "Find member" button and the global shortcuts. The finder is a small dialog:
 * type a name, pinyin, phone or card; ↑/↓ and Enter open the member's page.
 */
export function QuickFind() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if (isFindShortcut(e)) {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === 'F3') {
        e.preventDefault();
        setOpen(false);
        navigate('/checkin');
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <>
      <button type="button" className="quickfind-button" onClick={() => setOpen(true)} aria-keyshortcuts="Control+K F2">
        <span aria-hidden="true">⌕</span>
        <span className="quickfind-button__label">{t('members.quick.button')}</span>
        <kbd>Ctrl+K</kbd>
      </button>
      <div className="quickfind-keys" aria-hidden="true">
        <span>
          <kbd>F2</kbd> {t('members.quick.find')}
        </span>
        <span>
          <kbd>F3</kbd> {t('members.quick.checkin')}
        </span>
      </div>
      {open ? (
        <FindDialog
          onClose={() => setOpen(false)}
          onOpen={(id) => {
            setOpen(false);
            navigate(`/members?member=${id}`);
          }}
        />
      ) : null}
    </>
  );
}

function FindDialog(props: { onClose: () => void; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const hits = useQuery({
    queryKey: ['members', 'search', text.trim(), 10],
    queryFn: () => invoke('members.search', { query: text.trim(), limit: 10 }),
    enabled: text.trim() !== '',
    placeholderData: keepPreviousData,
  });
  const list = text.trim() ? (hits.data ?? []) : [];

  async function openBest() {
    const pick = list[active];
    if (pick && active > 0) return props.onOpen(pick.id);
    // Enter right after a scan: ask with exactly what is in the box.
    const best = text.trim() ? await invoke('members.search', { query: text.trim(), limit: 1 }) : [];
    if (best[0]) props.onOpen(best[0].id);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, Math.min(list.length - 1, a + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void openBest();
    }
  }

  return (
    <Dialog title={t('members.quick.title')} onClose={props.onClose} size="medium">
      <input
        className="quickfind-input"
        role="combobox"
        aria-expanded={list.length > 0}
        aria-controls="quickfind-list"
        aria-activedescendant={list.length ? `quickfind-${active}` : undefined}
        aria-label={t('members.search.label')}
        placeholder={t('members.search.placeholder')}
        autoComplete="off"
        spellCheck={false}
        data-autofocus=""
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="quickfind-list" role="listbox" className="quickfind-list" aria-label={t('members.quick.results')}>
        {list.map((h, i) => (
          <li
            key={h.id}
            id={`quickfind-${i}`}
            role="option"
            aria-selected={i === active}
            className={`picker__item${i === active ? ' picker__item--active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => props.onOpen(h.id)}
          >
            <span className="cell-strong">{h.name}</span>
            <span className="cell-sub num-text">{[h.cardNo, h.phone].filter(Boolean).join(' · ')}</span>
            <Badges badges={h.badges} />
          </li>
        ))}
        {text.trim() && hits.data && list.length === 0 ? <li className="empty-state">{t('members.search.none', { query: text.trim() })}</li> : null}
      </ul>
      <p className="dialog__note quickfind-note">{t('members.quick.note')}</p>
    </Dialog>
  );
}
