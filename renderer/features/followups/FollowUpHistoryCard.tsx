import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RenewalFollowUp } from '../../../electron/contract/followup';
import type { Columns } from '../../components/DataTable';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { TableCard } from '../members/MemberTabs';

/** A member's follow-ups (回访), newest first: on the member page beside the visits. */
export function FollowUpHistoryCard({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const history = useQuery({ queryKey: ['renewals', 'history', memberId], queryFn: () => invoke('renewals.history', { memberId }) });
  const columns: Columns<RenewalFollowUp> = [
    { id: 'when', header: t('followups.col.when'), accessorKey: 'at', cell: (c) => f.instant(c.row.original.at) },
    { id: 'reason', header: t('followups.col.reason'), accessorFn: (h) => t(`followups.reason.${h.reason}`) },
    { id: 'outcome', header: t('followups.col.outcome'), accessorFn: (h) => [t(`followups.outcome.${h.outcome}`), h.lostReason].filter(Boolean).join(' · ') },
    { id: 'feedback', header: t('followups.col.feedback'), enableSorting: false, accessorFn: (h) => [h.satisfaction ? '★'.repeat(h.satisfaction) : '', h.comment].filter(Boolean).join(' · ') },
    { id: 'staff', header: t('followups.col.staff'), accessorKey: 'staffName' },
  ];
  return (
    <TableCard title={t('followups.historyTitle')} rows={history.data} columns={columns} empty={t('followups.historyEmpty')} error={history.error} getRowId={(h) => String(h.id)} />
  );
}
