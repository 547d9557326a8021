import type { invoiceChannels } from '../../contract/invoices';
import type { AreaHandlers } from '../../contract/handler';
import type { BillingEnv } from './env';
import { creditNotesOfPayer, getCreditNote, getInvoiceDetail, listInvoices } from './read';
import { createManualCreditNote, creditLimits, voidInvoice } from './service';

export function invoiceHandlers(env: BillingEnv): AreaHandlers<keyof typeof invoiceChannels> {
  return {
    'invoices.list': (input, ctx) => listInvoices(ctx.db, input, ctx.today()),
    'invoices.get': (input, ctx) => getInvoiceDetail(ctx.db, input.id, ctx.today()),
    'invoices.void': (input, ctx) => voidInvoice(env, input.id, input.reason, ctx.audit),
    'creditNotes.create': (input, ctx) => createManualCreditNote(env, input, ctx.audit, ctx.staff),
    'creditNotes.limits': (input, ctx) => creditLimits({ ...env, db: ctx.db }, input.invoiceId),
    'creditNotes.get': (input, ctx) => getCreditNote(ctx.db, input.id),
    'creditNotes.listByPayer': (input, ctx) => creditNotesOfPayer(ctx.db, input.payerId),
  };
}
