import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Promotion } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { Field } from '../../components/Field';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { discountWords } from './words';
import './promotions.css';

/** The promotion chosen for a membership in the cart: picked from the list (code null) or by its typed code. */
export interface PickedPromotion {
  id: number;
  name: string;
  /** The code as the clerk typed it (the sale sends it, and the host checks it again). */
  code: string | null;
  discount: Promotion['discount'];
}

/**
 * At the sale, for the membership being added: the promotions valid today for its plan, or a typed
 * code (checked at once: an unknown, expired or other-plan code says so and changes nothing).
 */
export function PromotionPick(props: { planId: number; value: PickedPromotion | null; onChange: (p: PickedPromotion | null) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [code, setCode] = useState('');
  const eligible = useQuery({ queryKey: ['campaigns', 'eligible', props.planId], queryFn: () => invoke('campaigns.eligible', { planId: props.planId }) });
  const find = useMutation({
    mutationFn: (typed: string) => invoke('campaigns.findCode', { code: typed, planId: props.planId }),
    onSuccess: (p, typed) => {
      setCode('');
      props.onChange({ id: p.id, name: p.name, code: typed.trim(), discount: p.discount });
    },
  });
  const words = (p: Pick<Promotion, 'discount'>) => discountWords(t, f.money, f.locale, p.discount);

  if (props.value) {
    return (
      <div className="promo-applied" role="status">
        <span className="badge badge--green">{t('promotions.sale.applied', { name: props.value.name, discount: words(props.value) })}</span>
        <button type="button" className="btn btn--small" onClick={() => props.onChange(null)}>
          {t('promotions.sale.remove')}
        </button>
      </div>
    );
  }
  function apply() {
    if (code.trim() !== '') find.mutate(code);
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Enter') return;
    // Enter in the code box applies the code rather than adding the item.
    e.preventDefault();
    e.stopPropagation();
    apply();
  }
  const list = eligible.data ?? [];
  return (
    <div className="promo-pick">
      <Field label={t('promotions.sale.label')} hint={eligible.data && list.length === 0 ? t('promotions.sale.noneToday') : undefined}>
        {(id, hint) => (
          <select
            id={id}
            aria-describedby={hint}
            value=""
            disabled={list.length === 0}
            onChange={(e) => {
              const p = list.find((x) => String(x.id) === e.target.value);
              if (p) props.onChange({ id: p.id, name: p.name, code: null, discount: p.discount });
            }}
          >
            <option value="">{t('promotions.sale.none')}</option>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {words(p)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('promotions.sale.code')} error={find.isError ? errorText(t, find.error) : undefined}>
        {(id, hint) => (
          <div className="promo-code">
            <input
              id={id}
              aria-describedby={hint}
              aria-invalid={find.isError ? true : undefined}
              autoComplete="off"
              placeholder={t('promotions.sale.codePlaceholder')}
              value={code}
              onKeyDown={onKeyDown}
              onChange={(e) => {
                setCode(e.target.value);
                find.reset();
              }}
            />
            <button type="button" className="btn btn--small" disabled={code.trim() === '' || find.isPending} onClick={apply} data-channel="campaigns.findCode">
              {t('promotions.sale.apply')}
            </button>
          </div>
        )}
      </Field>
    </div>
  );
}
