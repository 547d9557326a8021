import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../electron/contract';
import { errorText, fieldErrorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { Banner } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { bpToPercentText } from '../../lib/format';
import { draftToInput, emptyDraft, planFieldErrors, planToDraft, type PlanDraft } from './planForm';

/** Create (plan = null) or edit a plan: every term of the contract, errors next to their fields. */
export function PlanDialog(props: { plan: Plan | null; onClose: () => void; onSaved: (plan: Plan, created: boolean) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const editing = props.plan;
  const [draft, setDraft] = useState<PlanDraft>(() => (editing ? planToDraft(editing, f.currency) : emptyDraft()));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (d: PlanDraft) => {
      const plan = draftToInput(d, f.currency);
      return editing ? invoke('plans.update', { id: editing.id, plan }) : invoke('plans.create', plan);
    },
    onSuccess: (plan) => props.onSaved(plan, !editing),
    onError: (e) => setErrors(e instanceof ApiError ? planFieldErrors(e.fieldErrors()) : {}),
  });

  /** Editing a field clears its error: the clerk has acted on it. */
  const set = <K extends keyof PlanDraft>(key: K, value: PlanDraft[K], ...paths: string[]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => {
      const next = { ...e };
      for (const p of [key, ...paths]) delete next[p];
      return next;
    });
  };
  const err = (path: string) => fieldErrorText(t, errors[path]);
  const recurring = draft.kind === 'recurring';
  const taxHint = editing
    ? t('plans.field.taxRateKeep', { rate: bpToPercentText(editing.taxRateBp) })
    : t('plans.field.taxRateDefault', { rate: bpToPercentText(f.defaultTaxRateBp) });

  const text =
    (key: keyof PlanDraft, path: string, opts: { numeric?: boolean; short?: boolean; placeholder?: string } = {}) =>
    (id: string, describedBy: string | undefined) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={errors[path] ? true : undefined}
          className={opts.numeric ? `num${opts.short ? ' input--short' : ''}` : undefined}
          inputMode={opts.numeric ? 'numeric' : undefined}
          placeholder={opts.placeholder}
          autoComplete="off"
          value={draft[key] as string}
          onChange={(e) => set(key, e.target.value as never, path)}
        />
    );
  const money = (key: 'price' | 'setupFee' | 'freezeFee') => (id: string, describedBy: string | undefined) => (
    <MoneyInput id={id} describedBy={describedBy} invalid={Boolean(errors[key])} currency={f.currency} value={draft[key]} onChange={(v) => set(key, v)} />
  );

  return (
    <Dialog
      title={editing ? t('plans.dialog.editTitle') : t('plans.dialog.createTitle')}
      onClose={props.onClose}
      onSubmit={() => save.mutate(draft)}
      submitLabel={editing ? t('plans.dialog.save') : t('plans.dialog.create')}
      busy={save.isPending}
      size="large"
    >
      {save.isError ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      {editing ? <p className="dialog__note">{t('plans.dialog.editNote')}</p> : null}

      <Section>
        <div className="field field--inline">
          <span className="field__label">{t('plans.field.kind')}</span>
          <Segmented
            label={t('plans.field.kind')}
            value={draft.kind}
            disabled={Boolean(editing)}
            options={[
              { value: 'recurring', label: t('plans.kind.recurring') },
              { value: 'pack', label: t('plans.kind.pack') },
              { value: 'dropin', label: t('plans.kind.dropin') },
            ]}
            onChange={(kind) => set('kind', kind)}
          />
          <span className="field__hint">{editing ? t('plans.dialog.kindLocked') : t(`plans.kindHint.${draft.kind}`)}</span>
        </div>
        <div className="row row--2">
          <Field label={t('plans.field.name')} error={err('name')}>
            {text('name', 'name')}
          </Field>
          <Field label={t('plans.field.description')} error={err('description')}>
            {text('description', 'description')}
          </Field>
        </div>
      </Section>

      <Section title={t('plans.section.price')}>
        <div className="row row--3">
          <Field label={t('plans.field.price')} error={err('price')}>
            {money('price')}
          </Field>
          <Field label={t('plans.field.taxRate')} error={err('taxRateBp')} hint={taxHint}>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={errors['taxRateBp'] ? true : undefined}
                className="num"
                inputMode="decimal"
                autoComplete="off"
                value={draft.taxRate}
                onChange={(e) => set('taxRate', e.target.value, 'taxRateBp')}
              />
            )}
          </Field>
          {recurring ? (
            <Field label={t('plans.field.setupFee')} error={err('setupFee')}>
              {money('setupFee')}
            </Field>
          ) : (
            <div />
          )}
        </div>
      </Section>

      {recurring ? (
        <>
          <Section title={t('plans.section.billing')}>
            <div className="row row--3">
              <Field label={t('plans.field.every')} error={err('intervalCount') ?? err('interval')}>
                {(id, d) => (
                  <div className="input-pair">
                    <input
                      id={id}
                      aria-describedby={d}
                      aria-invalid={errors['intervalCount'] ? true : undefined}
                      className="num input--tiny"
                      inputMode="numeric"
                      autoComplete="off"
                      value={draft.intervalCount}
                      onChange={(e) => set('intervalCount', e.target.value)}
                    />
                    <select aria-label={t('plans.field.interval')} value={draft.interval} onChange={(e) => set('interval', e.target.value as PlanDraft['interval'])}>
                      {(['week', 'month', 'year'] as const).map((u) => (
                        <option key={u} value={u}>
                          {t(`plans.field.unit.${u}`, { count: Number(draft.intervalCount) || 1 })}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
              </Field>
              <Field label={t('plans.field.alignment')} error={err('alignment')} hint={t(`plans.field.alignmentHint.${draft.alignment}`)}>
                {(id, d) => (
                  <select id={id} aria-describedby={d} value={draft.alignment} onChange={(e) => set('alignment', e.target.value as PlanDraft['alignment'])}>
                    <option value="anniversary">{t('plans.field.alignmentAnniversary')}</option>
                    <option value="calendar">{t('plans.field.alignmentCalendar')}</option>
                  </select>
                )}
              </Field>
              <Field label={t('plans.field.trialDays')} error={err('trialDays')}>
                {text('trialDays', 'trialDays', { numeric: true })}
              </Field>
            </div>
            <div className="row row--3">
              <Field label={t('plans.field.sessionQuota')} error={err('sessionQuota')} hint={t('plans.field.sessionQuotaHint')}>
                {text('sessionQuota', 'sessionQuota', { numeric: true })}
              </Field>
              <Field label={t('plans.field.checkinsPerDay')} error={err('checkinsPerDay')}>
                {text('checkinsPerDay', 'checkinsPerDay', { numeric: true })}
              </Field>
              <div />
            </div>
          </Section>
          <Section title={t('plans.section.term')}>
            <div className="row row--3">
              <div>
                <Field label={t('plans.field.termPeriods')} error={err('termPeriods')} hint={t('plans.field.termPeriodsHint')}>
                  {text('termPeriods', 'termPeriods', { numeric: true })}
                </Field>
                <label className="check check--under">
                  <input
                    type="checkbox"
                    checked={draft.autoRenew && draft.termPeriods.trim() !== ''}
                    disabled={draft.termPeriods.trim() === ''}
                    onChange={(e) => set('autoRenew', e.target.checked)}
                  />
                  {t('plans.field.autoRenew')}
                </label>
              </div>
              <Field label={t('plans.field.freezeDaysPerYear')} error={err('freezeDaysPerYear')} hint={t('plans.field.freezeDaysHint')}>
                {text('freezeDaysPerYear', 'freezeDaysPerYear', { numeric: true })}
              </Field>
              <Field label={t('plans.field.freezeFee')} error={err('freezeFee')}>
                {money('freezeFee')}
              </Field>
            </div>
            <div className="row row--3">
              <Field label={t('plans.field.pauseMode')} error={err('pauseMode')} hint={t(`plans.field.pauseModeHint.${draft.pauseMode}`)}>
                {(id, d) => (
                  <select id={id} aria-describedby={d} value={draft.pauseMode} onChange={(e) => set('pauseMode', e.target.value as PlanDraft['pauseMode'])}>
                    <option value="extend">{t('plans.field.pauseModeExtend')}</option>
                    <option value="credit">{t('plans.field.pauseModeCredit')}</option>
                  </select>
                )}
              </Field>
            </div>
          </Section>
        </>
      ) : draft.kind === 'dropin' ? null : (
        <Section title={t('plans.section.pack')}>
          <div className="row row--3">
            <Field label={t('plans.field.packSessions')} error={err('packSessions')}>
              {text('packSessions', 'packSessions', { numeric: true })}
            </Field>
            <Field label={t('plans.field.packValidDays')} error={err('packValidDays')}>
              {text('packValidDays', 'packValidDays', { numeric: true })}
            </Field>
            <Field label={t('plans.field.checkinsPerDay')} error={err('checkinsPerDay')}>
              {text('checkinsPerDay', 'checkinsPerDay', { numeric: true })}
            </Field>
          </div>
        </Section>
      )}
    </Dialog>
  );
}

function Section(props: { title?: string; children: ReactNode }) {
  return (
    <section className="form-section">
      {props.title ? <h3 className="form-section__title">{props.title}</h3> : null}
      {props.children}
    </section>
  );
}
