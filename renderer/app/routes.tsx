import type { ComponentType } from 'react';
import type { Channel } from '../../electron/contract';
import type { Access } from '../../electron/contract/define';
import { MembersScreen } from '../features/members/MembersScreen';
import { later } from './later';

/**
 * Only the member list is in the first script (the desk's first screen); every other screen loads
 * when first opened, so the first screen does not wait to parse them (docs/decisions.md, "One start-up call").
 */
const CheckinScreen = later(() => import('../features/checkin/CheckinScreen'), 'CheckinScreen');
const ClassesScreen = later(() => import('../features/classes/ClassesScreen'), 'ClassesScreen');
const InvoicesScreen = later(() => import('../features/invoices/InvoicesScreen'), 'InvoicesScreen');
const PaymentsScreen = later(() => import('../features/payments/PaymentsScreen'), 'PaymentsScreen');
const FollowUpsScreen = later(() => import('../features/followups/FollowUpsScreen'), 'FollowUpsScreen');
const DashboardScreen = later(() => import('../features/dashboard/DashboardScreen'), 'DashboardScreen');
const ReportsScreen = later(() => import('../features/reports/ReportsScreen'), 'ReportsScreen');
const ExpensesScreen = later(() => import('../features/expenses/ExpensesScreen'), 'ExpensesScreen');
const PlansScreen = later(() => import('../features/plans/PlansScreen'), 'PlansScreen');
const BillingScreen = later(() => import('../features/billing/BillingScreen'), 'BillingScreen');
const StaffScreen = later(() => import('../features/staff/StaffScreen'), 'StaffScreen');
const AuditScreen = later(() => import('../features/audit/AuditScreen'), 'AuditScreen');
const SettingsScreen = later(() => import('../features/settings/SettingsScreen'), 'SettingsScreen');
const AboutScreen = later(() => import('../features/about/AboutScreen'), 'AboutScreen');

/**
 * The screens in the navigation, in order. A feature adds its screen here when it lands;
 * there are no placeholder entries.
 */
export interface RouteDef {
  path: string;
  /** i18n key of the navigation label. */
  label: string;
  icon: string;
  component: ComponentType;
  /** Who sees it (default desk): hidden from lower roles; the host enforces the channels anyway. */
  access?: Access;
  /**
   * A screen that exists to call one channel: shown (and routable) only to whoever may call it, as the
   * host answers `auth.access` (useCanCall's answer), so the screen follows the contract's access.
   */
  channel?: Channel;
}

// Order: Members, Check-in, Plans, Invoices, Payments, Reports, Billing, Settings.
export const routes: RouteDef[] = [
  // The first screen for managers and owners (the first route a role may see is where it lands).
  { path: '/dashboard', label: 'dashboard.nav', icon: '◎', component: DashboardScreen, access: 'manager' },
  { path: '/members', label: 'nav.members', icon: '☰', component: MembersScreen },
  { path: '/checkin', label: 'nav.checkin', icon: '✓', component: CheckinScreen },
  // The timetable: for whoever may read the week (the desk and up).
  { path: '/classes', label: 'classes.nav', icon: '◷', component: ClassesScreen, channel: 'classes.week' },
  { path: '/plans', label: 'nav.plans', icon: '▤', component: PlansScreen },
  { path: '/invoices', label: 'nav.invoices', icon: '▦', component: InvoicesScreen },
  { path: '/payments', label: 'nav.payments', icon: '¥', component: PaymentsScreen },
  { path: '/followups', label: 'followups.nav', icon: '☎', component: FollowUpsScreen },
  { path: '/reports', label: 'reports.nav', icon: '▥', component: ReportsScreen, access: 'manager' },
  { path: '/expenses', label: 'expenses.nav', icon: '⇣', component: ExpensesScreen, access: 'manager' },
  // Billing runs by itself: the screen is for whoever may run it by hand (not the desk).
  { path: '/billing', label: 'nav.billing', icon: '↻', component: BillingScreen, channel: 'billing.run' },
  { path: '/staff', label: 'staff.nav', icon: '☺', component: StaffScreen, access: 'owner' },
  { path: '/audit', label: 'audit.nav', icon: '⛨', component: AuditScreen, access: 'manager' },
  { path: '/settings', label: 'nav.settings', icon: '⚙', component: SettingsScreen, access: 'owner' },
  { path: '/about', label: 'about.nav', icon: 'ⓘ', component: AboutScreen },
];
