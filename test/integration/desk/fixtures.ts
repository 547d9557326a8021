/** Shared set-up for the front-desk integration tests: a host, members, plans and sales through the host. */
import type { Host } from '../../../electron/host/host';
import type { Member, Plan } from '../../../electron/contract';
import { makeHost, type TestHost } from '../../support/host';

export async function deskHost(startDate = '2026-03-02'): Promise<TestHost> {
  return makeHost({ startDate, setup: true });
}

export async function member(
  host: Host,
  name: string,
  more: { phone?: string; cardNo?: string | null; birthday?: string | null; payerId?: number | null; tags?: string[]; notes?: string } = {},
): Promise<Member> {
  return host.invoke('members.create', { name, ...more });
}

/** ¥300.00 a month, no tax, anniversary periods. */
export async function monthly(host: Host, more: Partial<{ name: string; price: number; checkinsPerDay: number; sessionQuota: number | null; freezeDaysPerYear: number }> = {}): Promise<Plan> {
  return host.invoke('plans.create', { kind: 'recurring', name: 'Monthly', price: 30000, interval: 'month', taxRateBp: 0, freezeDaysPerYear: 60, ...more });
}

/** 10 sessions for ¥800.00, valid 90 days. */
export async function pack(host: Host, more: Partial<{ name: string; packSessions: number; packValidDays: number; checkinsPerDay: number }> = {}): Promise<Plan> {
  return host.invoke('plans.create', { kind: 'pack', name: '10 classes', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0, ...more });
}

export async function sell(host: Host, memberId: number, planId: number, startDate?: string) {
  return host.invoke('subscriptions.create', { memberId, planId, ...(startDate ? { startDate } : {}) });
}

/** A file's bytes as the renderer sends them. */
export function b64(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');
}
