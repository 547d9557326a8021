import type { invoiceChannels } from '../../contract/invoices';
import type { AreaHandlers } from '../../contract/handler';
import type { InvoicesService } from './service';

export function invoiceHandlers(invoices: InvoicesService): AreaHandlers<keyof typeof invoiceChannels> {
  return {
    'invoices.list': (input) => invoices.list(input),
    'invoices.get': (input) => invoices.get(input.id),
    'invoices.void': (input) => invoices.void(input.id, input.reason),
    'creditNotes.create': (input) => invoices.credit(input),
    'creditNotes.limits': (input) => invoices.creditLimits(input.invoiceId),
    'creditNotes.get': (input) => invoices.creditNote(input.id),
    'creditNotes.listByPayer': (input) => invoices.creditNotesOfPayer(input.payerId),
  };
}
