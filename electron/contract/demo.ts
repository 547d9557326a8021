import { channel } from './define';
import { empty } from './common';

export interface DemoStatus {
  /** This data folder is the sample business. */
  active: boolean;
  /** The set-up offers "explore with sample data" (first start, nothing real yet). */
  offered: boolean;
  /** Who to sign in as in the sample business. */
  owner: { name: string; pin: string } | null;
}

export const demoChannels = {
  'demo.status': channel<DemoStatus>()(empty, { access: 'public', mutates: false }),
  /**
   * Asks the app to open the sample business, built on first use in its own data folder beside
   * the real one (`<data>-demo`); the real data is never touched. Only before the set-up is done.
   */
  'demo.open': channel<DemoStatus>()(empty, { access: 'public', mutates: false }),
  /** Asks the app to go back from the sample business to the real data folder. */
  'demo.exit': channel<DemoStatus>()(empty, { access: 'public', mutates: false }),
};
