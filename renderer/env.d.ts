import type { ApiBridge } from '../electron/contract/bridge';

declare global {
  interface Window {
    api: ApiBridge;
  }
}
export {};
