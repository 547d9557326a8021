import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../app/errors';
import { Dialog } from '../../../components/Dialog';
import { Card } from '../../../components/Page';
import { toast } from '../../../components/Toast';
import { invoke } from '../../../lib/api';
import { useCanCall } from '../../staff/useCanCall';
import { CameraDialog } from './CameraDialog';
import { MemberPhoto, photoKey, useMemberPhoto } from './MemberPhoto';
import { shrinkFile } from './shrink';

/** The member page's photo: shown, taken with the PC's camera or chosen from a file (replacing the old one), removed. */
export function PhotoCard(props: { memberId: number; name: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const photo = useMemberPhoto(props.memberId);
  const canSet = useCanCall('members.setPhoto') && !props.readOnly;
  const canRemove = useCanCall('members.removePhoto') && !props.readOnly;
  const fileRef = useRef<HTMLInputElement>(null);
  const [camera, setCamera] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const save = useMutation({
    mutationFn: (jpeg: string) => invoke('members.setPhoto', { memberId: props.memberId, jpeg }),
    onSuccess: (p) => {
      qc.setQueryData(photoKey(props.memberId), p);
      toast.success(t('members.photo.saved'));
      setCamera(false);
    },
    onError: (e) => toast.error(errorText(t, e)),
  });
  const remove = useMutation({
    mutationFn: () => invoke('members.removePhoto', { memberId: props.memberId }),
    onSuccess: () => {
      qc.setQueryData(photoKey(props.memberId), null);
      toast.success(t('members.photo.removed'));
      setConfirm(false);
    },
    onError: (e) => toast.error(errorText(t, e)),
  });

  async function onFile(file: File | undefined) {
    if (!file) return;
    let jpeg: string;
    try {
      jpeg = await shrinkFile(file);
    } catch {
      toast.error(t('members.photo.badFile'));
      return;
    }
    save.mutate(jpeg);
  }

  return (
    <Card className="member-photo-card" title={t('members.photo.title')}>
      <MemberPhoto memberId={props.memberId} name={props.name} size="page" placeholder />
      {canSet || (canRemove && photo.data) ? (
        <div className="member-photo-card__actions">
          {canSet ? (
            <>
              <button type="button" className="btn btn--small" data-channel="members.setPhoto" onClick={() => setCamera(true)} disabled={save.isPending}>
                {t('members.photo.camera')}
              </button>
              <button type="button" className="btn btn--small" data-channel="members.setPhoto" onClick={() => fileRef.current?.click()} disabled={save.isPending}>
                {t('members.photo.file')}
              </button>
              <input
                ref={fileRef}
                type="file"
                accept="image/*"
                hidden
                data-testid="photo-file"
                onChange={(e) => {
                  void onFile(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
            </>
          ) : null}
          {canRemove && photo.data ? (
            <button type="button" className="btn btn--small btn--ghost" data-channel="members.removePhoto" onClick={() => setConfirm(true)}>
              {t('members.photo.remove')}
            </button>
          ) : null}
        </div>
      ) : null}
      {camera ? <CameraDialog name={props.name} busy={save.isPending} onClose={() => setCamera(false)} onTaken={(jpeg) => save.mutate(jpeg)} /> : null}
      {confirm ? (
        <Dialog
          title={t('members.photo.remove')}
          danger
          size="small"
          busy={remove.isPending}
          submitLabel={t('members.photo.remove')}
          onSubmit={() => remove.mutate()}
          onClose={() => setConfirm(false)}
        >
          <p>{t('members.photo.confirmRemove', { name: props.name })}</p>
        </Dialog>
      ) : null}
    </Card>
  );
}
