import type { ComponentType } from 'react';
import type { Access } from '../../electron/contract/define';
import { AuditScreen } from '../features/audit/AuditScreen';
import { StaffScreen } from '../features/staff/StaffScreen';
import { BillingScreen } from '../features/billing/BillingScreen';
import { PlansScreen } from '../features/plans/PlansScreen';
import { InvoicesScreen } from '../features/invoices/InvoicesScreen';
import { PaymentsScreen } from '../features/payments/PaymentsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { MembersScreen } from '../features/members/MembersScreen';
import { CheckinScreen } from '../features/checkin/CheckinScreen';
import { DashboardScreen } from '../features/dashboard/DashboardScreen';
import { ReportsScreen } from '../features/reports/ReportsScreen';
import { ExpensesScreen } from '../features/expenses/ExpensesScreen';

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
}

// Order: Members, Check-in, Plans, Invoices, Payments, Reports, Billing, Settings.
export const routes: RouteDef[] = [
  // The first screen for managers and owners (the first route a role may see is where it lands).
  { path: '/dashboard', label: 'dashboard.nav', icon: '◎', component: DashboardScreen, access: 'manager' },
  { path: '/members', label: 'nav.members', icon: '☰', component: MembersScreen },
  { path: '/checkin', label: 'nav.checkin', icon: '✓', component: CheckinScreen },
  { path: '/plans', label: 'nav.plans', icon: '▤', component: PlansScreen },
  { path: '/invoices', label: 'nav.invoices', icon: '▦', component: InvoicesScreen },
  { path: '/payments', label: 'nav.payments', icon: '¥', component: PaymentsScreen },
  { path: '/reports', label: 'reports.nav', icon: '▥', component: ReportsScreen, access: 'manager' },
  { path: '/expenses', label: 'expenses.nav', icon: '⇣', component: ExpensesScreen, access: 'manager' },
  { path: '/billing', label: 'nav.billing', icon: '↻', component: BillingScreen },
  { path: '/staff', label: 'staff.nav', icon: '☺', component: StaffScreen, access: 'owner' },
  { path: '/audit', label: 'audit.nav', icon: '⛨', component: AuditScreen, access: 'manager' },
  { path: '/settings', label: 'nav.settings', icon: '⚙', component: SettingsScreen, access: 'owner' },
];
