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
