import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../electron/contract';
import type { Role } from '../../../electron/contract/define';
import { errorText, fieldErrorText } from '../../app/errors';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner, Card, Page } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { AUTH_KEY } from './useAuth';

const STAFF_KEY = ['staff'] as const;
const ROLES: Role[] = ['desk', 'manager', 'owner'];

/** The one active owner cannot be deactivated or demoted (the host refuses it), so it is not offered. */
function isLastOwner(s: StaffMember, all: readonly StaffMember[]): boolean {
  const owners = all.filter((o) => o.active && o.role === 'owner');
  return owners.length === 1 && owners[0]!.id === s.id;
}

type Editing = { kind: 'add' } | { kind: 'edit'; staff: StaffMember } | { kind: 'pin'; staff: StaffMember } | null;

/** Owner only: add staff, set roles, reset PINs, deactivate; and the screen-lock minutes. */
export function StaffScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: STAFF_KEY, queryFn: () => invoke('staff.list', {}) });
  const [editing, setEditing] = useState<Editing>(null);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: STAFF_KEY }), qc.invalidateQueries({ queryKey: AUTH_KEY })]);

  async function setActive(s: StaffMember, active: boolean) {
    try {
      await invoke('staff.setActive', { id: s.id, active });
      toast.success(t('staff.screen.saved'));
    } catch (e) {
      toast.error(errorText(t, e));
    }
    await refresh();
  }

  return (
    <Page
      title={t('staff.screen.title')}
      subtitle={t('staff.screen.subtitle')}
      actions={
        <button type="button" className="btn btn--primary" data-channel="staff.create" onClick={() => setEditing({ kind: 'add' })}>
          {t('staff.screen.add')}
        </button>
      }
    >
      {list.isError ? <Banner kind="error">{errorText(t, list.error)}</Banner> : null}
      <Card>
        <table className="table staff__table" aria-label={t('staff.screen.title')}>
          <thead>
            <tr>
              <th>{t('staff.screen.name')}</th>
              <th>{t('staff.screen.role')}</th>
              <th>{t('staff.screen.status')}</th>
              <th aria-label={t('common.actions')} />
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((s) => (
              <tr key={s.id}>
                <td className="staff__name">{s.name}</td>
                <td>
                  <span className="staff__role">{t(`staff.roles.${s.role}`)}</span>
                  <div className="staff__role-help muted">{t(`staff.screen.roleHelp.${s.role}`)}</div>
                </td>
                <td>
                  {!s.active ? (
                    <StatusBadge tone="grey">{t('staff.screen.inactive')}</StatusBadge>
                  ) : s.lockedUntil && new Date(s.lockedUntil) > new Date() ? (
                    <StatusBadge tone="amber">
                      {t('staff.screen.lockedUntil', { time: f.time(s.lockedUntil) })}
                    </StatusBadge>
                  ) : (
                    <StatusBadge tone="green">{t('staff.screen.active')}</StatusBadge>
                  )}
                </td>
                <td className="actions staff__actions">
                  <button type="button" className="btn btn--small" data-channel="staff.update" aria-label={`${t('staff.screen.edit')} ${s.name}`} onClick={() => setEditing({ kind: 'edit', staff: s })}>
                    {t('staff.screen.edit')}
                  </button>
                  <button type="button" className="btn btn--small" data-channel="staff.resetPin" aria-label={`${t('staff.screen.resetPin')} ${s.name}`} onClick={() => setEditing({ kind: 'pin', staff: s })}>
                    {t('staff.screen.resetPin')}
                  </button>
                  {isLastOwner(s, list.data ?? []) ? null : (
                    <ConfirmButton
                    className="btn btn--small"
                    channel="staff.setActive"
                    ariaLabel={`${s.active ? t('staff.screen.deactivate') : t('staff.screen.reactivate')} ${s.name}`}
                    message={t(s.active ? 'staff.screen.deactivateConfirm' : 'staff.screen.reactivateConfirm', { name: s.name })}
                    confirmLabel={s.active ? t('staff.screen.deactivate') : t('staff.screen.reactivate')}
                    danger={s.active}
                    onConfirm={() => setActive(s, !s.active)}
                  >
                    {s.active ? t('staff.screen.deactivate') : t('staff.screen.reactivate')}
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <AutoLockCard />
      {editing?.kind === 'add' || editing?.kind === 'edit' ? (
        <StaffDialog
          staff={editing.kind === 'edit' ? editing.staff : null}
          lastOwner={editing.kind === 'edit' && isLastOwner(editing.staff, list.data ?? [])}
          onClose={() => setEditing(null)} onSaved={refresh} />
      ) : null}
      {editing?.kind === 'pin' ? <PinDialog staff={editing.staff} onClose={() => setEditing(null)} onSaved={refresh} /> : null}
    </Page>
  );
}

function StaffDialog({ staff, lastOwner, onClose, onSaved }: { staff: StaffMember | null; lastOwner: boolean; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const [name, setName] = useState(staff?.name ?? '');
  const [role, setRole] = useState<Role>(staff?.role ?? 'desk');
  const [pin, setPin] = useState('');
  const save = useMutation({
    mutationFn: () => (staff ? invoke('staff.update', { id: staff.id, name, role }) : invoke('staff.create', { name, role, pin })),
    onSuccess: async () => {
      toast.success(t('staff.screen.saved'));
      await onSaved();
      onClose();
    },
  });
  const errs = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  return (
    <Dialog
      title={staff ? t('staff.screen.editTitle', { name: staff.name }) : t('staff.screen.addTitle')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('common.save')}
      busy={save.isPending}
      size="small"
    >
      {save.isError && !Object.keys(errs).length ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      <Field label={t('staff.screen.name')} error={fieldErrorText(t, errs['name'])}>
        {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('staff.screen.role')} error={fieldErrorText(t, errs['role'])} hint={lastOwner ? t('staff.screen.lastOwner') : t(`staff.screen.roleHelp.${role}`)}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={role} disabled={lastOwner} onChange={(e) => setRole(e.target.value as Role)}>
            {(lastOwner ? (['owner'] as Role[]) : ROLES).map((r) => (
              <option key={r} value={r}>
                {t(`staff.roles.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {staff ? null : (
        <Field label={t('staff.screen.newPin')} error={fieldErrorText(t, errs['pin'])}>
          {(id, d) => (
            <input id={id} aria-describedby={d} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
          )}
        </Field>
      )}
    </Dialog>
  );
}

function PinDialog({ staff, onClose, onSaved }: { staff: StaffMember; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const save = useMutation({
    mutationFn: () => invoke('staff.resetPin', { id: staff.id, pin }),
    onSuccess: async () => {
      toast.success(t('staff.screen.pinReset'));
      await onSaved();
      onClose();
    },
  });
  const errs = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  return (
    <Dialog title={t('staff.screen.resetTitle', { name: staff.name })} onClose={onClose} onSubmit={() => save.mutate()} submitLabel={t('common.save')} busy={save.isPending} size="small">
      {save.isError && !Object.keys(errs).length ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      <Field label={t('staff.screen.newPin')} error={fieldErrorText(t, errs['pin'])}>
        {(id, d) => (
          <input id={id} aria-describedby={d} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
        )}
      </Field>
    </Dialog>
  );
}

function AutoLockCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
  const [minutes, setMinutes] = useState<string | null>(null);
  const value = minutes ?? String(settings.data?.autoLockMinutes ?? '');
  const save = useMutation({
    mutationFn: () => invoke('settings.update', { autoLockMinutes: /^\d{1,3}$/.test(value.trim()) ? Number(value) : -1 }),
    onSuccess: async (next) => {
      qc.setQueryData(['settings'], next);
      await qc.invalidateQueries({ queryKey: AUTH_KEY });
      toast.success(t('staff.screen.autoLockSaved'));
    },
  });
  const err = save.error instanceof ApiError ? fieldErrorText(t, save.error.fieldErrors()['autoLockMinutes']) : undefined;
  return (
    <Card title={t('staff.screen.security')}>
      <form
        className="backups__folder"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label={t('staff.screen.autoLock')} error={err}>
          {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={value} onChange={(e) => setMinutes(e.target.value)} />}
        </Field>
        <button type="submit" className="btn" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
    </Card>
  );
}
