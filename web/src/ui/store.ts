// What the views draw: the last few seconds of samples and spikes, kept in
// ring buffers fed by the worker's frames, plus the training history.
import type { TrainProgress } from '../../../src/index.js';
import type { FrameData } from '../engine/frames.js';

export class Store {
  J = 2;
  N = 0;
  dt = 1e-3;
  /** Window shown, in steps. */
  window = 1000;
  /** Latest step seen. */
  now = 0;
  private cap = 0;
  t = new Float64Array(0);
  x = new Float32Array(0);
  xhat = new Float32Array(0);
  head = 0;
  len = 0;
  private sCap = 1 << 18;
  spikeT = new Uint32Array(this.sCap);
  spikeN = new Uint16Array(this.sCap);
  sHead = 0;
  sLen = 0;
  alive: Uint8Array = new Uint8Array(0);
  history: TrainProgress[] = [];

  /** Start over for a network of N neurons, J dims, showing `seconds` of time. */
  reset(N: number, J: number, dt: number, seconds: number): void {
    this.N = N;
    this.J = J;
    this.dt = dt;
    this.window = Math.round(seconds / dt);
    this.cap = Math.ceil(seconds / Math.max(dt, 1e-3)) * 2 + 256;
    this.t = new Float64Array(this.cap);
    this.x = new Float32Array(this.cap * J);
    this.xhat = new Float32Array(this.cap * J);
    this.alive = new Uint8Array(N).fill(1);
    this.clear();
  }

  /** Forget the samples and spikes (a new phase restarts the step count). */
  clear(): void {
    this.head = this.len = this.sHead = this.sLen = 0;
    this.now = 0;
  }

  add(d: FrameData, alive: Uint8Array): void {
    const J = this.J;
    const n = d.t.length;
    for (let i = 0; i < n; i++) {
      const at = (this.head + this.len) % this.cap;
      this.t[at] = d.t[i]!;
      for (let j = 0; j < J; j++) {
        this.x[at * J + j] = d.x[i * J + j]!;
        this.xhat[at * J + j] = d.xhat[i * J + j]!;
      }
      if (this.len < this.cap) this.len++;
      else this.head = (this.head + 1) % this.cap;
    }
    for (let i = 0; i < d.spikeSteps.length; i++) {
      const at = (this.sHead + this.sLen) % this.sCap;
      this.spikeT[at] = d.spikeSteps[i]!;
      this.spikeN[at] = d.spikeNeurons[i]!;
      if (this.sLen < this.sCap) this.sLen++;
      else this.sHead = (this.sHead + 1) % this.sCap;
    }
    if (n) this.now = Math.max(this.now, d.t[n - 1]!);
    if (d.spikeSteps.length) this.now = Math.max(this.now, d.spikeSteps[d.spikeSteps.length - 1]!);
    this.alive = alive;
    this.trim();
  }

  /** Drop what has left the window. */
  private trim(): void {
    const from = this.now - this.window;
    while (this.len > 0 && this.t[this.head]! < from) {
      this.head = (this.head + 1) % this.cap;
      this.len--;
    }
    while (this.sLen > 0 && this.spikeT[this.sHead]! < from) {
      this.sHead = (this.sHead + 1) % this.sCap;
      this.sLen--;
    }
  }

  /** Visit samples oldest first: index into t, x, xhat. */
  forEachSample(f: (at: number) => void): void {
    for (let i = 0; i < this.len; i++) f((this.head + i) % this.cap);
  }
}
