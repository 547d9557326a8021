/** The site channels (docs/site.md): the host answers them from the site hooks the shell gives it. */
import { AppError } from '../../../shared/errors';
import type { AreaHandlers } from '../../contract/handler';
import type { SiteHooks, siteChannels } from '../../contract/site';

export function siteHandlers(site: SiteHooks): AreaHandlers<keyof typeof siteChannels> {
  return {
    'site.status': () => site.status(),
    'site.sharing': () => site.sharing(),
    'site.setSharing': async (input, ctx) => {
      const before = site.sharing().on;
      const after = await site.setSharing(input.on);
      if (before !== after.on) ctx.db.transaction(() => ctx.audit('site', 'sharing', { on: before }, { on: after.on }))();
      return after;
    },
    'site.newCode': () => site.newCode(),
    'site.revoke': (input, ctx) => {
      const device = site.sharing().devices.find((d) => d.id === input.id);
      if (!device) throw new AppError('NOT_FOUND', 'No such paired PC.', { entity: 'device', id: input.id });
      const after = site.revoke(input.id);
      ctx.audit('device', input.id, { name: device.name, paired: true }, { name: device.name, paired: false });
      return after;
    },
    'site.discover': async () => ({ found: await site.discover() }),
    'site.connect': (input) => site.connect(input),
  };
}

/** A host without a site (the tests' hosts, the browser harness): this PC works alone. */
export const aloneSite = (hasOwnBooks: () => boolean): SiteHooks => {
  const unavailable = (): never => {
    throw new AppError('SITE_UNAVAILABLE', 'Sharing with other PCs is not available here.');
  };
  const sharing = () => ({ on: false, port: null, addresses: [], fingerprint: null, code: null, devices: [] });
  return {
    status: () => ({ role: 'main', sharingOn: false, hasOwnBooks: hasOwnBooks(), link: null }),
    sharing,
    setSharing: async () => unavailable(),
    newCode: unavailable,
    revoke: unavailable,
    discover: async () => [],
    connect: async () => unavailable(),
    forwards: () => false,
    forward: async () => unavailable(),
  };
};
