// Saving and loading in Node. Saves are atomic (write a temporary file in the
// same folder, then rename), so a failed save never destroys the previous
// file; loads validate everything before returning anything.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeModel, encodeModel, ModelError, type Model } from '../model.js';

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

/** Encode (which validates) first, then write atomically. */
export function saveModel(path: string, m: Model): void {
  writeAtomic(path, encodeModel(m));
}

export function loadModel(path: string): Model {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ModelError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return decodeModel(bytes);
  } catch (e) {
    throw new ModelError(`${path}: ${(e as Error).message}`);
  }
}
