import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Page } from '../../components/Page';
import { CardClashNotice } from './CardClashNotice';
import { later } from '../../app/later';
import { MemberList } from './MemberList';
import './desk.css';

// The list is the first screen; a member's page, the import and the new-member form load when first opened.
const MemberPage = later(() => import('./MemberPage'), 'MemberPage');
const ImportScreen = later(() => import('./import/ImportScreen'), 'ImportScreen');
const MemberDialog = later(() => import('./MemberDialog'), 'MemberDialog');

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
        <Suspense fallback={null}>
          <MemberDialog
          member={null}
          onClose={() => setCreating(false)}
          onSaved={(m) => {
            setCreating(false);
            open(m.id);
          }}
          />
        </Suspense>
      ) : null}
    </Page>
  );
}
