import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../../lib/api';

export const photoKey = (memberId: number) => ['members', 'photo', memberId] as const;

/** The member's photo as the host keeps it (null: none taken). */
export function useMemberPhoto(memberId: number) {
  return useQuery({ queryKey: photoKey(memberId), queryFn: () => invoke('members.photo', { memberId }) });
}

/**
 * The member's face, where the desk needs it (member page, check-in result), so a card lent to someone else is
 * noticed. Nothing at all when no photo was taken, unless `placeholder` asks for an empty frame.
 */
export function MemberPhoto(props: { memberId: number; name: string; size: 'page' | 'checkin'; placeholder?: boolean }) {
  const { t } = useTranslation();
  const photo = useMemberPhoto(props.memberId);
  if (!photo.data) {
    return props.placeholder && photo.isSuccess ? (
      <div className={`member-photo member-photo--${props.size} member-photo--empty`} data-testid="member-photo-empty">
        {t('members.photo.none')}
      </div>
    ) : null;
  }
  return (
    <img
      className={`member-photo member-photo--${props.size}`}
      src={`data:image/jpeg;base64,${photo.data.jpeg}`}
      alt={t('members.photo.alt', { name: props.name })}
      data-testid="member-photo"
    />
  );
}
