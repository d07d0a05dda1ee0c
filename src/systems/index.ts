// The built-in systems, by name, and the network each one starts from.
import { createNetwork, type CreateOptions, type NetworkSpec } from '../spec.js';
import { bistable, bistableDefinition } from './bistable.js';
import { dampedOscillator, dampedOscillatorDefinition } from './linear.js';
import { lorenz, lorenzDefinition } from './lorenz.js';
import { pendulum, pendulumDefinition } from './pendulum.js';
import type { DynamicalSystem, SystemKind } from './system.js';
import { vanDerPol, vanDerPolDefinition } from './vanderpol.js';

export const SYSTEMS: Record<string, () => DynamicalSystem> = {
  vanderpol: () => vanDerPol(),
  linear: () => dampedOscillator,
  bistable: () => bistable(),
  lorenz: () => lorenz(),
  pendulum: () => pendulum(),
};

/**
 * Kind and description of each built-in from its definition alone, without
 * the automatic configuration getSystem runs (a field probe and simulations,
 * up to half a second each): cheap enough to label a menu.
 */
export const SYSTEM_INFO: Record<string, () => { kind: SystemKind; description: string }> = {
  vanderpol: () => info(vanDerPolDefinition()),
  linear: () => info(dampedOscillatorDefinition()),
  bistable: () => info(bistableDefinition()),
  lorenz: () => info(lorenzDefinition()),
  pendulum: () => info(pendulumDefinition()),
};
const info = (d: { kind?: SystemKind; description?: string; name: string }) => ({ kind: d.kind!, description: d.description! });

export function getSystem(name: string): DynamicalSystem {
  const make = SYSTEMS[name];
  if (!make) throw new RangeError(`system "${name}" is unknown; built-in systems: ${Object.keys(SYSTEMS).join(', ')} (or a path to a module that exports one)`);
  return make();
}

/** A fresh network for a system: its domain and its (automatically derived) options, then the caller's. */
export function networkFor(sys: DynamicalSystem, o: CreateOptions = {}): NetworkSpec {
  return createNetwork({ dims: sys.dims, neurons: 50, domain: sys.domain, ...(sys.network as CreateOptions | undefined), ...o });
}

export type { DynamicalSystem, SystemKind } from './system.js';
export { vanDerPol } from './vanderpol.js';
export { dampedOscillator, dampedOscillatorDefinition, linearDefinition, linearSystem, idealLinearOs } from './linear.js';
export { vanDerPolDefinition } from './vanderpol.js';
export { bistableDefinition } from './bistable.js';
export { lorenzDefinition } from './lorenz.js';
export { pendulumDefinition } from './pendulum.js';
export { bistable } from './bistable.js';
export { lorenz } from './lorenz.js';
export { pendulum, unseenTorque } from './pendulum.js';
export { defineSystem, rawSystem, type SystemDefinition } from './define.js';
