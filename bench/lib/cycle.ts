// What a benchmark network computes, so that timing rows of the two modes can
// be seen to run the same network: free-running amplitude, period and rate
// after settling on the Van der Pol cycle with feedback.
import type { ExecutionMode } from '../../src/kernel/lowrank.js';
import type { NetworkSpec } from '../../src/index.js';
import { lib } from './dist.js';
import { cycleTargets } from './workload.js';

export interface CycleStats { amplitude: number; period: number; rate: number }

export function cycleStats(spec: NetworkSpec, mode: ExecutionMode, module: WebAssembly.Module, seconds = 3): CycleStats {
  const ex = new lib.KernelExecutor(spec, { mode, module });
  const settle = Math.round(0.5 / spec.dt);
  ex.run({ steps: settle, x: cycleTargets(spec, settle), feedback: true });
  const steps = Math.round(seconds / spec.dt);
  const r = ex.run({ steps, record: true });
  const x = r.xhat!;
  const from = Math.floor(steps / 3); // skip the first third
  let amp = 0;
  const ups: number[] = [];
  for (let s = from; s < steps; s++) {
    amp = Math.max(amp, Math.abs(x[2 * s]!));
    const a = x[2 * (s - 1)]!, b = x[2 * s]!;
    if (a < 0 && b >= 0) ups.push(s - 1 + a / (a - b));
  }
  const period = ups.length > 1 ? ((ups.at(-1)! - ups[0]!) / (ups.length - 1)) * spec.dt : NaN;
  return { amplitude: amp, period, rate: r.spikeSteps.length / spec.N / (steps * spec.dt) };
}
