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

/** A system's training options over the library's defaults: what Trainer runs when the caller sets nothing. */
export function systemTraining(sys: Pick<DynamicalSystem, 'training'>): typeof TRAIN_DEFAULTS & Record<string, number> {
  return { ...TRAIN_DEFAULTS, ...sys.training };
}

/** One chunk of training, as Trainer.next returns it. */
export interface Chunk {
  /** Steps run, and the executor's step count (since reset) before them. */
  steps: number;
  from: number;
  /** Target and readout, steps x J. */
  x: Float64Array;
  xhat: Float64Array;
  spikeSteps: Uint32Array;
  spikeNeurons: Uint32Array;
  /** True on the first chunk of a trial (the target jumps to a new start). */
  trialStart: boolean;
  /** Set when this chunk finished a trial. */
  progress?: TrainProgress;
}

interface Trial {
  x: Float64Array;
  c: Float64Array;
  /** Next step of the trial to run. */
  at: number;
  learn: boolean;
  se: number;
  spikes: number;
}

/**
 * The training loop in chunks: each next(max) runs at most `max` steps, never
 * across a trial's settle boundary or its end, so a caller (a Web Worker, a
 * progress display) can look at the readout and the spikes between chunks or
 * kill a neuron mid-training. train() is this loop run to the end.
 */
export class Trainer {
  readonly trials: number;
  readonly trialSteps: number;
  readonly settle: number;
  private readonly o: Required<Omit<TrainOptions, 'onProgress'>>;
  private readonly rnd: Random;
  private n = 0;
  private trial: Trial | null = null;
  readonly history: TrainProgress[] = [];

  constructor(private readonly ex: Executor, private readonly sys: DynamicalSystem, opts: TrainOptions = {}) {
    // the system's derived training options (src/auto/configure.ts) over the defaults, the caller's over both
    this.o = { ...systemTraining(sys), ...opts } as Required<Omit<TrainOptions, 'onProgress'>>;
    if (sys.dims !== ex.J) throw new RangeError(`system ${sys.name} has ${sys.dims} dimensions; the network has J=${ex.J}`);
    this.rnd = new Random(this.o.seed);
    this.trials = Math.max(1, Math.round(this.o.duration / this.o.trialLength));
    this.trialSteps = Math.round(this.o.trialLength / ex.dt);
    this.settle = Math.min(this.trialSteps, Math.round(this.o.settle / ex.dt));
  }

  get done(): boolean {
    return this.n >= this.trials;
  }

  /** Simulated seconds of training so far. */
  get simulated(): number {
    return (this.n * this.trialSteps + (this.trial?.at ?? 0)) * this.ex.dt;
  }

  /** Simulated seconds the whole training takes. */
  get total(): number {
    return this.trials * this.trialSteps * this.ex.dt;
  }

  get fraction(): number {
    return this.simulated / this.total;
  }

  private begin(): Trial {
    const { o, ex, sys, rnd } = this;
    const late = this.n >= this.trials * o.annealAt;
    const k = late ? o.k * o.annealK : o.k;
    const eta = late ? o.eta * o.annealEta : o.eta;
    ex.setTunables({ k, eta });
    const x0 = sys.starts.map(([lo, hi]) => rnd.range(lo, hi));
    // confined exploration when the system has one (src/auto/explore.ts), else smooth noise
    const { x, c } = sys.explore
      ? sys.explore(rnd, x0, this.trialSteps, ex.dt)
      : (() => {
          const c = smoothNoise(rnd, this.trialSteps, ex.J, ex.dt, sys.inputTau, sys.inputStd);
          return { c, x: simulate(sys, x0, this.trialSteps, ex.dt, c).x };
        })();
    if (!x.every(Number.isFinite)) throw new RangeError(`the target ${sys.name} diverged from x0 = (${x0.map((v) => v.toFixed(2)).join(', ')}) during trial ${this.n + 1}: check the vector field and the domain`);
    return { x, c, at: 0, learn: eta > 0, se: 0, spikes: 0 };
  }

  /** Run at most `max` steps (never across the settle boundary or a trial's end). */
  next(max: number): Chunk | null {
    if (this.done) return null;
    const { ex } = this;
    const J = ex.J;
    const trialStart = !this.trial;
    const t = (this.trial ??= this.begin());
    const settling = t.at < this.settle;
    const end = settling ? this.settle : this.trialSteps;
    const steps = Math.max(1, Math.min(max, end - t.at));
    const from = ex.state().t;
    const seg = (a: Float64Array) => a.subarray(t.at * J, (t.at + steps) * J);
    const res = ex.run({ steps, c: seg(t.c), x: seg(t.x), feedback: true, learn: !settling && t.learn, record: true });
    const x = seg(t.x);
    if (!settling) {
      for (let i = 0; i < steps * J; i++) t.se += (x[i]! - res.xhat![i]!) ** 2;
      t.spikes += res.spikeSteps.length;
    }
    t.at += steps;
    const chunk: Chunk = { steps, from, x, xhat: res.xhat!, spikeSteps: res.spikeSteps, spikeNeurons: res.spikeNeurons, trialStart };
    if (t.at >= this.trialSteps) {
      const rest = this.trialSteps - this.settle;
      this.n++;
      chunk.progress = {
        trial: this.n,
        trials: this.trials,
        simulated: this.n * this.trialSteps * ex.dt,
        rmsError: Math.sqrt(t.se / Math.max(1, rest)),
        rate: t.spikes / ex.N / (rest * ex.dt),
      };
      this.history.push(chunk.progress);
      this.trial = null;
    }
    return chunk;
  }
}

/** Train to the end (see Trainer); onProgress is called after every trial. */
export function train(ex: Executor, sys: DynamicalSystem, opts: TrainOptions = {}): TrainResult {
  const t = new Trainer(ex, sys, opts);
  const t0 = performance.now();
  for (let chunk = t.next(Infinity); chunk; chunk = t.next(Infinity))
    if (chunk.progress) opts.onProgress?.(chunk.progress.trial / t.trials, chunk.progress);
  return { trials: t.trials, simulated: t.total, wallSeconds: (performance.now() - t0) / 1000, history: t.history };
}
