import type { settingsChannels } from '../contract/settings';
import type { AreaHandlers } from '../handlers';
import type { SettingsService } from './service';

export function settingsHandlers(settings: SettingsService): AreaHandlers<keyof typeof settingsChannels> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (input, ctx) => {
      const { before, after } = settings.update(input);
      ctx.audit('settings', 'business', before, after);
      if (before.locale !== after.locale) ctx.emit('settings.changed', { locale: after.locale });
      return after;
    },
    'settings.completeSetup': (input, ctx) => {
      const { before, after } = settings.completeSetup(input);
      ctx.audit('settings', 'business', before, after);
      return after;
    },
    'settings.setLocale': (input, ctx) => {
      const { before, after } = settings.update({ locale: input.locale });
      ctx.audit('settings', 'locale', { locale: before.locale }, { locale: after.locale });
      ctx.emit('settings.changed', { locale: after.locale });
      return after;
    },
    'settings.timeZones': () => Intl.supportedValuesOf('timeZone'),
  };
}
