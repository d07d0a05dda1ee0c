// One network in the page: build it from settings or a model file, train it
// (chunk by chunk), run it free, perturb it, price it, save it. Plain
// TypeScript over the library: the worker drives it, and it would run the
// same in Node.
import {
  decodeModel, encodeModel, getSystem, KernelExecutor, kernelVariant, Random, trueCycle,
  type DynamicalSystem, type NetworkSpec,
} from '../../../src/index.js';
import { trainingExecutor } from '../../../src/training-network.js';
import { chipOptions, type RelativeChipOptions } from '../../../src/index.js';
import { meanDecoderSq } from '../../../src/spike-rule.js';
import { leadIn } from '../../../src/time-stretch.js';

/** A spec's chip options in the units the form and the CLI use (soft width / mean |D_i|^2). */
export function relativeChip(spec: NetworkSpec): Required<RelativeChipOptions> {
  const c = chipOptions(spec);
  const d2 = meanDecoderSq(spec.D, spec.N, spec.J);
  return { soft: d2 > 0 ? +(c.softWidth / d2).toPrecision(12) : 0, refractory: c.refractory, arbitration: c.arbitration };
}
import type { FreeLog, Fingerprint, NetInfo, Phase } from '../protocol.js';
import { EnergyMeter, type EnergyView } from './energy.js';
import { FreeRunner } from './free-runner.js';
import { Running } from './metrics.js';
import type { Settings, UserSystemSource } from './settings.js';
import { Trainer, type Chunk } from './trainer.js';
import { buildUserSystem, userSystemModule } from './user-system.js';

/** A kick: feedback at the lead-in's gain k (src/time-stretch.ts) for this many time constants 1/k: the readout gets there. */
const KICK_TIME_CONSTANTS = 5;
/** How far a kick moves the readout in each dimension, as a fraction of the domain's half-width (sign alternating per kick). */
export const KICK_SIZE = 0.6;

export class Session {
  readonly sys: DynamicalSystem;
  readonly ex: KernelExecutor;
  readonly settings: Settings;
  phase: Phase = 'idle';
  trained: boolean;
  trainingSeconds: number;
  file: string | undefined;
  trainer: Trainer | null = null;
  runner: FreeRunner | null = null;
  running: Running;
  /** Free runs started so far (each from a new start state). */
  private runs = 0;
  /** Trainings so far: each further one continues learning on new trials. */
  private trainings = 0;
  private noise = 0;
  private kicks = 0;
  private readonly order: number[];
  log: FreeLog | null = null;
  readonly energy: EnergyMeter;
  readonly truth: { amplitude: number; period: number } | undefined;

  private constructor(settings: Settings, sys: DynamicalSystem, ex: KernelExecutor, o: { trained: boolean; trainingSeconds: number; file?: string; now?: () => number }) {
    this.settings = settings;
    this.sys = sys;
    this.ex = ex;
    this.trained = o.trained;
    this.trainingSeconds = o.trainingSeconds;
    this.file = o.file;
    // kill order: a fixed random permutation; its first half is the CLI's "half killed" set
    this.order = new Random(settings.seed + 100).sample(ex.N, ex.N);
    if (sys.kind === 'limit-cycle') {
      const t = trueCycle(sys, ex.dt);
      if (Number.isFinite(t.period)) this.truth = { amplitude: t.amplitude, period: t.period };
    }
    this.running = this.newRunning();
    // priced every simulated second, at most once a wall second (energy.ts: pricing costs about what simulating costs)
    this.energy = new EnergyMeter('loihi', Math.round(1 / ex.dt), o.now);
  }

  static system(settings: Settings): DynamicalSystem {
    return 'builtin' in settings.system ? getSystem(settings.system.builtin) : buildUserSystem(settings.system.custom);
  }

  /** `now`: the wall clock the energy meter throttles on (tests pass a fake one). */
  static create(settings: Settings, o: { now?: () => number } = {}): Session {
    const sys = Session.system(settings);
    // the CLI's builder (src/training-network.ts): the same spec and the same execution mode (lowrank for several systems)
    const chip = settings.policy === 'parallel' && settings.chip ? { chip: settings.chip } : {};
    const { ex } = trainingExecutor(sys, { neurons: settings.N, dendrites: settings.K, dt: settings.dt, policy: settings.policy, ...chip, seed: settings.seed, format: settings.format });
    return new Session(settings, sys, ex, { trained: false, trainingSeconds: 0, ...(o.now ? { now: o.now } : {}) });
  }

  /**
   * Open a model file; `fallback` supplies settings the file does not hold.
   * `format`: run it in another number format (its learned weights quantized
   * to that format, as `ebnkit eval --format` and the CLI's "as deployed" do).
   */
  static load(bytes: Uint8Array, file: string, fallback: Settings, o: { format?: string } = {}): Session {
    const model = decodeModel(bytes);
    const meta = model.meta;
    const custom = meta.userSystem as UserSystemSource | undefined;
    const name = String(meta.system ?? '');
    let system: Settings['system'];
    if (custom) system = { custom };
    else if (name) system = { builtin: name };
    else throw new RangeError(`${file} does not name the system it was trained on`);
    const spec = model.spec;
    const settings: Settings = {
      ...fallback,
      system,
      N: spec.N,
      K: spec.dendrites.K,
      dt: spec.dt,
      policy: spec.policy,
      ...(spec.policy === 'parallel' ? { chip: relativeChip(spec) } : {}),
      format: o.format ?? (typeof meta.format === 'string' ? meta.format : fallback.format),
      seed: typeof meta.seed === 'number' ? meta.seed : spec.seed,
      seconds: typeof meta.trainingSeconds === 'number' && meta.trainingSeconds > 0 ? meta.trainingSeconds : fallback.seconds,
    };
    let sys: DynamicalSystem;
    try {
      sys = Session.system(settings);
    } catch (e) {
      throw new RangeError(`${file} was trained on "${name}", which this page cannot rebuild: ${(e as Error).message}`);
    }
    if (sys.dims !== spec.J) throw new RangeError(`${file}: system ${sys.name} has ${sys.dims} dimensions but the network has J=${spec.J}`);
    const stored = KernelExecutor.fromImage(model.image, spec);
    const ex = o.format ? new KernelExecutor(stored.toSpec(), { format: o.format, mode: stored.mode }) : stored;
    return new Session(settings, sys, ex, { trained: true, trainingSeconds: Number(meta.trainingSeconds) || 0, file });
  }

  private newRunning(): Running {
    const win = Math.max(0.5, Math.min(2, this.sys.timeScale));
    return new Running(this.ex.dt, this.sys.domain, Math.round(win / this.ex.dt), this.truth ? 4 * this.truth.period : 0, this.sys.timeScale);
  }

  info(): NetInfo {
    const s = this.sys;
    const spec = this.ex.toSpec();
    return {
      system: { name: s.name, description: s.description, kind: s.kind, dims: s.dims, domain: s.domain, timeScale: s.timeScale, ...('custom' in this.settings.system ? { custom: this.settings.system.custom } : {}) },
      N: this.ex.N, J: this.ex.J, K: spec.dendrites.K, B: spec.dendrites.K + (spec.dendrites.linear ? spec.J : 0),
      dt: this.ex.dt, format: this.settings.format, policy: spec.policy, mode: this.ex.mode, kernel: kernelVariant(), ...(spec.policy === 'parallel' ? { chip: { ...chipOptions(spec), relative: relativeChip(spec) } } : {}), seed: this.settings.seed,
      window: Math.max(1, Math.min(4, 2 * s.timeScale)),
      ...(this.truth ? { truth: this.truth } : {}),
      quant: this.ex.report ? { clipped: this.ex.report.clipped, maxAbsError: this.ex.report.maxAbsError } : null,
      trained: this.trained,
      trainingSeconds: this.trainingSeconds,
      ...(this.file ? { file: this.file } : {}),
      weightsHash: this.weightsHash(),
    };
  }

  /** FNV-1a of the image after its header (the image checksum): the learned bits, not the tunables (k, eta, noise). */
  weightsHash(): number {
    return this.ex.weightsHash();
  }

  fingerprint(): Fingerprint {
    return this.ex.fingerprint();
  }

  startTraining(): void {
    const s = this.settings;
    this.trainer = new Trainer(this.ex, this.sys, { ...(this.sys.training ?? {}), duration: s.seconds, seed: s.seed + 7919 * this.trainings++, k: s.k, eta: s.eta });
    this.runner = null;
    this.log = null;
    this.phase = 'training';
    this.running = this.newRunning();
    this.energy.restart(this.ex.state().t, this.ex.counters());
  }

  /** A free run from the start state of run number `run` (default: the next one); two sessions given the same number start alike. */
  startFree(run?: number): void {
    const rnd = new Random(this.settings.seed + 1000 + (run ?? this.runs++));
    const x0 = (this.sys.evalStarts ?? this.sys.starts).map(([lo, hi]) => rnd.range(lo, hi));
    const lead = leadIn(this.sys.timeScale); // as the library's freeRun
    const plan = { x0, leadSteps: Math.round(lead.seconds / this.ex.dt), k: lead.k, noise: this.noise };
    this.runner = new FreeRunner(this.ex, this.sys, plan);
    this.trainer = null;
    this.log = { ...plan, ops: [] };
    this.phase = 'free';
    this.running = this.newRunning();
    this.energy.restart(0, this.ex.counters());
  }

  stop(): void {
    if (this.phase === 'training' && this.trainer) {
      this.trained = true;
      this.trainingSeconds += this.trainer.simulated;
    }
    this.phase = 'idle';
    this.trainer = null;
    this.runner = null;
  }

  /**
   * A phase failed (the target diverged, the kernel refused a state): stop
   * without counting it. A failed training leaves weights that learned from
   * a broken target, so the network is no longer "trained" and is not offered.
   */
  abort(): void {
    if (this.phase === 'training') this.trained = false;
    this.phase = 'idle';
    this.trainer = null;
    this.runner = null;
  }

  alive(): Uint8Array {
    return this.ex.state().alive;
  }

  /** One chunk of the current phase; null when the phase has ended (training done). */
  step(max: number): { chunk: Chunk; energy: EnergyView | null } | null {
    let chunk: Chunk | null = null;
    if (this.phase === 'training' && this.trainer) {
      chunk = this.trainer.next(max);
      if (!chunk || this.trainer.done) {
        this.trained = true;
        this.trainingSeconds += this.trainer.simulated;
        this.phase = 'idle';
        this.trainer = null;
      }
    } else if (this.phase === 'free' && this.runner) {
      const leading = this.runner.leading;
      chunk = this.runner.next(max);
      if (leading && !this.runner.leading) this.running.clearCycle();
    }
    if (!chunk) return null;
    const alive = this.alive();
    let count = 0;
    for (const a of alive) count += a;
    this.running.add(chunk, count, this.phase === 'free' && !this.runner?.leading);
    const energy = this.energy.add(chunk.steps, chunk.spikeSteps, chunk.spikeNeurons, () => this.ex.toSpec(), alive, this.ex.counters());
    return { chunk, energy };
  }

  /** Kill (alive = false) or revive neurons; logged during a free run. */
  setAlive(neurons: number[], alive: boolean): void {
    const now = this.alive();
    const changed = neurons.filter((i) => Number.isInteger(i) && i >= 0 && i < this.ex.N && !!now[i] !== alive);
    for (const i of changed) this.ex.setAlive(i, alive);
    if (changed.length && this.phase === 'free' && this.log) this.log.ops.push({ step: this.ex.state().t, kind: 'alive', neurons: changed, alive });
  }

  /** Dead: the first round(fraction N) neurons of the kill order; alive: the rest. */
  killFraction(fraction: number): void {
    const n = Math.round(Math.max(0, Math.min(1, fraction)) * this.ex.N);
    this.setAlive(this.order.slice(n), true);
    this.setAlive(this.order.slice(0, n), false);
  }

  /**
   * Push the free-running readout away (KICK_SIZE of the half-width in each
   * dimension, alternating direction, kept inside the domain) and let go.
   * Logged, so the run still replays bit for bit. Returns false when there is
   * nothing to kick (not free-running, in the lead-in, or a kick under way).
   */
  kick(): boolean {
    const r = this.runner;
    if (this.phase !== 'free' || !r || r.leading || r.kicking || !r.last.length) return false;
    const sign = this.kicks++ % 2 ? -1 : 1;
    const x = this.sys.domain.map(([lo, hi], j) => {
      const half = (hi - lo) / 2, mid = (hi + lo) / 2;
      let v = r.last[j]! + sign * KICK_SIZE * half;
      if (v > hi - 0.1 * half || v < lo + 0.1 * half) v = r.last[j]! - sign * KICK_SIZE * half; // bounce off the edge
      return Math.max(lo + 0.1 * half, Math.min(hi - 0.1 * half, Number.isFinite(v) ? v : mid));
    });
    const steps = Math.max(1, Math.round(KICK_TIME_CONSTANTS / leadIn(this.sys.timeScale).k / this.ex.dt));
    r.kick(x, steps);
    this.log?.ops.push({ step: this.ex.state().t, kind: 'kick', x, steps });
    return true;
  }

  setNoise(sigma: number): void {
    if (!(Number.isFinite(sigma) && sigma >= 0 && sigma <= 1)) throw new RangeError(`noise: ${sigma} is not in [0, 1]`);
    this.noise = sigma;
    this.ex.setTunables({ noise: sigma });
    if (this.phase === 'free') this.log?.ops.push({ step: this.ex.state().t, kind: 'noise', sigma });
  }

  /** The model file (.ebn) as the CLI writes it, plus a system module for a typed vector field. */
  save(): { bytes: Uint8Array; fileName: string; weightsHash: number; module?: { fileName: string; text: string } } {
    const s = this.settings;
    const custom = 'custom' in s.system ? s.system.custom : undefined;
    this.ex.setTunables({ noise: 0 }); // the saved network is the trained one, not today's noise
    const spec: NetworkSpec = this.ex.toSpec();
    const image = this.ex.image();
    this.ex.setTunables({ noise: this.noise });
    const base = `${this.sys.name}-n${this.ex.N}-seed${s.seed}`;
    const bytes = encodeModel({
      spec,
      image,
      meta: {
        system: this.sys.name,
        ...(custom ? { userSystem: custom, systemModule: `./${custom.name}.system.mjs` } : {}),
        kind: this.sys.kind,
        trainingSeconds: this.trainingSeconds,
        seed: s.seed,
        executor: 'kernel',
        format: s.format,
        file: `${base}.ebn`,
        source: 'ebnkit playground',
      },
    });
    return { bytes, fileName: `${base}.ebn`, weightsHash: this.weightsHash(), ...(custom ? { module: { fileName: `${custom.name}.system.mjs`, text: userSystemModule(custom) } } : {}) };
  }
}
