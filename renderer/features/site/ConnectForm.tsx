import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FoundMainDesk } from '../../../electron/contract';
import { errorText, fieldErrorText } from '../../app/errors';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { ApiError, invoke } from '../../lib/api';

/**
 * A new PC joins the main desk: pick it from the network or type its address, then the owner's
 * pairing code and a name for this PC. Once connected, every screen reads the main desk's records.
 */
export function ConnectForm({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // As typed: an address, or an address and port ("192.168.1.20:47810") as the Devices card shows it.
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [found, setFound] = useState<FoundMainDesk[] | null>(null);
  const look = useMutation({ mutationFn: () => invoke('site.discover', {}), onSuccess: (r) => setFound(r.found) });
  const connect = useMutation({
    mutationFn: () => {
      const [host, port] = address.trim().split(/:(?=\d{1,5}$)/);
      return invoke('site.connect', { address: host ?? '', ...(port ? { port: Number(port) } : {}), code: code.trim(), deviceName: deviceName.trim() });
    },
    // Everything on screen now comes from the main desk: its business, its staff to sign in.
    onSuccess: () => void qc.invalidateQueries(),
  });
  const fields = connect.error instanceof ApiError ? connect.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    connect.mutate();
  };
  return (
    <form className="card setup-connect" onSubmit={submit} noValidate>
      <h2 className="card__title">{t('site.connect.title')}</h2>
      <p className="muted">{t('site.connect.lead')}</p>
      <div className="row site-look">
        <button type="button" className="btn" data-channel="site.discover" disabled={look.isPending} onClick={() => look.mutate()}>
          {look.isPending ? t('site.connect.looking') : t('site.connect.look')}
        </button>
      </div>
      {found ? (
        found.length ? (
          <ul className="site-found" aria-label={t('site.connect.found')}>
            {found.map((d) => (
              <li key={`${d.address}:${d.port}`}>
                <span>
                  {d.name} — {d.address}
                </span>
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={() => setAddress(`${d.address}:${d.port}`)}
                >
                  {t('site.connect.pick')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('site.connect.noneFound')}</p>
        )
      ) : null}
      <Field label={t('site.connect.address')} error={fieldErrorText(t, fields['address'])}>
        {(id, d) => (
          <input id={id} aria-describedby={d} value={address} placeholder="192.168.1.20:47810" onChange={(e) => setAddress(e.target.value)} />
        )}
      </Field>
      <Field label={t('site.connect.code')} error={fieldErrorText(t, fields['code'])}>
        {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" autoComplete="off" maxLength={6} className="input--short" value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />}
      </Field>
      <Field label={t('site.connect.deviceName')} hint={t('site.connect.deviceNameHint')} error={fieldErrorText(t, fields['deviceName'])}>
        {(id, d) => <input id={id} aria-describedby={d} maxLength={60} value={deviceName} onChange={(e) => setDeviceName(e.target.value)} />}
      </Field>
      {connect.isError && !(connect.error instanceof ApiError && connect.error.code === 'VALIDATION') ? <Banner kind="error">{errorText(t, connect.error)}</Banner> : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onBack} disabled={connect.isPending}>
          {t('site.connect.back')}
        </button>
        <button type="submit" className="btn btn--primary" data-channel="site.connect" disabled={connect.isPending}>
          {connect.isPending ? t('site.connect.connecting') : t('site.connect.submit')}
        </button>
      </div>
    </form>
  );
}

/** On a brand-new PC's set-up: the way to join a main desk instead of starting new records. */
export function ConnectOffer({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="demo-offer" aria-label={t('site.connect.title')}>
      <h2>{t('site.connect.title')}</h2>
      <p className="muted">{t('site.connect.offer')}</p>
      <button type="button" className="btn btn--block" onClick={onOpen}>
        {t('site.connect.open')}
      </button>
    </section>
  );
}
