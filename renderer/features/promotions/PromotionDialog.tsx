import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Promotion, PromotionDiscount, PromotionInput } from '../../../electron/contract';
import { errorText, fieldErrorText } from '../../app/errors';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { minorToText, textToMinor } from '../../components/moneyText';
import { Banner } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { bpToPercentText, parsePercentToBp } from '../../lib/format';
import { discountWords } from './words';
import './promotions.css';

interface Draft {
  name: string;
  code: string;
  startsOn: string;
  endsOn: string;
  planIds: number[];
  kind: 'percent' | 'fixed';
  value: string;
  duration: PromotionDiscount['duration'];
  periods: string;
}

const empty: Draft = { name: '', code: '', startsOn: '', endsOn: '', planIds: [], kind: 'percent', value: '', duration: 'repeating', periods: '3' };

function toDraft(p: Promotion, currency: string): Draft {
  return {
    name: p.name,
    code: p.code ?? '',
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    planIds: p.planIds,
    kind: p.discount.kind,
    value: p.discount.kind === 'percent' ? bpToPercentText(p.discount.value) : minorToText(p.discount.value, currency),
    duration: p.discount.duration,
    periods: p.discount.periods === null ? '' : String(p.discount.periods),
  };
}

/** The discount as typed: null while its value is not a percent/amount (the field says why on submit). */
function discountOf(d: Draft, currency: string): PromotionDiscount | null {
  const value = d.kind === 'percent' ? parsePercentToBp(d.value) : textToMinor(d.value, currency);
  if (value === null || (d.kind === 'percent' && value > 10_000)) return null;
  const periods = d.duration === 'repeating' ? (/^\d+$/.test(d.periods.trim()) ? Number(d.periods.trim()) : null) : null;
  return { kind: d.kind, value, duration: d.duration, periods };
}

/**
 * Create (promotion = null) or edit a promotion: name, optional code, first and last day, the plans
 * it is for and its discount. Errors show after the manager saves, next to their fields.
 */
export function PromotionDialog(props: { promotion: Promotion | null; onClose: () => void; onSaved: (p: Promotion, created: boolean) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const editing = props.promotion;
  const [d, setD] = useState<Draft>(() => (editing ? toDraft(editing, f.currency) : empty));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const plans = useQuery({ queryKey: ['plans', 'all'], queryFn: () => invoke('plans.list', { includeArchived: true }) });
  // Plans on sale, and any archived one the promotion already names (so editing does not drop it silently).
  const recurring = (plans.data ?? []).filter((p) => p.kind === 'recurring' && (!p.archived || d.planIds.includes(p.id)));
  const discount = discountOf(d, f.currency);

  const save = useMutation({
    mutationFn: (input: PromotionInput) => (editing ? invoke('campaigns.update', { id: editing.id, promotion: input }) : invoke('campaigns.create', input)),
    onSuccess: (p) => props.onSaved(p, !editing),
    onError: (e) => {
      if (!(e instanceof ApiError)) return;
      const out: Record<string, string> = {};
      for (const [path, message] of Object.entries(e.fieldErrors())) out[path.replace(/^promotion\./, '').replace(/^planIds\.\d+$/, 'planIds')] ??= message;
      // A percent field says what a percent should be, not what an amount should be.
      if (out['discount.value'] && d.kind === 'percent') out['discount.value'] = 'percent';
      setErrors(out);
    },
  });

  function submit() {
    // A value that is not a percent or an amount goes as -1, so the host answers every field at once.
    const periods = /^\d+$/.test(d.periods.trim()) ? Number(d.periods.trim()) : null;
    const sent = discount ?? { kind: d.kind, value: -1, duration: d.duration, periods: d.duration === 'repeating' ? periods : null };
    save.mutate({ name: d.name, code: d.code.trim() === '' ? null : d.code, startsOn: d.startsOn, endsOn: d.endsOn, planIds: d.planIds, discount: sent });
  }
  /** Editing a field clears its error: the manager has acted on it. */
  function set(patch: Partial<Draft>, ...paths: string[]) {
    setD((x) => ({ ...x, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const p of [...Object.keys(patch), ...paths]) delete next[p];
      return next;
    });
  }
  const err = (path: string) => (errors[path] === 'percent' ? t('promotions.field.percentInvalid') : fieldErrorText(t, errors[path]));
  const togglePlan = (id: number, on: boolean) => set({ planIds: on ? [...d.planIds, id] : d.planIds.filter((x) => x !== id) });

  return (
    <Dialog
      title={editing ? t('promotions.dialog.editTitle') : t('promotions.dialog.createTitle')}
      onClose={props.onClose}
      onSubmit={submit}
      submitLabel={editing ? t('promotions.dialog.save') : t('promotions.dialog.create')}
      busy={save.isPending}
      size="large"
    >
      {save.isError && !(save.error instanceof ApiError && save.error.code === 'VALIDATION') ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      {editing ? <p className="dialog__note">{t('promotions.dialog.editNote')}</p> : null}
      <div className="row row--2">
        <Field label={t('promotions.field.name')} error={err('name')}>
          {(id, hint) => (
            <input id={id} aria-describedby={hint} aria-invalid={errors['name'] ? true : undefined} autoComplete="off" placeholder={t('promotions.field.namePlaceholder')} value={d.name} onChange={(e) => set({ name: e.target.value })} />
          )}
        </Field>
        <Field label={t('promotions.field.code')} error={err('code')} hint={t('promotions.field.codeHint')}>
          {(id, hint) => (
            <input id={id} aria-describedby={hint} aria-invalid={errors['code'] ? true : undefined} autoComplete="off" value={d.code} onChange={(e) => set({ code: e.target.value })} />
          )}
        </Field>
      </div>
      <div className="row row--2">
        <Field label={t('promotions.field.startsOn')} error={err('startsOn')} hint={t('promotions.field.datesHint')}>
          {(id, hint) => <DateInput id={id} describedBy={hint} invalid={Boolean(errors['startsOn'])} value={d.startsOn} onChange={(v) => set({ startsOn: v })} />}
        </Field>
        <Field label={t('promotions.field.endsOn')} error={err('endsOn')} hint={t('promotions.field.datesHint')}>
          {(id, hint) => <DateInput id={id} describedBy={hint} invalid={Boolean(errors['endsOn'])} value={d.endsOn} onChange={(v) => set({ endsOn: v })} />}
        </Field>
      </div>
      <fieldset className={`form-section promo-plans${errors['planIds'] ? ' field--error' : ''}`}>
        <legend className="field__label">
          {t('promotions.field.plans')} <span className="muted">· {t('promotions.field.plansHint')}</span>
        </legend>
        {plans.data && recurring.length === 0 ? <p className="muted">{t('promotions.field.noPlans')}</p> : null}
        <div className="chips">
          {recurring.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" checked={d.planIds.includes(p.id)} onChange={(e) => togglePlan(p.id, e.target.checked)} />
              {p.name} · {f.money(p.price)}
            </label>
          ))}
        </div>
        {errors['planIds'] ? (
          <div className="field__error" role="alert">
            {err('planIds')}
          </div>
        ) : null}
      </fieldset>
      <div className="form-section">
        <div className="field__label">{t('promotions.field.kind')}</div>
        <Segmented
          label={t('promotions.field.kind')}
          value={d.kind}
          options={[
            { value: 'percent', label: t('promotions.field.kindPercent') },
            { value: 'fixed', label: t('promotions.field.kindFixed') },
          ]}
          onChange={(kind) => set({ kind, value: '' }, 'discount.value')}
        />
        <div className="row row--2 discount-row">
          <Field label={d.kind === 'percent' ? t('promotions.field.percent') : t('promotions.field.amount')} error={err('discount.value')}>
            {(id, hint) =>
              d.kind === 'percent' ? (
                <input id={id} aria-describedby={hint} aria-invalid={errors['discount.value'] ? true : undefined} className="num" inputMode="decimal" autoComplete="off" value={d.value} onChange={(e) => set({ value: e.target.value }, 'discount.value')} />
              ) : (
                <MoneyInput id={id} describedBy={hint} invalid={Boolean(errors['discount.value'])} currency={f.currency} value={d.value} onChange={(v) => set({ value: v }, 'discount.value')} />
              )
            }
          </Field>
          <Field label={t('promotions.field.duration')} error={err('discount.periods')}>
            {(id, hint) => (
              <div className="input-pair">
                <select id={id} aria-describedby={hint} value={d.duration} onChange={(e) => set({ duration: e.target.value as Draft['duration'] }, 'discount.periods')}>
                  {(['once', 'repeating', 'forever'] as const).map((v) => (
                    <option key={v} value={v}>
                      {t(`promotions.field.durationKind.${v}`)}
                    </option>
                  ))}
                </select>
                {d.duration === 'repeating' ? (
                  <input className="num input--tiny" aria-label={t('promotions.field.periods')} inputMode="numeric" value={d.periods} onChange={(e) => set({ periods: e.target.value }, 'discount.periods')} />
                ) : null}
              </div>
            )}
          </Field>
        </div>
        {discount && discount.value > 0 ? <p className="muted promo-shown-as">{t('promotions.field.shownAs', { text: discountWords(t, f.money, f.locale, discount) })}</p> : null}
      </div>
    </Dialog>
  );
}
