// Float surrogate of training in W-space (no spikes; OU readout noise), then the learned ODE's cycle.
import { createNetwork } from '../src/spec.js';
import { trueCycle, cycleStats, median } from '../src/evaluate.js';
import { simulate } from '../src/integrate.js';
import { Random } from '../src/random.js';
import { smoothNoise } from '../src/signals.js';
import { sys } from './_tunecore.js';
const args = Object.fromEntries(process.argv.slice(2).map(a => a.split('=')).map(([k, v]) => [k, Number(v)]));
const A = (k: string, d: number) => (args[k] ?? d);
const seeds = String(process.argv.find(a => a.startsWith('seeds='))?.slice(6) ?? '12345').split('').map(Number);
const dt = A('dt', 2.5e-4);
const truth = trueCycle(sys, dt);
const out: number[][] = [];
for (const seed of seeds) {
  const spec = createNetwork({ dims: 2, neurons: 50, dendrites: A('K', 100), linear: A('lin', 1) === 1, domain: sys.domain, dt, seed, gain: [A('g0', 1), A('g1', 3)] });
  const K = spec.dendrites.K, B = K + (spec.dendrites.linear ? 2 : 0), M = spec.dendrites.M, th = spec.dendrites.theta, lam = spec.lam;
  const W0 = new Float64Array(B), W1 = new Float64Array(B), P = new Float64Array(B);
  const phi = (x0: number, x1: number) => { for (let k = 0; k < K; k++) P[k] = Math.tanh(th[k] + M[2 * k] * x0 + M[2 * k + 1] * x1); if (B > K) { P[K] = x0; P[K + 1] = x1; } };
  const T = A('T', 200), trial = A('trial', 2), k0 = A('k', 30), eta0 = A('eta', 15), ak = A('ak', 0.5), ae = A('ae', 0.1), sched = A('sched', 0), s0 = A('s0', 2 / 3), s1 = A('s1', 1), sn = A('sn', 0.03);
  const rnd = new Random(seed + A("ts", 0) * 7919), nr = new Random(seed + 1000);
  const trials = Math.round(T / trial), steps = Math.round(trial / dt), settle = Math.round(A('settle', 0.05) / dt);
  let xh0 = 0, xh1 = 0, n0 = 0, n1 = 0; const an = Math.exp(-lam * dt), bn = sn * Math.sqrt(1 - an * an);
  for (let n = 0; n < trials; n++) {
    const f = n / trials; let k = k0, eta = eta0;
    if (sched === 0) { if (f >= s0) { k *= ak; eta *= ae; } } else { const u = Math.min(1, Math.max(0, (f - s0) / (s1 - s0))); k *= ak ** u; eta *= ae ** u; }
    const x0 = sys.starts.map(([lo, hi]) => rnd.range(lo, hi));
    const c = smoothNoise(rnd, steps, 2, dt, sys.inputTau, sys.inputStd);
    const { x } = simulate(sys, x0, steps, dt, c);
    for (let s = 0; s < steps; s++) {
      n0 = an * n0 + bn * nr.normal(); n1 = an * n1 + bn * nr.normal();
      const y0 = xh0 + n0, y1 = xh1 + n1;
      phi(y0, y1);
      let f0 = 0, f1 = 0; for (let b = 0; b < B; b++) { f0 += W0[b] * P[b]; f1 += W1[b] * P[b]; }
      const e0 = x[2 * s] - y0, e1 = x[2 * s + 1] - y1;
      xh0 += dt * (-lam * xh0 + f0 + c[2 * s] + k * e0); xh1 += dt * (-lam * xh1 + f1 + c[2 * s + 1] + k * e1);
      if (s >= settle) { const g0 = eta * dt * e0, g1 = eta * dt * e1; for (let b = 0; b < B; b++) { W0[b] += g0 * P[b]; W1[b] += g1 * P[b]; } }
    }
  }
  // field error along the true cycle
    { /* burn in to the cycle */ }
  let se = 0, sf = 0; const Ft = new Float64Array(2);
  const cx = simulate(sys, [2, 0], Math.round((5 * truth.period) / dt), dt).x;
  const nst = cx.length / 2;
  for (let s = nst - Math.round(truth.period / dt); s < nst; s += 4) { const p0 = cx[2 * s], p1 = cx[2 * s + 1]; phi(p0, p1); let f0 = 0, f1 = 0; for (let b = 0; b < B; b++) { f0 += W0[b] * P[b]; f1 += W1[b] * P[b]; } sys.field([p0, p1], Ft); se += (f0 - lam * p0 - Ft[0]) ** 2 + (f1 - lam * p1 - Ft[1]) ** 2; sf += Ft[0] ** 2 + Ft[1] ** 2; }
  const cyc_err = Math.sqrt(se / sf);
  let a0 = 2, a1 = 0; const traj: number[] = []; const h = 2.5e-4;
  for (let s = 0; s < Math.round(10 / h); s++) { phi(a0, a1); let f0 = 0, f1 = 0; for (let b = 0; b < B; b++) { f0 += W0[b] * P[b]; f1 += W1[b] * P[b]; } a0 += h * (f0 - lam * a0); a1 += h * (f1 - lam * a1); traj.push(a0, a1); }
  const cs = cycleStats(traj, 2, h, 0, 3);
  const ae_ = Math.abs(cs.amplitude - truth.amplitude) / truth.amplitude, pe = Math.abs(cs.period - truth.period) / truth.period;
  out.push([seed, isNaN(ae_) ? 1 : ae_, isNaN(pe) ? 1 : pe, cyc_err]);
  console.log(seed, cyc_err.toFixed(3), (isNaN(ae_) ? 1 : ae_).toFixed(3), (isNaN(pe) ? 1 : pe).toFixed(3), 'end', a0.toFixed(2), a1.toFixed(2));
}
console.log('median cyc', median(out.map(r => r[3])).toFixed(3), 'max', Math.max(...out.map(r => r[3])).toFixed(3), '|', median(out.map(r => r[1])).toFixed(3), median(out.map(r => r[2])).toFixed(3), 'nOK', out.filter(r => r[1] < 0.05 && r[2] < 0.05).length);
