// E/I balance: for each neuron, the correlation over time bins between its
// excitatory and its inhibitory input currents (DESIGN.md section 6). Inputs
// are split by sign: fast synapses (a spike of j adds -Of[j][i] to V_i),
// slow synapses (Os_ib Phi_b dt per step) and the external input D_i.c dt.
// Computed on the host from the run's spikes and readout, in float64.
import { derive, phiFunction } from '../derived.js';
import type { NetworkSpec } from '../spec.js';

export function eiBalance(
  spec: NetworkSpec,
  run: { xhat: Float64Array; spikeSteps: ArrayLike<number>; spikeNeurons: ArrayLike<number>; start: number; c?: ArrayLike<number> },
  o: { bin?: number; alive?: ArrayLike<number> } = {},
): { perNeuron: Float64Array; mean: number } {
  const { N, J, dt } = spec;
  const K = spec.dendrites.K;
  const d = derive(spec);
  const B = d.B;
  const phi = phiFunction(spec.dendrites.phi);
  const steps = run.xhat.length / J;
  const binSteps = Math.max(1, Math.round((o.bin ?? 0.01) / dt));
  const bins = Math.floor(steps / binSteps);
  const E = new Float64Array(N * bins);
  const I = new Float64Array(N * bins);
  const Phi = new Float64Array(B);
  const stride = Math.max(1, Math.floor(binSteps / 4)); // sample the slow input 4x per bin
  for (let s = 0; s < bins * binSteps; s += stride) {
    const b = Math.floor(s / binSteps);
    for (let k = 0; k < K; k++) {
      let u = spec.dendrites.theta[k]!;
      for (let j = 0; j < J; j++) u += spec.dendrites.M[k * J + j]! * run.xhat[s * J + j]!;
      Phi[k] = phi(u);
    }
    for (let j = 0; j < J; j++) Phi[K + j] = run.xhat[s * J + j]!;
    for (let i = 0; i < N; i++) {
      let e = 0;
      let inh = 0;
      for (let q = 0; q < B; q++) {
        const v = spec.Os[i * B + q]! * Phi[q]!;
        if (v > 0) e += v;
        else inh -= v;
      }
      if (run.c) {
        for (let j = 0; j < J; j++) {
          const v = spec.D[i * J + j]! * run.c[s * J + j]!;
          if (v > 0) e += v;
          else inh -= v;
        }
      }
      E[i * bins + b] = E[i * bins + b]! + e * dt * stride;
      I[i * bins + b] = I[i * bins + b]! + inh * dt * stride;
    }
  }
  for (let q = 0; q < run.spikeSteps.length; q++) {
    const s = run.spikeSteps[q]! - run.start;
    if (s < 0 || s >= bins * binSteps) continue;
    const b = Math.floor(s / binSteps);
    const j = run.spikeNeurons[q]!;
    for (let i = 0; i < N; i++) {
      if (i === j) continue; // the diagonal is the reset, not a synapse
      const w = -d.Of[j * N + i]!;
      if (w > 0) E[i * bins + b] = E[i * bins + b]! + w;
      else I[i * bins + b] = I[i * bins + b]! - w;
    }
  }
  const perNeuron = new Float64Array(N).fill(NaN);
  const vals: number[] = [];
  for (let i = 0; i < N; i++) {
    if (o.alive && !o.alive[i]) continue;
    const r = corr(E.subarray(i * bins, (i + 1) * bins), I.subarray(i * bins, (i + 1) * bins));
    perNeuron[i] = r;
    if (Number.isFinite(r)) vals.push(r);
  }
  return { perNeuron, mean: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : NaN };
}

function corr(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return sab / Math.sqrt(saa * sbb);
}
