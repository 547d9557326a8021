import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { Banner } from '../../../components/Page';
import { shrinkToJpeg } from './shrink';

/** The PC's camera, live, with a Capture button: the frame is shrunk to the stored JPEG and handed back. */
export function CameraDialog(props: { name: string; busy: boolean; onClose: () => void; onTaken: (jpeg: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let closed = false;
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false })
      .then((s) => {
        if (closed) return s.getTracks().forEach((tr) => tr.stop());
        stream = s;
        const v = video.current;
        if (!v) return;
        v.srcObject = s;
        v.onloadeddata = () => setReady(true);
        void v.play().catch(() => undefined);
      })
      .catch((e: unknown) => setFailed(e instanceof Error ? e.name : String(e)));
    // The camera goes off as soon as the dialog closes.
    return () => {
      closed = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  function capture() {
    const v = video.current;
    if (!v || !ready) return;
    try {
      props.onTaken(shrinkToJpeg(v, v.videoWidth, v.videoHeight));
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Dialog
      title={t('members.photo.cameraTitle', { name: props.name })}
      onClose={props.onClose}
      onSubmit={capture}
      busy={props.busy}
      footer={
        <>
          <button type="button" className="btn" onClick={props.onClose} disabled={props.busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={props.busy || !ready || failed !== null}>
            {t('members.photo.capture')}
          </button>
        </>
      }
    >
      {failed ? (
        <Banner kind="error">{t('members.photo.cameraFailed', { reason: failed })}</Banner>
      ) : (
        <div className="camera">
          <video ref={video} className="camera__video" muted playsInline aria-label={t('members.photo.cameraTitle', { name: props.name })} />
          {!ready ? <p className="muted">{t('members.photo.starting')}</p> : null}
        </div>
      )}
    </Dialog>
  );
}
