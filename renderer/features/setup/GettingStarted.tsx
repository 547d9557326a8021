import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { GettingStarted as Steps } from '../../../electron/contract';
import { invoke } from '../../lib/api';
import { DEMO_KEY } from '../demo/Demo';
import { useCanCall } from '../staff/useCanCall';

type Step = 'plan' | 'member' | 'sale' | 'backupFolder';
const STEPS: Step[] = ['plan', 'member', 'sale', 'backupFolder'];

/** Where each step is done. */
function target(step: Step, s: Steps): string {
  if (step === 'plan') return '/plans';
  if (step === 'member') return '/members';
  if (step === 'sale') return s.firstMemberId !== null ? `/members?member=${s.firstMemberId}` : '/members';
  return '/settings';
}

/**
 * The owner's first days on the dashboard: a first plan, member and sale, and a backup folder. Each
 * step is read from the data (reports.gettingStarted) and links to where it is done; the list goes
 * away once all four are done. The sample business is a gym already running: no checklist there.
 */
export function GettingStarted() {
  const { t } = useTranslation();
  const canRead = useCanCall('reports.gettingStarted');
  // The backup folder is chosen on Settings, the owner's screen: others see the step without a link.
  const canChooseFolder = useCanCall('backup.setFolder');
  const q = useQuery({ queryKey: ['reports', 'gettingStarted'], queryFn: () => invoke('reports.gettingStarted', {}), enabled: canRead });
  const demo = useQuery({ queryKey: DEMO_KEY, queryFn: () => invoke('demo.status', {}) });
  const s = q.data;
  if (!s || s.done || demo.data?.active !== false) return null;
  const done = STEPS.filter((k) => s[k]).length;
  return (
    <section className="card getting-started" aria-labelledby="getting-started-title">
      <div className="getting-started__head">
        <h2 className="card__title" id="getting-started-title">
          {t('setup.checklist.title')}
        </h2>
        <span className="muted">{t('setup.checklist.progress', { done, total: STEPS.length })}</span>
      </div>
      <ol className="getting-started__steps">
        {STEPS.map((k) => (
          <li key={k} className={s[k] ? 'getting-started__step getting-started__step--done' : 'getting-started__step'} data-step={k}>
            <span className="getting-started__mark" aria-hidden="true">
              {s[k] ? '✓' : STEPS.indexOf(k) + 1}
            </span>
            <span className="getting-started__text">
              {s[k] || (k === 'backupFolder' && !canChooseFolder) ? (
                <span>{t(`setup.checklist.${k}.title`)}</span>
              ) : (
                <Link to={target(k, s)}>{t(`setup.checklist.${k}.title`)}</Link>
              )}
              <span className="cell-sub">{s[k] ? t('setup.checklist.done') : t(`setup.checklist.${k}.how`)}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
