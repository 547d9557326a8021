import { withTempInMemory } from '../../db/open';
import { writeBatch } from '../../db/write-batch';
import type { deskChannels } from '../../contract/desk';
import type { AreaHandlers, Ctx } from '../../contract/handler';
import type { Finder } from './finder';
import type { Importer, ImportDeps } from './import/importer';
import { startImportedPack } from './import/pack';
import { importTemplate } from './import/template';
import { mergeMembers } from './merge';
import type { createProfiles } from './profile';
import type { MembersService } from './service';

type MemberChannel = Extract<keyof typeof deskChannels, `members.${string}`>;

export interface MemberDeskDeps {
  members: MembersService;
  finder: Finder;
  importer: Importer;
  profiles: ReturnType<typeof createProfiles>;
  /** Starts an imported member's current plan (see docs/decisions.md, Front desk). */
  startImported(ctx: Ctx, starts: { memberId: number; planId: number; nextBillDate: string; price: number | null }[]): void;
}

export function memberDeskHandlers(d: MemberDeskDeps): AreaHandlers<MemberChannel> {
  return {
    'members.search': (input, ctx) => d.finder.search(input.query, input.limit, ctx.today(), input.filter),
    'members.list': (input, ctx) => d.finder.list(input.sort, input, ctx.today()),
    'members.tags': () => d.finder.tags(),
    'members.profile': (input, ctx) => d.profiles.profile(input.id, ctx.today()),
    'members.duplicates': (input, ctx) => d.finder.duplicates(input, ctx.today()),
    'members.merge': (input, ctx) => {
      const staff = { id: ctx.staff?.id ?? null, name: ctx.staff?.name ?? '' };
      const r = mergeMembers(ctx.db, input, (id) => d.members.get(id), ctx.now().toISOString(), staff);
      ctx.audit('member', r.kept.id, r.keptBefore, { ...r.kept, mergedFrom: r.merged.id, moved: r.moved });
      ctx.audit('member', r.merged.id, r.mergedBefore, r.merged);
      return { kept: r.kept, merged: r.merged, moved: r.moved };
    },
    'members.importPreview': (input, ctx) => d.importer.preview(input, ctx.today(), ctx.settings.get().currency, ctx.now()),
    'members.importRows': (input, ctx) => d.importer.page(input.token, input.offset, input.limit, input.status, ctx.now()),
    'members.importCommit': (input, ctx) => {
      const deps: ImportDeps = {
        // One transaction; within it, each part's audit entries written together at the part's end (a write batch),
        // still one per record.
        // Temporary storage in memory meanwhile: each insert that fires a trigger or checks a constraint
        // journals the pages it first changes, and on a file that is a write call per page (docs/decisions.md).
        transaction: (work) => withTempInMemory(ctx.db, () => ctx.db.transaction(work)()),
        batch: (work) => writeBatch(ctx.db, work),
        createMembers: (list) => d.members.createImported(list.map((v) => ({ name: v.name, phone: v.phone, cardNo: v.cardNo, birthday: v.birthday, payerId: null, notes: v.notes, tags: v.tags }))),
        startSubscriptions: (starts) => d.startImported(ctx, starts),
        startPack: (memberId, planId, sessions, lastDay) => startImportedPack(ctx, { memberId, planId, sessions, lastDay }),
      };
      const { currency } = ctx.settings.get();
      if (input.token !== undefined) return d.importer.commitPreviewed(input.token, input.skip, ctx.today(), currency, ctx.now(), deps);
      return d.importer.commit({ ...input, content: input.content! }, input.rows!, ctx.today(), currency, deps);
    },
    'members.importTemplate': (input, ctx) => importTemplate(input.locale, input.format, ctx.today()),
  };
}
