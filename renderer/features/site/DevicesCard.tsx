import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteDevice, SiteSharing } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Banner, Card } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';

const KEY = ['site', 'sharing'];

/** Settings › Devices (the owner, on the main desk): sharing on or off, the pairing code, the paired PCs. */
export function DevicesCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // Who is connected changes without a click here: look again every few seconds while the card is open.
  const sharing = useQuery({ queryKey: KEY, queryFn: () => invoke('site.sharing', {}), refetchInterval: 5000 });
  const put = (next: SiteSharing) => qc.setQueryData(KEY, next);
  const toggle = useMutation({ mutationFn: (on: boolean) => invoke('site.setSharing', { on }), onSuccess: put });
  const code = useMutation({ mutationFn: () => invoke('site.newCode', {}), onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }) });
  const [removing, setRemoving] = useState<SiteDevice | null>(null);
  const s = sharing.data;
  const failed = toggle.error ?? code.error;
  return (
    <Card title={t('site.devices.title')} className="site-devices">
      <p className="muted">{t('site.devices.lead')}</p>
      {sharing.isError ? <Banner kind="error">{errorText(t, sharing.error)}</Banner> : null}
      {failed ? <Banner kind="error">{errorText(t, failed)}</Banner> : null}
      {s ? (
        <>
          <div className="site-devices__sharing">
            <strong>{s.on ? t('site.devices.sharingOn') : t('site.devices.sharingOff')}</strong>
            <button type="button" className={`btn ${s.on ? '' : 'btn--primary'}`} data-channel="site.setSharing" disabled={toggle.isPending} onClick={() => toggle.mutate(!s.on)}>
              {s.on ? t('site.devices.turnOff') : t('site.devices.turnOn')}
            </button>
          </div>
          {s.on ? (
            <>
              <dl className="site-devices__facts">
                <dt>{t('site.devices.address')}</dt>
                <dd>
                  {s.addresses.length ? s.addresses.map((a) => `${a}:${s.port}`).join(', ') : `localhost:${s.port}`}
                  <div className="field__hint">{t('site.devices.addressHint')}</div>
                </dd>
                <dt>{t('site.devices.fingerprint')}</dt>
                <dd className="site-devices__fingerprint">{s.fingerprint?.split(':').slice(0, 8).join(':')}</dd>
              </dl>
              <PairingCode code={s.code} onNew={() => code.mutate()} busy={code.isPending} />
            </>
          ) : null}
          <h3>{t('site.devices.paired')}</h3>
          {s.devices.length === 0 ? <p className="muted">{t('site.devices.none')}</p> : <DeviceTable devices={s.devices} onRemove={setRemoving} />}
        </>
      ) : null}
      {removing ? <RevokeDialog device={removing} onClose={() => setRemoving(null)} onDone={put} /> : null}
    </Card>
  );
}

function PairingCode({ code, onNew, busy }: { code: SiteSharing['code']; onNew: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = code ? Math.max(0, Math.round((Date.parse(code.expiresAt) - now) / 1000)) : 0;
  const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <div className="site-code">
      {code && left > 0 ? (
        <>
          <p>{t('site.devices.codeLead')}</p>
          <output className="site-code__digits" aria-label={t('site.connect.code')}>
            {code.code.slice(0, 3)} {code.code.slice(3)}
          </output>
          <p className="muted" aria-live="off">
            {t('site.devices.codeLeft', { time })}
          </p>
        </>
      ) : code ? (
        <p className="muted">{t('site.devices.codeExpired')}</p>
      ) : null}
      <button type="button" className="btn" data-channel="site.newCode" disabled={busy} onClick={onNew}>
        {t('site.devices.newCode')}
      </button>
    </div>
  );
}

function DeviceTable({ devices, onRemove }: { devices: SiteDevice[]; onRemove: (d: SiteDevice) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('site.devices.col.name')}</th>
          <th>{t('site.devices.col.paired')}</th>
          <th>{t('site.devices.col.lastSeen')}</th>
          <th>{t('site.devices.col.status')}</th>
          <th>
            <span className="sr-only">{t('site.devices.revoke')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {devices.map((d) => (
          <tr key={d.id}>
            <td>{d.name}</td>
            <td className="num-text">{f.instant(d.pairedAt)}</td>
            <td className="num-text">{d.lastSeenAt ? f.instant(d.lastSeenAt) : t('site.devices.never')}</td>
            <td>{d.connected ? t('site.devices.connected') : t('site.devices.notConnected')}</td>
            <td>
              <button type="button" className="btn btn--danger btn--small" data-channel="site.revoke" onClick={() => onRemove(d)}>
                {t('site.devices.revoke')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RevokeDialog({ device, onClose, onDone }: { device: SiteDevice; onClose: () => void; onDone: (s: SiteSharing) => void }) {
  const { t } = useTranslation();
  const revoke = useMutation({
    mutationFn: () => invoke('site.revoke', { id: device.id }),
    onSuccess: (next) => {
      onDone(next);
      onClose();
    },
  });
  return (
    <Dialog title={t('site.devices.revoke')} onClose={onClose} onSubmit={() => revoke.mutate()} submitLabel={t('site.devices.revoke')} busy={revoke.isPending} danger size="small">
      <p>{t('site.devices.revokeConfirm', { name: device.name })}</p>
      {revoke.isError ? <Banner kind="error">{errorText(t, revoke.error)}</Banner> : null}
    </Dialog>
  );
}
