import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../electron/contract';
import { StatusBadge, type Tone } from '../../components/StatusBadge';

const TONE: Record<Invoice['status'], Tone> = { open: 'blue', partly_paid: 'amber', paid: 'green', void: 'grey' };

/** An invoice's status as a badge; an overdue one is red whatever it has received. */
export function InvoiceStatusBadge({ invoice }: { invoice: Pick<Invoice, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return <StatusBadge tone={invoice.overdue ? 'red' : TONE[invoice.status]}>{t(`invoices.status.${invoice.status}`)}</StatusBadge>;
}
