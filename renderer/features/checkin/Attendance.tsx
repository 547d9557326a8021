import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/dates';
import { errorText } from '../../app/errors';
import { Banner, Card } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';

type Range = 7 | 30 | 90;

/** Visits per day (a bar per day) and per member, over the last 7, 30 or 90 days. */
export function Attendance() {
  const { t } = useTranslation();
  const f = useFormat();
  const [range, setRange] = useState<Range>(30);
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  const to = info.data?.today;
  const from = to ? addDays(to, -(range - 1)) : undefined;
  const days = useQuery({
    queryKey: ['checkins', 'attendance', 'day', from, to],
    queryFn: () => invoke('checkin.attendance', { from: from!, to: to!, by: 'day' }),
    enabled: Boolean(to),
  });
  const members = useQuery({
    queryKey: ['checkins', 'attendance', 'member', from, to],
    queryFn: () => invoke('checkin.attendance', { from: from!, to: to!, by: 'member' }),
    enabled: Boolean(to),
  });
  const dayRows = days.data?.by === 'day' ? days.data.days : [];
  const memberRows = members.data?.by === 'member' ? members.data.members : [];
  const max = Math.max(1, ...dayRows.map((d) => d.visits));
  return (
    <>
      <div className="toolbar">
        <Segmented
          label={t('checkin.attendance.range')}
          value={String(range) as '7' | '30' | '90'}
          options={(['7', '30', '90'] as const).map((v) => ({ value: v, label: t('checkin.attendance.days', { count: Number(v) }) }))}
          onChange={(v) => setRange(Number(v) as Range)}
        />
        <span className="toolbar__meta">{days.data ? t('checkin.attendance.total', { count: days.data.total }) : ''}</span>
      </div>
      {days.error ? <Banner kind="error">{errorText(t, days.error)}</Banner> : null}
      <div className="attendance">
        <Card title={t('checkin.attendance.perDay')} className="card--table">
          <table className="table attendance__days" aria-label={t('checkin.attendance.perDay')}>
            <thead>
              <tr>
                <th>{t('checkin.attendance.date')}</th>
                <th className="num">{t('checkin.attendance.visits')}</th>
                <th className="num">{t('checkin.attendance.members')}</th>
                <th aria-hidden="true" />
              </tr>
            </thead>
            <tbody>
              {[...dayRows].reverse().map((d) => (
                <tr key={d.date}>
                  <td>{f.date(d.date)}</td>
                  <td className="num">{d.visits}</td>
                  <td className="num">{d.members}</td>
                  <td className="attendance__barcell" aria-hidden="true">
                    <span className="attendance__bar" style={{ width: `${(d.visits / max) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={t('checkin.attendance.perMember')} className="card--table">
          {memberRows.length === 0 ? <div className="empty-state">{t('checkin.attendance.none')}</div> : null}
          {memberRows.length ? (
            <table className="table" aria-label={t('checkin.attendance.perMember')}>
              <thead>
                <tr>
                  <th>{t('checkin.today.member')}</th>
                  <th className="num">{t('checkin.attendance.visits')}</th>
                  <th>{t('checkin.attendance.last')}</th>
                </tr>
              </thead>
              <tbody>
                {memberRows.map((m) => (
                  <tr key={m.memberId}>
                    <td>
                      <a className="link" href={`#/members?member=${m.memberId}`}>
                        {m.name}
                      </a>
                    </td>
                    <td className="num">{m.visits}</td>
                    <td>{f.date(m.last)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </Card>
      </div>
    </>
  );
}
