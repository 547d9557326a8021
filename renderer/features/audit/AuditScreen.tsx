import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { Banner, Card, Page } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { useScrollRegion } from '../../components/useScrollRegion';
import { invoke } from '../../lib/api';
import { methodLabel, useMethods } from '../payments/money';
import { auditSentence, entityLabel, type SentenceFormat } from './sentence';

interface Filters {
  staffId: string;
  entity: string;
  entityId: string;
  memberId: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { staffId: '', entity: '', entityId: '', memberId: '', from: '', to: '' };
const PAGE = 200;

/** Managers and owners: the audit log with filters, and the chain check. */
export function AuditScreen() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [limit, setLimit] = useState(PAGE);
  const facets = useQuery({ queryKey: ['audit', 'facets'], queryFn: () => invoke('audit.facets', {}) });
  const query = useQuery({
    queryKey: ['audit', 'query', applied, limit],
    queryFn: () =>
      invoke('audit.query', {
        ...(applied.staffId ? { staffId: Number(applied.staffId) } : {}),
        ...(applied.entity ? { entity: applied.entity } : {}),
        ...(applied.entityId.trim() ? { entityId: applied.entityId.trim() } : {}),
        ...(applied.memberId.trim() ? { memberId: Number(applied.memberId) } : {}),
        ...(applied.from ? { from: applied.from } : {}),
        ...(applied.to ? { to: applied.to } : {}),
        limit,
      }),
  });
  const verify = useMutation({ mutationFn: () => invoke('audit.verify', {}) });
  const set = (k: keyof Filters, v: string) => setDraft((d) => ({ ...d, [k]: v }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setLimit(PAGE);
    setApplied(draft);
  }

  return (
    <Page
      title={t('audit.title')}
      subtitle={t('audit.subtitle')}
      actions={
        <button type="button" className="btn" disabled={verify.isPending} onClick={() => verify.mutate()}>
          {verify.isPending ? t('audit.verifying') : t('audit.verify')}
        </button>
      }
    >
      {verify.data ? (
        verify.data.ok ? (
          <Banner kind="success">{t('audit.intact', { count: verify.data.checked })}</Banner>
        ) : (
          <Banner kind="error">
            {t('audit.broken', { id: verify.data.firstBrokenId, count: verify.data.checked, problem: t(`audit.problem.${verify.data.problem ?? 'hash_mismatch'}`) })}
          </Banner>
        )
      ) : null}
      {verify.isError ? <Banner kind="error">{errorText(t, verify.error)}</Banner> : null}
      <Card title={t('audit.filters')}>
        <form className="audit__filters" onSubmit={onSubmit} noValidate aria-label={t('audit.filters')}>
          <Field label={t('audit.staff')}>
            {(id) => (
              <select id={id} value={draft.staffId} onChange={(e) => set('staffId', e.target.value)}>
                <option value="">{t('audit.anyStaff')}</option>
                {(facets.data?.staff ?? []).map((s) => (
                  <option key={`${s.id}-${s.name}`} value={String(s.id)}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('audit.entity')}>
            {(id) => (
              <select id={id} value={draft.entity} onChange={(e) => set('entity', e.target.value)}>
                <option value="">{t('audit.anyEntity')}</option>
                {(facets.data?.entities ?? []).map((e) => (
                  <option key={e} value={e}>
                    {entityLabel(t, e)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('audit.entityId')}>{(id) => <input id={id} value={draft.entityId} onChange={(e) => set('entityId', e.target.value)} />}</Field>
          <Field label={t('audit.member')}>{(id) => <input id={id} inputMode="numeric" value={draft.memberId} onChange={(e) => set('memberId', e.target.value.replace(/\D/g, ''))} />}</Field>
          <Field label={t('audit.from')}>{(id) => <DateInput id={id} value={draft.from} onChange={(v) => set('from', v)} />}</Field>
          <Field label={t('audit.to')}>{(id) => <DateInput id={id} value={draft.to} onChange={(v) => set('to', v)} />}</Field>
          <div className="audit__buttons">
            <button type="submit" className="btn btn--primary">
              {t('audit.apply')}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setDraft(EMPTY);
                setApplied(EMPTY);
              }}
            >
              {t('audit.clear')}
            </button>
          </div>
        </form>
      </Card>
      {query.isError ? <Banner kind="error">{errorText(t, query.error)}</Banner> : null}
      <Card>
        {query.data && query.data.rows.length === 0 ? <p className="muted">{t('audit.none')}</p> : null}
        {query.data && query.data.rows.length > 0 ? <AuditTable rows={query.data.rows} /> : null}
        {query.data ? (
          <div className="audit__more">
            <span className="muted">{t('audit.showing', { shown: query.data.rows.length, total: query.data.total })}</span>
            {query.data.rows.length < query.data.total ? (
              <button type="button" className="btn btn--small" onClick={() => setLimit((l) => Math.min(l + PAGE, 1000))}>
                {t('audit.more')}
              </button>
            ) : null}
          </div>
        ) : null}
      </Card>
    </Page>
  );
}

function AuditTable({ rows }: { rows: AuditRow[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const methods = useMethods(true);
  const sentenceFormat: SentenceFormat = { money: f.money, date: f.date, instant: f.instant, method: (code) => methodLabel(t, code, methods.data) };
  return (
    <table className="table audit__table" aria-label={t('audit.title')}>
      <thead>
        <tr>
          <th className="audit__id">{t('audit.columns.id')}</th>
          <th className="audit__at">{t('audit.columns.at')}</th>
          <th>{t('audit.columns.entry')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="num-text muted">{r.id}</td>
            {/* Instants in the business time zone, whatever the PC's zone is. */}
            <td className="num-text">{f.instant(r.at)}</td>
            <td className="audit__change">
              <details>
                <summary className="audit__sentence">{auditSentence(r, t, sentenceFormat)}</summary>
                <RawValues text={JSON.stringify({ before: r.before, after: r.after }, null, 2)} />
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The entry's raw before/after values; the box scrolls, so it is a keyboard-reachable region while it overflows. */
function RawValues({ text }: { text: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLPreElement>(null);
  const region = useScrollRegion(ref, t('audit.details'));
  return (
    <pre ref={ref} className="audit__json" aria-label={t('audit.details')} {...region}>
      {text}
    </pre>
  );
}
