// The network a training runs on, built one way for every caller: the CLI's
// `ebnkit train` (src/commands/train.ts) and the playground's worker
// (web/src/engine/session.ts). The spec comes from the system's automatic
// network (networkFor) under the chosen spike rule; the kernel runs in the
// system's execution mode (dense, or lowrank for systems whose dense work is
// large) unless the caller names one. Browser-safe: no Node imports.
import { KernelExecutor } from './kernel/executor.js';
import type { ExecutionMode } from './kernel/lowrank.js';
import type { NetworkSpec, SpikePolicy } from './spec.js';
import type { RelativeChipOptions } from './spike-rule.js';
import { networkFor } from './systems/index.js';
import type { DynamicalSystem } from './systems/system.js';

export interface TrainingNetworkOptions {
  /** Override the system's automatic network (undefined: the system's own). */
  neurons?: number;
  dendrites?: number;
  dt?: number;
  /** Spike rule (default winner) and, for `parallel`, its chip options (relative soft width). */
  policy?: SpikePolicy;
  chip?: RelativeChipOptions;
  seed: number;
  /** Kernel number format (default q24). */
  format?: string;
  /** Kernel execution mode (default: the system's, else dense). */
  mode?: ExecutionMode;
}

/** The execution mode a training uses: the caller's, else the system's automatic one, else dense. */
export function trainingMode(sys: DynamicalSystem, mode?: ExecutionMode): ExecutionMode {
  return mode ?? sys.mode ?? 'dense';
}

/** The spec a training starts from (what `ebnkit train` builds for the same options). */
export function trainingSpec(sys: DynamicalSystem, o: TrainingNetworkOptions): NetworkSpec {
  return networkFor(sys, {
    ...(o.neurons !== undefined ? { neurons: o.neurons } : {}),
    ...(o.dendrites !== undefined ? { dendrites: o.dendrites } : {}),
    ...(o.dt !== undefined ? { dt: o.dt } : {}),
    ...(o.policy ? { policy: o.policy } : {}),
    ...(o.chip ? { chip: o.chip } : {}),
    seed: o.seed,
  });
}

/** The kernel a training runs in: the spec above, quantized to the format, in the training's execution mode. */
export function trainingExecutor(sys: DynamicalSystem, o: TrainingNetworkOptions): { spec: NetworkSpec; ex: KernelExecutor; mode: ExecutionMode } {
  const spec = trainingSpec(sys, o);
  const mode = trainingMode(sys, o.mode);
  return { spec, ex: new KernelExecutor(spec, { format: o.format ?? 'q24', mode }), mode };
}
