import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Subscription } from '../../../../electron/contract';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { Segmented } from '../../../components/Segmented';
import { invoke } from '../../../lib/api';
import { ActionDialog, type Outcome } from '../ActionDialog';
import { optionalDate } from './inputs';

/** Freeze (停卡) from a date, until a resume date or open-ended; the credit for the unused days is shown first. */
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
