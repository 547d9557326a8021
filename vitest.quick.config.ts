/**
 * `npm run test:quick`: the everyday set — every unit test and the integration tests that take a
 * few seconds at most. It leaves out, by rule rather than by a list of files, what is slow by
 * nature: anything under a `crash/` folder (child processes SIGKILLed again and again), the
 * integration property and fuzz suites (hundreds of random histories each), and any file named
 * `*.slow.test.ts` (name a new slow test that way). `npm test` runs everything, this set included.
 */
import { suiteConfig } from './vitest.config';

export const SLOW = [
  'test/integration/**/crash/**',
  'test/integration/**/*propert*.test.ts',
  'test/integration/**/*fuzz*.test.ts',
  'test/**/*.slow.test.ts',
];

export default suiteConfig(SLOW);
