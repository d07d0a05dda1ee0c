// Gathers the chunks of one worker tick into a frame for the page: traces
// sub-sampled to about one sample per millisecond (a NaN row where the target
// jumps: a new trial, a shadow restart), and every spike.
import type { Chunk } from './trainer.js';

export interface FrameData {
  /** Executor step of each sample. */
  t: Uint32Array;
  /** samples x J. */
  x: Float32Array;
  xhat: Float32Array;
  spikeSteps: Uint32Array;
  spikeNeurons: Uint16Array;
}

export class FrameBuilder {
  private t: number[] = [];
  private x: number[] = [];
  private xhat: number[] = [];
  private spikeSteps: number[] = [];
  private spikeNeurons: number[] = [];
  steps = 0;

  constructor(private readonly J: number, readonly stride: number) {}

  add(c: Chunk): void {
    const stride = this.stride;
    if (c.trialStart) this.row(c.from, null, 0);
    for (let s = (stride - (c.from % stride)) % stride; s < c.steps; s += stride) this.row(c.from + s, c, s);
    for (let i = 0; i < c.spikeSteps.length; i++) {
      this.spikeSteps.push(c.spikeSteps[i]!);
      this.spikeNeurons.push(c.spikeNeurons[i]!);
    }
    this.steps += c.steps;
  }

  private row(t: number, c: Chunk | null, s: number): void {
    this.t.push(t);
    for (let j = 0; j < this.J; j++) {
      this.x.push(c ? c.x[s * this.J + j]! : NaN);
      this.xhat.push(c ? c.xhat[s * this.J + j]! : NaN);
    }
  }

  get empty(): boolean {
    return this.steps === 0;
  }

  /** Take the frame's arrays and start over. */
  take(): FrameData {
    const out: FrameData = {
      t: Uint32Array.from(this.t),
      x: Float32Array.from(this.x),
      xhat: Float32Array.from(this.xhat),
      spikeSteps: Uint32Array.from(this.spikeSteps),
      spikeNeurons: Uint16Array.from(this.spikeNeurons),
    };
    this.t = [];
    this.x = [];
    this.xhat = [];
    this.spikeSteps = [];
    this.spikeNeurons = [];
    this.steps = 0;
    return out;
  }
}
