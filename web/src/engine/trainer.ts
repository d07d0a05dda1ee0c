// The library's training loop (src/train.ts) cut into chunks, so a worker can
// post live traces between them and still hear "pause" or "kill neuron 7".
// It makes exactly the calls train() makes, in the same order, with the same
// random draws: the learned bits equal train()'s (test/web checks it). The
// only addition is recording the readout during the settle part too, which
// does not change the kernel's state.
import { simulate, smoothNoise, Random, TRAIN_DEFAULTS, type DynamicalSystem, type Executor, type TrainOptions, type TrainProgress } from '../../../src/index.js';

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
    this.o = { ...TRAIN_DEFAULTS, ...opts } as Required<Omit<TrainOptions, 'onProgress'>>;
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
    const c = smoothNoise(rnd, this.trialSteps, ex.J, ex.dt, sys.inputTau, sys.inputStd);
    const { x } = simulate(sys, x0, this.trialSteps, ex.dt, c);
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
