import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { CheckinResult } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { Banner, Page } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { invoke } from '../../lib/api';
import '../members/desk.css';
import { Attendance } from './Attendance';
import { OverrideDialog } from './OverrideDialog';
import { ResultPanel } from './ResultPanel';
import { TodayList } from './TodayList';
import { NextSteps } from '../sales/NextSteps';

/**
 * The check-in desk: one box that keeps the focus. A scanned card or a typed name, pinyin or
 * phone + Enter checks in the best match; the result is shown big (allowed / why not) with its
 * warnings. A blocked member can be let in by a manager (Ctrl+O) with a reason.
 */
export function CheckinScreen() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState('');
  const [result, setResult] = useState<CheckinResult | null>(null);
  const [overriding, setOverriding] = useState(false);
  const [tab, setTab] = useState<'today' | 'attendance'>('today');
  const [chosen, setChosen] = useState<number | null>(null);
  const box = useRef<HTMLInputElement>(null);

  const checkIn = useMutation({
    mutationFn: (input: { memberId: number } | { query: string }) => invoke('checkin.checkIn', input),
    onSuccess: (r) => {
      setResult(r);
      setChosen(null);
      void qc.invalidateQueries({ queryKey: ['checkins'] });
      void qc.invalidateQueries({ queryKey: ['members'] });
      // Ready for the next scan: the text is selected, so typing replaces it.
      requestAnimationFrame(() => box.current?.select());
    },
  });
  const { mutate } = checkIn;

  // From a member's page: "Check in" lands here with ?member=ID, once.
  const fromPage = Number(params.get('member'));
  useEffect(() => {
    if (Number.isInteger(fromPage) && fromPage > 0) {
      setParams({}, { replace: true });
      mutate({ memberId: fromPage });
    }
  }, [fromPage, mutate, setParams]);

  // The box keeps the focus: whenever focus falls back to the page (a click on nothing, a closed dialog), it returns.
  useEffect(() => {
    const refocus = () =>
      setTimeout(() => {
        if (document.activeElement === document.body && !document.querySelector('[role="dialog"]')) box.current?.focus();
      }, 0);
    document.addEventListener('focusout', refocus);
    document.addEventListener('click', refocus);
    return () => {
      document.removeEventListener('focusout', refocus);
      document.removeEventListener('click', refocus);
    };
  }, []);

  /** After a payment, a renewal or a drop-in: a drop-in already checked in (show it); otherwise try again. */
  async function afterNextStep(memberId: number, checkedIn: boolean) {
    if (!checkedIn) return mutate({ memberId });
    const now = await invoke('checkin.evaluate', { memberId });
    setResult({ ...now, outcome: 'checked_in', blocks: [] });
    void qc.invalidateQueries({ queryKey: ['checkins'] });
  }

  const candidates = result?.outcome === 'choose' ? result.candidates : [];

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && candidates.length) {
      // Several matches: the arrows pick one, Enter checks that one in.
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setChosen((c) => (c === null ? (step > 0 ? 0 : candidates.length - 1) : Math.max(0, Math.min(candidates.length - 1, c + step))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = chosen !== null ? candidates[chosen] : undefined;
      if (pick) mutate({ memberId: pick.id });
      else if (text.trim()) mutate({ query: text.trim() });
    } else if (e.key === 'Escape') {
      setText('');
      setResult(null);
    } else if (e.key.toLowerCase() === 'o' && (e.ctrlKey || e.metaKey) && result?.outcome === 'blocked') {
      e.preventDefault();
      setOverriding(true);
    }
  }

  return (
    <Page title={t('checkin.title')} subtitle={t('checkin.subtitle')}>
      <div className="checkin-box">
        <input
          ref={box}
          className="checkin-box__input"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-label={t('checkin.boxLabel')}
          placeholder={t('checkin.placeholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setChosen(null);
          }}
          onKeyDown={onKeyDown}
          aria-activedescendant={chosen !== null ? `checkin-choice-${chosen}` : undefined}
        />
        <button type="button" className="btn btn--primary checkin-box__go" disabled={!text.trim() || checkIn.isPending} onClick={() => mutate({ query: text.trim() })}>
          {t('checkin.go')}
        </button>
      </div>
      <p className="checkin-hint muted">{t('checkin.hint')}</p>
      {checkIn.isError ? <Banner kind="error">{errorText(t, checkIn.error)}</Banner> : null}
      {result ? (
        <ResultPanel
          result={result}
          query={text.trim()}
          chosen={chosen}
          onChoose={(id) => mutate({ memberId: id })}
          onOverride={() => setOverriding(true)}
          nextSteps={result.member ? <NextSteps key={result.member.id} result={result} onSettled={(sold) => afterNextStep(result.member!.id, sold)} /> : null}
        />
      ) : null}
      <div className="toolbar">
        <Segmented
          label={t('checkin.tabs.label')}
          value={tab}
          options={[
            { value: 'today', label: t('checkin.tabs.today') },
            { value: 'attendance', label: t('checkin.tabs.attendance') },
          ]}
          onChange={setTab}
        />
      </div>
      {tab === 'today' ? <TodayList /> : <Attendance />}
      {overriding && result?.member ? (
        <OverrideDialog
          result={result}
          onClose={() => setOverriding(false)}
          onDone={(r) => {
            setOverriding(false);
            setResult(r);
            void qc.invalidateQueries({ queryKey: ['checkins'] });
          }}
        />
      ) : null}
    </Page>
  );
}
