import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FamilyMember, FamilyMembership } from '../../../../electron/contract';
import { errorText } from '../../../app/errors';
import { Banner, Card } from '../../../components/Page';
import { StatusBadge, type Tone } from '../../../components/StatusBadge';
import { useFormat } from '../../../components/useFormat';
import { invoke } from '../../../lib/api';
import './family.css';

const TONE: Record<FamilyMembership['status'], Tone> = { trialing: 'blue', active: 'green', paused: 'grey', cancelled: 'amber', ended: 'grey' };

/**
 * The payer's household: each member they pay for, with memberships and their next renewal or
 * end, visits this month, and what is still owed for them. One call (`members.family`).
 */
export function FamilySection(props: { memberId: number; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const family = useQuery({ queryKey: ['members', 'family', props.memberId], queryFn: () => invoke('members.family', { memberId: props.memberId }) });
  const fam = family.data;
  if (family.error) return <Banner kind="error">{errorText(t, family.error)}</Banner>;
  if (!fam || fam.members.length === 0) return null;
  return (
    <Card title={t('family.title')} className="card--table family">
      <table className="table family__table" aria-label={t('family.label')}>
        <thead>
          <tr>
            <th>{t('family.col.member')}</th>
            <th>{t('family.col.memberships')}</th>
            <th>{t('family.col.visits')}</th>
            <th className="num">{t('family.col.owes')}</th>
          </tr>
        </thead>
        <tbody>
          {fam.members.map((m) => (
            <Row key={m.memberId} m={m} onOpen={props.onOpen} />
          ))}
        </tbody>
        <tfoot>
          {fam.ownOwed > 0 ? (
            <tr>
              <td colSpan={3}>{t('family.own', { name: fam.payerName })}</td>
              <td className="num owed">{f.money(fam.ownOwed)}</td>
            </tr>
          ) : null}
          <tr className="family__total">
            <td colSpan={3}>
              {t('family.total')}
              {fam.due > 0 ? <span className="cell-sub family__rule">{t('family.rule')}</span> : null}
            </td>
            <td className={`num cell-strong${fam.due > 0 ? ' owed' : ''}`}>{fam.due > 0 ? f.money(fam.due) : t('family.nothingOwed')}</td>
          </tr>
        </tfoot>
      </table>
    </Card>
  );
}

function Row({ m, onOpen }: { m: FamilyMember; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <tr>
      <td>
        <div className="cell-stack">
          <button type="button" className="link cell-strong" aria-label={t('family.open', { name: m.name })} onClick={() => onOpen(m.memberId)}>
            {m.name}
          </button>
          {m.cardNo ? <span className="cell-sub">{m.cardNo}</span> : null}
        </div>
      </td>
      <td>
        <ul className="family__subs">
          {m.memberships.map((s) => (
            <li key={s.subscriptionId}>
              <span className="cell-strong">{s.planName}</span> <StatusBadge tone={TONE[s.status]}>{t(`members.subs.statusKind.${s.status}`)}</StatusBadge>{' '}
              <span className="cell-sub">{dateNote(t, f, s)}</span>
            </li>
          ))}
          {m.packs.map((p) => (
            <li key={`p${p.packId}`} className="cell-sub">
              {t('family.pack', { name: p.planName, left: p.sessionsLeft, total: p.sessionsTotal, date: f.date(p.expiresOn) })}
            </li>
          ))}
          {m.memberships.length + m.packs.length === 0 ? <li className="muted">{t('family.noMembership')}</li> : null}
        </ul>
      </td>
      <td>
        <div className="cell-stack">
          <span>{t('family.visitsMonth', { count: m.visitsThisMonth })}</span>
          <span className="cell-sub">{m.lastVisit ? t('family.lastVisit', { date: f.date(m.lastVisit) }) : t('family.neverVisited')}</span>
        </div>
      </td>
      <td className={`num cell-strong${m.owed > 0 ? ' owed' : ''}`}>{m.owed > 0 ? f.money(m.owed) : <span className="muted">{t('family.nothingOwed')}</span>}</td>
    </tr>
  );
}

function dateNote(t: ReturnType<typeof useTranslation>['t'], f: ReturnType<typeof useFormat>, s: FamilyMembership): string {
  if (s.pause) return s.pause.endDate ? t('family.pausedUntil', { date: f.date(s.pause.endDate) }) : t('family.pausedOpen');
  if (s.nextBillDate) return t('family.renews', { date: f.date(s.nextBillDate) });
  if (s.endDate) return t('family.endsOn', { date: f.date(s.endDate) });
  return '';
}
