import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { ApiError, invoke } from '../../lib/api';
import { useAccess } from '../staff/useCanCall';

/**
 * The owner's "Export diagnostics": main asks where to save the zip (no path comes from here).
 * The recovery screen uses it too. Someone signed in who may not export (a desk clerk) is told to
 * ask the owner instead of being offered a button that refuses; while the access answer is not in
 * (or cannot come) the button shows, so the owner is never without it.
 */
export function ExportDiagnosticsButton({ className = 'btn' }: { className?: string }) {
  const { t } = useTranslation();
  const run = useMutation({ mutationFn: () => invoke('system.exportDiagnostics', {}) });
  const result = run.data?.status === 'done' ? t('about.exported', { file: run.data.file }) : null;
  const access = useAccess();
  const failed = run.error ? (run.error instanceof ApiError && run.error.code === 'FORBIDDEN' ? t('about.ownerOnly') : errorText(t, run.error)) : null;
  if (access && !access.has('system.exportDiagnostics')) {
    return (
      <div className="diagnostics">
        <p className="diagnostics__hint muted">{t('about.ownerOnly')}</p>
      </div>
    );
  }
  return (
    <div className="diagnostics">
      <button type="button" className={className} data-channel="system.exportDiagnostics" disabled={run.isPending} onClick={() => run.mutate()}>
        {t('about.exportDiagnostics')}
      </button>
      {result ? (
        <p className="diagnostics__done" role="status">
          {result}
        </p>
      ) : null}
      {failed ? (
        <p className="diagnostics__error" role="alert">
          {failed}
        </p>
      ) : null}
    </div>
  );
}
