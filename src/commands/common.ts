// Shared CLI plumbing: resolve a system by name or module path, open a model
// file into an executor.
import { existsSync } from 'node:fs';
import type { Executor } from '../executor.js';
import { KernelExecutor } from '../kernel/executor.js';
import type { Model } from '../model.js';
import { loadModel } from '../node/files.js';
import { loadSystemModule } from '../node/system-module.js';
import { ReferenceExecutor } from '../reference/executor.js';
import { getSystem, SYSTEMS } from '../systems/index.js';
import type { DynamicalSystem } from '../systems/system.js';

export class UsageError extends Error {}

/** Looks like a file path rather than a system name (a name is letters, digits, - and _). */
const pathLike = (s: string) => /[./\\]/.test(s);

/** A built-in name, or a path to a module exporting a system definition. */
export async function resolveSystem(nameOrPath: string): Promise<DynamicalSystem> {
  if (SYSTEMS[nameOrPath]) return getSystem(nameOrPath);
  if (pathLike(nameOrPath)) {
    if (!existsSync(nameOrPath)) throw new UsageError(`system module ${nameOrPath} not found (no such file); built-in systems: ${Object.keys(SYSTEMS).join(', ')}`);
    return loadSystemModule(nameOrPath);
  }
  return getSystem(nameOrPath); // throws with the list of built-ins
}

export interface Opened {
  model: Model;
  sys: DynamicalSystem;
  ex: Executor;
}

/**
 * The system a model is evaluated against. A model file never causes code to
 * be loaded: a module is imported only when the user names it (`--system`);
 * otherwise the model's recorded name must be a built-in system, looked up by
 * name only. A model trained on a module says which one and how to pass it.
 */
export async function systemForModel(path: string, model: Model, system?: string): Promise<DynamicalSystem> {
  const meta = model.meta ?? {};
  const recorded = typeof meta.system === 'string' ? meta.system : '';
  if (system !== undefined) {
    const sys = await resolveSystem(system);
    // a model assessed against another system reports meaningless errors (issue 14: 165% for a Van der Pol model against "linear")
    if (recorded && sys.name !== recorded)
      throw new UsageError(`${path} was trained on "${recorded}", but --system ${system} is "${sys.name}": pass --system naming the same system, or omit it`);
    return sys;
  }
  const module = typeof meta.systemModule === 'string' ? meta.systemModule : '';
  if (module) throw new UsageError(`${path} was trained on the user-defined system "${recorded || '?'}" from the module ${JSON.stringify(module)}; a model file never loads code by itself: pass --system <module> to use it`);
  if (!recorded) throw new UsageError(`${path}: the model does not name its system; pass --system <name|module>`);
  if (!SYSTEMS[recorded]) throw new UsageError(`${path} was trained on "${recorded}", which is not a built-in system (built-in: ${Object.keys(SYSTEMS).join(', ')}); pass --system <module>`);
  return getSystem(recorded);
}

/**
 * Open a model: the kernel runs its stored image bit for bit (or a
 * re-quantization to `format`); the reference runs the stored spec.
 */
export async function openModel(path: string, o: { executor?: string; format?: string; system?: string } = {}): Promise<Opened> {
  const model = loadModel(path);
  const sys = await systemForModel(path, model, o.system);
  if (sys.dims !== model.spec.J) throw new UsageError(`system ${sys.name} has ${sys.dims} dimensions but the model has J=${model.spec.J}`);
  const executor = o.executor ?? 'kernel';
  if (executor !== 'kernel' && executor !== 'reference') throw new UsageError(`--executor: "${executor}" is not kernel or reference`);
  const ex =
    executor === 'reference'
      ? new ReferenceExecutor(model.spec)
      : o.format
        ? new KernelExecutor(model.spec, { format: o.format })
        : KernelExecutor.fromImage(model.image, model.spec);
  return { model, sys, ex };
}

/** Plain decimal numbers only: Number() also takes "0x10", "0b1", " 5 ", "1_0"-free forms we do not want. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A numeric flag, strictly: decimal notation, finite, within [lo, hi] (or [lo, hi) with `openHi`), an integer if asked. */
export function num(flag: string, v: string, lo: number, hi: number, integer = false, openHi = false): number {
  const n = DECIMAL.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < lo || (openHi ? n >= hi : n > hi) || (integer && !Number.isInteger(n)))
    throw new UsageError(`${flag}: "${v}" is not ${integer ? 'an integer' : 'a decimal number'} in [${lo}, ${hi}${openHi ? ')' : ']'}`);
  return n;
}
