import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Subscription } from '../../../../electron/contract';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { invoke } from '../../../lib/api';
import { ActionDialog, type Outcome } from '../ActionDialog';
import { optionalDate } from './inputs';

/** Resume a freeze on a date (default today): the prorated invoice to the next billing date is shown first. */
export function ResumeDialog(props: { sub: Subscription; onClose: () => void; onDone: (r: Outcome) => void }) {
  const { t } = useTranslation();
  const [on, setOn] = useState('');
  return (
    <ActionDialog
      title={t('members.resume.title', { plan: props.sub.planName })}
      confirmLabel={t('members.resume.confirm')}
      input={{ id: props.sub.id, effectiveDate: optionalDate(on) }}
      previewKey="resume"
      run={(i, dryRun) => invoke('subscriptions.resume', { ...i, dryRun })}
      onClose={props.onClose}
      onDone={props.onDone}
      doneMessage={t('members.resume.done')}
    >
      {(err) => (
        <Field label={t('members.resume.on')} error={err('effectiveDate')} hint={t('members.resume.onHint')}>
          {(id, d) => <DateInput id={id} describedBy={d} value={on} onChange={setOn} />}
        </Field>
      )}
    </ActionDialog>
  );
}
