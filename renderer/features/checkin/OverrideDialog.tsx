import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckinResult } from '../../../electron/contract';
import { errorText, fieldErrorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { useCanCall } from '../staff/useCanCall';
import { blockText } from './ResultPanel';

/** A manager lets a blocked member in; the reason is required and kept in the audit log. */
export function OverrideDialog(props: { result: CheckinResult; onClose: () => void; onDone: (r: CheckinResult) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [reason, setReason] = useState('');
  const member = props.result.member!;
  const manager = useCanCall('checkin.override');
  const save = useMutation({ mutationFn: () => invoke('checkin.override', { memberId: member.id, reason }), onSuccess: props.onDone });
  const fieldErr = save.error instanceof ApiError ? save.error.fieldErrors()['reason'] : undefined;
  return (
    <Dialog
      title={t('checkin.override.title', { name: member.name })}
      onClose={props.onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('checkin.override.confirm')}
      busy={save.isPending}
      danger
      size="small"
    >
      {manager ? null : <Banner kind="info">{t('checkin.override.needManager')}</Banner>}
      <p className="dialog__note">{t('checkin.override.explain')}</p>
      <ul className="checkin-result__reasons">
        {props.result.blocks.map((b, i) => (
          <li key={i}>{blockText(t, f, b)}</li>
        ))}
      </ul>
      {save.isError && !fieldErr ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      <Field label={t('checkin.override.reason')} error={fieldErrorText(t, fieldErr)}>
        {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-autofocus="" />}
      </Field>
    </Dialog>
  );
}
