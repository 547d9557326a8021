import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../lib/api';
import { AUTH_KEY, useAuth } from './useAuth';

/** Sidebar: who is signed in, with Lock and Switch user (the quick switch at the desk). */
export function SessionBadge() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const staff = useAuth().data?.staff;
  if (!staff) return null;
  const act = (channel: 'auth.lock' | 'auth.signOut') => async () => {
    const status = await invoke(channel, {});
    // The person's screen stays mounted under the lock (renderer/app/Desk.tsx); the next sign-in refreshes its data.
    qc.setQueryData(AUTH_KEY, status);
  };
  return (
    <div className="session" aria-label={t('staff.session.signedInAs')}>
      <div className="session__who">
        <span className="session__avatar" aria-hidden="true">
          {staff.name.slice(0, 1).toUpperCase()}
        </span>
        <div className="session__text">
          <div className="session__name">{staff.name}</div>
          <div className="session__role">{t(`staff.roles.${staff.role}`)}</div>
        </div>
      </div>
      <div className="session__buttons">
        <button type="button" className="btn btn--small" onClick={act('auth.lock')}>
          {t('staff.session.lock')}
        </button>
        <button type="button" className="btn btn--small" onClick={act('auth.signOut')}>
          {t('staff.session.switchUser')}
        </button>
      </div>
    </div>
  );
}
