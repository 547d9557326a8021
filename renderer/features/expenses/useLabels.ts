import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExpenseCategory } from '../../../electron/contract';
import { invoke } from '../../lib/api';

/** Names of categories and payment methods in the clerk's language. */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const methods = useQuery({ queryKey: ['paymentMethods', 'all'], queryFn: () => invoke('paymentMethods.list', { includeInactive: true }) });
  const zh = i18n.language === 'zh-CN';
  return {
    methods: methods.data ?? [],
    method: (code: string) => {
      const m = methods.data?.find((x) => x.code === code);
      return m && !m.builtin ? m.name : t(`payments.methods.${code}`, { defaultValue: code });
    },
    category: (c: Pick<ExpenseCategory, 'nameEn' | 'nameZh'>) => (zh ? c.nameZh : c.nameEn),
  };
}
