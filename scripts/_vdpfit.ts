import { createNetwork } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { evaluateLimitCycle, trueCycle } from '../src/evaluate.js';
import { simulate } from '../src/integrate.js';
import { smoothNoise } from '../src/signals.js';
import { Random } from '../src/random.js';
const args = Object.fromEntries(process.argv.slice(2).map(a => a.split('=')).map(([k, v]) => [k, Number(v)]));
const sys = vanDerPol();
const K = args.K ?? 100;
const spec = createNetwork({ dims: 2, neurons: 50, dendrites: K, domain: sys.domain, dt: args.dt ?? 5e-4, seed: args.seed ?? 1, gain: [args.g0 ?? 1, args.g1 ?? 3] });
const rnd = new Random(5);
const B = K + 2; const J = 2;
const G = new Float64Array(B * B); const R = new Float64Array(B * J);
let nS = 0;
const lam = spec.lam;
const phi = new Float64Array(B); const F = new Float64Array(2);
for (let t = 0; t < 50; t++) {
  const x0 = sys.starts.map(([lo, hi]) => rnd.range(lo, hi));
  const c = smoothNoise(rnd, 4000, 2, 5e-4, sys.inputTau, sys.inputStd);
  const { x } = simulate(sys, x0, 4000, 5e-4, c);
  for (let s = 0; s < 4000; s += 10) {
    const xs = x.subarray(s * 2, s * 2 + 2);
    for (let k = 0; k < K; k++) phi[k] = Math.tanh(spec.dendrites.theta[k] + spec.dendrites.M[2 * k] * xs[0] + spec.dendrites.M[2 * k + 1] * xs[1]);
    phi[K] = xs[0]; phi[K + 1] = xs[1];
    sys.field(xs, F); F[0] += lam * xs[0]; F[1] += lam * xs[1];
    for (let a = 0; a < B; a++) { for (let b = 0; b < B; b++) G[a * B + b] += phi[a] * phi[b]; for (let j = 0; j < J; j++) R[a * J + j] += phi[a] * F[j]; }
    nS++;
  }
}
const ridge = args.ridge ?? 1e-3;
for (let a = 0; a < B; a++) G[a * B + a] += ridge * nS;
// solve G W^T = R by Gaussian elimination
const A = Array.from({ length: B }, (_, i) => [...Array.from(G.subarray(i * B, i * B + B)), R[i * J], R[i * J + 1]]);
for (let i = 0; i < B; i++) { let p = i; for (let r = i + 1; r < B; r++) if (Math.abs(A[r][i]) > Math.abs(A[p][i])) p = r; [A[i], A[p]] = [A[p], A[i]];
  for (let r = 0; r < B; r++) if (r !== i) { const f = A[r][i] / A[i][i]; for (let c = i; c < B + 2; c++) A[r][c] -= f * A[i][c]; } }
const W = Array.from({ length: B }, (_, i) => [A[i][B] / A[i][i], A[i][B + 1] / A[i][i]]);
// fit error
let se = 0, sf = 0;
// evaluate on samples again
const rnd2 = new Random(9);
for (let n = 0; n < 3000; n++) { const xs = sys.domain.map(([lo, hi]) => rnd2.range(lo * 0.8, hi * 0.8));
  for (let k = 0; k < K; k++) phi[k] = Math.tanh(spec.dendrites.theta[k] + spec.dendrites.M[2 * k] * xs[0] + spec.dendrites.M[2 * k + 1] * xs[1]);
  phi[K] = xs[0]; phi[K + 1] = xs[1]; sys.field(xs, F); F[0] += lam * xs[0]; F[1] += lam * xs[1];
  for (let j = 0; j < 2; j++) { let y = 0; for (let b = 0; b < B; b++) y += W[b][j] * phi[b]; se += (y - F[j]) ** 2; sf += F[j] ** 2; } }
console.log('fit rel err', Math.sqrt(se / sf).toFixed(4), 'max |W|', Math.max(...W.flat().map(Math.abs)).toFixed(2));
const Os: number[] = [];
for (let i = 0; i < 50; i++) for (let b = 0; b < B; b++) Os.push(spec.D[i * 2] * W[b][0] + spec.D[i * 2 + 1] * W[b][1]);
spec.Os = Os;
const truth = trueCycle(sys, spec.dt);
for (const ex of [new ReferenceExecutor(spec), new KernelExecutor(spec)]) {
  const { run, ...r } = evaluateLimitCycle(ex, sys, { truth, x0: [2, 0] }); console.log(ex.kind, r);
}
