import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Subscription } from '../../../../electron/contract';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { Segmented } from '../../../components/Segmented';
import { invoke } from '../../../lib/api';
import { CancelReasonField, useCancelReasons } from '../../followups/CancelReasonField';
import { methodLabel, useMethods } from '../../payments/money';
import { ActionDialog, type Outcome } from '../ActionDialog';
import { optionalDate } from './inputs';

/** Cancel at the period end (default) or now, with the unused days refunded or kept as credit; the credit note is shown first. */
export function CancelDialog(props: { sub: Subscription; onClose: () => void; onDone: (r: Outcome) => void }) {
  const { t } = useTranslation();
  const methods = useMethods();
  const [mode, setMode] = useState<'period_end' | 'now'>('period_end');
  const [from, setFrom] = useState('');
  const [settlement, setSettlement] = useState<'credit' | 'refund'>('credit');
  const [method, setMethod] = useState('cash');
  // The owner's list of reasons; the last one (Other / 其他) is picked until the clerk picks another.
  const reasons = useCancelReasons();
  const [picked, setPicked] = useState('');
  const reason = picked || reasons.at(-1) || undefined;
  const base = { id: props.sub.id, mode, ...(reason ? { reason } : {}) };
  const input =
    mode === 'period_end' ? base : { ...base, effectiveDate: optionalDate(from), settlement, ...(settlement === 'refund' ? { refundMethod: method } : {}) };
  return (
    <ActionDialog
      title={t('members.cancel.title', { plan: props.sub.planName })}
      confirmLabel={t('members.cancel.confirm')}
      dismissLabel={t('members.cancel.keep')}
      danger
      input={input}
      previewKey="cancel"
      run={(i, dryRun) => invoke('subscriptions.cancel', { ...i, dryRun })}
      onClose={props.onClose}
      onDone={props.onDone}
      doneMessage={t('members.cancel.done')}
      nothing={mode === 'period_end' && props.sub.nextBillDate ? t('members.cancel.atEndNothing', { date: props.sub.nextBillDate }) : t('members.preview.nothing')}
    >
      {(err) => (
        <>
          <CancelReasonField label={t('members.cancel.reason')} value={reason ?? ''} onChange={setPicked} error={err('reason')} />
          <div className="field">
            <span className="field__label">{t('members.cancel.when')}</span>
            <Segmented
              label={t('members.cancel.when')}
              value={mode}
              options={[
                { value: 'period_end', label: t('members.cancel.atEnd') },
                { value: 'now', label: t('members.cancel.now') },
              ]}
              onChange={setMode}
            />
          </div>
          {mode === 'now' ? (
            <>
              <Field label={t('members.cancel.from')} error={err('effectiveDate')} hint={t('members.cancel.fromHint')}>
                {(id, d) => <DateInput id={id} describedBy={d} value={from} onChange={setFrom} />}
              </Field>
              <div className="field">
                <span className="field__label">{t('members.cancel.unused')}</span>
                <Segmented
                  label={t('members.cancel.unused')}
                  value={settlement}
                  options={[
                    { value: 'credit', label: t('members.cancel.keepCredit') },
                    { value: 'refund', label: t('members.cancel.refund') },
                  ]}
                  onChange={setSettlement}
                />
              </div>
              {settlement === 'refund' ? (
                <Field label={t('members.cancel.refundMethod')} error={err('refundMethod')}>
                  {(id, d) => (
                    <select id={id} aria-describedby={d} value={method} onChange={(e) => setMethod(e.target.value)}>
                      {(methods.data ?? []).map((m) => (
                        <option key={m.code} value={m.code}>
                          {methodLabel(t, m.code, methods.data)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ) : null}
            </>
          ) : (
            <p className="dialog__note">{t('members.cancel.atEndHint')}</p>
          )}
        </>
      )}
    </ActionDialog>
  );
}
