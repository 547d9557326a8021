import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Page';
import { invoke } from '../../lib/api';

/** On a connected desk: a plain line when the main desk cannot be reached, and how many check-ins wait. */
export function LinkBanner() {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: ['site', 'status'], queryFn: () => invoke('site.status', {}), refetchInterval: 3000 });
  const link = status.data?.link;
  if (!link || (link.state === 'connected' && link.queued === 0)) return null;
  return (
    <Banner kind="warning">
      {link.state === 'connected' ? null : t('site.link.unreachable')} {link.queued ? t('site.link.queued', { count: link.queued }) : null}
    </Banner>
  );
}
