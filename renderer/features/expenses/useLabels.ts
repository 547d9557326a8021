import { useTranslation } from 'react-i18next';
import type { ExpenseCategory } from '../../../electron/contract';
import { methodLabel, useMethods } from '../payments/money';

/** Names of categories and payment methods in the clerk's language (methods as the money screens name them). */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const methods = useMethods(true);
  const zh = i18n.language === 'zh-CN';
  return {
    methods: methods.data ?? [],
    method: (code: string) => methodLabel(t, code, methods.data),
    category: (c: Pick<ExpenseCategory, 'nameEn' | 'nameZh'>) => (zh ? c.nameZh : c.nameEn),
  };
}
