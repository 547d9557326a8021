// ESLint rule: a file imports only from its own layer or a lower one (docs/architecture.md).
// Layers from the ground up: shared < billing < db < contract < areas (money, desk, books, ops) < host < site < shell.
// The renderer imports shared/ and its own files at run time, and types only from electron/contract.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const AREAS = new Set(['money', 'desk', 'books', 'ops']);
const RANKS = { shared: 0, billing: 1, db: 2, contract: 3, areas: 4, host: 5, site: 6, shell: 7 };

/** The layer of a file inside the repository, or null for files outside the layered tree (tests, scripts). */
export function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep);
  if (rel[0] === 'shared') return 'shared';
  if (rel[0] === 'renderer') return 'renderer';
  if (rel[0] !== 'electron') return null;
  // electron/<layer>/… and electron/<layer> itself (an import of the folder's index).
  const top = (rel[1] ?? '').replace(/\.tsx?$/, '');
  if (AREAS.has(top)) return 'areas';
  if (top in RANKS && top !== 'shared') return top;
  return rel.length === 2 && top !== rel[1] ? 'electron-root' : 'electron-unknown';
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specs = node.specifiers ?? [];
  return specs.length > 0 && specs.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** Why `from` may not import `to` (null when it may). */
export function refusal(from, to, typeOnly) {
  if (from === null || to === null) return null;
  if (from === 'electron-root' || from === 'electron-unknown') return 'files under electron/ belong to a layer folder';
  if (to === 'electron-root' || to === 'electron-unknown') return 'files under electron/ belong to a layer folder';
  if (from === 'renderer') {
    if (to === 'renderer' || to === 'shared') return null;
    if (to === 'contract' && typeOnly) return null;
    return to === 'contract' ? 'the renderer imports only types from electron/contract' : 'the renderer imports nothing from electron/ but types from electron/contract';
  }
  if (to === 'renderer') return 'main-process code never imports the renderer';
  if (RANKS[to] > RANKS[from]) return `the ${from} layer may not import from the higher ${to} layer`;
  return null;
}

export const layersRule = {
  meta: { type: 'problem', schema: [], messages: { layer: 'Layer rule: {{why}} ({{source}}).' } },
  create(context) {
    const from = layerOf(context.filename);
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(context.filename), source));
      const why = refusal(from, to, isTypeOnly(node));
      if (why) context.report({ node, messageId: 'layer', data: { why, source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export const layersPlugin = { rules: { layers: layersRule } };
