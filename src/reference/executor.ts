// The float64 reference executor: a thin stateful wrapper over the step
// functions in step.ts, run in the shared phase order.
import { derive, noiseAmplitude, phiFunction } from '../derived.js';
import { SpikeLog, checkRun, type Executor, type RunOptions, type RunResult, type Tunables } from '../executor.js';
import { COUNTER_NAMES, type Counters } from '../formats.js';
import { Random } from '../random.js';
import { chipOptions, cloneSpec, validateSpec, type NetworkSpec } from '../spec.js';
import { filter, integrate, learn, newRefState, readout, spike, type RefParams, type RefState } from './step.js';

export class ReferenceExecutor implements Executor {
  readonly kind = 'reference' as const;
  readonly N: number;
  readonly J: number;
  readonly dt: number;
  private readonly spec: NetworkSpec;
  private readonly p: RefParams;
  private s: RefState;
  private rng: Random;
  private t = 0;
  private readonly count: Counters;

  constructor(spec: NetworkSpec) {
    validateSpec(spec);
    this.spec = cloneSpec(spec);
    const d = derive(spec);
    this.N = spec.N;
    this.J = spec.J;
    this.dt = spec.dt;
    this.p = {
      N: spec.N,
      J: spec.J,
      K: spec.dendrites.K,
      B: d.B,
      D: Float64Array.from(spec.D),
      M: Float64Array.from(spec.dendrites.M),
      theta: Float64Array.from(spec.dendrites.theta),
      phi: phiFunction(spec.dendrites.phi),
      Os: Float64Array.from(spec.Os),
      d,
      dt: spec.dt,
      leakV: 1 - spec.lamV * spec.dt,
      leakR: 1 - spec.lam * spec.dt,
      k: spec.k,
      eta: spec.eta,
      noiseAmp: d.noiseAmp,
      policy: spec.policy,
      chip: chipOptions(spec),
    };
    this.s = newRefState(this.N, this.J, d.B);
    this.rng = new Random(spec.seed);
    this.count = Object.fromEntries(COUNTER_NAMES.map((n) => [n, 0])) as Counters;
  }

  reset(seed?: number): void {
    this.s = newRefState(this.N, this.J, this.p.B);
    this.rng = new Random(seed ?? this.spec.seed);
    this.t = 0;
    for (const n of COUNTER_NAMES) this.count[n] = 0;
  }

  run(o: RunOptions): RunResult {
    checkRun(this, o);
    const { p, s, J } = this;
    const useErr = !!(o.feedback || o.learn);
    const x = useErr ? o.x! : null;
    const c = o.c ?? null;
    const log = new SpikeLog(p.N, p.dt, this.t, o.maxSpikes);
    const xhat = o.record ? new Float64Array(o.steps * J) : undefined;
    const noise = () => this.rng.uniform();
    const cnt = this.count;
    for (let k = 0; k < o.steps; k++) {
      readout(p, s, x, k * J);
      if (xhat) xhat.set(s.xhat, k * J);
      const alive = integrate(p, s, c, k * J, useErr, !!o.feedback, noise);
      const n = spike(p, s, noise);
      filter(p, s, n);
      const updates = o.learn ? learn(p, s) : 0;
      for (let q = 0; q < n; q++) log.push(this.t, s.spikers[q]!);
      this.t++;
      cnt.steps++;
      cnt.neuronUpdates += alive;
      cnt.spikes += n;
      cnt.fastEvents += n * alive;
      cnt.slowEvents += alive * p.B;
      cnt.dendriteEvals += p.K;
      cnt.weightUpdates += updates;
    }
    return { steps: o.steps, ...log.result(), ...(xhat ? { xhat } : {}) };
  }

  setAlive(i: number, alive: boolean): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.N) throw new RangeError(`neuron ${i} is not in [0, ${this.N - 1}]`);
    this.s.alive[i] = alive ? 1 : 0;
  }

  setTunables(t: Tunables): void {
    if (t.k !== undefined) this.p.k = t.k;
    if (t.eta !== undefined) this.p.eta = t.eta;
    if (t.noise !== undefined) this.p.noiseAmp = noiseAmplitude(t.noise, this.dt);
    Object.assign(this.spec, t);
  }

  state() {
    return { V: this.s.V.slice(), r: this.s.r.slice(), alive: this.s.alive.slice(), t: this.t };
  }

  counters(): Counters {
    return { ...this.count };
  }

  toSpec(): NetworkSpec {
    const out = cloneSpec(this.spec);
    out.Os = Array.from(this.p.Os);
    return out;
  }
}
