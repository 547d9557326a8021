import type { TFunction } from 'i18next';
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
  return <BadgeList badges={badges} t={t} />;
}

/** The same with the caller's `t`: a long list's rows then subscribe to the language once, not once per row. */
export function BadgeList({ badges, t }: { badges: MemberBadge[]; t: TFunction }) {
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
