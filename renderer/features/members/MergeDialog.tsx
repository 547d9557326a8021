import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { toast } from '../../components/Toast';
import { invoke } from '../../lib/api';
import { MemberPicker, type Picked } from './MemberPicker';

/** Merge a duplicate record into this one: everything of the other moves here; the other stays as a pointer. */
export function MergeDialog(props: { keep: Picked; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [other, setOther] = useState<Picked | null>(null);
  const merge = useMutation({
    mutationFn: (mergeId: number) => invoke('members.merge', { keepId: props.keep.id, mergeId }),
    onSuccess: (r) => {
      toast.success(t('members.merge.done', { merged: r.merged.name, kept: r.kept.name }));
      void qc.invalidateQueries();
      props.onDone();
    },
  });
  return (
    <Dialog
      title={t('members.merge.title', { name: props.keep.name })}
      onClose={props.onClose}
      onSubmit={() => other && merge.mutate(other.id)}
      submitLabel={t('members.merge.confirm')}
      busy={merge.isPending}
      danger
    >
      <p className="dialog__note">{t('members.merge.explain', { name: props.keep.name })}</p>
      {merge.isError ? <Banner kind="error">{errorText(t, merge.error)}</Banner> : null}
      <Field label={t('members.merge.other')} hint={t('members.merge.otherHint')}>
        {(id, d) => <MemberPicker id={id} describedBy={d} value={other} exclude={[props.keep.id]} onChange={setOther} autoFocus />}
      </Field>
      {other ? <Banner kind="warning">{t('members.merge.warning', { merged: other.name, kept: props.keep.name })}</Banner> : null}
    </Dialog>
  );
}
