import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import type { Locale } from '../../electron/contract';
import type { Role } from '../../electron/contract/define';
import { invoke } from '../lib/api';
import { routes } from './routes';
import { LaterFallback } from './later';
import { allows } from '../../shared/access';
import { SessionBadge } from '../features/staff/SessionBadge';
import { useAccess, useCanCall } from '../features/staff/useCanCall';
import { QuickFind } from '../features/members/QuickFind';
import { HeldBanner } from '../features/billing/HeldBanner';

/** One person's screen: `role` is theirs (a kept screen keeps its routes while someone else is signed in). */
export function Shell({ role }: { role: Role }) {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
  // Screens the role may not use are not shown (nor routable); the host refuses their channels regardless.
  // A screen tied to a channel waits for the host's answer (useCanCall's): until then it is routable but not listed.
  const access = useAccess();
  const routable = routes.filter((r) => allows(role, r.access ?? 'desk') && (!r.channel || !access || access.has(r.channel)));
  const visible = routable.filter((r) => !r.channel || access?.has(r.channel));
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('app.name')}>
        <div className="sidebar__brand">
          <span className="sidebar__logo" aria-hidden="true">
            S
          </span>
          <div>
            <div className="sidebar__app">{t('app.name')}</div>
            <div className="sidebar__business">{settings.data?.businessName}</div>
          </div>
        </div>
        <QuickFind />
        <ul className="sidebar__nav">
          {visible.map((r) => (
            <li key={r.path}>
              <NavLink to={r.path} className={({ isActive }) => `navlink${isActive ? ' navlink--active' : ''}`}>
                <span className="navlink__icon" aria-hidden="true">
                  {r.icon}
                </span>
                {t(r.label)}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="sidebar__footer">
          <SessionBadge />
          <LanguageSwitch />
        </div>
      </nav>
      <main className="content">
        <ShellHeld />
        <Suspense fallback={<LaterFallback />}>
          <Routes>
            {routable.map((r) => (
              <Route key={r.path} path={r.path} element={r.channel && !access ? <p className="muted">{t('common.loading')}</p> : <r.component />} />
            ))}
            {visible[0] ? <Route path="*" element={<Navigate to={visible[0].path} replace />} /> : null}
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const setLocale = useMutation({
    mutationFn: (locale: Locale) => invoke('settings.setLocale', { locale }),
    onSuccess: (next) => {
      qc.setQueryData(['settings'], next);
      void i18n.changeLanguage(next.locale);
    },
  });
  return (
    <div className="langswitch" role="group" aria-label={t('common.language')}>
      {(['en', 'zh-CN'] as const).map((l) => (
        <button
          key={l}
          type="button"
          className={`langswitch__btn${i18n.language === l ? ' langswitch__btn--active' : ''}`}
          aria-pressed={i18n.language === l}
          onClick={() => setLocale.mutate(l)}
        >
          {l === 'en' ? 'EN' : '中文'}
        </button>
      ))}
    </div>
  );
}

/** A held catch-up is the owner's news on every screen (the Billing screen shows its own). */
function ShellHeld() {
  const isOwner = useCanCall('billing.confirmCatchUp');
  const { pathname } = useLocation();
  return isOwner && !pathname.startsWith('/billing') ? <HeldBanner /> : null;
}
