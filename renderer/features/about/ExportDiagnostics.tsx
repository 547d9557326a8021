import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { ApiError, invoke } from '../../lib/api';

/**
 * The owner's "Export diagnostics": main asks where to save the zip (no path comes from here).
 * It works without react-query's provider being healthy too: the recovery screen uses it.
 */
export function ExportDiagnosticsButton({ className = 'btn' }: { className?: string }) {
  const { t } = useTranslation();
  const run = useMutation({ mutationFn: () => invoke('system.exportDiagnostics', {}) });
  const result = run.data?.status === 'done' ? t('about.exported', { file: run.data.file }) : null;
  const failed = run.error ? (run.error instanceof ApiError && run.error.code === 'FORBIDDEN' ? t('about.ownerOnly') : errorText(t, run.error)) : null;
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
