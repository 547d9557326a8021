import { channel } from './define';
import { empty } from './common';

export interface AppInfo {
  version: string;
  schemaVersion: number;
  dataDir: string;
  today: string;
}

export const systemChannels = {
  'system.info': channel<AppInfo>()(empty, { access: 'public', mutates: false }),
};
