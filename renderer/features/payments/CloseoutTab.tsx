import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Closeout, DaySummary } from '../../../electron/contract/closeout';
import { errorText, fieldErrorText } from '../../app/errors';
import { DateInput } from '../../components/DateInput';
import { isIsoDate } from '../../components/dateText';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { minorToText, textToMinor } from '../../components/moneyText';
import { Banner, Card } from '../../components/Page';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { useCanCall } from '../staff/useCanCall';
import { methodLabel, printDocument, useMethods } from './money';

/** 日结: the day's takings by method, expected against counted cash, closing and (owner) reopening. */
export function CloseoutTab() {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  const [picked, setPicked] = useState<string | null>(null);
  const date = picked ?? info.data?.today ?? '';
  const valid = isIsoDate(date);
  const day = useQuery({ queryKey: ['closeout', date], queryFn: () => invoke('closeout.day', { date }), enabled: valid });
  return (
    <Card title={t('payments.closeout.title')}>
      <div className="toolbar toolbar--form">
        <Field label={t('payments.closeout.date')}>{(id) => <DateInput id={id} value={date} max={info.data?.today} onChange={setPicked} />}</Field>
      </div>
      {day.error ? <Banner kind="error">{errorText(t, day.error)}</Banner> : null}
      {day.data ? <DayView key={`${day.data.date}-${day.data.closeout?.id ?? 'open'}`} day={day.data} /> : null}
    </Card>
  );
}

function DayView({ day }: { day: DaySummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const methods = useMethods(true);
  const canClose = useCanCall('closeout.close');
  const canReopen = useCanCall('closeout.reopen');
  const [reopening, setReopening] = useState(false);
  const lang = f.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const shown = day.closeout ? day.closeout.totals : day.totals;
  return (
    <div className="closeout">
      {day.closeout ? <Banner kind="info">{t('payments.closeout.closedBanner')}</Banner> : null}
      <table className="table closeout__table" aria-label={t('payments.closeout.label')}>
        <thead>
          <tr>
            <th>{t('payments.closeout.col.method')}</th>
            <th className="num">{t('payments.closeout.col.payments')}</th>
            <th className="num">{t('payments.closeout.col.received')}</th>
            <th className="num">{t('payments.closeout.col.refunded')}</th>
            <th className="num">{t('payments.closeout.col.net')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted center">
                {t('payments.closeout.none')}
              </td>
            </tr>
          ) : null}
          {shown.map((m) => (
            <tr key={m.method}>
              <td>{methodLabel(t, m.method, methods.data)}</td>
              <td className="num">{m.payments + m.refunds}</td>
              <td className="num">{f.money(m.received)}</td>
              <td className="num">{f.money(m.refunded)}</td>
              <td className="num cell-strong">{f.money(m.net)}</td>
            </tr>
          ))}
          <tr className="row--total">
            <td className="cell-strong">{t('payments.closeout.total')}</td>
            <td />
            <td className="num cell-strong">{f.money(day.closeout?.receivedTotal ?? day.receivedTotal)}</td>
            <td className="num cell-strong">{f.money(day.closeout?.refundedTotal ?? day.refundedTotal)}</td>
            <td className="num cell-strong">{f.money((day.closeout?.receivedTotal ?? day.receivedTotal) - (day.closeout?.refundedTotal ?? day.refundedTotal))}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted closeout__facts">
        {t('payments.closeout.invoiced', { count: day.invoiced.count, total: f.money(day.invoiced.total) })} ·{' '}
        {t('payments.closeout.credited', { count: day.credited.count, total: f.money(day.credited.total) })}
        {day.bonusGranted ? ` · ${t('payments.closeout.bonus', { amount: f.money(day.bonusGranted) })}` : ''}
      </p>
      {day.closeout ? (
        <ClosedView closeout={day.closeout} onPrint={() => void printDocument(t, 'closeout', day.closeout!.id, lang)} onReopen={canReopen ? () => setReopening(true) : undefined} />
      ) : canClose ? (
        <CloseForm day={day} />
      ) : (
        <>
          <Stats expected={day.expectedCash} float={day.openingFloat} cashNet={day.cashNet} />
          <p className="muted">{t('payments.closeout.managerOnly')}</p>
        </>
      )}
      {day.history.length ? (
        <div className="closeout__history">
          <h3 className="form-section__title">{t('payments.closeout.history')}</h3>
          {day.history.map((c) => (
            <p key={c.id} className="muted">
              {t('payments.closeout.closed', { who: c.closedByName || '—', when: f.instant(c.closedAt) })} · {t('payments.closeout.counted')} {f.money(c.countedCash)} ·{' '}
              {t('payments.closeout.reopenedLine', { who: c.reopenedByName || '—', when: f.instant(c.reopenedAt!), reason: c.reopenReason })}
            </p>
          ))}
        </div>
      ) : null}
      {reopening ? <ReopenDialog date={day.date} onClose={() => setReopening(false)} /> : null}
    </div>
  );
}

function Stats(props: { expected: number; float?: number; cashNet?: number; counted?: number | null; difference?: number | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const diff = props.difference ?? null;
  return (
    <div className="stats">
      <div className="stat" title={t('payments.closeout.expectedHint')}>
        <span className="stat__label">{t('payments.closeout.expected')}</span>
        <span className="stat__value">{f.money(props.expected)}</span>
        {props.float !== undefined && props.cashNet !== undefined ? (
          <span className="stat__suffix muted" data-testid="closeout-float-line">
            {t('payments.closeout.floatLine', { amount: f.money(props.float), net: f.money(props.cashNet) })}
          </span>
        ) : null}
      </div>
      {props.counted !== undefined ? (
        <div className="stat">
          <span className="stat__label">{t('payments.closeout.counted')}</span>
          <span className="stat__value">{props.counted === null ? '—' : f.money(props.counted)}</span>
        </div>
      ) : null}
      {props.difference !== undefined ? (
        <div className={`stat${diff ? ' stat--due' : ''}`} data-testid="closeout-difference">
          <span className="stat__label">{t('payments.closeout.difference')}</span>
          <span className="stat__value">
            {diff === null ? '—' : f.money(diff)}
            {diff ? <span className="stat__suffix"> {t(diff > 0 ? 'payments.closeout.over' : 'payments.closeout.short')}</span> : null}
          </span>
        </div>
      ) : null}
    </div>
  );
}

function CloseForm({ day }: { day: DaySummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [counted, setCounted] = useState('');
  const [float, setFloat] = useState(() => minorToText(day.openingFloat, f.currency));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const countedMinor = textToMinor(counted, f.currency);
  const floatMinor = float.trim() === '' ? 0 : textToMinor(float, f.currency);
  const expected = (floatMinor ?? 0) + day.cashNet;
  const close = useMutation({
    mutationFn: () => invoke('closeout.close', { date: day.date, countedCash: countedMinor ?? -1, openingFloat: floatMinor ?? -1, note }),
    onSuccess: (next) => {
      qc.setQueryData(['closeout', day.date], next);
      void qc.invalidateQueries({ queryKey: ['closeout'] });
      toast.success(t('payments.closeout.closedOk', { date: f.date(day.date) }));
    },
    onError: (e) => setErrors(e instanceof ApiError ? e.fieldErrors() : {}),
  });
  function submit() {
    const local: Record<string, string> = {};
    if (countedMinor === null) local['countedCash'] = 'invalid_amount';
    if (floatMinor === null) local['openingFloat'] = 'invalid_amount';
    setErrors(local);
    if (!Object.keys(local).length) close.mutate();
  }
  const noteMissing = close.error instanceof ApiError && close.error.code === 'CLOSEOUT_NOTE_REQUIRED';
  const businessError = close.error && !(close.error instanceof ApiError && close.error.code === 'VALIDATION') && !noteMissing ? errorText(t, close.error) : null;
  return (
    <form
      className="closeout__form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {businessError ? <Banner kind="error">{businessError}</Banner> : null}
      <Stats expected={expected} float={floatMinor ?? 0} cashNet={day.cashNet} counted={countedMinor} difference={countedMinor === null ? null : countedMinor - expected} />
      <div className="row row--2">
        <Field label={t('payments.closeout.float')} hint={t('payments.closeout.floatHint')} error={fieldErrorText(t, errors['openingFloat'])}>
          {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={float} invalid={!!errors['openingFloat']} onChange={setFloat} />}
        </Field>
        <Field label={t('payments.closeout.counted')} error={fieldErrorText(t, errors['countedCash'])}>
          {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={counted} invalid={!!errors['countedCash']} onChange={setCounted} />}
        </Field>
        <Field label={t('payments.closeout.note')} hint={t('payments.closeout.noteHint')} error={noteMissing ? t('errors.CLOSEOUT_NOTE_REQUIRED') : fieldErrorText(t, errors['note'])}>
          {(id, d) => <input id={id} aria-describedby={d} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" data-channel="closeout.close" disabled={close.isPending}>
          {close.isPending ? t('payments.closeout.closing') : t('payments.closeout.close')}
        </button>
      </div>
    </form>
  );
}

function ClosedView(props: { closeout: Closeout; onPrint: () => void; onReopen: (() => void) | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = props.closeout;
  return (
    <div>
      <Stats expected={c.expectedCash} float={c.openingFloat} cashNet={c.expectedCash - c.openingFloat} counted={c.countedCash} difference={c.difference} />
      <p>
        {t('payments.closeout.closed', { who: c.closedByName || '—', when: f.instant(c.closedAt) })}
        {c.note ? ` · ${t('payments.closeout.noteLine', { note: c.note })}` : ''}
      </p>
      <div className="form-actions">
        <button type="button" className="btn" onClick={props.onPrint}>
          {t('payments.closeout.print')}
        </button>
        {props.onReopen ? (
          <button type="button" className="btn" data-channel="closeout.reopen" onClick={props.onReopen}>
            {t('payments.closeout.reopen')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function ReopenDialog(props: { date: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const reopen = useMutation({
    mutationFn: () => invoke('closeout.reopen', { date: props.date, reason }),
    onSuccess: (next) => {
      qc.setQueryData(['closeout', props.date], next);
      void qc.invalidateQueries({ queryKey: ['closeout'] });
      toast.success(t('payments.closeout.reopened', { date: f.date(props.date) }));
      props.onClose();
    },
  });
  const issues = reopen.error instanceof ApiError ? reopen.error.fieldErrors() : {};
  return (
    <Dialog
      title={t('payments.closeout.reopenTitle', { date: f.date(props.date) })}
      size="small"
      onClose={props.onClose}
      onSubmit={() => reopen.mutate()}
      submitLabel={t('payments.closeout.reopen')}
      danger
      busy={reopen.isPending}
    >
      {reopen.error && !issues['reason'] ? <Banner kind="error">{errorText(t, reopen.error)}</Banner> : null}
      <Field label={t('payments.closeout.reopenReason')} error={fieldErrorText(t, issues['reason'])}>
        {(id, d) => <input id={id} aria-describedby={d} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </Dialog>
  );
}
