// Robustness sweeps (DESIGN.md section 6): the same free-running metrics after
// killing a growing fraction of neurons, and under growing voltage noise.
import { assess } from './assess.js';
import { randomNeurons } from './evaluate.js';
import type { Executor } from './executor.js';
import type { NetworkSpec } from './spec.js';
import type { DynamicalSystem } from './systems/system.js';

export interface SweepPoint {
  level: number;
  metrics: Record<string, number>;
}

export interface Robustness {
  kill: SweepPoint[];
  noise: SweepPoint[];
}

export const KILL_FRACTIONS = [0, 0.2, 0.4, 0.5, 0.6, 0.8];
/** Voltage noise sigma as multiples of the mean threshold per sqrt(s). */
export const NOISE_LEVELS = [0, 0.05, 0.1, 0.2, 0.4];

export function robustness(
  ex: Executor,
  spec: NetworkSpec,
  sys: DynamicalSystem,
  o: { seed?: number; kill?: number[]; noise?: number[]; starts?: number; onStep?: (done: number, total: number) => void } = {},
): Robustness {
  const seed = o.seed ?? 1;
  const kills = o.kill ?? KILL_FRACTIONS;
  const noises = o.noise ?? NOISE_LEVELS;
  const meanT = spec.D.reduce((a, v) => a + v * v, 0) / spec.N / 2;
  const total = kills.length + noises.length;
  let done = 0;
  const common = { seed, skipBalance: true, ...(o.starts !== undefined ? { starts: o.starts } : {}) };
  const kill = kills.map((f) => {
    const m = assess(ex, spec, sys, { ...common, kill: randomNeurons(spec.N, f, seed + 100) }).metrics;
    o.onStep?.(++done, total);
    return { level: f, metrics: m };
  });
  const noise = noises.map((n) => {
    const m = assess(ex, spec, sys, { ...common, noise: n * meanT }).metrics;
    o.onStep?.(++done, total);
    return { level: n * meanT, metrics: m };
  });
  ex.setTunables({ noise: spec.noise });
  return { kill, noise };
}
