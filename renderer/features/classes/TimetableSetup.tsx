import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ClassRoom, ClassRule, ClassSchedule, ClassTeacher, ClassType } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { DataTable, type Columns } from '../../components/DataTable';
import { Banner, Page } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { StatusBadge } from '../../components/StatusBadge';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { useAuth } from '../staff/useAuth';
import { useCanCall } from '../staff/useCanCall';
import { RulesDialog, ScheduleEditDialog } from './SetupDialogs';
import { RoomDialog, TeacherDialog, TimetableDialog, TypeDialog } from './TimetableDialogs';
import './setup.css';

type Part = 'types' | 'schedules' | 'teachers' | 'rooms';
const PARTS: Part[] = ['types', 'schedules', 'teachers', 'rooms'];
/** The channel that adds one of each part: its button shows only to whoever may call it. */
const CREATE = { types: 'classes.types.create', schedules: 'classes.schedules.create', teachers: 'classes.teachers.create', rooms: 'classes.rooms.create' } as const;
const NEW = { types: 'type', schedules: 'schedule', teachers: 'teacher', rooms: 'room' } as const;

type Editing =
  | { kind: 'new'; part: Part }
  | { kind: 'type'; type: ClassType }
  | { kind: 'rules'; type: ClassType }
  | { kind: 'schedule'; schedule: ClassSchedule }
  | { kind: 'teacher'; teacher: ClassTeacher }
  | { kind: 'room'; room: ClassRoom };

/**
 * The manager's side of the timetable, apart from the desk's week: class types (and the owner's booking
 * rules), classes on the timetable with their holidays, teachers and rooms. Each part is a list with its
 * edit buttons; every button shows only to whoever the contract lets call its channel.
 */
export function TimetableSetup({ tabs }: { tabs: ReactNode }) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  const [part, setPart] = useState<Part>('types');
  const [editing, setEditing] = useState<Editing | null>(null);
  const canCreate = useCanCall(CREATE[part]);
  const close = () => setEditing(null);
  return (
    <div className="classes">
      <Page
        title={t('classes.title')}
        subtitle={t('classes.setup.subtitle')}
        actions={
          canCreate ? (
            <button type="button" className="btn btn--primary" data-channel={CREATE[part]} onClick={() => setEditing({ kind: 'new', part })}>
              + {t(`classes.setup.new.${part}`)}
            </button>
          ) : undefined
        }
      >
        <div className="toolbar timetable-setup__toolbar">
          {tabs}
          <Segmented label={t('classes.setup.parts.label')} value={part} options={PARTS.map((p) => ({ value: p, label: t(`classes.setup.parts.${p}`) }))} onChange={setPart} />
        </div>
        {part === 'types' ? <TypesList onEdit={setEditing} /> : null}
        {part === 'schedules' ? <SchedulesList onEdit={setEditing} /> : null}
        {part === 'teachers' ? <TeachersList onEdit={setEditing} /> : null}
        {part === 'rooms' ? <RoomsList onEdit={setEditing} /> : null}
      </Page>
      {editing?.kind === 'new' && info.data ? <TimetableDialog editing={NEW[editing.part]} today={info.data.today} onClose={close} /> : null}
      {editing?.kind === 'type' ? <TypeDialog type={editing.type} onClose={close} /> : null}
      {editing?.kind === 'rules' ? <RulesDialog type={editing.type} onClose={close} /> : null}
      {editing?.kind === 'schedule' ? <ScheduleEditDialog schedule={editing.schedule} onClose={close} /> : null}
      {editing?.kind === 'teacher' ? <TeacherDialog teacher={editing.teacher} onClose={close} /> : null}
      {editing?.kind === 'room' ? <RoomDialog room={editing.room} onClose={close} /> : null}
    </div>
  );
}

const MAX_HEIGHT = 'calc(100vh - 210px)';

/** A list's card: its error, or the table (which says "Loading…" until the first answer). */
function ListCard<T>(props: { label: string; query: { data?: T[] | undefined; error: unknown }; columns: Columns<T>; empty: string; rowClassName?: (row: T) => string | undefined }) {
  const { t } = useTranslation();
  if (props.query.error) return <Banner kind="error">{errorText(t, props.query.error)}</Banner>;
  return (
    <div className="card card--flush">
      <DataTable
        loading={!props.query.data}
        label={props.label}
        data={props.query.data ?? []}
        columns={props.columns}
        maxHeight={MAX_HEIGHT}
        empty={<div className="empty-state">{props.empty}</div>}
        {...(props.rowClassName ? { rowClassName: props.rowClassName } : {})}
      />
    </div>
  );
}

/** A row's buttons, each named with the row ("Edit: Yoga") so a screen reader hears which. */
function RowButton(props: { label: string; name: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" className="btn btn--small" aria-label={`${props.label}: ${props.name}`} disabled={props.disabled} onClick={props.onClick}>
      {props.label}
    </button>
  );
}

/** "only recorded" / "¥50.00 fee" / "session used". */
function ruleText(t: TFunction, money: (m: number) => string, rule: ClassRule, fee: number): string {
  return t(`classes.setup.rule.${rule}`, { fee: money(fee) });
}

function TypesList({ onEdit }: { onEdit: (e: Editing) => void }) {
  const { t } = useTranslation();
  const { money } = useFormat();
  const types = useQuery({ queryKey: ['classes', 'types', 'all'], queryFn: () => invoke('classes.types.list', { includeArchived: true }) });
  const plans = useQuery({ queryKey: ['plans', 'all'], queryFn: () => invoke('plans.list', { includeArchived: true }) });
  const canEdit = useCanCall('classes.types.update');
  const canRules = useCanCall('classes.types.setRules');
  const planName = useMemo(() => new Map((plans.data ?? []).map((p) => [p.id, p.name])), [plans.data]);
  const columns = useMemo<Columns<ClassType>>(
    () => [
      {
        id: 'name',
        accessorKey: 'name',
        header: t('classes.setup.col.name'),
        meta: { width: '17%' },
        cell: ({ row: { original: c } }) => (
          <div className="cell-stack">
            <span className="cell-title">
              <span className="session-panel__swatch" style={{ background: c.colour }} aria-hidden="true" />
              <span className="cell-strong">{c.name}</span>
              {c.archived ? <StatusBadge tone="grey">{t('classes.setup.archived')}</StatusBadge> : null}
            </span>
          </div>
        ),
      },
      { id: 'minutes', accessorKey: 'minutes', header: t('classes.setup.col.minutes'), meta: { align: 'right', width: '9%' }, cell: ({ row: { original: c } }) => t('classes.setup.minutes', { count: c.minutes }) },
      { id: 'capacity', accessorKey: 'capacity', header: t('classes.setup.col.capacity'), meta: { align: 'right', width: '8%' } },
      { id: 'units', accessorKey: 'units', header: t('classes.setup.col.units'), meta: { align: 'right', width: '9%' } },
      {
        id: 'access',
        header: t('classes.setup.col.access'),
        enableSorting: false,
        meta: { width: '16%' },
        cell: ({ row: { original: c } }) => (
          <div className="cell-stack">
            <span className={`timetable-setup__wrap${c.planIds.length ? '' : ' muted'}`}>{c.planIds.length ? c.planIds.map((id) => planName.get(id) ?? `#${id}`).join(', ') : t('classes.setup.anyPlan')}</span>
          </div>
        ),
      },
      {
        id: 'rules',
        header: t('classes.setup.col.rules'),
        enableSorting: false,
        cell: ({ row: { original: c } }) => (
          <div className="cell-stack">
            <span className="timetable-setup__wrap">{t('classes.setup.window', { days: c.openDays, hours: c.cutoffHours })}</span>
            <span className="cell-sub timetable-setup__wrap">
              {t('classes.setup.penalties', { late: ruleText(t, money, c.lateCancelRule, c.lateCancelFee), noShow: ruleText(t, money, c.noShowRule, c.noShowFee) })}
            </span>
          </div>
        ),
      },
      {
        id: 'actions',
        header: t('classes.setup.col.actions'),
        enableSorting: false,
        meta: { width: '180px' },
        cell: ({ row: { original: c } }) => (
          <div className="row-actions">
            {canEdit ? <RowButton label={t('classes.setup.edit')} name={c.name} onClick={() => onEdit({ kind: 'type', type: c })} /> : null}
            {canRules ? <RowButton label={t('classes.setup.rules')} name={c.name} onClick={() => onEdit({ kind: 'rules', type: c })} /> : null}
          </div>
        ),
      },
    ],
    [t, money, planName, canEdit, canRules, onEdit],
  );
  return <ListCard label={t('classes.setup.parts.types')} query={types} columns={columns} empty={t('classes.setup.empty.types')} rowClassName={(c) => (c.archived ? 'row--muted' : undefined)} />;
}

function SchedulesList({ onEdit }: { onEdit: (e: Editing) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const schedules = useQuery({ queryKey: ['classes', 'schedules'], queryFn: () => invoke('classes.schedules.list', {}) });
  const canEdit = useCanCall('classes.schedules.update');
  const names = t('classes.weekdays', { returnObjects: true }) as string[];
  const columns = useMemo<Columns<ClassSchedule>>(
    () => [
      {
        id: 'name',
        accessorKey: 'name',
        header: t('classes.setup.col.name'),
        meta: { width: '18%' },
        cell: ({ row: { original: s } }) => (
          <div className="cell-stack">
            <span className="cell-strong">{s.name}</span>
            <span className="cell-sub">{s.classTypeName}</span>
          </div>
        ),
      },
      {
        id: 'when',
        header: t('classes.setup.col.when'),
        enableSorting: false,
        meta: { width: '13%' },
        cell: ({ row: { original: s } }) =>
          `${[...s.weekdays]
            .sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7))
            .map((d) => names[(d + 6) % 7])
            .join(' ')} ${s.startTime}`,
      },
      { id: 'teacher', accessorFn: (s) => s.teacherName ?? '', header: t('classes.setup.col.teacher'), cell: ({ row: { original: s } }) => s.teacherName ?? <span className="muted">{t('classes.noTeacher')}</span> },
      { id: 'room', accessorFn: (s) => s.roomName ?? '', header: t('classes.setup.col.room'), cell: ({ row: { original: s } }) => s.roomName ?? <span className="muted">{t('classes.noRoom')}</span> },
      { id: 'capacity', accessorKey: 'capacity', header: t('classes.setup.col.capacity'), meta: { align: 'right', width: '7%' } },
      {
        id: 'term',
        accessorKey: 'termEnd',
        header: t('classes.setup.col.term'),
        meta: { width: '20%' },
        cell: ({ row: { original: s } }) => (
          <div className="cell-stack">
            <span className="timetable-setup__wrap">{t('classes.weekOf', { from: f.date(s.termStart), to: f.date(s.termEnd) })}</span>
            <span className="cell-sub">{t('classes.setup.holidays', { count: s.holidays.length })}</span>
          </div>
        ),
      },
      { id: 'sessions', accessorKey: 'sessions', header: t('classes.setup.col.sessions'), meta: { align: 'right', width: '8%' } },
      { id: 'enrolled', accessorKey: 'enrolled', header: t('classes.setup.col.enrolled'), meta: { align: 'right', width: '8%' } },
      {
        id: 'actions',
        header: t('classes.setup.col.actions'),
        enableSorting: false,
        meta: { width: '90px' },
        cell: ({ row: { original: s } }) => (canEdit ? <RowButton label={t('classes.setup.edit')} name={s.name} onClick={() => onEdit({ kind: 'schedule', schedule: s })} /> : null),
      },
    ],
    [t, f, names, canEdit, onEdit],
  );
  return <ListCard label={t('classes.setup.parts.schedules')} query={schedules} columns={columns} empty={t('classes.setup.empty.schedules')} />;
}

/**
 * Teachers and rooms: the name, their own columns, whether in use, and Edit beside a button that takes it out
 * of use or puts it back (nothing is deleted: past sessions keep their teacher and room).
 */
function InUseList<T extends { id: number; name: string; active: boolean }>(props: {
  part: 'teachers' | 'rooms';
  query: { data?: T[] | undefined; error: unknown };
  canEdit: boolean;
  /** The columns between the name and the status. */
  columns: Columns<T>;
  words: { on: string; off: string; turnOff: string; turnOn: string };
  setActive: (row: T, active: boolean) => Promise<T>;
  done: (row: T) => string;
  onEdit: (row: T) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toggle = useMutation({
    mutationFn: (row: T) => props.setActive(row, !row.active),
    onSuccess: (row) => {
      toast.success(props.done(row));
      void qc.invalidateQueries({ queryKey: ['classes'] });
    },
    onError: (e) => toast.error(errorText(t, e)),
  });
  const { mutate, isPending } = toggle;
  const { columns: own, words, canEdit, onEdit } = props;
  const columns = useMemo<Columns<T>>(
    () => [
      { id: 'name', accessorKey: 'name', header: t('classes.setup.col.name'), meta: { width: '26%' }, cell: ({ row: { original: x } }) => <span className="cell-strong">{x.name}</span> },
      ...own,
      { id: 'active', accessorKey: 'active', header: t('classes.setup.col.status'), cell: ({ row: { original: x } }) => <StatusBadge tone={x.active ? 'green' : 'grey'}>{x.active ? words.on : words.off}</StatusBadge> },
      {
        id: 'actions',
        header: t('classes.setup.col.actions'),
        enableSorting: false,
        meta: { width: '240px' },
        cell: ({ row: { original: x } }) =>
          canEdit ? (
            <div className="row-actions">
              <RowButton label={t('classes.setup.edit')} name={x.name} onClick={() => onEdit(x)} />
              <RowButton label={x.active ? words.turnOff : words.turnOn} name={x.name} disabled={isPending} onClick={() => mutate(x)} />
            </div>
          ) : null,
      },
    ],
    [t, own, words, canEdit, onEdit, mutate, isPending],
  );
  return <ListCard label={t(`classes.setup.parts.${props.part}`)} query={props.query} columns={columns} empty={t(`classes.setup.empty.${props.part}`)} rowClassName={(x) => (x.active ? undefined : 'row--muted')} />;
}

function TeachersList({ onEdit }: { onEdit: (e: Editing) => void }) {
  const { t } = useTranslation();
  const teachers = useQuery({ queryKey: ['classes', 'teachers'], queryFn: () => invoke('classes.teachers.list', {}) });
  const roster = useAuth().data?.roster;
  const canEdit = useCanCall('classes.teachers.update');
  const columns = useMemo<Columns<ClassTeacher>>(
    () => [
      {
        id: 'staff',
        header: t('classes.setup.col.staff'),
        enableSorting: false,
        cell: ({ row: { original: x } }) =>
          x.staffId == null ? <span className="muted">{t('classes.setup.external')}</span> : (roster?.find((s) => s.id === x.staffId)?.name ?? t('classes.setup.formerStaff')),
      },
      { id: 'phone', accessorKey: 'phone', header: t('classes.setup.col.phone'), cell: ({ row: { original: x } }) => <span className="num-text">{x.phone || '—'}</span> },
    ],
    [t, roster],
  );
  const words = useMemo(() => ({ on: t('classes.setup.active'), off: t('classes.setup.inactive'), turnOff: t('classes.setup.deactivate'), turnOn: t('classes.setup.reactivate') }), [t]);
  const edit = useCallback((x: ClassTeacher) => onEdit({ kind: 'teacher', teacher: x }), [onEdit]);
  return (
    <InUseList
      part="teachers"
      query={teachers}
      canEdit={canEdit}
      columns={columns}
      words={words}
      setActive={(x, active) => invoke('classes.teachers.update', { id: x.id, active })}
      done={(x) => t(x.active ? 'classes.setup.teacherOn' : 'classes.setup.teacherOff', { name: x.name })}
      onEdit={edit}
    />
  );
}

function RoomsList({ onEdit }: { onEdit: (e: Editing) => void }) {
  const { t } = useTranslation();
  const rooms = useQuery({ queryKey: ['classes', 'rooms'], queryFn: () => invoke('classes.rooms.list', {}) });
  const canEdit = useCanCall('classes.rooms.update');
  const columns = useMemo<Columns<ClassRoom>>(
    () => [{ id: 'capacity', accessorFn: (x) => x.capacity ?? 0, header: t('classes.setup.col.capacity'), meta: { align: 'right' }, cell: ({ row: { original: x } }) => x.capacity ?? <span className="muted">{t('classes.setup.noLimit')}</span> }],
    [t],
  );
  const words = useMemo(() => ({ on: t('classes.setup.inUse'), off: t('classes.setup.outOfUse'), turnOff: t('classes.setup.takeOut'), turnOn: t('classes.setup.putBack') }), [t]);
  const edit = useCallback((x: ClassRoom) => onEdit({ kind: 'room', room: x }), [onEdit]);
  return (
    <InUseList
      part="rooms"
      query={rooms}
      canEdit={canEdit}
      columns={columns}
      words={words}
      setActive={(x, active) => invoke('classes.rooms.update', { id: x.id, active })}
      done={(x) => t(x.active ? 'classes.setup.roomOn' : 'classes.setup.roomOff', { name: x.name })}
      onEdit={edit}
    />
  );
}
