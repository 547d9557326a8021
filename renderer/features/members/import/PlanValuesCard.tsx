import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../electron/contract';
import { Card } from '../../../components/Page';

export type PlanChoice = { value: string; planId: number | null };

/** "no plan" in the select: the member comes in without one. */
const NONE = 'none';

/**
 * Step 3: each plan name the file uses, and the plan it means. A name that is exactly a plan's
 * name is already matched; any other the clerk maps once, for every row that names it.
 */
export function PlanValuesCard(props: { data: ImportPreview; onChoose: (choice: PlanChoice) => void }) {
  const { t } = useTranslation();
  const { planValues, plans } = props.data;
  if (!planValues.length) return null;
  const nameOf = (id: number | null) => plans.find((p) => p.id === id)?.name ?? '';
  const kindOf = (kind: 'recurring' | 'pack') => t(`members.import.planKind.${kind}`);
  return (
    <Card title={t('members.import.stepPlans')}>
      <p className="card__lead muted">{t('members.import.plansHint')}</p>
      <div className="import-plans">
        {planValues.map((v) => (
          <div key={v.value} className={`import-plans__item${v.source === 'none' ? ' import-plans__item--todo' : ''}`}>
            <label className="field__label" htmlFor={`plan-value-${v.value}`}>
              “{v.value}” <span className="muted">{t('members.import.planRows', { count: v.rows })}</span>
            </label>
            <select
              id={`plan-value-${v.value}`}
              value={v.source === 'no_plan' ? NONE : (v.planId ?? '')}
              onChange={(e) => props.onChoose({ value: v.value, planId: e.target.value === NONE ? null : Number(e.target.value) })}
            >
              {v.source === 'none' ? <option value="">{t('members.import.choosePlan')}</option> : null}
              {plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {kindOf(p.kind)}
                </option>
              ))}
              <option value={NONE}>{t('members.import.noPlan')}</option>
            </select>
            {v.source === 'none' && v.suggestion !== null ? (
              <button type="button" className="btn btn--small" onClick={() => props.onChoose({ value: v.value, planId: v.suggestion })}>
                {t('members.import.useSuggestion', { name: nameOf(v.suggestion) })}
              </button>
            ) : null}
          </div>
        ))}
      </div>
    </Card>
  );
}
