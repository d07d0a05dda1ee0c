// The training loop (DESIGN.md section 2, "what worked"): many short trials
// from random start states, each driven by a smooth random input c(t) that
// keeps the state in the dendrites' range; the target x(t) is integrated in
// float64 (RK4) and fed to the executor, which learns with its local rule
// while the error feedback k D^T e keeps it on the target. eta and k are
// annealed in the last part of training.
import type { Executor } from './executor.js';
import { simulate } from './integrate.js';
import { Random } from './random.js';
import { smoothNoise } from './signals.js';
import type { DynamicalSystem } from './systems/system.js';

export interface TrainOptions {
  /** Simulated training time, s. */
  duration?: number;
  /** Length of one trial, s. */
  trialLength?: number;
  /** Feedback-only time at the start of each trial before learning, s. */
  settle?: number;
  /** Feedback gain and learning rate at the start. */
  k?: number;
  eta?: number;
  /** From this fraction of training on, eta and k are multiplied by the factors below. */
  annealAt?: number;
  annealEta?: number;
  annealK?: number;
  seed?: number;
  onProgress?: (fraction: number, info: TrainProgress) => void;
}

export interface TrainProgress {
  trial: number;
  trials: number;
  simulated: number;
  /** RMS readout error |x - xhat| over the last trial (feedback on). */
  rmsError: number;
  /** Mean rate per neuron over the last trial, Hz. */
  rate: number;
}

export interface TrainResult {
  trials: number;
  simulated: number;
  wallSeconds: number;
  history: TrainProgress[];
}

// Tuned on Van der Pol with the fixed-point kernel (N=50, K=100, dt=0.25 ms):
// 5/5 network seeds learn the limit cycle in 300 s. k=40, eta=20 keeps the
// learning loop damped ((k+lam)^2 >= 2 eta |Phi|^2 with |Phi|^2 ~ K/2 + |x|^2);
// the final third lowers eta 10x to average out the spike noise in the
// weights; k stays (annealing k as well left a larger field error).
export const TRAIN_DEFAULTS = {
  duration: 300,
  trialLength: 2,
  settle: 0.05,
  k: 40,
  eta: 20,
  annealAt: 2 / 3,
  annealEta: 0.1,
  annealK: 1,
  seed: 1,
} as const;

export function train(ex: Executor, sys: DynamicalSystem, opts: TrainOptions = {}): TrainResult {
  const o = { ...TRAIN_DEFAULTS, ...opts };
  if (sys.dims !== ex.J) throw new RangeError(`system ${sys.name} has ${sys.dims} dimensions; the network has J=${ex.J}`);
  const rnd = new Random(o.seed);
  const dt = ex.dt;
  const J = ex.J;
  const trials = Math.max(1, Math.round(o.duration / o.trialLength));
  const steps = Math.round(o.trialLength / dt);
  const settle = Math.min(steps, Math.round(o.settle / dt));
  const history: TrainProgress[] = [];
  const t0 = performance.now();
  for (let n = 0; n < trials; n++) {
    const late = n >= trials * o.annealAt;
    const k = late ? o.k * o.annealK : o.k;
    const eta = late ? o.eta * o.annealEta : o.eta;
    ex.setTunables({ k, eta });
    const x0 = sys.starts.map(([lo, hi]) => rnd.range(lo, hi));
    const c = smoothNoise(rnd, steps, J, dt, sys.inputTau, sys.inputStd);
    const { x } = simulate(sys, x0, steps, dt, c);
    ex.run({ steps: settle, c, x, feedback: true });
    const rest = steps - settle;
    const res = ex.run({
      steps: rest,
      c: c.subarray(settle * J),
      x: x.subarray(settle * J),
      feedback: true,
      learn: eta > 0,
      record: true,
    });
    let se = 0;
    for (let i = 0; i < rest * J; i++) se += (x[settle * J + i]! - res.xhat![i]!) ** 2;
    const info: TrainProgress = {
      trial: n + 1,
      trials,
      simulated: (n + 1) * steps * dt,
      rmsError: Math.sqrt(se / Math.max(1, rest)),
      rate: res.spikeSteps.length / ex.N / (rest * dt),
    };
    history.push(info);
    o.onProgress?.((n + 1) / trials, info);
  }
  return { trials, simulated: trials * steps * dt, wallSeconds: (performance.now() - t0) / 1000, history };
}
