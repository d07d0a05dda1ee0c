// A user-defined system from a module on disk (the CLI's `--system file.mjs`
// or a path in place of a system name). The module exports a definition for
// defineSystem (default export or `system`).
//
// User code is untrusted in one sense: it may hang or throw. Before the module
// is imported into this process it is evaluated once in a worker thread under
// a time limit (import + defineSystem's probe + f over a grid of the domain),
// so a module that loops forever is reported instead of hanging the CLI. Every
// error names the module; a throwing f names the state it was called with.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { defineSystem, type SystemDefinition } from '../systems/define.js';
import type { DynamicalSystem } from '../systems/system.js';

export class SystemModuleError extends RangeError {
  override name = 'SystemModuleError';
}

/** Time a module gets to load and answer the probe (ms); EBNKIT_MODULE_TIMEOUT_MS overrides it. */
export const MODULE_TIMEOUT_MS = 10_000;

function timeoutFromEnv(): number {
  const v = process.env.EBNKIT_MODULE_TIMEOUT_MS;
  if (v === undefined) return MODULE_TIMEOUT_MS;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 600_000) throw new SystemModuleError(`EBNKIT_MODULE_TIMEOUT_MS: "${v}" is not a whole number of milliseconds in [1, 600000]`);
  return n;
}

// The worker: import the module, evaluate f at the centre and the corners of
// its domain, report back. It never touches the parent's state.
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  try {
    const mod = await import(workerData.url);
    const def = mod.default ?? mod.system;
    if (def && typeof def.f === 'function' && Array.isArray(def.domain)) {
      const pts = [def.domain.map(([a, b]) => (a + b) / 2), def.domain.map(([a]) => a), def.domain.map(([, b]) => b)];
      for (const p of pts) def.f(p.slice());
    }
    parentPort.postMessage({ ok: true });
  } catch (e) {
    parentPort.postMessage({ ok: false, message: String(e && e.message || e) });
  }
})();`;

function probe(path: string, url: string, timeoutMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const w = new Worker(PROBE, { eval: true, workerData: { url }, stdout: true, stderr: true });
    const timer = setTimeout(() => {
      void w.terminate();
      fail(new SystemModuleError(`${path}: the system module did not finish loading and evaluating f within ${timeoutMs / 1000} s (an endless loop?)`));
    }, timeoutMs);
    w.once('message', (m: { ok: boolean; message?: string }) => {
      clearTimeout(timer);
      void w.terminate();
      if (m.ok) done();
      else fail(new SystemModuleError(`${path}: the system module failed while loading or evaluating f: ${m.message}`));
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      fail(new SystemModuleError(`${path}: the system module failed: ${e.message}`));
    });
  });
}

export async function loadSystemModule(path: string, o: { timeoutMs?: number } = {}): Promise<DynamicalSystem> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new SystemModuleError(`${path}: system module not found (no such file)`);
  const url = pathToFileURL(abs).href;
  await probe(path, url, o.timeoutMs ?? timeoutFromEnv());
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new SystemModuleError(`${path}: cannot import the system module (${(e as Error).message})`);
  }
  const def = (mod.default ?? mod.system) as SystemDefinition | undefined;
  if (!def) throw new SystemModuleError(`${path}: the module exports neither a default nor a "system" definition`);
  let sys: DynamicalSystem;
  try {
    // f is wrapped before configuration too: the automatic path probes the field (src/auto/probe.ts)
    sys = defineSystem(typeof def.f === 'function' ? { ...def, f: namedF(def, path) } : def);
  } catch (e) {
    if (e instanceof SystemModuleError) throw e;
    throw new SystemModuleError(`${path}: ${(e as Error).message}`);
  }
  return namedErrors(sys, path);
}

const threw = (path: string, name: string, x: ArrayLike<number>, e: unknown) =>
  new SystemModuleError(`${path}: system "${name}" f threw at x = [${Array.from(x, (v) => v.toPrecision(6)).join(', ')}]: ${(e as Error).message}`);

/** The definition's f, with an exception reported with the module and the state (user units). */
function namedF(def: SystemDefinition, path: string): SystemDefinition['f'] {
  const f = def.f;
  return (x) => {
    try {
      return f(x);
    } catch (e) {
      throw threw(path, def.name, x, e);
    }
  };
}

/** The same system, with every exception from its f reported with the module and the state. */
function namedErrors(sys: DynamicalSystem, path: string): DynamicalSystem {
  const field = sys.field.bind(sys);
  return {
    ...sys,
    field(x, out) {
      try {
        field(x, out);
      } catch (e) {
        if (e instanceof SystemModuleError) throw e;
        throw threw(path, sys.name, x, e);
      }
    },
  };
}
