// Fixed lists both processes use: the contract validates against them, the screens offer them.

/** Currencies offered in the set-up; any ISO 4217 code Intl knows is accepted. */
export const COMMON_CURRENCIES = ['CNY', 'HKD', 'TWD', 'SGD', 'USD', 'EUR', 'GBP', 'AUD', 'CAD', 'JPY'] as const;

/** How a freeze treats the frozen days: extend the card by them (顺延), or credit them to the payer's account. */
export const FREEZE_MODES = ['extend', 'credit'] as const;
export type FreezeMode = (typeof FREEZE_MODES)[number];

/** The member fields an import file's columns can be mapped to. */
export const IMPORT_FIELDS = ['name', 'phone', 'cardNo', 'birthday', 'notes', 'tags', 'plan', 'nextBillDate', 'price', 'packSessions', 'packExpiry'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Fields a row can come in without: a bad value there can be skipped for that row alone. */
export const IMPORT_SKIPPABLE: readonly ImportField[] = ['phone', 'cardNo', 'birthday', 'notes', 'tags', 'price'];

/** The member list's status filter: the badges the desk shows (see electron/desk/members/standing.ts), and "no plan". */
export const MEMBER_LIST_STATUSES = ['active', 'trialing', 'paused', 'ended', 'none'] as const;
export type MemberListStatus = (typeof MEMBER_LIST_STATUSES)[number];
/** The member list as it opens (name order, no filter, pages of 100): the start-up call brings its first page. */
export const START_LIST = { sort: 'name', filter: { endsSoon: false, overdue: false }, limit: 100, count: true } as const;
/** "Ends soon" in the member list: the last day of service falls within this many days from today. */
export const ENDS_SOON_DAYS = 7;

/** A member photo as stored: a JPEG of at most this many bytes and this many pixels on its longer side. */
export const PHOTO_MAX_BYTES = 60 * 1024;
export const PHOTO_MAX_SIDE = 320;
