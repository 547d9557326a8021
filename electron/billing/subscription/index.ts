// The subscription state machine: plain values in, plain values out (no SQLite, no Electron).
export * from './state';
export * from './machine';
export * from './standing';
export * from './phase';
