import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus, StaffBrief } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { LanguageSwitch } from '../../app/Shell';
import { Banner } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';

/**
 * Sign-in and lock screen: pick a name, enter the PIN. Also the quick switch of user.
 * The screens of those signed in this session wait, kept, until their PIN (renderer/app/Desk.tsx).
 */
export function LockScreen({ status }: { status: AuthStatus }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<StaffBrief | null>(() => (status.locked ? status.staff : status.roster.length === 1 ? status.roster[0]! : null));
  return (
    <main className="setup lock">
      <div className="setup__card lock__card">
        <div className="setup__brand" aria-hidden="true">
          S
        </div>
        <h1>{status.locked ? t('staff.signIn.lockedTitle') : t('staff.signIn.title')}</h1>
        <p className="muted">{status.locked ? t('staff.signIn.lockedSubtitle') : t('staff.signIn.subtitle')}</p>
        {chosen ? (
          <PinForm key={chosen.id} staff={chosen} onBack={status.roster.length > 1 ? () => setChosen(null) : undefined} />
        ) : (
          <ul className="lock__roster" aria-label={t('staff.signIn.title')}>
            {status.roster.map((s) => (
              <li key={s.id}>
                <button type="button" className="lock__person" onClick={() => setChosen(s)}>
                  <span className="lock__avatar" aria-hidden="true">
                    {s.name.slice(0, 1).toUpperCase()}
                  </span>
                  <span className="lock__name">{s.name}</span>
                  <span className="lock__role">{t(`staff.roles.${s.role}`)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="lock__footer">
          <LanguageSwitch />
        </div>
      </div>
    </main>
  );
}

function PinForm({ staff, onBack }: { staff: StaffBrief; onBack: (() => void) | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [pin, setPin] = useState('');
  const signIn = useMutation({
    mutationFn: () => invoke('auth.signIn', { staffId: staff.id, pin }),
    onSuccess: async () => {
      // Everything on screen may belong to the previous person: start fresh.
      await qc.invalidateQueries();
    },
    onError: () => setPin(''),
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    signIn.mutate();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="lock__form" aria-label={t('staff.signIn.submit')}>
      <div className="lock__chosen">
        <span className="lock__avatar" aria-hidden="true">
          {staff.name.slice(0, 1).toUpperCase()}
        </span>
        <div>
          <div className="lock__name">{staff.name}</div>
          <div className="lock__role">{t(`staff.roles.${staff.role}`)}</div>
        </div>
      </div>
      {signIn.isError ? <Banner kind="error">{signInError(signIn.error, t, f.time)}</Banner> : null}
      <div className="field">
        <label htmlFor="lock-pin">{t('staff.signIn.pin')}</label>
        <input
          id="lock-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={8}
          className="lock__pin"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
      </div>
      <button type="submit" className="btn btn--primary btn--block" disabled={signIn.isPending || pin.length < 4}>
        {t('staff.signIn.submit')}
      </button>
      {onBack ? (
        <button type="button" className="btn btn--ghost btn--block" onClick={onBack}>
          {t('staff.signIn.back')}
        </button>
      ) : null}
    </form>
  );
}

function signInError(e: unknown, t: ReturnType<typeof useTranslation>['t'], time: (iso: string) => string): string {
  if (e instanceof ApiError && e.code === 'WRONG_PIN') return t('staff.signIn.wrongPin', { count: Number(e.details?.['attemptsLeft'] ?? 0) });
  if (e instanceof ApiError && e.code === 'PIN_LOCKED') {
    return t('staff.signIn.pinLocked', { time: time(String(e.details?.['until'] ?? '')) });
  }
  return errorText(t, e);
}

