import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../electron/contract';
import type { FollowUpRules } from '../../../electron/contract/settings';
import { errorText, fieldErrorText } from '../../app/errors';
import { Field } from '../../components/Field';
import { Banner, Card } from '../../components/Page';
import { ApiError, invoke } from '../../lib/api';

type RuleKey = keyof FollowUpRules;
/** The rules with a number, and which number: days or sessions. */
const NUMBERS: Partial<Record<RuleKey, 'days' | 'sessions'>> = {
  membershipEnding: 'days',
  packEnding: 'days',
  packLow: 'sessions',
  noVisit: 'days',
  freezeEnding: 'days',
};
const RULES: RuleKey[] = ['membershipEnding', 'packEnding', 'packLow', 'noVisit', 'newMember', 'freezeEnding', 'birthday', 'overdue'];

/** The owner's follow-up (回访) rules and the list of cancel reasons: saved on their own, like the backups. */
export function FollowUpRulesCard({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [on, setOn] = useState<Record<RuleKey, boolean>>(() => Object.fromEntries(RULES.map((k) => [k, initial.followUpRules[k].on])) as Record<RuleKey, boolean>);
  const [numbers, setNumbers] = useState<Partial<Record<RuleKey, string>>>(() =>
    Object.fromEntries(
      Object.entries(NUMBERS).map(([k, field]) => [k, String((initial.followUpRules[k as RuleKey] as Record<string, unknown>)[field])]),
    ),
  );
  const [reasons, setReasons] = useState(initial.cancelReasons.join('\n'));
  const save = useMutation({
    mutationFn: () => {
      const rules = Object.fromEntries(
        RULES.map((k) => {
          const field = NUMBERS[k];
          return [k, field ? { on: on[k], [field]: Number(numbers[k]?.trim() === '' ? NaN : numbers[k]) } : { on: on[k] }];
        }),
      ) as FollowUpRules;
      const cancelReasons = reasons
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean);
      return invoke('settings.update', { followUpRules: rules, cancelReasons });
    },
    onSuccess: (s) => qc.setQueryData(['settings'], s),
  });
  const issues = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const issueOf = (k: RuleKey) => fieldErrorText(t, issues[`followUpRules.${k}.${NUMBERS[k] ?? 'on'}`] ?? issues[`followUpRules.${k}`]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('settings.followUps.title')}>
      <Card title={t('settings.followUps.title')}>
        <p className="muted">{t('settings.followUps.lead')}</p>
        {save.error && !(save.error instanceof ApiError && save.error.code === 'VALIDATION') ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
        {save.isSuccess ? <Banner kind="success">{t('settings.savedMessage')}</Banner> : null}
        <div className="followup-rules">
          {RULES.map((k) => (
            <div key={k} className="followup-rules__rule">
              <label className="check">
                <input type="checkbox" checked={on[k]} onChange={(e) => setOn({ ...on, [k]: e.target.checked })} />
                <span>{t(`settings.followUps.rule.${k}`)}</span>
              </label>
              {NUMBERS[k] ? (
                <Field label={t(`settings.followUps.number.${k}`)} error={issueOf(k)}>
                  {(id, d) => (
                    <input
                      id={id}
                      aria-describedby={d}
                      inputMode="numeric"
                      className="input--short"
                      disabled={!on[k]}
                      value={numbers[k] ?? ''}
                      onChange={(e) => setNumbers({ ...numbers, [k]: e.target.value })}
                    />
                  )}
                </Field>
              ) : null}
            </div>
          ))}
        </div>
        <Field label={t('settings.followUps.cancelReasons')} hint={t('settings.followUps.cancelReasonsHint')} error={fieldErrorText(t, issues['cancelReasons'] ?? Object.entries(issues).find(([p]) => p.startsWith('cancelReasons.'))?.[1])}>
          {(id, d) => <textarea id={id} aria-describedby={d} rows={4} value={reasons} onChange={(e) => setReasons(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('settings.followUps.save')}
          </button>
        </div>
      </Card>
    </form>
  );
}
