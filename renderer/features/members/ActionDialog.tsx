import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreditNote, InvoiceDetail } from '../../../electron/contract';
import { errorText, fieldErrorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Banner } from '../../components/Page';
import { toast } from '../../components/Toast';
import { ApiError } from '../../lib/api';
import { ActionPreview } from './ActionPreview';

export interface Outcome {
  invoices: InvoiceDetail[];
  creditNotes: CreditNote[];
}

/**
 * An action on a membership that is first run as a dry run: the billing engine's exact
 * invoice and credit lines are shown, and only Confirm runs it for real (the same input).
 * While the form is incomplete (`input` null) nothing is asked.
 */
export function usePreviewed<I>(key: string, input: I | null, run: (input: I, dryRun: boolean) => Promise<Outcome>) {
  const preview = useQuery({
    queryKey: ['dryRun', key, input],
    queryFn: () => run(input as I, true),
    enabled: input !== null,
    retry: false,
    gcTime: 0,
    placeholderData: keepPreviousData,
  });
  const fieldErrors = preview.error instanceof ApiError ? preview.error.fieldErrors() : {};
  return { preview, fieldErrors };
}

export function ActionDialog<I>(props: {
  title: string;
  confirmLabel: string;
  /** The dismiss button's words when "Cancel" would read as the action itself (the cancel-membership dialog). */
  dismissLabel?: string;
  input: I | null;
  previewKey: string;
  run: (input: I, dryRun: boolean) => Promise<Outcome>;
  onClose: () => void;
  onDone: (result: Outcome) => void;
  doneMessage: string;
  danger?: boolean;
  nothing?: string;
  /** Plain words above the engine's lines (the freeze dialog: the card's new dates and the allowance). */
  summary?: ReactNode;
  /** The form; receives the preview's field errors (translated) to show next to the fields. */
  children: (err: (path: string) => string | undefined) => ReactNode;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { preview, fieldErrors } = usePreviewed(props.previewKey, props.input, props.run);
  const confirm = useMutation({
    mutationFn: () => props.run(props.input as I, false),
    onSuccess: (result) => {
      toast.success(props.doneMessage);
      void qc.invalidateQueries();
      props.onDone(result);
    },
  });
  const err = (path: string) => fieldErrorText(t, fieldErrors[path]);
  const previewError = preview.error && !(preview.error instanceof ApiError && preview.error.code === 'VALIDATION') ? preview.error : null;
  const ready = props.input !== null && preview.isSuccess && !preview.isPlaceholderData && !preview.isFetching;

  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      onSubmit={() => ready && confirm.mutate()}
      busy={confirm.isPending}
      size="large"
      footer={
        <>
          <button type="button" className="btn" onClick={props.onClose} disabled={confirm.isPending}>
            {props.dismissLabel ?? t('common.cancel')}
          </button>
          <button type="submit" className={`btn ${props.danger ? 'btn--danger' : 'btn--primary'}`} disabled={!ready || confirm.isPending}>
            {props.confirmLabel}
          </button>
        </>
      }
    >
      {confirm.isError ? <Banner kind="error">{errorText(t, confirm.error)}</Banner> : null}
      <div className="action-layout">
        <div className="action-layout__form">{props.children(err)}</div>
        <div className="action-layout__preview">
          <h3 className="form-section__title">{t('members.preview.title')}</h3>
          {props.summary ?? null}
          {props.input === null ? (
            <div className="preview preview--empty">{t('members.preview.fillIn')}</div>
          ) : previewError ? (
            <Banner kind="error">{errorText(t, previewError)}</Banner>
          ) : preview.isError ? (
            <div className="preview preview--empty">{t('members.preview.fix')}</div>
          ) : preview.data ? (
            <div aria-busy={!ready}>
              <ActionPreview invoices={preview.data.invoices} creditNotes={preview.data.creditNotes} {...(props.nothing ? { nothing: props.nothing } : {})} />
            </div>
          ) : (
            <div className="preview preview--empty">{t('common.loading')}</div>
          )}
        </div>
      </div>
    </Dialog>
  );
}
