import type { ComponentType } from 'react';
import { SettingsScreen } from '../features/settings/SettingsScreen';

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
}

export const routes: RouteDef[] = [{ path: '/settings', label: 'nav.settings', icon: '⚙', component: SettingsScreen }];
