import { useTranslation } from 'react-i18next';
import type { CreditNote, InvoiceDetail } from '../../../electron/contract';
import { useFormat } from '../../components/useFormat';

/**
 * What an action will invoice or credit, exactly as the billing engine computed it in its dry
 * run: every line with the period it covers, the totals, and what account credit pays. Money going
 * back reads "Back to credit ¥…" or "Refund ¥…", with plain amounts: the desk never sees a minus credit.
 */
export function ActionPreview(props: { invoices: InvoiceDetail[]; creditNotes: CreditNote[]; nothing?: string; label?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!props.invoices.length && !props.creditNotes.length) {
    return (
      <div className="preview preview--empty" role="status" aria-label={props.label ?? t('members.preview.label')}>
        {props.nothing ?? t('members.preview.nothing')}
      </div>
    );
  }
  return (
    <div className="preview" role="region" aria-label={props.label ?? t('members.preview.label')}>
      {props.invoices.map((inv) => (
        <table key={`i${inv.id}`} className="preview__doc">
          <caption>
            {t('members.preview.invoice', { date: f.date(inv.issueDate), due: f.date(inv.dueDate) })}
          </caption>
          <tbody>
            {inv.lines.map((l) => (
              <tr key={l.id}>
                <td>
                  {l.description}
                  {l.periodStart && l.periodEnd ? <div className="cell-sub">{f.dateRange(l.periodStart, l.periodEnd)}</div> : null}
                </td>
                <td className="num">{f.money(l.gross)}</td>
              </tr>
            ))}
            {inv.taxTotal ? (
              <tr className="preview__sub">
                <td>{t('members.preview.tax')}</td>
                <td className="num">{f.money(inv.taxTotal)}</td>
              </tr>
            ) : null}
            <tr className="preview__total">
              <td>{t('members.preview.total')}</td>
              <td className="num">{f.money(inv.total)}</td>
            </tr>
            {inv.settled ? (
              <tr className="preview__sub">
                <td>{t('members.preview.paidFromCredit')}</td>
                <td className="num">−{f.money(inv.settled)}</td>
              </tr>
            ) : null}
            {inv.settled ? (
              <tr className="preview__total">
                <td>{t('members.preview.toPay')}</td>
                <td className="num">{f.money(inv.balance)}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ))}
      {props.creditNotes.map((cn) => (
        <table key={`c${cn.id}`} className="preview__doc preview__doc--credit">
          <caption>{t(cn.settlement === 'refund' ? 'members.preview.creditRefund' : 'members.preview.creditKeep', { amount: f.money(cn.total) })}</caption>
          <tbody>
            {cn.lines.map((l) => (
              <tr key={l.id}>
                <td>
                  {l.description}
                  {l.periodStart && l.periodEnd ? <div className="cell-sub">{f.dateRange(l.periodStart, l.periodEnd)}</div> : null}
                </td>
                <td className="num">{f.money(l.gross)}</td>
              </tr>
            ))}
            <tr className="preview__total">
              <td>{t('members.preview.creditTotal')}</td>
              <td className="num">{f.money(cn.total)}</td>
            </tr>
          </tbody>
        </table>
      ))}
    </div>
  );
}
