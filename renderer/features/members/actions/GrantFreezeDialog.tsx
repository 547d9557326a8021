import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Subscription } from '../../../../electron/contract';
import { errorText, fieldErrorText } from '../../../app/errors';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { Banner } from '../../../components/Page';
import { toast } from '../../../components/Toast';
import { ApiError, invoke } from '../../../lib/api';

/** Days as typed; empty or not a number goes as NaN so the host's schema names the field. */
function daysOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

/** This year's freeze allowance of the card: allowed (with grants), used, left. */
function Allowance(props: { subId: number }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['freezePreview', 'allowance', props.subId],
    queryFn: () => invoke('subscriptions.freezePreview', { id: props.subId, resumeDate: null }),
    retry: false,
  });
  const p = q.data;
  if (!p) return null;
  // The preview's daysLeft is what is left after the proposed freeze; here nothing is proposed.
  const allowed = (p.allowanceDays ?? 0) + p.grantedDays;
  return (
    <p className="dialog__note" data-testid="grant-allowance">
      {p.daysLeft === null
        ? t('members.grantFreeze.unlimited')
        : t('members.grantFreeze.allowance', { year: p.year, allowed, granted: p.grantedDays, used: p.usedDays, left: Math.max(0, allowed - p.usedDays) })}
    </p>
  );
}

/**
 * A manager or the owner gives one member extra freeze days for this year, with a reason
 * (audited by the host). The card's allowance is shown first; the freeze dialog reads it again after.
 */
export function GrantFreezeDialog(props: { sub: Subscription; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () => invoke('subscriptions.grantFreezeDays', { memberId: props.sub.memberId, days: daysOf(days), reason }),
    onSuccess: (g) => {
      void qc.invalidateQueries({ queryKey: ['freezePreview'] });
      void qc.invalidateQueries({ queryKey: ['members'] });
      toast.success(t('members.grantFreeze.done', { count: g.days }));
      props.onClose();
    },
  });
  const issues = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const fieldError = issues['days'] ?? issues['reason'];
  return (
    <Dialog
      title={t('members.grantFreeze.title', { name: props.sub.memberName })}
      onClose={props.onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('members.grantFreeze.submit')}
      busy={save.isPending}
    >
      {save.error && !fieldError ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      <p className="dialog__note">{t('members.grantFreeze.explain')}</p>
      <Allowance subId={props.sub.id} />
      <Field label={t('members.grantFreeze.days')} hint={t('members.grantFreeze.daysHint')} error={fieldErrorText(t, issues['days'])}>
        {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />}
      </Field>
      <Field label={t('members.grantFreeze.reason')} hint={t('members.grantFreeze.reasonHint')} error={fieldErrorText(t, issues['reason'])}>
        {(id, d) => <input id={id} aria-describedby={d} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </Dialog>
  );
}
