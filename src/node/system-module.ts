// A user-defined system from a module on disk (the CLI's `--system file.mjs`
// or a path in place of a system name). The module exports a definition for
// defineSystem (default export or `system`).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { defineSystem, type SystemDefinition } from '../systems/define.js';
import type { DynamicalSystem } from '../systems/system.js';

export async function loadSystemModule(path: string): Promise<DynamicalSystem> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  } catch (e) {
    throw new RangeError(`${path}: cannot import the system module (${(e as Error).message})`);
  }
  const def = (mod.default ?? mod.system) as SystemDefinition | undefined;
  if (!def) throw new RangeError(`${path}: the module exports neither a default nor a "system" definition`);
  return defineSystem(def);
}
