/** The footer of a finished payment or refund: save as PDF, print the slip, finish. */
import { useTranslation } from 'react-i18next';

export function PrintFooter({ printing, printLabel, onPrint, onClose }: { printing: boolean; printLabel: string; onPrint: (action: 'print' | 'pdf') => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="btn" onClick={() => onPrint('pdf')} disabled={printing}>
        {t('payments.take.savePdf')}
      </button>
      <button type="button" className="btn" onClick={() => onPrint('print')} disabled={printing}>
        {printLabel}
      </button>
      <button type="button" className="btn btn--primary" data-autofocus onClick={onClose}>
        {t('payments.take.finish')}
      </button>
    </>
  );
}
