import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../lib/api';

/**
 * Cards two members hold in different case (A0001 and a0001), found in data older than the
 * case-insensitive rule. Nothing was merged: the owner opens one member and gives a new number.
 */
export function CardClashNotice({ onOpen }: { onOpen: (memberId: number) => void }) {
  const { t } = useTranslation();
  const clashes = useQuery({ queryKey: ['members.cardClashes'], queryFn: () => invoke('members.cardClashes', {}) });
  if (!clashes.data?.length) return null;
  return (
    <div className="banner banner--warning" role="status">
      <p>{t('members.cardClashes.title', { count: clashes.data.length })}</p>
      <ul>
        {clashes.data.map((c) => (
          <li key={c.card}>
            {c.members.map((m, i) => (
              <span key={m.id}>
                {i > 0 ? t('members.cardClashes.and') : null}
                <button type="button" className="link" onClick={() => onOpen(m.id)}>
                  {t('members.cardClashes.member', { name: m.name, card: m.cardNo })}
                </button>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
