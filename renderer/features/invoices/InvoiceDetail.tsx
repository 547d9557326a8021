import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceDetail } from '../../../electron/contract';
import { namesLines } from '../../../shared/household';
import { paymentNumber } from '../../../shared/numbering';
import { errorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Banner } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { printDocument } from '../payments/money';
import { useCanCall } from '../staff/useCanCall';
import { TakePaymentDialog } from '../payments/TakePaymentDialog';
import { CreditNoteDialog } from './CreditNoteDialog';
import { InvoiceStatusBadge } from './status';
import { VoidDialog } from './VoidDialog';


/** One invoice: lines with periods and tax, what settled it, credit notes, the payer's balance, and the actions. */
export function InvoiceDetailDialog(props: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: ['invoices', 'detail', props.id], queryFn: () => invoke('invoices.get', { id: props.id }) });
  const [action, setAction] = useState<'pay' | 'void' | 'credit' | null>(null);
  const inv = detail.data;
  if (!inv) {
    return (
      <Dialog title={t('invoices.title')} onClose={props.onClose}>
        {detail.error ? <Banner kind="error">{errorText(t, detail.error)}</Banner> : <p className="muted">{t('common.loading')}</p>}
      </Dialog>
    );
  }
  if (action === 'pay') return <TakePaymentDialog memberId={inv.payerId} invoiceIds={[inv.id]} onClose={() => setAction(null)} />;
  if (action === 'void') return <VoidDialog invoice={inv} onClose={() => setAction(null)} />;
  if (action === 'credit') return <CreditNoteDialog invoice={inv} onClose={() => setAction(null)} />;
  return <Detail inv={inv} onClose={props.onClose} onAction={setAction} />;
}

function Detail(props: { inv: InvoiceDetail; onClose: () => void; onAction: (a: 'pay' | 'void' | 'credit') => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const canCredit = useCanCall('creditNotes.create');
  const canVoid = useCanCall('invoices.void');
  const { inv } = props;
  const lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const cnNumber = (id: number) => inv.creditNotes.find((c) => c.id === id)?.number ?? String(id);
  const sourceText = (a: InvoiceDetail['allocations'][number]) =>
    a.source === 'payment'
      ? t('invoices.detail.source.payment', { number: paymentNumber(a.sourceId) })
      : a.source === 'credit_note'
        ? t('invoices.detail.source.credit_note', { number: cnNumber(a.sourceId) })
        : t('invoices.detail.source.bonus');
  const live = inv.status !== 'void';
  // Whom each line is for, when that is not plain: several members, or someone the payer pays for.
  const perMember = namesLines(inv.payerId, inv.lines.map((l) => l.memberId));
  return (
    <Dialog
      title={t('invoices.detail.title', { number: inv.number })}
      size="large"
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={() => void printDocument(t, 'invoice', inv.id, lang, 'pdf')}>
            {t('invoices.detail.pdf')}
          </button>
          <button type="button" className="btn" onClick={() => void printDocument(t, 'invoice', inv.id, lang)}>
            {t('invoices.detail.print')}
          </button>
          {canCredit && live ? (
            <button type="button" className="btn" data-channel="creditNotes.create" onClick={() => props.onAction('credit')}>
              {t('invoices.detail.credit')}
            </button>
          ) : null}
          {canVoid && live ? (
            <button type="button" className="btn" data-channel="invoices.void" onClick={() => props.onAction('void')}>
              {t('invoices.detail.void')}
            </button>
          ) : null}
          {live && inv.balance > 0 ? (
            <button type="button" className="btn btn--primary" data-autofocus onClick={() => props.onAction('pay')}>
              {t('invoices.detail.pay')}
            </button>
          ) : null}
        </>
      }
    >
      <div className="invoice__head">
        <dl className="invoice__facts">
          <div>
            <dt>{t('invoices.detail.payer')}</dt>
            <dd className="cell-strong">{inv.payerName}</dd>
          </div>
          <div>
            <dt>{t('invoices.detail.issued')}</dt>
            <dd>{f.date(inv.issueDate)}</dd>
          </div>
          <div>
            <dt>{t('invoices.detail.due')}</dt>
            <dd>
              {f.date(inv.dueDate)}
              {inv.overdue ? <span className="text-danger"> · {t('invoices.overdue', { count: inv.daysOverdue })}</span> : null}
            </dd>
          </div>
          <div>
            <dt>{t('invoices.detail.payerBalance')}</dt>
            <dd className="cell-strong">
              {inv.payerCredit > 0 && inv.payerOwes === 0
                ? t('invoices.detail.payerBalanceCredit', { amount: f.money(inv.payerCredit) })
                : t('invoices.detail.payerOwes', { amount: f.money(inv.payerOwes) })}
            </dd>
          </div>
        </dl>
        <InvoiceStatusBadge invoice={inv} />
      </div>
      {inv.status === 'void' && inv.voidReason ? <Banner kind="warning">{t('invoices.detail.voided', { reason: inv.voidReason })}</Banner> : null}
      <table className="table invoice__lines" aria-label={t('invoices.detail.linesLabel')}>
        <thead>
          <tr>
            {perMember ? <th>{t('invoices.detail.col.member')}</th> : null}
            <th>{t('invoices.detail.col.description')}</th>
            <th>{t('invoices.detail.col.period')}</th>
            <th className="num">{t('invoices.detail.col.net')}</th>
            <th className="num">{t('invoices.detail.col.taxRate')}</th>
            <th className="num">{t('invoices.detail.col.tax')}</th>
            <th className="num">{t('invoices.detail.col.gross')}</th>
          </tr>
        </thead>
        <tbody>
          {inv.lines.map((l) => (
            <tr key={l.id}>
              {perMember ? <td>{l.memberName ?? '—'}</td> : null}
              <td>{l.description}</td>
              <td className="muted">{l.periodStart && l.periodEnd ? f.dateRange(l.periodStart, l.periodEnd) : '—'}</td>
              <td className="num">{f.money(l.net)}</td>
              <td className="num">{f.percent(l.taxRateBp)}</td>
              <td className="num">{f.money(l.tax)}</td>
              <td className="num cell-strong">{f.money(l.gross)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="invoice__totals">
        <Row label={t('invoices.detail.subtotal')} value={f.money(inv.subtotal)} />
        <Row label={t('invoices.detail.tax')} value={f.money(inv.taxTotal)} />
        <Row label={t('invoices.detail.total')} value={f.money(inv.total)} strong />
        <Row label={t('invoices.detail.settled')} value={f.money(inv.settled)} />
        <Row label={t('invoices.detail.balance')} value={f.money(inv.balance)} strong />
      </dl>
      <h3 className="form-section__title">{t('invoices.detail.applied')}</h3>
      {inv.allocations.length === 0 ? <p className="muted">{t('invoices.detail.noneApplied')}</p> : null}
      <ul className="invoice__applied">
        {inv.allocations.map((a) => (
          <li key={a.id}>
            <span>{f.date(a.date)}</span>
            <span>{sourceText(a)}</span>
            <span className="num cell-strong">{f.money(a.amount)}</span>
          </li>
        ))}
      </ul>
      {inv.creditNotes.length ? (
        <>
          <h3 className="form-section__title">{t('invoices.detail.creditNotes')}</h3>
          <ul className="invoice__applied">
            {inv.creditNotes.map((c) => (
              <li key={c.id}>
                <span>
                  {t('invoices.detail.creditNoteLine', {
                    number: c.number,
                    date: f.date(c.issueDate),
                    settlement: t(`invoices.detail.settlement.${c.settlement}`),
                    reason: c.reason,
                  })}
                </span>
                <span className="num cell-strong">{f.money(c.total)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Dialog>
  );
}

function Row(props: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={props.strong ? 'invoice__total invoice__total--strong' : 'invoice__total'}>
      <dt>{props.label}</dt>
      <dd className="num">{props.value}</dd>
    </div>
  );
}
