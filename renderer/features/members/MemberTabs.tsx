import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../electron/contract/audit';
import { errorText } from '../../app/errors';
import { Banner, Card } from '../../components/Page';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { methodLabel, useCan, useMethods } from '../payments/money';

const INVOICE_TONE: Record<string, Tone> = { open: 'amber', partly_paid: 'amber', paid: 'green', void: 'grey' };

/** The payer's invoices and payments. */
export function InvoicesTab({ payerId }: { payerId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const methods = useMethods(true);
  const invoices = useQuery({ queryKey: ['invoices', 'payer', payerId], queryFn: () => invoke('invoices.list', { payerId, limit: 500 }) });
  const payments = useQuery({ queryKey: ['payments', 'payer', payerId], queryFn: () => invoke('payments.list', { payerId, limit: 500 }) });
  return (
    <>
      <Card title={t('members.invoices.title')} className="card--table">
        {invoices.error ? <Banner kind="error">{errorText(t, invoices.error)}</Banner> : null}
        {invoices.data?.rows.length === 0 ? <div className="empty-state">{t('members.invoices.none')}</div> : null}
        {invoices.data?.rows.length ? (
          <table className="table" aria-label={t('members.invoices.title')}>
            <thead>
              <tr>
                <th>{t('members.invoices.number')}</th>
                <th>{t('members.invoices.date')}</th>
                <th>{t('members.invoices.due')}</th>
                <th className="num">{t('members.invoices.total')}</th>
                <th className="num">{t('members.invoices.balance')}</th>
                <th>{t('members.invoices.status')}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.data.rows.map((i) => (
                <tr key={i.id}>
                  <td className="num-text cell-strong">{i.number}</td>
                  <td>{f.date(i.issueDate)}</td>
                  <td>{f.date(i.dueDate)}</td>
                  <td className="num">{f.money(i.total)}</td>
                  <td className="num">{f.money(i.balance)}</td>
                  <td>
                    <StatusBadge tone={i.overdue ? 'red' : (INVOICE_TONE[i.status] ?? 'grey')}>
                      {i.overdue ? t('members.invoices.overdueDays', { count: i.daysOverdue }) : t(`members.invoices.statusKind.${i.status}`)}
                    </StatusBadge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
      <Card title={t('members.payments.title')} className="card--table">
        {payments.data?.length === 0 ? <div className="empty-state">{t('members.payments.none')}</div> : null}
        {payments.data?.length ? (
          <table className="table" aria-label={t('members.payments.title')}>
            <thead>
              <tr>
                <th>{t('members.payments.date')}</th>
                <th>{t('members.payments.method')}</th>
                <th className="num">{t('members.payments.amount')}</th>
                <th className="num">{t('members.payments.onAccount')}</th>
                <th>{t('members.payments.staff')}</th>
              </tr>
            </thead>
            <tbody>
              {payments.data.map((p) => (
                <tr key={p.id}>
                  <td>{f.date(p.date)}</td>
                  <td>{methodLabel(t, p.method, methods.data)}</td>
                  <td className="num">{f.money(p.amount)}</td>
                  <td className="num">{f.money(p.unallocated)}</td>
                  <td>{p.staffName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
    </>
  );
}

/** Check-in history, newest first. */
export function VisitsTab({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const visits = useQuery({ queryKey: ['checkins', 'member', memberId], queryFn: () => invoke('checkin.history', { memberId, limit: 500 }) });
  return (
    <Card title={t('members.visitsTab.title')} className="card--table">
      {visits.data?.length === 0 ? <div className="empty-state">{t('members.visitsTab.none')}</div> : null}
      {visits.data?.length ? (
        <table className="table" aria-label={t('members.visitsTab.title')}>
          <thead>
            <tr>
              <th>{t('members.visitsTab.when')}</th>
              <th>{t('members.visitsTab.used')}</th>
              <th>{t('members.visitsTab.staff')}</th>
              <th>{t('members.visitsTab.note')}</th>
            </tr>
          </thead>
          <tbody>
            {visits.data.map((c) => (
              <tr key={c.id} className={c.undoneAt ? 'row--muted' : undefined}>
                <td>{f.instant(c.at)}</td>
                <td>{c.planName ?? '—'}</td>
                <td>{c.staffName}</td>
                <td>
                  {c.undoneAt ? <StatusBadge tone="grey">{t('members.visitsTab.undone')}</StatusBadge> : null}
                  {c.overrideReason ? <StatusBadge tone="amber">{t('members.visitsTab.override', { reason: c.overrideReason })}</StatusBadge> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}

/** Every audited change about this member (managers and owners). */
export function HistoryTab({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const allowed = useCan('manager');
  const audit = useQuery({
    queryKey: ['audit', 'member', memberId],
    queryFn: () => invoke('audit.query', { memberId, limit: 500 }),
    enabled: allowed,
  });
  if (!allowed) return <Banner kind="info">{t('members.history.managersOnly')}</Banner>;
  return (
    <Card title={t('members.history.title')} className="card--table">
      {audit.error ? <Banner kind="error">{errorText(t, audit.error)}</Banner> : null}
      {audit.data?.rows.length === 0 ? <div className="empty-state">{t('members.history.none')}</div> : null}
      {audit.data?.rows.length ? (
        <table className="table" aria-label={t('members.history.title')}>
          <thead>
            <tr>
              <th>{t('members.history.when')}</th>
              <th>{t('members.history.who')}</th>
              <th>{t('members.history.what')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.rows.map((r) => (
              <tr key={r.id}>
                <td>{f.instant(r.at)}</td>
                <td>{r.staffName || t('members.history.system')}</td>
                <td>{actionText(t, r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}

/** "Pack sold — Invoice": the action (channel) and the record it changed, translated where known. */
function actionText(t: ReturnType<typeof useTranslation>['t'], r: AuditRow): string {
  const known = (key: string, fallback: string) => {
    const text = t(key);
    return text === key ? fallback : text;
  };
  const action = known(`members.history.action.${r.channel.split(':')[0]!.replace(/\./g, '_')}`, r.channel);
  const entity = known(`members.history.entity.${r.entity}`, r.entity);
  return `${action} — ${entity}`;
}
