/** The footer of a finished payment or refund (save as PDF, print the slip, finish) and its slip-language choice. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';

export type SlipLang = 'en' | 'zh-CN';

/** The slip's language starts as the desk's and may be switched for this one slip. */
export function useSlipLang() {
  const { i18n } = useTranslation();
  return useState<SlipLang>(i18n.language === 'zh-CN' ? 'zh-CN' : 'en');
}

export function SlipLanguage({ label, value, onChange }: { label: string; value: SlipLang; onChange: (lang: SlipLang) => void }) {
  return (
    <Field label={label}>
      {() => (
        <Segmented
          label={label}
          value={value}
          options={[
            { value: 'en', label: 'English' },
            { value: 'zh-CN', label: '中文' },
          ]}
          onChange={onChange}
        />
      )}
    </Field>
  );
}

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
