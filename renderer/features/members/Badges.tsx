import { useTranslation } from 'react-i18next';
import type { MemberBadge } from '../../../electron/contract';
import { StatusBadge, type Tone } from '../../components/StatusBadge';

const TONE: Record<MemberBadge, Tone> = {
  active: 'green',
  trialing: 'blue',
  paused: 'grey',
  overdue: 'red',
  expiring: 'amber',
  ended: 'grey',
};

/** A member's status badges (active, paused, overdue, expiring soon, ended), translated. */
export function Badges({ badges }: { badges: MemberBadge[] }) {
  const { t } = useTranslation();
  if (!badges.length) return null;
  return (
    <span className="badges">
      {badges.map((b) => (
        <StatusBadge key={b} tone={TONE[b]} title={t(`members.badgeHelp.${b}`)}>
          {t(`members.badge.${b}`)}
        </StatusBadge>
      ))}
    </span>
  );
}
