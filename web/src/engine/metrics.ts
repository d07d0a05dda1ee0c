// Running numbers over the last second or so of simulated time: readout
// error (RMS of x - xhat per dimension, in units of the domain's half-width),
// rate per alive neuron, and for limit cycles the readout's amplitude and
// period against the true cycle's, measured as the CLI measures them: through
// a moving average over 1% of the period (src/evaluate.ts smoothCycle).
import { smoothCycle, type CycleStats } from '../../../src/index.js';
import type { Chunk } from './trainer.js';

interface Entry { steps: number; se: number; spikes: number; alive: number }

export interface RunningStats {
  /** RMS readout error over the window, as a fraction of the domain half-width. */
  error: number;
  /** Mean rate per alive neuron, Hz. */
  rate: number;
  spikesPerSecond: number;
  /** Limit cycles in free run: readout amplitude (x1) and period, NaN until three cycles are seen. */
  amplitude: number;
  period: number;
  cycles: number;
  windowSeconds: number;
}

export class Running {
  private entries: Entry[] = [];
  private total = { steps: 0, se: 0, spikes: 0, aliveSteps: 0 };
  private tail: Float64Array;
  private tailLen = 0;
  private tailAt = 0;
  private stride: number;
  private sub = 0;
  private readonly inv: number[];

  constructor(
    private readonly dt: number,
    domain: [number, number][],
    private readonly windowSteps: number,
    cycleSeconds = 0,
    /** Time scale the cycle's moving average is sized from (the system's, as for the truth). */
    private readonly cycleScale = 0,
  ) {
    this.inv = domain.map(([lo, hi]) => 2 / (hi - lo));
    const cycleSteps = Math.round(cycleSeconds / dt);
    this.stride = Math.max(1, Math.ceil(cycleSteps / 20000));
    this.tail = new Float64Array(cycleSteps > 0 ? Math.ceil(cycleSteps / this.stride) : 0);
  }

  /** Add a chunk; `cycle` = also feed the cycle tail (free run only). */
  add(c: Chunk, alive: number, cycle: boolean): void {
    const J = this.inv.length;
    let se = 0;
    for (let s = 0; s < c.steps; s++)
      for (let j = 0; j < J; j++) {
        const d = (c.x[s * J + j]! - c.xhat[s * J + j]!) * this.inv[j]!;
        se += Number.isFinite(d) ? d * d : 1;
      }
    const e: Entry = { steps: c.steps, se, spikes: c.spikeSteps.length, alive };
    this.entries.push(e);
    this.total.steps += e.steps;
    this.total.se += e.se;
    this.total.spikes += e.spikes;
    this.total.aliveSteps += e.alive * e.steps;
    while (this.entries.length > 1 && this.total.steps - this.entries[0]!.steps >= this.windowSteps) {
      const old = this.entries.shift()!;
      this.total.steps -= old.steps;
      this.total.se -= old.se;
      this.total.spikes -= old.spikes;
      this.total.aliveSteps -= old.alive * old.steps;
    }
    if (cycle && this.tail.length) {
      for (let s = 0; s < c.steps; s++) {
        if (this.sub++ % this.stride) continue;
        this.tail[this.tailAt] = c.xhat[s * J]!;
        this.tailAt = (this.tailAt + 1) % this.tail.length;
        this.tailLen = Math.min(this.tailLen + 1, this.tail.length);
      }
    }
  }

  /** Forget the cycle tail (e.g. after the start state changed). */
  clearCycle(): void {
    this.tailLen = 0;
    this.tailAt = 0;
  }

  stats(): RunningStats {
    const { steps, se, spikes, aliveSteps } = this.total;
    const T = steps * this.dt;
    const J = this.inv.length;
    let cs: CycleStats = { period: NaN, amplitude: NaN, cycles: 0 };
    if (this.tailLen > 10) {
      const n = this.tailLen;
      const ordered = new Float64Array(n);
      const start = (this.tailAt - n + this.tail.length) % this.tail.length;
      for (let i = 0; i < n; i++) ordered[i] = this.tail[(start + i) % this.tail.length]!;
      cs = smoothCycle(ordered, 1, this.dt * this.stride, this.cycleScale, 0, 0);
    }
    return {
      error: steps ? Math.sqrt(se / (steps * J)) : NaN,
      rate: aliveSteps ? spikes / (aliveSteps * this.dt) : 0,
      spikesPerSecond: T ? spikes / T : 0,
      amplitude: cs.amplitude,
      period: cs.period,
      cycles: cs.cycles,
      windowSeconds: T,
    };
  }
}
