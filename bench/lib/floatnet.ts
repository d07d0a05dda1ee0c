// The network as plain float arrays for the float32 yardsticks (bench/js,
// bench/native/ebn-f32.c), and its binary form for the C one:
//
//   int32  magic "EBF1", N, J, K, B, lowrank, policyAll, linear
//   float  dt, lam, lamV, mu, nu, k, eta
//   float  D (N*J) | M (K*J) | theta (K) | Os (N*B) | W (J*B)       little-endian
import type { NetworkSpec } from '../../src/index.js';

export interface FloatNet {
  N: number; J: number; K: number; B: number;
  lowrank: boolean; policyAll: boolean; linear: boolean;
  dt: number; lam: number; lamV: number; mu: number; nu: number; k: number; eta: number;
  D: ArrayLike<number>; M: ArrayLike<number>; theta: ArrayLike<number>;
  Os: ArrayLike<number>; W: ArrayLike<number>;
}

export function floatNet(spec: NetworkSpec, W: ArrayLike<number>, lowrank: boolean): FloatNet {
  const K = spec.dendrites.K;
  const B = K + (spec.dendrites.linear ? spec.J : 0);
  return {
    N: spec.N, J: spec.J, K, B, lowrank, policyAll: spec.policy === 'all', linear: spec.dendrites.linear,
    dt: spec.dt, lam: spec.lam, lamV: spec.lamV, mu: spec.mu, nu: spec.nu, k: spec.k, eta: spec.eta,
    D: spec.D, M: spec.dendrites.M, theta: spec.dendrites.theta, Os: lowrank ? [] : spec.Os, W: lowrank ? W : [],
  };
}

export function encodeFloatNet(n: FloatNet): Uint8Array {
  const ints = [0x31464245, n.N, n.J, n.K, n.B, +n.lowrank, +n.policyAll, +n.linear];
  const scalars = [n.dt, n.lam, n.lamV, n.mu, n.nu, n.k, n.eta];
  const arrays = [n.D, n.M, n.theta, n.lowrank ? [] : n.Os, n.lowrank ? n.W : []];
  const words = ints.length + scalars.length + arrays.reduce((s, a) => s + a.length, 0);
  const buf = new ArrayBuffer(words * 4);
  const i32 = new Int32Array(buf), f32 = new Float32Array(buf);
  i32.set(ints);
  f32.set(scalars, ints.length);
  let at = ints.length + scalars.length;
  for (const a of arrays) { f32.set(Array.from(a), at); at += a.length; }
  return new Uint8Array(buf);
}
