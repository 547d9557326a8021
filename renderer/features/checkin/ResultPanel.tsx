import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckinBlock, CheckinResult, CheckinWarning, DoorClass } from '../../../electron/contract';
import { useFormat } from '../../components/useFormat';
import { Badges } from '../members/Badges';
import { MemberPhoto } from '../members/photo/MemberPhoto';

type T = ReturnType<typeof useTranslation>['t'];
type F = ReturnType<typeof useFormat>;

export function blockText(t: T, f: F, b: CheckinBlock): string {
  switch (b.code) {
    case 'paused':
      return b.until ? t('checkin.block.pausedUntil', { date: f.date(b.until) }) : t('checkin.block.paused');
    case 'ended':
      return b.on ? t('checkin.block.endedOn', { date: f.date(b.on) }) : t('checkin.block.ended');
    case 'not_started':
      return t('checkin.block.notStarted', { date: f.date(b.on) });
    case 'quota_used':
      return t('checkin.block.quotaUsed', { count: b.quota });
    case 'overdue':
      return t('checkin.block.overdue', { amount: f.money(b.amount), count: b.days, limit: b.limit });
    default:
      return t(`checkin.block.${b.code}`);
  }
}

export function warningText(t: T, f: F, w: CheckinWarning): string {
  switch (w.code) {
    case 'overdue':
      return t('checkin.warn.overdue', { amount: f.money(w.amount), count: w.days });
    case 'expires':
      return w.days === 0 ? t('checkin.warn.expiresToday') : t('checkin.warn.expires', { count: w.days, date: f.date(w.on) });
    case 'sessions_left':
      return t('checkin.warn.sessionsLeft', { count: w.count });
    case 'trial':
      return t('checkin.warn.trial', { date: f.date(w.endsOn) });
  }
}

/** The class the scan met: marked present, found marked, or left for the roll call and why. */
function classText(t: T, c: DoorClass): string {
  const at = { name: c.className, time: c.startTime };
  if (c.outcome === 'marked') return t('checkin.result.classMarked', at);
  if (c.outcome === 'already') return t('checkin.result.classAlready', at);
  const key = `errors.${c.code ?? ''}`;
  const why = t(key);
  return t('checkin.result.classNotMarked', { ...at, why: why === key ? '' : why });
}

/** The big answer: allowed (green), already counted today (blue), not allowed and why (red), or which member. */
export function ResultPanel(props: { result: CheckinResult; query: string; chosen: number | null; onChoose: (id: number) => void; onOverride: () => void; nextSteps?: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const r = props.result;
  if (r.outcome === 'no_match') {
    return (
      <div className="checkin-result checkin-result--none" role="status">
        <div className="checkin-result__headline">{t('checkin.noMatch', { query: props.query })}</div>
      </div>
    );
  }
  if (r.outcome === 'choose') {
    return (
      <div className="checkin-result checkin-result--choose" role="status">
        <div className="checkin-result__headline">{t('checkin.choose', { count: r.candidates.length })}</div>
        <ul className="choices" role="listbox" aria-label={t('checkin.choose', { count: r.candidates.length })}>
          {r.candidates.map((c, i) => (
            <li key={c.id} id={`checkin-choice-${i}`} role="option" aria-selected={props.chosen === i} className={`choices__item${props.chosen === i ? ' choices__item--active' : ''}`}>
              <button type="button" className="choices__button" onClick={() => props.onChoose(c.id)}>
                <span className="cell-strong">{c.name}</span>
                <span className="muted num-text">{[c.cardNo, c.phone, c.birthday].filter(Boolean).join(' · ')}</span>
                <Badges badges={c.badges} />
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const m = r.member!;
  const kind = r.outcome === 'checked_in' || r.outcome === 'allowed' ? 'ok' : r.outcome === 'already' ? 'already' : 'blocked';
  const headline =
    kind === 'ok'
      ? r.checkin?.overrideReason
        ? t('checkin.result.overridden')
        : t('checkin.result.ok')
      : kind === 'already'
        ? t('checkin.result.already', { time: r.checkin ? f.instant(r.checkin.at) : '' })
        : t('checkin.result.blocked');
  return (
    <div className={`checkin-result checkin-result--${kind}`} role={kind === 'blocked' ? 'alert' : 'status'} aria-label={t('checkin.resultLabel')}>
      <div className="checkin-result__icon" aria-hidden="true">
        {kind === 'ok' ? '✓' : kind === 'already' ? 'i' : '✕'}
      </div>
      <div className="checkin-result__body">
        <div className="checkin-result__headline">{headline}</div>
        <div className="checkin-result__member">
          <span className="checkin-result__name">{m.name}</span>
          {m.cardNo ? <span className="muted num-text">{t('members.cardShort', { card: m.cardNo })}</span> : null}
          <Badges badges={m.badges} />
        </div>
        {r.entitlement && kind !== 'blocked' ? (
          <div className="checkin-result__plan">
            {t(
              r.entitlement.kind === 'subscription'
                ? 'checkin.result.usingPlan'
                : r.checkin?.classBookingId != null
                  ? 'checkin.result.usingPackForClass'
                  : 'checkin.result.usingPack',
              { plan: r.entitlement.planName },
            )}
            {r.visitsToday > 1 ? ` · ${t('checkin.result.visitsToday', { count: r.visitsToday })}` : ''}
          </div>
        ) : null}
        {r.classMark && kind !== 'blocked' ? (
          <div className={`checkin-result__class checkin-result__class--${r.classMark.outcome}`} data-testid="checkin-class">
            {classText(t, r.classMark)}
          </div>
        ) : null}
        {r.checkin?.overrideReason ? <div className="checkin-result__plan">{t('checkin.result.reason', { reason: r.checkin.overrideReason })}</div> : null}
        {kind === 'blocked' ? (
          <ul className="checkin-result__reasons">
            {r.blocks.map((b, i) => (
              <li key={i}>{blockText(t, f, b)}</li>
            ))}
          </ul>
        ) : null}
        {r.warnings.length ? (
          <ul className="checkin-result__warnings">
            {r.warnings.map((w, i) => (
              <li key={i}>⚠ {warningText(t, f, w)}</li>
            ))}
          </ul>
        ) : null}
        {kind === 'blocked' ? (
          <div className="checkin-result__actions">
            <button type="button" className="btn btn--danger" onClick={props.onOverride}>
              {t('checkin.override.open')} <kbd>Ctrl+O</kbd>
            </button>
          </div>
        ) : null}
        {kind === 'blocked' ? props.nextSteps : null}
      </div>
      <MemberPhoto key={m.id} memberId={m.id} name={m.name} size="checkin" />
    </div>
  );
}
