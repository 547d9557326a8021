import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceDetail, MemberPack, Subscription } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { type Columns } from '../../components/DataTable';
import { Banner, Card, Page } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { TakePaymentDialog } from '../payments/TakePaymentDialog';
import { toast } from '../../components/Toast';
import { CancelDialog } from './actions/CancelDialog';
import { ChangePlanDialog } from './actions/ChangePlanDialog';
import { GrantFreezeDialog } from './actions/GrantFreezeDialog';
import { PauseDialog } from './actions/PauseDialog';
import { ResumeDialog } from './actions/ResumeDialog';
import { SellPackDialog } from './actions/SellPackDialog';
import { SellPlanDialog } from './actions/SellPlanDialog';
import { AddonsDialog } from '../sales/AddonsDialog';
import { CheckoutDialog } from '../sales/CheckoutDialog';
import { useCanCall } from '../staff/useCanCall';
import type { Outcome } from './ActionDialog';
import { Badges } from './Badges';
import { FamilySection } from './family/FamilySection';
import { MemberDialog } from './MemberDialog';
import { MergeDialog } from './MergeDialog';
import { HistoryTab, InvoicesTab, TableCard, VisitsTab } from './MemberTabs';
import { PhotoCard } from './photo/PhotoCard';
import { useMemberShortcuts } from './useMemberShortcuts';
import { FollowUpHistoryCard } from '../followups/FollowUpHistoryCard';
import { LessonsTab } from '../classes/lessons/LessonsTab';

type Tab = 'memberships' | 'classes' | 'money' | 'visits' | 'history';
type Open =
  | { kind: 'edit' | 'sellPlan' | 'sellPack' | 'merge' | 'checkout' }
  | { kind: SubAction; sub: Subscription }
  | { kind: 'pay'; invoiceIds: number[] }
  | null;

type SubAction = 'pause' | 'resume' | 'cancel' | 'change' | 'addons' | 'grant';

const SUB_TONE: Record<Subscription['status'], Tone> = { trialing: 'blue', active: 'green', paused: 'grey', cancelled: 'amber', ended: 'grey' };

/** The member page's heading (the member's name): where the focus lands when the page opens. */
const MEMBER_TITLE = 'member-page-title';

/** One member: who they are, what they have, what they owe, when they came, and every action on them. */
export function MemberPage(props: { id: number; onBack: () => void; onOpen: (id: number) => void; onCheckIn: (id: number) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [tab, setTab] = useState<Tab>('memberships');
  const [open, setOpen] = useState<Open>(null);
  const profile = useQuery({ queryKey: ['members', 'profile', props.id], queryFn: () => invoke('members.profile', { id: props.id }) });
  const member = profile.data?.member;
  const payerId = member ? (member.payerId ?? member.id) : null;
  const balance = useQuery({
    queryKey: ['members', 'balance', payerId],
    queryFn: () => invoke('members.balance', { payerId: payerId! }),
    enabled: payerId !== null,
  });
  // Opened (from the list, Ctrl+K or a link): the focus goes to the member's name, so the keyboard starts here.
  const loaded = member !== undefined;
  useEffect(() => {
    if (loaded) document.getElementById(MEMBER_TITLE)?.focus();
  }, [loaded]);
  const live = member !== undefined && member.mergedInto === null;
  useMemberShortcuts(live && open === null, {
    pay: () => setOpen({ kind: 'pay', invoiceIds: [] }),
    sell: () => setOpen({ kind: 'checkout' }),
    checkIn: () => member && props.onCheckIn(member.id),
  });

  if (profile.isError) {
    return (
      <Page title={t('members.title')}>
        <Banner kind="error">{errorText(t, profile.error)}</Banner>
      </Page>
    );
  }
  if (!profile.data || !member) return <Page title={t('members.title')}>{t('common.loading')}</Page>;
  const p = profile.data;

  /** After a sale or a resume: offer to take the payment at once when something is left to pay. */
  function afterAction(r: Outcome) {
    const due = r.invoices.filter((i: InvoiceDetail) => i.balance > 0).map((i) => i.id);
    setOpen(due.length ? { kind: 'pay', invoiceIds: due } : null);
  }

  return (
    <Page
      titleId={MEMBER_TITLE}
      title={member.name}
      subtitle={[member.cardNo ? t('members.cardShort', { card: member.cardNo }) : '', member.phone].filter(Boolean).join(' · ')}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onBack}>
            ← {t('members.backToList')}
          </button>
          <button type="button" className="btn" onClick={() => setOpen({ kind: 'edit' })}>
            {t('common.edit')}
          </button>
          {member.mergedInto === null ? (
            <button type="button" className="btn btn--primary" title={t('members.keys.sell')} aria-keyshortcuts="Alt+S" onClick={() => setOpen({ kind: 'checkout' })}>
              {t('sales.open')}
            </button>
          ) : null}
          {member.mergedInto === null ? (
            <button type="button" className="btn btn--primary" title={t('members.keys.checkIn')} aria-keyshortcuts="Alt+C" onClick={() => props.onCheckIn(member.id)}>
              {t('members.actions.checkIn')}
            </button>
          ) : null}
        </>
      }
    >
      {member.mergedInto !== null ? (
        <Banner kind="warning">
          {t('members.mergedInto')}{' '}
          <button type="button" className="btn btn--small" onClick={() => props.onOpen(member.mergedInto!)}>
            {t('members.openKept')}
          </button>
        </Banner>
      ) : null}
      {live ? (
        <p className="member-keys muted" data-testid="member-keys">
          {t('members.keys.hint')}
        </p>
      ) : null}
      <div className="member-top">
        <PhotoCard memberId={member.id} name={member.name} readOnly={!live} />
        <Card className="member-facts">
          <div className="member-facts__badges">
            <Badges badges={p.badges} />
          </div>
          <dl className="details">
            <Fact label={t('members.field.cardNo')} value={member.cardNo ?? '—'} />
            <Fact label={t('members.field.phone')} value={member.phone || '—'} />
            <Fact label={t('members.field.birthday')} value={member.birthday ? f.date(member.birthday) : '—'} />
            <div className="details__row">
              <dt>{t('members.field.payer')}</dt>
              <dd>
                {p.payer ? (
                  <button type="button" className="link" onClick={() => props.onOpen(p.payer!.id)}>
                    {p.payer.name}
                  </button>
                ) : (
                  t('members.paysSelf')
                )}
              </dd>
            </div>
            {p.dependants.length ? (
              <div className="details__row">
                <dt>{t('members.paysFor')}</dt>
                <dd className="inline-list">
                  {p.dependants.map((d) => (
                    <button key={d.id} type="button" className="link" onClick={() => props.onOpen(d.id)}>
                      {d.name}
                    </button>
                  ))}
                </dd>
              </div>
            ) : null}
            <Fact label={t('members.field.tags')} value={member.tags.join(' · ') || '—'} />
            <Fact label={t('members.visits')} value={p.visits.last ? t('members.visitsValue', { count: p.visits.total, last: f.date(p.visits.last) }) : t('members.noVisits')} />
            {p.mergedFrom.length ? <Fact label={t('members.mergedFrom')} value={p.mergedFrom.map((m) => `${m.name} (#${m.id})`).join(', ')} /> : null}
          </dl>
          {member.notes ? <p className="member-notes">{member.notes}</p> : null}
        </Card>
        <Card className="member-money" title={p.payer ? t('members.money.titlePayer', { name: p.payer.name }) : t('members.money.title')}>
          {balance.data ? (
            <div className="stats stats--grid">
              {/* Owed and spendable, each never negative (the host derives them): no signed balance at the desk. */}
              <Stat label={t('members.money.owes')} value={f.money(balance.data.owes)} tone={balance.data.owes > 0 ? 'red' : undefined} />
              <Stat
                label={t('members.money.credit')}
                value={f.money(balance.data.credit)}
                sub={
                  balance.data.credit > 0
                    ? [t('members.money.paidPart', { amount: f.money(balance.data.paidCredit) }), t('members.money.bonusPart', { amount: f.money(balance.data.bonusCredit) })]
                    : []
                }
              />
            </div>
          ) : (
            <p className="muted">{t('common.loading')}</p>
          )}
          {p.overdue ? <Banner kind="error">{t('members.money.overdue', { amount: f.money(p.overdue.amount), count: p.overdue.days })}</Banner> : null}
          <div className="row-actions member-money__actions">
            <button type="button" className="btn btn--primary" title={t('members.keys.pay')} aria-keyshortcuts="Alt+P" onClick={() => setOpen({ kind: 'pay', invoiceIds: [] })}>
              {t('members.actions.takePayment')}
            </button>
          </div>
        </Card>
      </div>

      {p.dependants.length ? <FamilySection memberId={member.id} onOpen={props.onOpen} /> : null}

      <div className="toolbar member-toolbar">
        <Segmented
          label={t('members.tabs.label')}
          value={tab}
          options={(['memberships', 'classes', 'money', 'visits', 'history'] as const).map((v) => ({ value: v, label: v === 'classes' ? t('lessons.tab') : t(`members.tabs.${v}`) }))}
          onChange={setTab}
        />
        <div className="row-actions">
          <button type="button" className="btn btn--primary" onClick={() => setOpen({ kind: 'sellPlan' })}>
            + {t('members.actions.sellPlan')}
          </button>
          <button type="button" className="btn" onClick={() => setOpen({ kind: 'sellPack' })}>
            + {t('members.actions.sellPack')}
          </button>
          <button type="button" className="btn" data-channel="members.merge" onClick={() => setOpen({ kind: 'merge' })}>
            {t('members.actions.merge')}
          </button>
        </div>
      </div>

      {tab === 'memberships' ? <Memberships memberId={member.id} onAction={(kind, sub) => setOpen({ kind, sub })} /> : null}
      {tab === 'classes' ? <LessonsTab member={{ id: member.id, name: member.name }} household={p.dependants.map((d) => ({ id: d.id, name: d.name }))} /> : null}
      {tab === 'money' && payerId !== null ? <InvoicesTab payerId={payerId} /> : null}
      {tab === 'visits' ? <VisitsTab memberId={member.id} /> : null}
      {tab === 'visits' ? <FollowUpHistoryCard memberId={member.id} /> : null}
      {tab === 'history' ? <HistoryTab memberId={member.id} /> : null}

      {open?.kind === 'edit' ? <MemberDialog member={member} payerName={p.payer?.name ?? null} onClose={() => setOpen(null)} onSaved={() => setOpen(null)} /> : null}
      {open?.kind === 'sellPlan' ? <SellPlanDialog memberId={member.id} memberName={member.name} onClose={() => setOpen(null)} onDone={afterAction} /> : null}
      {open?.kind === 'sellPack' ? <SellPackDialog memberId={member.id} memberName={member.name} onClose={() => setOpen(null)} onDone={afterAction} /> : null}
      {open?.kind === 'checkout' ? <CheckoutDialog memberId={member.id} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'addons' ? <AddonsDialog sub={open.sub} onClose={() => setOpen(null)} onDone={afterAction} /> : null}
      {open?.kind === 'merge' ? <MergeDialog keep={{ id: member.id, name: member.name }} onClose={() => setOpen(null)} onDone={() => setOpen(null)} /> : null}
      {open?.kind === 'pause' ? <PauseDialog sub={open.sub} onClose={() => setOpen(null)} onDone={() => setOpen(null)} /> : null}
      {open?.kind === 'grant' ? <GrantFreezeDialog sub={open.sub} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'resume' ? <ResumeDialog sub={open.sub} onClose={() => setOpen(null)} onDone={afterAction} /> : null}
      {open?.kind === 'cancel' ? <CancelDialog sub={open.sub} onClose={() => setOpen(null)} onDone={() => setOpen(null)} /> : null}
      {open?.kind === 'change' ? <ChangePlanDialog sub={open.sub} onClose={() => setOpen(null)} onDone={afterAction} /> : null}
      {open?.kind === 'pay' ? <TakePaymentDialog memberId={member.id} invoiceIds={open.invoiceIds} onClose={() => setOpen(null)} /> : null}
    </Page>
  );
}

function Fact(props: { label: string; value: string }) {
  return (
    <div className="details__row">
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

function Stat(props: { label: string; value: string; tone?: 'red' | undefined; sub?: string[] }) {
  return (
    <div className="stat">
      <span className="stat__label">{props.label}</span>
      <span className={`stat__value${props.tone === 'red' ? ' text-danger' : ''}`}>{props.value}</span>
      {props.sub?.map((line) => (
        <span key={line} className="stat__label">
          {line}
        </span>
      ))}
    </div>
  );
}

/** Memberships and packs, each with its next billing date and price and the actions it allows. */
function Memberships(props: { memberId: number; onAction: (kind: SubAction, sub: Subscription) => void }) {
  const canGrant = useCanCall('subscriptions.grantFreezeDays');
  const { t } = useTranslation();
  const f = useFormat();
  const subs = useQuery({ queryKey: ['members', 'subs', props.memberId], queryFn: () => invoke('subscriptions.listByMember', { memberId: props.memberId }) });
  const packs = useQuery({ queryKey: ['members', 'packs', props.memberId], queryFn: () => invoke('packs.listByMember', { memberId: props.memberId }) });
  // A booked switch's note names the plan it changes to (archived plans included: it may have been archived since).
  const plans = useQuery({ queryKey: ['plans', 'all'], queryFn: () => invoke('plans.list', { includeArchived: true }) });
  const planName = (id: number) => plans.data?.find((p) => p.id === id)?.name;
  const subColumns: Columns<Subscription> = [
    {
      id: 'plan',
      header: t('members.subs.plan'),
      accessorKey: 'planName',
      cell: ({ row: { original: s } }) => (
        <div className="cell-stack">
          <span className="cell-strong cell-sub--wrap">{s.planName}</span>
          <span className="cell-sub">{t('members.subs.since', { date: f.date(s.startDate) })}</span>
        </div>
      ),
    },
    {
      id: 'status',
      header: t('members.subs.status'),
      accessorKey: 'status',
      cell: ({ row: { original: s } }) => (
        <div className="cell-stack">
          <span>
            <StatusBadge tone={SUB_TONE[s.status]}>{t(`members.subs.statusKind.${s.status}`)}</StatusBadge>
          </span>
          <span className="cell-sub cell-sub--wrap">{subNote(t, f, s, planName)}</span>
        </div>
      ),
    },
    { id: 'price', header: t('members.subs.price'), accessorKey: 'price', cell: (c) => f.money(c.row.original.price), meta: { align: 'right' } },
    { id: 'next', header: t('members.subs.next'), accessorKey: 'nextBillDate', cell: (c) => (c.row.original.nextBillDate ? f.date(c.row.original.nextBillDate) : '—'), meta: { fit: true } },
    {
      id: 'actions',
      header: () => <span className="sr-only">{t('common.actions')}</span>,
      enableSorting: false,
      // A manager's row has one more button (grant freeze days); the buttons wrap onto a second line
      // rather than squeeze the plan, the price and the date at 1280 px.
      meta: { width: canGrant ? '330px' : '300px' },
      cell: (c) => <SubActions sub={c.row.original} onAction={props.onAction} />,
    },
  ];
  const packColumns: Columns<MemberPack> = [
    { id: 'pack', header: t('members.packs.pack'), accessorKey: 'planName', cell: (c) => <span className="cell-strong">{c.row.original.planName}</span> },
    {
      id: 'status',
      header: t('members.packs.status'),
      accessorKey: 'status',
      cell: ({ row: { original: pk } }) => <StatusBadge tone={pk.status === 'active' ? 'green' : 'grey'}>{t(`members.packs.statusKind.${pk.status}`)}</StatusBadge>,
    },
    {
      id: 'left',
      header: t('members.packs.left'),
      accessorFn: (pk) => pk.sessionsTotal - pk.sessionsUsed,
      cell: ({ row: { original: pk } }) => t('members.packs.leftValue', { left: pk.sessionsTotal - pk.sessionsUsed, total: pk.sessionsTotal }),
      meta: { align: 'right' },
    },
    { id: 'valid', header: t('members.packs.valid'), accessorKey: 'startDate', cell: (c) => f.dateRange(c.row.original.startDate, c.row.original.expiresOn) },
  ];
  return (
    <>
      <TableCard title={t('members.subs.title')} rows={subs.data} columns={subColumns} empty={t('members.subs.none')} error={subs.error} getRowId={(s) => String(s.id)} />
      <TableCard title={t('members.packs.title')} rows={packs.data} columns={packColumns} empty={t('members.packs.none')} error={packs.error} getRowId={(pk) => String(pk.id)} />
    </>
  );
}

function subNote(t: ReturnType<typeof useTranslation>['t'], f: ReturnType<typeof useFormat>, s: Subscription, planName: (id: number) => string | undefined): string {
  if (s.pause) return s.pause.endDate ? t('members.subs.pausedUntil', { from: f.date(s.pause.startDate), to: f.date(s.pause.endDate) }) : t('members.subs.pausedOpen', { from: f.date(s.pause.startDate) });
  if (s.endDate) return t('members.subs.endsOn', { date: f.date(s.endDate) });
  if (s.pendingPlanId && s.pendingChangeDate) {
    const plan = planName(s.pendingPlanId);
    return plan ? t('members.subs.changesTo', { plan, date: f.date(s.pendingChangeDate) }) : t('members.subs.changesOn', { date: f.date(s.pendingChangeDate) });
  }
  if (s.status === 'trialing') return t('members.subs.trialUntil', { date: f.date(s.anchorDate) });
  return '';
}

function SubActions(props: { sub: Subscription; onAction: (kind: SubAction, sub: Subscription) => void }) {
  const { t } = useTranslation();
  const s = props.sub;
  const live = s.status !== 'ended' && s.status !== 'cancelled';
  // The contract lets only a manager or the owner grant freeze days (subscriptions.grantFreezeDays).
  const canGrant = useCanCall('subscriptions.grantFreezeDays');
  if (!live) return null;
  const label = (key: string) => `${t(`members.actions.${key}`)} ${s.planName}`;
  return (
    <div className="row-actions row-actions--wrap">
      {s.status === 'paused' || s.pause ? (
        // A card cancelled now ends on its end date and its freeze ends with it: there is nothing to resume.
        s.cancelAtPeriodEnd && s.nextBillDate === null ? null : (
          <button type="button" className="btn btn--small" aria-label={label('resume')} onClick={() => props.onAction('resume', s)}>
            {t('members.actions.resume')}
          </button>
        )
      ) : s.freezeDaysPerYear > 0 ? (
        <button type="button" className="btn btn--small" aria-label={label('pause')} onClick={() => props.onAction('pause', s)}>
          {t('members.actions.pause')}
        </button>
      ) : null}
      {canGrant && s.freezeDaysPerYear > 0 ? (
        <button type="button" className="btn btn--small" data-channel="subscriptions.grantFreezeDays" aria-label={label('grantFreeze')} onClick={() => props.onAction('grant', s)}>
          {t('members.actions.grantFreeze')}
        </button>
      ) : null}
      <button type="button" className="btn btn--small" aria-label={label('change')} onClick={() => props.onAction('change', s)}>
        {t('members.actions.change')}
      </button>
      {s.pendingPlanId !== null ? (
        <OneClick sub={s} action="withdrawSwitch" run={() => invoke('subscriptions.withdrawSwitch', { id: s.id })} done={t('members.change.withdrawn', { plan: s.planName })} />
      ) : null}
      {s.nextBillDate !== null && s.status !== 'paused' ? (
        <button type="button" className="btn btn--small" aria-label={t('sales.addons.openFor', { plan: s.planName })} onClick={() => props.onAction('addons', s)}>
          {t('sales.addons.open')}
          {s.addons.some((a) => a.endDate === null) ? ` (${s.addons.filter((a) => a.endDate === null).length})` : ''}
        </button>
      ) : null}
      {!s.endDate ? (
        <button type="button" className="btn btn--small" aria-label={label('cancel')} onClick={() => props.onAction('cancel', s)}>
          {t('members.actions.cancel')}
        </button>
      ) : s.cancelAtPeriodEnd ? (
        <OneClick sub={s} action="undoCancel" run={() => invoke('subscriptions.undoCancel', { id: s.id })} done={t('members.cancel.undone')} />
      ) : null}
    </div>
  );
}

/**
 * A membership action in one click, no dialog: undo a cancellation at the period end, or withdraw a switch booked
 * for it. `action` names the button (members.actions.*); the toast says what was done.
 */
function OneClick(props: { sub: Subscription; action: 'undoCancel' | 'withdrawSwitch'; run: () => Promise<unknown>; done: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const act = useMutation({
    mutationFn: props.run,
    onSuccess: () => {
      toast.success(props.done);
      void qc.invalidateQueries();
    },
    onError: (e) => toast.error(errorText(t, e)),
  });
  const label = t(`members.actions.${props.action}`);
  return (
    <button type="button" className="btn btn--small" aria-label={`${label} ${props.sub.planName}`} disabled={act.isPending} onClick={() => act.mutate()}>
      {label}
    </button>
  );
}
