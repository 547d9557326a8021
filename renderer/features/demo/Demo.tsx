import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { Banner } from '../../components/Page';
import { invoke } from '../../lib/api';

/** The sample-data status query (app.start seeds it). */
export const DEMO_KEY = ['demo.status'] as const;

/**
 * On the first-start set-up: open the sample business instead. The app then switches to the
 * sample data folder and reloads (electron/host/demo/switch.ts); it stays here until it does.
 */
export function DemoOffer() {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: DEMO_KEY, queryFn: () => invoke('demo.status', {}) });
  const open = useMutation({ mutationFn: () => invoke('demo.open', {}) });
  if (!status.data?.offered) return null;
  return (
    <section className="demo-offer" aria-label={t('demo.offerTitle')}>
      <h2>{t('demo.offerTitle')}</h2>
      <p className="muted">{t('demo.offer')}</p>
      {open.isError ? <Banner kind="error">{errorText(t, open.error)}</Banner> : null}
      {open.isSuccess ? (
        <p className="demo-offer__wait" role="status">
          {t('demo.preparing')}
        </p>
      ) : (
        <button type="button" className="btn btn--block" onClick={() => open.mutate()} disabled={open.isPending}>
          {t('demo.open')}
        </button>
      )}
    </section>
  );
}

/** Above everything while the sample business is open: what it is, how to sign in, the way back. */
export function DemoBanner() {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: DEMO_KEY, queryFn: () => invoke('demo.status', {}) });
  const exit = useMutation({ mutationFn: () => invoke('demo.exit', {}) });
  if (!status.data?.active) return null;
  const owner = status.data.owner;
  return (
    <div className="demo-banner" role="status">
      <span>
        <strong>{t('demo.banner')}</strong> {owner ? t('demo.pinHint', { name: owner.name, pin: owner.pin }) : null}
      </span>
      <button type="button" className="btn btn--small" onClick={() => exit.mutate()} disabled={exit.isPending || exit.isSuccess}>
        {t('demo.exit')}
      </button>
    </div>
  );
}
