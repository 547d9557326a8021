import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Page } from '../../components/Page';
import { CardClashNotice } from './CardClashNotice';
import { ImportScreen } from './import/ImportScreen';
import { MemberDialog } from './MemberDialog';
import { MemberList } from './MemberList';
import { MemberPage } from './MemberPage';
import './desk.css';

/** Members: the list (?), one member's page (?member=ID) and the import (?view=import). */
export function MembersScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const id = Number(params.get('member'));
  const open = (memberId: number) => setParams({ member: String(memberId) });
  const back = () => setParams({});

  if (Number.isInteger(id) && id > 0) {
    return <MemberPage key={id} id={id} onBack={back} onOpen={open} onCheckIn={(m) => navigate(`/checkin?member=${m}`)} />;
  }
  if (params.get('view') === 'import') return <ImportScreen onBack={back} onOpen={open} />;
  return (
    <Page
      title={t('members.title')}
      subtitle={t('members.subtitle')}
      actions={
        <>
          <button type="button" className="btn" onClick={() => setParams({ view: 'import' })}>
            {t('members.import.open')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
            + {t('members.newMember')}
          </button>
        </>
      }
    >
      <CardClashNotice onOpen={open} />
      <MemberList onOpen={open} />
      {creating ? (
        <MemberDialog
          member={null}
          onClose={() => setCreating(false)}
          onSaved={(m) => {
            setCreating(false);
            open(m.id);
          }}
        />
      ) : null}
    </Page>
  );
}
