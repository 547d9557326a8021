import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FreezePreview, Subscription } from '../../../../electron/contract';
import { useFormat } from '../../../components/useFormat';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { Segmented } from '../../../components/Segmented';
import { invoke } from '../../../lib/api';
import { ActionDialog, type Outcome } from '../ActionDialog';
import { optionalDate } from './inputs';

type PauseInput = { id: number; effectiveDate: string | undefined; resumeDate: string | null };

/**
 * What the freeze does to the card, in the clerk's words: the new end or renewal date, the days
 * frozen, the year's allowance used and left, the fee. Refusals show in the preview beside it.
 */
function FreezeSummary(props: { input: PauseInput }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({
    queryKey: ['freezePreview', props.input],
    queryFn: () => invoke('subscriptions.freezePreview', props.input),
    retry: false,
    gcTime: 0,
  });
  const p: FreezePreview | undefined = q.data;
  if (!p) return null;
  const moved = p.endsOn ?? p.nextBillDate;
  const headline =
    p.mode === 'credit'
      ? t('members.pause.summary.credit', p.resumeDate ? { date: f.date(p.resumeDate) } : { date: '—' })
      : moved
        ? t(p.endsOn ? 'members.pause.summary.endsOn' : 'members.pause.summary.runsTo', { date: f.date(moved) })
        : t('members.pause.summary.movesOnResume');
  return (
    <div className="freeze-summary" data-testid="freeze-summary">
      <p className="freeze-summary__headline">
        <strong>{headline}</strong>
      </p>
      <ul className="freeze-summary__facts">
        {p.frozenDays !== null ? <li>{t('members.pause.summary.frozen', { count: p.frozenDays })}</li> : null}
        <li>
          {p.daysLeft === null
            ? t('members.pause.summary.unlimited')
            : t('members.pause.summary.allowance', {
                year: p.year,
                used: p.usedDays,
                allowed: (p.allowanceDays ?? 0) + p.grantedDays,
                left: p.daysLeft,
              })}
          {p.grantedDays > 0 ? ` ${t('members.pause.summary.granted', { count: p.grantedDays })}` : ''}
        </li>
        <li>{p.freezeFee > 0 ? t('members.pause.summary.fee', { fee: f.money(p.freezeFee) }) : t('members.pause.summary.noFee')}</li>
      </ul>
    </div>
  );
}

/** Freeze (停卡) from a date, until a resume date or open-ended; what it does to the card is shown first. */
export function PauseDialog(props: { sub: Subscription; onClose: () => void; onDone: (r: Outcome) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [mode, setMode] = useState<'until' | 'open'>('until');
  const [until, setUntil] = useState('');
  const input = mode === 'until' && until.trim() === '' ? null : { id: props.sub.id, effectiveDate: optionalDate(from), resumeDate: mode === 'open' ? null : (optionalDate(until) ?? null) };
  return (
    <ActionDialog
      title={t('members.pause.title', { plan: props.sub.planName })}
      confirmLabel={t('members.pause.confirm')}
      input={input}
      previewKey="pause"
      run={(i, dryRun) => invoke('subscriptions.pause', { ...i, dryRun })}
      onClose={props.onClose}
      onDone={props.onDone}
      doneMessage={t('members.pause.done')}
      nothing={t('members.pause.nothing')}
      summary={input ? <FreezeSummary input={input} /> : null}
    >
      {(err) => (
        <>
          <Field label={t('members.pause.from')} error={err('effectiveDate')} hint={t('members.pause.fromHint')}>
            {(id, d) => <DateInput id={id} describedBy={d} value={from} onChange={setFrom} />}
          </Field>
          <div className="field">
            <span className="field__label">{t('members.pause.length')}</span>
            <Segmented
              label={t('members.pause.length')}
              value={mode}
              options={[
                { value: 'until', label: t('members.pause.untilDate') },
                { value: 'open', label: t('members.pause.openEnded') },
              ]}
              onChange={setMode}
            />
          </div>
          {mode === 'until' ? (
            <Field label={t('members.pause.resumeOn')} error={err('resumeDate')} hint={t('members.pause.resumeHint')}>
              {(id, d) => <DateInput id={id} describedBy={d} value={until} onChange={setUntil} />}
            </Field>
          ) : (
            <p className="dialog__note">{t('members.pause.openHint')}</p>
          )}
        </>
      )}
    </ActionDialog>
  );
}
