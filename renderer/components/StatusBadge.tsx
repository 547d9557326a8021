import type { ReactNode } from 'react';

export type Tone = 'grey' | 'green' | 'red' | 'amber' | 'blue';

/**
 * A small coloured status pill with a dot: `<StatusBadge tone="green">{t('…active')}</StatusBadge>`.
 * Map a status to its tone where the status lives (e.g. `{ ok: 'green', partial: 'amber' }`),
 * and always pass translated text: colour alone never carries the meaning.
 */
export function StatusBadge(props: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge--${props.tone} badge--dot`} title={props.title}>
      {props.children}
    </span>
  );
}
