import { useTranslation } from 'react-i18next';
import type { CheckoutResult } from '../../../electron/contract';
import { useFormat } from '../../components/useFormat';

/**
 * The checkout's one invoice as the engine computed it in the dry run: every line with whom it is
 * for and the period it covers, discounts included, the total, the credit it uses, the top-up and
 * what the desk takes now.
 */
export function CheckoutPreview(props: { result: CheckoutResult }) {
  const { t } = useTranslation();
  const f = useFormat();
  const r = props.result;
  const inv = r.invoice;
  return (
    <div className="preview" role="region" aria-label={t('sales.preview.label')}>
      <table className="preview__doc">
        {inv ? <caption>{t('members.preview.invoice', { date: f.date(inv.issueDate), due: f.date(inv.dueDate) })}</caption> : null}
        <tbody>
          {inv?.lines.map((l) => (
            <tr key={l.id}>
              <td>
                {l.memberName ? <span className="preview__who">{l.memberName} · </span> : null}
                {l.description}
                {l.periodStart && l.periodEnd ? <div className="cell-sub">{f.dateRange(l.periodStart, l.periodEnd)}</div> : null}
              </td>
              <td className="num">{f.money(l.gross)}</td>
            </tr>
          ))}
          {inv ? (
            <>
              {inv.taxTotal ? <Row label={t('members.preview.tax')} value={f.money(inv.taxTotal)} sub /> : null}
              <Row label={t('sales.preview.total')} value={f.money(inv.total)} total />
              {r.creditApplied ? <Row label={t('sales.preview.credit')} value={`−${f.money(r.creditApplied)}`} sub /> : null}
            </>
          ) : (
            <tr className="preview__sub">
              <td colSpan={2}>{t('sales.preview.noInvoice')}</td>
            </tr>
          )}
          {r.topUp ? <Row label={t('sales.preview.topUp')} value={`+${f.money(r.topUp.amount)}`} sub /> : null}
          {r.topUp?.bonus ? <Row label={t('sales.preview.bonus', { amount: f.money(r.topUp.bonus) })} value="" sub /> : null}
          <Row label={t('sales.preview.dueNow')} value={f.money(r.dueNow)} total />
        </tbody>
      </table>
    </div>
  );
}

function Row(props: { label: string; value: string; total?: boolean; sub?: boolean }) {
  return (
    <tr className={props.total ? 'preview__total' : props.sub ? 'preview__sub' : undefined}>
      <td>{props.label}</td>
      <td className="num">{props.value}</td>
    </tr>
  );
}
