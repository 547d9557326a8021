import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, MemberRow } from '../../../electron/contract';
import { errorText, fieldErrorText } from '../../app/errors';
import { DateInput } from '../../components/DateInput';
import { normaliseDateText } from '../../components/dateText';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { ApiError, invoke } from '../../lib/api';
import { MemberPicker, type Picked } from './MemberPicker';

interface Draft {
  name: string;
  phone: string;
  cardNo: string;
  birthday: string;
  payer: Picked | null;
  notes: string;
  tags: string;
}

function toDraft(m: Member | null, payerName: string | null): Draft {
  return {
    name: m?.name ?? '',
    phone: m?.phone ?? '',
    cardNo: m?.cardNo ?? '',
    birthday: m?.birthday ?? '',
    payer: m?.payerId ? { id: m.payerId, name: payerName ?? `#${m.payerId}` } : null,
    notes: m?.notes ?? '',
    tags: m?.tags.join(', ') ?? '',
  };
}

function toInput(d: Draft) {
  return {
    name: d.name,
    phone: d.phone.trim(),
    cardNo: d.cardNo.trim() || null,
    birthday: normaliseDateText(d.birthday) || null,
    payerId: d.payer?.id ?? null,
    notes: d.notes,
    tags: [
      ...new Set(
        d.tags
          .split(/[,，、;；]/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ],
  };
}

function dupKey(input: { name: string; phone: string; birthday: string | null }): string {
  return JSON.stringify([input.name.trim(), input.phone, input.birthday]);
}

/** Update errors (`member.birthday`) and one tag's error (`tags.2`) go under their form field, as create errors do. */
function formErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, key] of Object.entries(errors)) out[path.replace(/^member\./, '').replace(/^tags\.\d+$/, 'tags')] ??= key;
  return out;
}

/**
 * Create or edit a member. Before saving, members with the same phone or the same name and
 * birthday are looked up: if any, they are shown and a second Save confirms it is someone else.
 */
export function MemberDialog(props: { member: Member | null; payerName?: string | null; onClose: () => void; onSaved: (m: Member) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(props.member, props.payerName ?? null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dupes, setDupes] = useState<MemberRow[] | null>(null);
  // Editing without touching name, phone or birthday needs no new duplicate check.
  const [checkedFor, setCheckedFor] = useState(() => (props.member ? dupKey(toInput(toDraft(props.member, null))) : ''));

  const save = useMutation({
    mutationFn: async (d: Draft) => {
      const input = toInput(d);
      const key = dupKey(input);
      if (key !== checkedFor) {
        const found = await invoke('members.duplicates', { name: input.name, phone: input.phone, birthday: input.birthday, excludeId: props.member?.id ?? null });
        setCheckedFor(key);
        if (found.length) {
          setDupes(found);
          return null;
        }
      }
      return props.member ? invoke('members.update', { id: props.member.id, member: input }) : invoke('members.create', input);
    },
    onSuccess: (m) => {
      if (!m) return;
      void qc.invalidateQueries({ queryKey: ['members'] });
      props.onSaved(m);
    },
    onError: (e) => setErrors(e instanceof ApiError ? formErrors(e.fieldErrors()) : {}),
  });

  const set = <K extends keyof Draft>(key: K, value: Draft[K], path: string = key) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => {
      const next = { ...e };
      delete next[path];
      return next;
    });
  };
  const err = (path: string) => fieldErrorText(t, errors[path]);

  function submit() {
    if (!draft.name.trim()) {
      setErrors({ name: 'required' });
      return;
    }
    save.mutate(draft);
  }

  return (
    <Dialog
      title={props.member ? t('members.dialog.editTitle', { name: props.member.name }) : t('members.dialog.newTitle')}
      onClose={props.onClose}
      onSubmit={submit}
      submitLabel={dupes?.length ? t('members.dialog.saveAnyway') : t('common.save')}
      busy={save.isPending}
    >
      {save.isError && !(save.error instanceof ApiError && save.error.code === 'VALIDATION') ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      {dupes?.length ? (
        <div className="banner banner--warning dupes" role="alert">
          <div className="cell-strong">{t('members.dialog.duplicates', { count: dupes.length })}</div>
          <ul>
            {dupes.map((m) => (
              <li key={m.id}>
                {m.name}
                {m.phone ? ` · ${m.phone}` : ''}
                {m.birthday ? ` · ${m.birthday}` : ''}
                {m.cardNo ? ` · ${t('members.cardShort', { card: m.cardNo })}` : ''}
              </li>
            ))}
          </ul>
          <div>{t('members.dialog.duplicatesHint')}</div>
        </div>
      ) : null}
      <div className="row row--2">
        <Field label={t('members.field.name')} error={err('name')}>
          {(id, d) => (
            <input id={id} aria-describedby={d} aria-invalid={errors['name'] ? true : undefined} autoComplete="off" value={draft.name} onChange={(e) => set('name', e.target.value)} />
          )}
        </Field>
        <Field label={t('members.field.phone')} error={err('phone')}>
          {(id, d) => (
            <input id={id} aria-describedby={d} inputMode="tel" autoComplete="off" className="num-text" value={draft.phone} onChange={(e) => set('phone', e.target.value)} />
          )}
        </Field>
      </div>
      <div className="row row--2">
        <Field label={t('members.field.cardNo')} error={err('cardNo')} hint={t('members.field.cardHint')}>
          {(id, d) => (
            <input id={id} aria-describedby={d} autoComplete="off" className="num-text" value={draft.cardNo} onChange={(e) => set('cardNo', e.target.value)} />
          )}
        </Field>
        <Field label={t('members.field.birthday')} error={err('birthday')}>
          {(id, d) => <DateInput id={id} describedBy={d} invalid={Boolean(errors['birthday'])} value={draft.birthday} onChange={(v) => set('birthday', v)} />}
        </Field>
      </div>
      <Field label={t('members.field.payer')} error={err('payerId')} hint={t('members.field.payerHint')}>
        {(id, d) => (
          <MemberPicker id={id} describedBy={d} value={draft.payer} exclude={props.member ? [props.member.id] : []} onChange={(p) => set('payer', p, 'payerId')} />
        )}
      </Field>
      <Field label={t('members.field.tags')} error={err('tags')} hint={t('members.field.tagsHint')}>
        {(id, d) => <input id={id} aria-describedby={d} autoComplete="off" value={draft.tags} onChange={(e) => set('tags', e.target.value)} />}
      </Field>
      <Field label={t('members.field.notes')} error={err('notes')}>
        {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={draft.notes} onChange={(e) => set('notes', e.target.value)} />}
      </Field>
    </Dialog>
  );
}
