import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router-dom';
import type { Locale } from '../../electron/contract';
import { invoke } from '../lib/api';
import { routes } from './routes';

export function Shell() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
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
        <ul className="sidebar__nav">
          {routes.map((r) => (
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
          <LanguageSwitch />
        </div>
      </nav>
      <main className="content">
        <Routes>
          {routes.map((r) => (
            <Route key={r.path} path={r.path} element={<r.component />} />
          ))}
          <Route path="*" element={<Navigate to={routes[0]!.path} replace />} />
        </Routes>
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
