import type { ApiBridge } from '../electron/ipc/bridge';

declare global {
  interface Window {
    api: ApiBridge;
  }
}
export {};
