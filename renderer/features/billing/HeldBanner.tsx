import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { Banner } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { invoke, onEvent } from '../../lib/api';
import { useCanCall } from '../staff/useCanCall';

/**
 * A catch-up held for the owner (the PC clock jumped ahead?): the dates and the invoice count,
 * and for the owner a Confirm button. Shown while the latest run is the hold.
 */
export function HeldBanner() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const isOwner = useCanCall('billing.confirmCatchUp');
  const runs = useQuery({ queryKey: ['billing', 'runs', 'latest'], queryFn: () => invoke('billing.runs', { limit: 1 }) });
  useEffect(() => onEvent('billing.runCompleted', () => void qc.invalidateQueries({ queryKey: ['billing'] })), [qc]);
  const confirm = useMutation({
    mutationFn: (asOf: string) => invoke('billing.confirmCatchUp', { asOf }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['billing'] }),
  });
  const held = runs.data?.[0];
  if (held?.status !== 'held' || !held.held) return null;
  const values = { last: f.date(held.held.lastAsOf), today: f.date(held.asOf), count: held.held.wouldCreate };
  return (
    <div className="banner banner--warning outcome" role="alert" data-testid="catch-up-held">
      <strong className="outcome__title">{t('billing.held.title')}</strong>
      <span>{t('billing.held.body', values)}</span>
      {isOwner ? (
        <button type="button" className="btn btn--primary" data-channel="billing.confirmCatchUp" disabled={confirm.isPending} onClick={() => confirm.mutate(held.asOf)}>
          {t('billing.held.confirm', values)}
        </button>
      ) : (
        <span className="muted">{t('billing.held.ownerOnly')}</span>
      )}
      {confirm.error ? <Banner kind="error">{errorText(t, confirm.error)}</Banner> : null}
    </div>
  );
}
