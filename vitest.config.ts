import { configDefaults, defineConfig } from 'vitest/config';

const TESTS = ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'];
/** Files that replace modules (vi.mock): they get a fresh module graph of their own. */
export const ISOLATED = ['test/integration/security/electron-main.test.ts'];
const common = { environment: 'node', testTimeout: 30_000, hookTimeout: 30_000 } as const;

/** The suite's config; `leaveOut` drops more files (the quick set, vitest.quick.config.ts). */
export function suiteConfig(leaveOut: string[] = []) {
  return defineConfig({
    test: {
      pool: 'forks',
      // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine.
      // Two files at a time keep both cores busy (the kill suite spends much of its time waiting on its children).
      maxWorkers: 2,
      // Temp folders in RAM, one folder per run, removed at the end (test/support/temp-root.ts).
      globalSetup: ['test/support/temp-root.ts'],
      projects: [
        {
          // Each worker imports the app's modules once and keeps them for every file it runs: a fresh
          // graph per file cost each file 1-3 s of importing the host. The app keeps no state in its
          // modules (caches are per database or pure memos), and every test builds its own host.
          test: {
            ...common,
            name: 'shared',
            include: TESTS,
            exclude: [...configDefaults.exclude, ...ISOLATED, ...leaveOut],
            isolate: false,
          },
        },
        { test: { ...common, name: 'isolated', include: ISOLATED, isolate: true } },
      ],
    },
  });
}

export default suiteConfig();
