// One trial of a spike rule on a system, as a deployment would run it: build
// the network under the rule, train it in the kernel at the target's number
// format (quantization-aware: the executor that learns is the one that
// runs), then assess it free-running, whole and with half the neurons
// killed. Used by scripts/spike-rules.ts (the remedy study) and
// scripts/chip-acceptance.ts (the acceptance figures).
import { assess } from '../../src/assess.js';
import { randomNeurons } from '../../src/evaluate.js';
import { KernelExecutor } from '../../src/kernel/executor.js';
import type { ExecutionMode } from '../../src/kernel/lowrank.js';
import type { CreateOptions } from '../../src/spec.js';
import { networkFor } from '../../src/systems/index.js';
import type { DynamicalSystem } from '../../src/systems/system.js';
import { train, type TrainOptions } from '../../src/train.js';
import { trainingMode } from '../../src/training-network.js';

export interface RuleTrial {
  system: DynamicalSystem;
  /** Network options on top of the system's own (policy, chip, muRel, nuRel, noise ...). */
  network: CreateOptions;
  format?: string;
  mode?: ExecutionMode;
  seed: number;
  training?: TrainOptions;
  /** Also assess with half the neurons killed. */
  killHalf?: boolean;
}

export interface RuleOutcome {
  metrics: Record<string, number>;
  killed?: Record<string, number>;
  /** Largest number of spikes in one step over the first free run. */
  maxSimultaneous: number;
  /** Mean rate over the last training trial, Hz per neuron. */
  trainRate: number;
}

export function runRuleTrial(t: RuleTrial): RuleOutcome {
  const sys = t.system;
  const spec = networkFor(sys, { ...t.network, seed: t.seed });
  const ex = new KernelExecutor(spec, { format: t.format ?? 'q24', mode: trainingMode(sys, t.mode) });
  const res = train(ex, sys, { ...sys.training, ...t.training, seed: t.seed });
  const learned = ex.toSpec();
  const whole = assess(ex, learned, sys, { seed: t.seed, skipBalance: true });
  const out: RuleOutcome = {
    metrics: whole.metrics,
    maxSimultaneous: maxPerStep(whole.run.spikeSteps),
    trainRate: res.history.at(-1)?.rate ?? NaN,
  };
  if (t.killHalf) out.killed = assess(ex, learned, sys, { seed: t.seed, kill: randomNeurons(spec.N, 0.5, t.seed + 100), skipBalance: true }).metrics;
  return out;
}

/** Largest count of equal consecutive values in a sorted step list. */
export function maxPerStep(steps: ArrayLike<number>): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < steps.length; i++) {
    run = i > 0 && steps[i] === steps[i - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}
