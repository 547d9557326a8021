/**
 * The layer rule (docs/architecture.md): the real ESLint configuration refuses deliberate violations
 * and accepts the allowed directions; and no renderer file imports main-process code at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'subdesk/layers').map((m) => m.message);
}

describe('layer rule', () => {
  it.each([
    ['electron/billing/fixture.ts', "import { openDatabase } from '../db/open';\nexport const x = openDatabase;\n", 'billing layer may not import from the higher db'],
    ['electron/billing/subscription/fixture.ts', "import type { Db } from '../../db/open';\nexport type X = Db;\n", 'billing layer may not import from the higher db'],
    ['electron/db/fixture.ts', "import { channels } from '../contract';\nexport const x = channels;\n", 'db layer may not import from the higher contract'],
    ['electron/contract/fixture.ts', "import { createHost } from '../host/host';\nexport const x = createHost;\n", 'contract layer may not import from the higher host'],
    ['electron/money/fixture.ts', "import { createHost } from '../host/host';\nexport const x = createHost;\n", 'areas layer may not import from the higher host'],
    ['electron/host/fixture.ts', "import { createWindow } from '../shell/window';\nexport const x = createWindow;\n", 'host layer may not import from the higher shell'],
    ['shared/fixture.ts', "import { roundHalfUp } from '../electron/billing/money';\nexport const x = roundHalfUp;\n", 'shared layer may not import from the higher billing'],
    ['renderer/fixture.ts', "import { channels } from '../electron/contract';\nexport const x = channels;\n", 'renderer imports only types from electron/contract'],
    ['renderer/fixture.ts', "import { roundHalfUp } from '../electron/billing/money';\nexport const x = roundHalfUp;\n", 'renderer imports nothing from electron/'],
    ['electron/desk/fixture.ts', "import { App } from '../../renderer/app/App';\nexport const x = App;\n", 'never imports the renderer'],
  ])('refuses %s importing upwards', async (file, code, why) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(why);
  });

  it.each([
    ['electron/billing/fixture.ts', "import { addDays } from '../../shared/dates';\nexport const x = addDays;\n"],
    ['electron/money/fixture.ts', "import { roundHalfUp } from '../billing/money';\nimport { plansRepo } from '../desk/plans/repo';\nexport const x = [roundHalfUp, plansRepo];\n"],
    ['electron/host/fixture.ts', "import { channels } from '../contract';\nexport const x = channels;\n"],
    ['renderer/fixture.ts', "import type { Channel } from '../electron/contract';\nimport { addDays } from '../shared/dates';\nexport type C = Channel;\nexport const x = addDays;\n"],
  ])('accepts %s importing downwards or types from the contract', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});

/** `type X`, `type { … }` or `{ type A, type B }`: erased at build time. */
function typeOnly(clause: string): boolean {
  if (/^type\s/.test(clause)) return true;
  const braces = /^\{([^}]*)\}$/s.exec(clause.trim());
  return !!braces && braces[1]!.split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '));
}

describe('renderer', () => {
  it('imports nothing from electron/ at run time (types from the contract only)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) {
          const text = fs.readFileSync(p, 'utf8');
          for (const m of text.matchAll(/^\s*(?:import|export)\s+([^;]*?)\s+from\s+'((?:\.\.\/)+electron\/[^']*)'/gms)) {
            if (!typeOnly(m[1] ?? '')) offenders.push(`${p}: ${m[2]}`);
          }
        }
      }
    };
    walk('renderer');
    expect(offenders).toEqual([]);
  });
});
