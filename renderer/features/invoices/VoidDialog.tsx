import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceDetail } from '../../../electron/contract';
import { errorText, fieldErrorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { MONEY_KEYS } from '../payments/money';

/**
 * Void an invoice (manager, with a reason). One nothing has settled is voided as it is; one that
 * payments or bonus credit settled is voided with that money moved to the payer's account credit
 * (one transaction); one with a credit note cannot be voided.
 */
export function VoidDialog(props: { invoice: InvoiceDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const inv = props.invoice;
  const blocked = inv.creditNotes.length > 0;
  const release = inv.settled > 0;
  const save = useMutation({
    mutationFn: async () =>
      release ? (await invoke('payments.releaseAndVoid', { invoiceId: inv.id, reason })).invoice : invoke('invoices.void', { id: inv.id, reason }),
    onSuccess: () => {
      for (const key of MONEY_KEYS) void qc.invalidateQueries({ queryKey: [...key] });
      toast.success(t('invoices.void.done', { number: inv.number }));
      props.onClose();
    },
  });
  const issues = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  return (
    <Dialog
      title={t('invoices.void.title', { number: inv.number })}
      onClose={props.onClose}
      onSubmit={() => !blocked && save.mutate()}
      submitLabel={t('invoices.void.submit')}
      danger
      busy={save.isPending}
    >
      {save.error && !issues['reason'] ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      {blocked ? <Banner kind="warning">{t('invoices.void.creditNoted')}</Banner> : null}
      <p className="dialog__note">{t('invoices.void.explain')}</p>
      {release && !blocked ? <Banner kind="warning">{t('invoices.void.settled', { amount: f.money(inv.settled) })}</Banner> : null}
      <Field label={t('invoices.void.reason')} error={fieldErrorText(t, issues['reason'])}>
        {(id, d) => <input id={id} aria-describedby={d} value={reason} disabled={blocked} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </Dialog>
  );
}
