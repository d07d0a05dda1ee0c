// What `ebnkit tape record` runs: a saved network through the real host
// (KernelExecutor), in checkpointed segments, with the options a user picks:
// feedback and learning from the true system's trajectory, an input signal,
// voltage noise, killing part of the network (and bringing it back).
import { KernelExecutor } from '../kernel/executor.js';
import { randomNeurons } from '../evaluate.js';
import { simulate } from '../integrate.js';
import { Random } from '../random.js';
import { smoothNoise } from '../signals.js';
import type { NetworkSpec } from '../spec.js';
import type { DynamicalSystem } from '../systems/system.js';
import { recordTape, type Recording, type RecordOptions } from './record.js';

export const INPUTS = ['none', 'command', 'noise'] as const;
export type InputKind = (typeof INPUTS)[number];

export interface ScenarioOptions {
  /** Simulated seconds (default 1). */
  seconds?: number;
  /** Feedback of the true state (targets from simulating the system). */
  feedback?: boolean;
  /** Plasticity on (implies feedback targets). */
  learning?: boolean;
  /** Fraction of neurons killed halfway through (default 0). */
  kill?: number;
  /** Bring the killed neurons back at three quarters. */
  revive?: boolean;
  /** Voltage noise sigma (default: the image's). */
  noise?: number;
  /** Input c(t): none, the system's command generator, or smooth noise. */
  input?: InputKind;
  /** Steps per kernel run() call (default 512). */
  block?: number;
  /** Number of checkpoints (fingerprints recorded), at least 1 (default 8). */
  checkpoints?: number;
  /** Seed of the kernel RNG, start state, inputs and kill choice (default 1). */
  seed?: number;
}

export function recordScenario(name: string, image: Uint8Array, spec: NetworkSpec, sys: DynamicalSystem, o: ScenarioOptions = {}, ro: RecordOptions = {}): Recording {
  const seed = o.seed ?? 1, dt = spec.dt, J = spec.J;
  const steps = Math.max(1, Math.round((o.seconds ?? 1) / dt));
  const rnd = new Random(seed);
  const x0 = sys.starts.map(([lo, hi]) => rnd.range(lo, hi));
  const input = o.input ?? 'none';
  let c: Float64Array | undefined;
  if (input === 'command') {
    c = sys.command?.(new Random(seed + 1), steps, dt);
    if (!c) throw new RangeError(`--input command: system ${sys.name} has no command generator (use --input noise)`);
  } else if (input === 'noise') c = smoothNoise(new Random(seed + 1), steps, J, dt, 0.1, 4);
  const targets = o.feedback || o.learning ? simulate(sys, x0, steps, dt, c).x : undefined;
  const killed = o.kill ? randomNeurons(spec.N, o.kill, seed + 100) : [];
  // event steps: checkpoints, kill at 1/2, revive at 3/4
  const every = Math.max(1, Math.ceil(steps / Math.max(1, o.checkpoints ?? 8)));
  const cuts = new Set<number>([steps]);
  for (let s = every; s < steps; s += every) cuts.add(s);
  const killAt = killed.length ? Math.floor(steps / 2) : -1, reviveAt = killed.length && o.revive ? Math.floor((3 * steps) / 4) : -1;
  for (const s of [killAt, reviveAt]) if (s > 0) cuts.add(s);
  const ends = [...cuts].sort((a, b) => a - b);
  const rec = recordTape(name, (mark) => {
    const ex = KernelExecutor.fromImage(image, spec, { blockSteps: o.block ?? 512 });
    ex.reset(seed);
    if (o.noise !== undefined) ex.setTunables({ noise: o.noise });
    let at = 0;
    for (const end of ends) {
      if (at === killAt) for (const i of killed) ex.setAlive(i, false);
      if (at === reviveAt) for (const i of killed) ex.setAlive(i, true);
      const n = end - at;
      ex.run({
        steps: n,
        ...(c ? { c: c.subarray(at * J, end * J) } : {}),
        ...(targets ? { x: targets.subarray(at * J, end * J), feedback: !!o.feedback || !!o.learning } : {}),
        ...(o.learning ? { learn: true } : {}),
      });
      at = end;
      if (at % every === 0 || at === steps) mark(`step${at}`);
    }
  }, ro);
  return { tape: rec.tape, result: rec.result };
}
