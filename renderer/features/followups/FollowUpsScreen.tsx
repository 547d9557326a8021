import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { RenewalItem, RenewalOutcome } from '../../../electron/contract/followup';
import { errorText, fieldErrorText } from '../../app/errors';
import { Field } from '../../components/Field';
import { Banner, Card, Page } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { StatusBadge } from '../../components/StatusBadge';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { FollowUpTab } from '../payments/FollowUpTab';
import { CancelReasonField, useCancelReasons } from './CancelReasonField';

type Tab = 'renewals' | 'overdue';
const OUTCOMES: RenewalOutcome[] = ['reached', 'no_answer', 'will_renew', 'renewed', 'not_interested'];
const keyOf = (i: RenewalItem) => `${i.memberId}:${i.reason}`;

/** The desk's follow-up (回访) screen: today's renewal and care list, and the overdue-money list. */
export function FollowUpsScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'overdue' ? 'overdue' : 'renewals';
  return (
    <Page title={t('followups.title')} subtitle={t('followups.subtitle')}>
      <div>
        <Segmented
          label={t('followups.tabs.label')}
          value={tab}
          options={(['renewals', 'overdue'] as const).map((v) => ({ value: v, label: t(`followups.tabs.${v}`) }))}
          onChange={(v) => setParams(v === 'renewals' ? {} : { tab: v }, { replace: true })}
        />
      </div>
      {tab === 'renewals' ? <RenewalsTab /> : <FollowUpTab />}
    </Page>
  );
}

/** The words of one item in the clerk's language: why, what to say, what to send. */
export function useItemText() {
  const { t } = useTranslation();
  const f = useFormat();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
  const business = settings.data?.businessName ?? '';
  return useMemo(() => {
    const when = (days: number, ahead: boolean) =>
      days === 0 ? t('followups.when.today') : ahead && days > 0 ? t('followups.when.in', { count: days }) : t('followups.when.ago', { count: Math.abs(days) });
    const values = (i: RenewalItem) => ({
      name: i.memberName,
      business,
      plan: i.planName ?? '',
      date: i.date ?? '',
      days: i.days,
      sessions: i.sessionsLeft ?? 0,
      amount: i.amount === null ? '' : f.money(i.amount),
      when: when(i.days, !['no_visit', 'new_member', 'overdue'].includes(i.reason)),
    });
    const variant = (i: RenewalItem) => (i.reason === 'no_visit' && i.date === null ? 'no_visit_never' : i.reason);
    return {
      why: (i: RenewalItem) => t(`followups.why.${variant(i)}`, values(i)),
      script: (i: RenewalItem) => t(`followups.script.${i.reason}`, values(i)),
      message: (i: RenewalItem) => t(`followups.message.${variant(i)}`, values(i)),
    };
  }, [t, f, business]);
}

function RenewalsTab() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['renewals', 'today'], queryFn: () => invoke('renewals.today', {}) });
  const text = useItemText();
  const items = list.data?.items ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const current = items.find((i) => keyOf(i) === selected) ?? items.find((i) => i.done === null) ?? items[0] ?? null;
  const listRef = useRef<HTMLUListElement>(null);
  const open = items.filter((i) => i.done === null).length;

  // ↑/↓ move through the list, as in any list box.
  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!step || !current) return;
    e.preventDefault();
    const at = items.findIndex((i) => keyOf(i) === keyOf(current));
    const next = items[Math.min(items.length - 1, Math.max(0, at + step))]!;
    setSelected(keyOf(next));
    listRef.current?.querySelector<HTMLElement>(`[data-key="${keyOf(next)}"]`)?.focus();
  }

  if (list.error) return <Banner kind="error">{errorText(t, list.error)}</Banner>;
  return (
    <div className="followups">
      <Card className="followups__list card--flush">
        <div className="followups__count muted">{t('followups.count', { open, done: items.length - open })}</div>
        {items.length === 0 && list.data ? <div className="empty-state">{t('followups.empty')}</div> : null}
        <ul ref={listRef} role="listbox" aria-label={t('followups.listLabel')} onKeyDown={onKeyDown}>
          {items.map((i) => {
            const on = current !== null && keyOf(i) === keyOf(current);
            return (
              <li
                key={keyOf(i)}
                data-key={keyOf(i)}
                role="option"
                aria-selected={on}
                tabIndex={on ? 0 : -1}
                className={`followups__item${on ? ' is-selected' : ''}${i.done ? ' is-done' : ''}`}
                onClick={() => setSelected(keyOf(i))}
              >
                <div className="followups__line">
                  <span className="cell-strong">{i.memberName}</span>
                  {i.done ? <StatusBadge tone="green">{t('followups.done', { outcome: t(`followups.outcome.${i.done.outcome}`) })}</StatusBadge> : <StatusBadge tone="blue">{t(`followups.reason.${i.reason}`)}</StatusBadge>}
                </div>
                <div className="cell-sub">{text.why(i)}</div>
              </li>
            );
          })}
        </ul>
      </Card>
      {current ? <ItemPanel key={keyOf(current)} item={current} /> : <Card className="followups__panel">{list.data ? t('followups.pick') : null}</Card>}
    </div>
  );
}

function ItemPanel(props: { item: RenewalItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const text = useItemText();
  const i = props.item;
  const reasons = useCancelReasons();
  const [outcome, setOutcome] = useState<RenewalOutcome>('reached');
  const [lostReason, setLostReason] = useState('');
  const [satisfaction, setSatisfaction] = useState('');
  const [comment, setComment] = useState('');
  const message = text.message(i);
  // The first reason is picked until the clerk picks another.
  const pickedReason = lostReason || reasons[0] || '';
  const history = useQuery({ queryKey: ['renewals', 'history', i.memberId], queryFn: () => invoke('renewals.history', { memberId: i.memberId }) });
  const save = useMutation({
    mutationFn: () =>
      invoke('renewals.record', {
        memberId: i.memberId,
        reason: i.reason,
        outcome,
        comment,
        ...(outcome === 'not_interested' ? { lostReason: pickedReason } : {}),
        ...(satisfaction ? { satisfaction: Number(satisfaction) } : {}),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['renewals'] });
      toast.success(t('followups.saved'));
    },
  });
  const issues = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const fieldError = (field: string) => fieldErrorText(t, issues[field]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(message);
      toast.success(t('followups.copied'));
    } catch {
      toast.error(t('followups.copyFailed'));
    }
  }

  return (
    <Card className="followups__panel">
      <div className="followups__head">
        <h2 className="card__title">{i.memberName}</h2>
        <span className="num-text muted">{t('followups.phone', { phone: i.phone || '—' })}</span>
      </div>
      <p className="followups__why">
        <StatusBadge tone="blue">{t(`followups.reason.${i.reason}`)}</StatusBadge> {text.why(i)}
      </p>
      <h3 className="followups__sub">{t('followups.scriptTitle')}</h3>
      <p className="followups__script">{text.script(i)}</p>
      <h3 className="followups__sub">{t('followups.messageTitle')}</h3>
      <div className="followups__message">
        <p data-testid="followup-message">{message}</p>
        <button type="button" className="btn btn--small" onClick={() => void copy()}>
          {t('followups.copy')}
        </button>
      </div>
      <form
        className="followups__form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Segmented label={t('followups.outcomeTitle')} value={outcome} options={OUTCOMES.map((o) => ({ value: o, label: t(`followups.outcome.${o}`) }))} onChange={setOutcome} />
        <div className="followups__fields">
          {outcome === 'not_interested' ? (
            <CancelReasonField label={t('followups.lostReason')} value={pickedReason} onChange={setLostReason} error={fieldError('lostReason')} />
          ) : null}
          <Field label={t('followups.satisfaction')} error={fieldError('satisfaction')}>
            {(id) => (
              <select id={id} value={satisfaction} onChange={(e) => setSatisfaction(e.target.value)}>
                <option value="">{t('followups.satisfactionNone')}</option>
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={String(n)}>
                    {'★'.repeat(n)} {t('followups.stars', { count: n })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('followups.comment')} error={fieldError('comment')}>
            {(id) => <input id={id} value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {t('followups.save')}
          </button>
        </div>
        {save.error && !(save.error instanceof ApiError && save.error.code === 'VALIDATION') ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      </form>
      <h3 className="followups__sub">{t('followups.historyTitle')}</h3>
      <ul className="followups__history">
        {(history.data ?? []).length === 0 ? <li className="muted">{t('followups.historyEmpty')}</li> : null}
        {(history.data ?? []).slice(0, 5).map((h) => (
          <li key={h.id}>
            {t('followups.historyLine', { when: f.instant(h.at), reason: t(`followups.reason.${h.reason}`), outcome: t(`followups.outcome.${h.outcome}`), staff: h.staffName || '—' })}
            {h.lostReason ? ` · ${h.lostReason}` : ''}
            {h.satisfaction ? ` · ${'★'.repeat(h.satisfaction)}` : ''}
            {h.comment ? ` · ${h.comment}` : ''}
          </li>
        ))}
      </ul>
    </Card>
  );
}
