// Benchmark networks: Van der Pol at any N and K, with the slow weights at
// their ideal value instead of trained ones. Training every size would take
// far longer than the benchmark; W* = argmin |f(x) - W Phi(x)|^2 over the
// domain, f = F + lam x (DESIGN.md section 2), is what the learning rule
// converges to, and Os = D W* lies in the span of D as learned weights do.
// So every size runs a limit cycle with realistic spike rates, the dense and
// low-rank images hold the same network, and the float versions get the same
// numbers.
import type { NetworkSpec, SpikePolicy } from '../../src/index.js';
import { lib } from './dist.js';

export interface BenchNetwork {
  spec: NetworkSpec;
  /** J x B ideal slow weights; spec.Os = D W. */
  W: Float64Array;
}

/** Solve the symmetric positive definite system G w = r in place (Cholesky); G is n x n. */
function cholSolve(G: Float64Array, rhs: Float64Array[], n: number): void {
  for (let j = 0; j < n; j++) {
    let d = G[j * n + j]!;
    for (let k = 0; k < j; k++) d -= G[j * n + k]! ** 2;
    const l = Math.sqrt(Math.max(d, 1e-300));
    G[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = G[i * n + j]!;
      for (let k = 0; k < j; k++) s -= G[i * n + k]! * G[j * n + k]!;
      G[i * n + j] = s / l;
    }
  }
  for (const r of rhs) {
    for (let i = 0; i < n; i++) {
      let s = r[i]!;
      for (let k = 0; k < i; k++) s -= G[i * n + k]! * r[k]!;
      r[i] = s / G[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = r[i]!;
      for (let k = i + 1; k < n; k++) s -= G[k * n + i]! * r[k]!;
      r[i] = s / G[i * n + i]!;
    }
  }
}

/** Least-squares W (J x B) of f(x) = F(x) + lam x on the network's basis, over the system's domain. */
export function idealSlowWeights(spec: NetworkSpec, sys = lib.vanDerPol(), samples = 0): Float64Array {
  const { J, lam } = spec;
  const { K, M, theta, linear } = spec.dendrites;
  const B = lib.basisSize(spec);
  const S = samples || Math.max(3000, 4 * B);
  const rnd = new lib.Random(7);
  const G = new Float64Array(B * B);
  const rhs = Array.from({ length: J }, () => new Float64Array(B));
  const x = new Float64Array(J), F = new Float64Array(J), p = new Float64Array(B);
  for (let s = 0; s < S; s++) {
    for (let j = 0; j < J; j++) x[j] = rnd.range(sys.domain[j]![0], sys.domain[j]![1]);
    sys.field(x, F);
    for (let k = 0; k < K; k++) {
      let u = theta[k]!;
      for (let j = 0; j < J; j++) u += M[k * J + j]! * x[j]!;
      p[k] = Math.tanh(u);
    }
    if (linear) for (let j = 0; j < J; j++) p[K + j] = x[j]!;
    for (let a = 0; a < B; a++) {
      const pa = p[a]!;
      for (let b = 0; b <= a; b++) G[a * B + b] = G[a * B + b]! + pa * p[b]!;
      for (let j = 0; j < J; j++) rhs[j]![a] = rhs[j]![a]! + pa * (F[j]! + lam * x[j]!);
    }
  }
  let trace = 0;
  for (let a = 0; a < B; a++) trace += G[a * B + a]!;
  for (let a = 0; a < B; a++) {
    G[a * B + a] = G[a * B + a]! + 1e-6 * (trace / B); // ridge: K tanh edges can be nearly collinear
    for (let b = a + 1; b < B; b++) G[a * B + b] = G[b * B + a]!;
  }
  cholSolve(G, rhs, B);
  const W = new Float64Array(J * B);
  for (let j = 0; j < J; j++) W.set(rhs[j]!, j * B);
  return W;
}

/** Van der Pol network of N neurons and K dendrites with ideal slow weights. */
export function vdpNetwork(N: number, K: number, policy: SpikePolicy = 'winner', seed = 1): BenchNetwork {
  const sys = lib.vanDerPol();
  // policy 'all' needs a larger mu to calm the ping-pong (DESIGN.md section 2; as in the golden scenarios)
  const spec = lib.networkFor(sys, { neurons: N, dendrites: K, seed, policy, ...(policy === 'all' ? { muRel: 0.1 } : {}) });
  const W = idealSlowWeights(spec, sys);
  const B = lib.basisSize(spec);
  const Os = new Array<number>(N * B);
  for (let i = 0; i < N; i++)
    for (let b = 0; b < B; b++) {
      let s = 0;
      for (let j = 0; j < spec.J; j++) s += spec.D[i * spec.J + j]! * W[j * B + b]!;
      Os[i * B + b] = s;
    }
  spec.Os = Os;
  return { spec, W };
}

/** Target trajectory on the limit cycle (steps x J), for settling and for learning runs. */
export function cycleTargets(spec: NetworkSpec, steps: number): Float64Array {
  return lib.simulate(lib.vanDerPol(), [2, 0], steps, spec.dt).x;
}
