// Running a trained network on its own, for as long as the page wants: the
// same start as the library's freeRun (reset, a lead-in with error feedback
// from a start state, then feedback and learning off), continued chunk by
// chunk. Alongside runs a "shadow" of the true system, restarted from the
// readout every `resync` seconds: it shows where the true flow would take the
// network's state, and their distance is the free-running error.
import { simulate, type DynamicalSystem, type Executor } from '../../../src/index.js';
import type { Chunk } from './trainer.js';

export interface FreeRunPlan {
  x0: number[];
  /** Lead-in with feedback, steps, and its gain. */
  leadSteps: number;
  k: number;
  noise: number;
}

export class FreeRunner {
  /** Shadow true-system state and the step it was last restarted at. */
  private shadow: Float64Array;
  private sinceSync = 0;
  private lead: Float64Array;
  private at = 0;
  /** A kick under way: its constant target (repeated per step) and the steps left. */
  private kickX: Float64Array | null = null;
  private kickAt = 0;
  /** The readout at the end of the last chunk. */
  last: number[] = [];
  readonly resyncSteps: number;

  constructor(private readonly ex: Executor, private readonly sys: DynamicalSystem, readonly plan: FreeRunPlan, resync = Math.max(0.1, sys.timeScale / 4)) {
    ex.reset();
    ex.setTunables({ k: plan.k, eta: 0, noise: plan.noise });
    const led = simulate(sys, plan.x0, plan.leadSteps, ex.dt);
    this.lead = led.x;
    this.shadow = Float64Array.from(led.final);
    this.resyncSteps = Math.max(1, Math.round(resync / ex.dt));
  }

  /** True while the lead-in (feedback on) is still running. */
  get leading(): boolean {
    return this.at < this.plan.leadSteps;
  }

  /** True while a kick is being applied. */
  get kicking(): boolean {
    return this.kickX !== null;
  }

  /**
   * A kick: `steps` of error feedback (gain plan.k) towards the constant state
   * `target`, which pushes the readout there, then free again. The network is
   * the same; only its state is moved, so a person can watch it find its way
   * back to the learned flow.
   */
  kick(target: number[], steps: number): void {
    const J = this.ex.J;
    this.kickX = new Float64Array(steps * J);
    for (let s = 0; s < steps; s++) for (let j = 0; j < J; j++) this.kickX[s * J + j] = target[j]!;
    this.kickAt = 0;
  }

  next(max: number): Chunk {
    const { ex, sys } = this;
    const J = ex.J;
    const from = ex.state().t;
    if (this.kickX && !this.leading) {
      const total = this.kickX.length / J;
      const steps = Math.max(1, Math.min(max, total - this.kickAt));
      const x = this.kickX.subarray(this.kickAt * J, (this.kickAt + steps) * J);
      const res = ex.run({ steps, x, feedback: true, record: true });
      const start = this.kickAt === 0;
      this.kickAt += steps;
      if (this.kickAt >= total) {
        this.kickX = null;
        this.sinceSync = 0; // the shadow restarts from where the kick left the readout
      }
      this.keepLast(res.xhat!, steps);
      return { steps, from, x, xhat: res.xhat!, spikeSteps: res.spikeSteps, spikeNeurons: res.spikeNeurons, trialStart: start };
    }
    if (this.leading) {
      const steps = Math.max(1, Math.min(max, this.plan.leadSteps - this.at));
      const x = this.lead.subarray(this.at * J, (this.at + steps) * J);
      const res = ex.run({ steps, x, feedback: true, record: true });
      this.at += steps;
      this.keepLast(res.xhat!, steps);
      return { steps, from, x, xhat: res.xhat!, spikeSteps: res.spikeSteps, spikeNeurons: res.spikeNeurons, trialStart: from === 0 };
    }
    // free: up to the next shadow restart, so a chunk never straddles one
    const steps = Math.max(1, Math.min(max, this.resyncSteps - this.sinceSync));
    const res = ex.run({ steps, record: true });
    const xhat = res.xhat!;
    const restart = this.sinceSync === 0;
    if (restart) for (let j = 0; j < J; j++) this.shadow[j] = xhat[j]!;
    const tr = simulate(sys, this.shadow, steps, ex.dt);
    this.shadow.set(tr.final);
    this.sinceSync = (this.sinceSync + steps) % this.resyncSteps;
    this.at += steps;
    this.keepLast(xhat, steps);
    return { steps, from, x: tr.x, xhat, spikeSteps: res.spikeSteps, spikeNeurons: res.spikeNeurons, trialStart: restart };
  }

  private keepLast(xhat: ArrayLike<number>, steps: number): void {
    const J = this.ex.J;
    this.last = Array.from({ length: J }, (_, j) => xhat[(steps - 1) * J + j]!);
  }
}
