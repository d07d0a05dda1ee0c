// The built-in systems, by name.
import { dampedOscillator } from './linear.js';
import type { DynamicalSystem } from './system.js';
import { vanDerPol } from './vanderpol.js';

export const SYSTEMS: Record<string, () => DynamicalSystem> = {
  vanderpol: () => vanDerPol(),
  linear: () => dampedOscillator,
};

export function getSystem(name: string): DynamicalSystem {
  const make = SYSTEMS[name];
  if (!make) throw new RangeError(`system "${name}" is unknown; built-in systems: ${Object.keys(SYSTEMS).join(', ')}`);
  return make();
}

export type { DynamicalSystem, SystemKind } from './system.js';
export { vanDerPol } from './vanderpol.js';
export { dampedOscillator, linearSystem, idealLinearOs } from './linear.js';

import { createNetwork, type CreateOptions, type NetworkSpec } from '../spec.js';

/** A fresh network sized and tuned for a system: its domain and its preferred options, then the caller's. */
export function networkFor(sys: DynamicalSystem, o: CreateOptions = {}): NetworkSpec {
  return createNetwork({ dims: sys.dims, neurons: 50, domain: sys.domain, ...(sys.network as CreateOptions | undefined), ...o });
}
