// Spike statistics (DESIGN.md section 6): rates, ISI coefficient of
// variation, spikes per second per state dimension.
import { median } from '../evaluate.js';

export interface SpikeStats {
  /** Per neuron, Hz (NaN for dead neurons). */
  rates: Float64Array;
  meanRate: number;
  medianRate: number;
  spikesPerSecond: number;
  spikesPerSecondPerDim: number;
  /** Per neuron ISI CV (NaN with fewer than 3 spikes). */
  cv: Float64Array;
  medianCV: number;
}

export function spikeStats(
  steps: ArrayLike<number>,
  neurons: ArrayLike<number>,
  o: { N: number; J: number; dt: number; duration: number; alive?: ArrayLike<number> },
): SpikeStats {
  const { N, dt, duration } = o;
  const count = new Float64Array(N);
  const last = new Float64Array(N).fill(-1);
  const sum = new Float64Array(N);
  const sum2 = new Float64Array(N);
  const nIsi = new Float64Array(N);
  for (let q = 0; q < steps.length; q++) {
    const i = neurons[q]!;
    const t = steps[q]! * dt;
    count[i]!++;
    if (last[i]! >= 0) {
      const isi = t - last[i]!;
      sum[i]! += isi;
      sum2[i]! += isi * isi;
      nIsi[i]!++;
    }
    last[i] = t;
  }
  const rates = new Float64Array(N);
  const cv = new Float64Array(N);
  let alive = 0;
  for (let i = 0; i < N; i++) {
    const isAlive = o.alive ? o.alive[i]! !== 0 : true;
    rates[i] = isAlive ? count[i]! / duration : NaN;
    if (isAlive) alive++;
    if (nIsi[i]! >= 2) {
      const m = sum[i]! / nIsi[i]!;
      const v = Math.max(0, sum2[i]! / nIsi[i]! - m * m);
      cv[i] = Math.sqrt(v) / m;
    } else cv[i] = NaN;
  }
  const sps = steps.length / duration;
  const finite = (a: Float64Array) => Array.from(a).filter(Number.isFinite);
  const cvs = finite(cv);
  return {
    rates,
    meanRate: sps / Math.max(1, alive),
    medianRate: median(finite(rates)),
    spikesPerSecond: sps,
    spikesPerSecondPerDim: sps / o.J,
    cv,
    medianCV: cvs.length ? median(cvs) : NaN,
  };
}
