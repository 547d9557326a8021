import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as shell from './strings';
import * as settings from '../features/settings/strings';
import * as setup from '../features/setup/strings';

/** Every feature's strings, merged under its own key. Both trees must have the same keys (a unit test checks). */
export const resources = {
  en: { translation: { ...shell.en, settings: settings.en, setup: setup.en } },
  'zh-CN': { translation: { ...shell.zh, settings: settings.zh, setup: setup.zh } },
};

export function initI18n(lng: string): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}

export { i18n };
