// Saving and loading in Node. Saves are atomic (write a temporary file in the
// same folder, then rename), so a failed save never destroys the previous
// file; loads validate everything before returning anything.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { validateSpec, type NetworkSpec } from '../spec.js';

export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export interface SavedModel {
  kind: 'ebnkit-model';
  version: 1;
  spec: NetworkSpec;
  /** Free-form training metadata (system, duration, seed, metrics). */
  meta: Record<string, unknown>;
}

export function saveModel(path: string, spec: NetworkSpec, meta: Record<string, unknown> = {}): void {
  validateSpec(spec);
  const model: SavedModel = { kind: 'ebnkit-model', version: 1, spec, meta };
  writeAtomic(path, JSON.stringify(model));
}

export function loadModel(path: string): SavedModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: not a readable ebnkit model (${(e as Error).message})`);
  }
  const m = parsed as Partial<SavedModel>;
  if (m?.kind !== 'ebnkit-model') throw new Error(`${path}: not an ebnkit model (kind is ${JSON.stringify(m?.kind)}, expected "ebnkit-model")`);
  if (m.version !== 1) throw new Error(`${path}: model version ${String(m.version)} is not supported (accepted: 1)`);
  try {
    validateSpec(m.spec as NetworkSpec);
  } catch (e) {
    throw new Error(`${path}: invalid network: ${(e as Error).message}`);
  }
  return { kind: 'ebnkit-model', version: 1, spec: m.spec as NetworkSpec, meta: m.meta ?? {} };
}
