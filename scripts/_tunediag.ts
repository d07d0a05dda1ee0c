// Diagnose a trained network: learned W in J-space, its own ODE, free-run endpoint.
import { createNetwork } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { evaluateLimitCycle, trueCycle, cycleStats } from '../src/evaluate.js';
const args = Object.fromEntries(process.argv.slice(2).map(a => a.split('=')).map(([k, v]) => [k, Number(v)]));
const A = (k: string, d: number) => (args[k] ?? d);
const { trainX, sys } = await import('./_tunecore.js');
const seed = A('seed', 2);
const spec = createNetwork({ dims: 2, neurons: 50, dendrites: A('K', 100), linear: A('lin', 1) === 1, domain: sys.domain, dt: A('dt', 2.5e-4), seed, gain: [A('g0', 1), A('g1', 3)] });
const ex = new KernelExecutor(spec);
const truth = trueCycle(sys, spec.dt);
const res = trainX(ex, sys, seed);
console.log(res.log.join(' '));
const s = ex.toSpec();
const N = 50, J = 2, K = spec.dendrites.K, B = K + (spec.dendrites.linear ? 2 : 0);
// W = (D^T D)^-1 D^T Os  (D: N x J)
let a = 0, b = 0, c = 0; for (let i = 0; i < N; i++) { const d0 = s.D[2 * i], d1 = s.D[2 * i + 1]; a += d0 * d0; b += d0 * d1; c += d1 * d1; }
const det = a * c - b * b;
const W = [new Float64Array(B), new Float64Array(B)];
let offs = 0, tot = 0;
for (let k = 0; k < B; k++) { let r0 = 0, r1 = 0; for (let i = 0; i < N; i++) { r0 += s.D[2 * i] * s.Os[i * B + k]; r1 += s.D[2 * i + 1] * s.Os[i * B + k]; }
  W[0][k] = (c * r0 - b * r1) / det; W[1][k] = (-b * r0 + a * r1) / det;
  for (let i = 0; i < N; i++) { const p = s.D[2 * i] * W[0][k] + s.D[2 * i + 1] * W[1][k]; offs += (s.Os[i * B + k] - p) ** 2; tot += s.Os[i * B + k] ** 2; } }
console.log('off-span fraction', Math.sqrt(offs / tot).toExponential(2));
const phi = (x: number[], out: Float64Array) => { for (let k = 0; k < K; k++) out[k] = Math.tanh(spec.dendrites.theta[k] + spec.dendrites.M[2 * k] * x[0] + spec.dendrites.M[2 * k + 1] * x[1]); if (B > K) { out[K] = x[0]; out[K + 1] = x[1]; } };
const P = new Float64Array(B), F = new Float64Array(2);
const learned = (x: number[]) => { phi(x, P); let f0 = 0, f1 = 0; for (let k = 0; k < B; k++) { f0 += W[0][k] * P[k]; f1 += W[1][k] * P[k]; } return [f0 - spec.lam * x[0], f1 - spec.lam * x[1]]; };
// field error on a grid
let line = '';
for (const x2 of [3, 2, 1, 0, -1, -2, -3]) { line = `x2=${x2}\t`; for (const x1 of [-2.4, -1.6, -0.8, 0, 0.8, 1.6, 2.4]) { const L = learned([x1, x2]); sys.field([x1, x2], F); const e = Math.hypot(L[0] - F[0], L[1] - F[1]) / Math.max(1, Math.hypot(F[0], F[1])); line += e.toFixed(2) + ' '; } console.log(line); }
// ODE of the learned field
let x = [2, 0]; const dt = 1e-4; const traj: number[] = [];
for (let n = 0; n < Math.round(10 / dt); n++) { const f = learned(x); x = [x[0] + dt * f[0], x[1] + dt * f[1]]; if (n % 4 === 0) traj.push(x[0], x[1]); }
const cs = cycleStats(traj, 2, dt * 4, 0, 3); console.log('learned ODE cycle', cs, 'truth', truth, 'end', x.map(v => v.toFixed(2)));
const ev = evaluateLimitCycle(ex, sys, { truth, x0: [2, 0] });
const xs = ev.run.xhat; const n = xs.length / 2;
console.log('free run', ev.amplitudeError.toFixed(3), ev.periodError.toFixed(3), ev.rate.toFixed(2));
for (let q = 0; q < 8; q++) { const st = Math.floor(q * n / 40); console.log('t', (st * spec.dt).toFixed(2), xs[2 * st].toFixed(3), xs[2 * st + 1].toFixed(3)); }
console.log('end', xs[2 * n - 2].toFixed(3), xs[2 * n - 1].toFixed(3));
