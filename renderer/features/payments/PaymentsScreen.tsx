import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Payment, Refund } from '../../../electron/contract/payments';
import { addDays } from '../../../shared/dates';
import { paymentNumber } from '../../../shared/numbering';
import { errorText } from '../../app/errors';
import { DataTable, type Columns } from '../../components/DataTable';
import { DateInput } from '../../components/DateInput';
import { isIsoDate } from '../../components/dateText';
import { Field } from '../../components/Field';
import { Banner, Card, Page } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { MemberPicker, type Picked } from '../members/MemberPicker';
import { Dialog } from '../../components/Dialog';
import { CloseoutTab } from './CloseoutTab';
import { FollowUpTab } from './FollowUpTab';
import { useCanCall } from '../staff/useCanCall';
import { methodLabel, printDocument, useMethods } from './money';
import { RefundDialog } from './RefundDialog';
import { SetupTab } from './SetupTab';
import { TakePaymentDialog } from './TakePaymentDialog';

type Tab = 'payments' | 'followup' | 'closeout' | 'setup';

/** Payments (recent money in and out), overdue follow-up and the daily closeout, as three tabs. */
export function PaymentsScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const manager = useCanCall('paymentMethods.create');
  const tabs: Tab[] = manager ? ['payments', 'followup', 'closeout', 'setup'] : ['payments', 'followup', 'closeout'];
  const tab: Tab = tabs.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'payments';
  const [taking, setTaking] = useState<'choose' | Picked | null>(null);
  return (
    <Page
      title={t('payments.title')}
      subtitle={t('payments.subtitle')}
      actions={
        <button type="button" className="btn btn--primary" onClick={() => setTaking('choose')}>
          {t('payments.take.button')}
        </button>
      }
    >
      <div>
        <Segmented
          label={t('payments.tabs.label')}
          value={tab}
          options={tabs.map((v) => ({ value: v, label: t(`payments.tabs.${v}`) }))}
          onChange={(v) => setParams(v === 'payments' ? {} : { tab: v }, { replace: true })}
        />
      </div>
      {tab === 'payments' ? <PaymentsTab /> : tab === 'followup' ? <FollowUpTab /> : tab === 'closeout' ? <CloseoutTab /> : <SetupTab />}
      {taking === 'choose' ? <ChooseMember onClose={() => setTaking(null)} onChosen={setTaking} /> : null}
      {taking && taking !== 'choose' ? <TakePaymentDialog memberId={taking.id} onClose={() => setTaking(null)} /> : null}
    </Page>
  );
}

/** First step of "Take payment" from the Payments screen: who is paying. */
function ChooseMember(props: { onClose: () => void; onChosen: (m: Picked) => void }) {
  const { t } = useTranslation();
  const [member, setMember] = useState<Picked | null>(null);
  return (
    <Dialog
      title={t('payments.take.chooseMember')}
      size="small"
      onClose={props.onClose}
      onSubmit={() => member && props.onChosen(member)}
      submitLabel={t('payments.take.next')}
    >
      <Field label={t('payments.take.member')}>{(id) => <MemberPicker id={id} value={member} onChange={setMember} autoFocus />}</Field>
    </Dialog>
  );
}

function PaymentsTab() {
  const { t } = useTranslation();
  const f = useFormat();
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  const today = info.data?.today;
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const range = { from: from ?? (today ? addDays(today, -30) : ''), to: to ?? today ?? '' };
  const valid = isIsoDate(range.from) && isIsoDate(range.to);
  const filter = { from: range.from, to: range.to, limit: 2000 };
  const payments = useQuery({ queryKey: ['payments', filter], queryFn: () => invoke('payments.list', filter), enabled: valid });
  const refunds = useQuery({ queryKey: ['refunds', filter], queryFn: () => invoke('refunds.list', filter), enabled: valid });
  const methods = useMethods(true);
  const canRefund = useCanCall('refunds.create');
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const lang = f.locale === 'zh-CN' ? 'zh-CN' : 'en';

  const { money, date, time } = f;
  const paymentColumns = useMemo<Columns<Payment>>(
    () => [
      {
        id: 'date',
        accessorFn: (p) => `${p.date} ${p.createdAt}`,
        header: t('payments.list.col.date'),
        meta: { width: '12%', fit: true },
        cell: ({ row: { original: p } }) => (
          <div className="cell-stack">
            <span>{date(p.date)}</span>
            <span className="cell-sub">{time(p.createdAt)}</span>
          </div>
        ),
      },
      { id: 'payer', accessorKey: 'payerName', header: t('payments.list.col.payer'), meta: { width: '13%' }, cell: ({ getValue }) => <span className="cell-strong">{getValue<string>()}</span> },
      {
        id: 'method',
        accessorKey: 'method',
        header: t('payments.list.col.method'),
        meta: { width: '9%', fit: true },
        cell: ({ row: { original: p } }) => (
          <div className="cell-stack">
            <span>{methodLabel(t, p.method, methods.data)}</span>
            {p.reference ? <span className="cell-sub">{p.reference}</span> : null}
          </div>
        ),
      },
      { id: 'amount', accessorKey: 'amount', header: t('payments.list.col.amount'), meta: { align: 'right', width: '11%' }, cell: ({ getValue }) => <span className="cell-strong">{money(getValue<number>())}</span> },
      { id: 'applied', accessorKey: 'allocated', header: t('payments.list.col.applied'), meta: { align: 'right', width: '10%' }, cell: ({ getValue }) => money(getValue<number>()) },
      {
        id: 'credit',
        accessorKey: 'unallocated',
        header: t('payments.list.col.credit'),
        meta: { align: 'right', width: '10%' },
        cell: ({ row: { original: p } }) => (
          <div className="cell-stack">
            <span>{money(p.unallocated)}</span>
            {p.bonus ? <span className="cell-sub">+{money(p.bonus)}</span> : null}
          </div>
        ),
      },
      { id: 'refunded', accessorKey: 'refunded', header: t('payments.list.col.refunded'), meta: { align: 'right', width: '9%' }, cell: ({ getValue }) => (getValue<number>() ? money(getValue<number>()) : '—') },
      { id: 'staff', accessorKey: 'staffName', header: t('payments.list.col.staff'), meta: { width: '8%' } },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t('payments.list.col.actions')}</span>,
        enableSorting: false,
        meta: { align: 'right', width: '18%' },
        cell: ({ row: { original: p } }) => (
          <div className="row-actions">
            <button type="button" className="btn btn--small" aria-label={`${t('payments.list.receipt')} ${p.payerName}`} onClick={() => void printDocument(t, 'receipt', p.id, lang)}>
              {t('payments.list.receipt')}
            </button>
            {canRefund ? (
              <button type="button" className="btn btn--small" data-channel="refunds.create" aria-label={`${t('payments.refund.button')} ${p.payerName}`} onClick={() => setRefunding(p)}>
                {t('payments.refund.button')}
              </button>
            ) : null}
          </div>
        ),
      },
    ],
    [t, money, date, time, methods.data, canRefund, lang],
  );

  const refundColumns = useMemo<Columns<Refund>>(
    () => [
      {
        id: 'date',
        accessorFn: (r) => `${r.date} ${r.createdAt}`,
        header: t('payments.list.col.date'),
        meta: { width: '12%' },
        cell: ({ row: { original: r } }) => (
          <div className="cell-stack">
            <span>{date(r.date)}</span>
            <span className="cell-sub">{time(r.createdAt)}</span>
          </div>
        ),
      },
      { id: 'payer', accessorKey: 'payerName', header: t('payments.list.col.payer'), meta: { width: '16%' }, cell: ({ getValue }) => <span className="cell-strong">{getValue<string>()}</span> },
      { id: 'method', accessorKey: 'method', header: t('payments.list.col.method'), meta: { width: '12%', fit: true }, cell: ({ getValue }) => methodLabel(t, getValue<string>(), methods.data) },
      { id: 'amount', accessorKey: 'amount', header: t('payments.list.col.amount'), meta: { align: 'right', width: '10%' }, cell: ({ getValue }) => <span className="cell-strong">{money(getValue<number>())}</span> },
      {
        id: 'against',
        accessorFn: (r) => r.paymentId ?? r.creditNoteNumber ?? '',
        header: t('payments.list.col.against'),
        meta: { width: '14%' },
        cell: ({ row: { original: r } }) =>
          r.paymentId !== null ? paymentNumber(r.paymentId) : r.creditNoteNumber ? t('payments.list.creditNote', { number: r.creditNoteNumber }) : '—',
      },
      { id: 'reason', accessorKey: 'reason', header: t('payments.list.col.reason'), meta: { width: '18%' } },
      { id: 'staff', accessorKey: 'staffName', header: t('payments.list.col.staff'), meta: { width: '8%' } },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t('payments.list.col.actions')}</span>,
        enableSorting: false,
        meta: { align: 'right', width: '10%' },
        cell: ({ row: { original: r } }) => (
          <button type="button" className="btn btn--small" onClick={() => void printDocument(t, 'refund', r.id, lang)}>
            {t('payments.list.slip')}
          </button>
        ),
      },
    ],
    [t, money, date, time, methods.data, lang],
  );

  const total = (payments.data ?? []).reduce((s, p) => s + p.amount, 0);
  return (
    <>
      <Card className="card--table">
        <div className="toolbar toolbar--form">
          <Field label={t('payments.list.from')}>{(id) => <DateInput id={id} value={range.from} onChange={setFrom} />}</Field>
          <Field label={t('payments.list.to')}>{(id) => <DateInput id={id} value={range.to} onChange={setTo} />}</Field>
          <div className="toolbar__quick toolbar__meta">{t('payments.list.count', { count: payments.data?.length ?? 0, total: money(total) })}</div>
        </div>
        {payments.error ? <Banner kind="error">{errorText(t, payments.error)}</Banner> : null}
        <h2 className="card__title">{t('payments.list.paymentsTitle')}</h2>
        <DataTable
          label={t('payments.list.label')}
          data={payments.data ?? []}
          columns={paymentColumns}
          getRowId={(p) => String(p.id)}
          empty={<div className="empty-state">{t('payments.list.empty')}</div>}
          loading={payments.isLoading}
          maxHeight={420}
        />
      </Card>
      <Card title={t('payments.list.refundsTitle')} className="card--table">
        <DataTable
          label={t('payments.list.refundsLabel')}
          data={refunds.data ?? []}
          columns={refundColumns}
          getRowId={(r) => String(r.id)}
          empty={<div className="empty-state">{t('payments.list.refundsEmpty')}</div>}
          loading={refunds.isLoading}
          maxHeight={300}
        />
      </Card>
      {refunding ? <RefundDialog payerId={refunding.payerId} payment={refunding} onClose={() => setRefunding(null)} /> : null}
    </>
  );
}
