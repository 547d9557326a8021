import { lazy, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';

/** A screen or dialog loaded on first use: `later(() => import('./X'), 'X')` for a named export. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props: the lazy one keeps the module's own type
export function later<K extends string, M extends Record<K, ComponentType<any>>>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

/**
 * What shows while a screen's script loads: nothing for the first moments (a local load takes tens of
 * milliseconds, and a flash of text would be the jank), then a quiet "Loading…" (styles.css, .later).
 */
export function LaterFallback() {
  const { t } = useTranslation();
  return (
    <p className="muted later" role="status">
      {t('common.loading')}
    </p>
  );
}
