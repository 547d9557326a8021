import { DEMO_WORDS, type DemoLocale } from './words';

/** The sample business's owner account, named in its language (its PIN is shown on the screen: it guards nothing real). */
export function demoOwner(locale: DemoLocale): { name: string; pin: string } {
  return { name: DEMO_WORDS[locale].owner, pin: '0000' };
}
