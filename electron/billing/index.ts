// Pure billing maths: dates, money, periods, discounts and tax. No SQLite, no Electron.
export * from '../../shared/dates';
export * from './money';
export * from './periods';
export * from './discount';
export * from './tax';
