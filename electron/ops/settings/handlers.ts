import type { settingsChannels } from '../../contract/settings';
import type { AreaHandlers } from '../../contract/handler';
import type { SettingsService } from './service';

export function settingsHandlers(settings: SettingsService): AreaHandlers<keyof typeof settingsChannels> {
  return {
    'settings.get': () => settings.get(),
    // The business keys are written in the call's transaction with their audit entry; this PC's keys after it.
    'settings.update': (input, ctx) => {
      const { after } = settings.update(input, (b, a) => ctx.audit('settings', 'business', b, a));
      // Every change is told, not only the language's: the screens keep the settings until told (app.start seeds them).
      ctx.emit('settings.changed', { locale: after.locale });
      return after;
    },
    'settings.completeSetup': (input, ctx) => settings.completeSetup(input, (b, a) => ctx.audit('settings', 'business', b, a)).after,
    'settings.setLocale': (input, ctx) => {
      const { after } = settings.update({ locale: input.locale }, (b, a) => ctx.audit('settings', 'locale', { locale: b.locale }, { locale: a.locale }));
      ctx.emit('settings.changed', { locale: after.locale });
      return after;
    },
    'settings.timeZones': () => Intl.supportedValuesOf('timeZone'),
  };
}
