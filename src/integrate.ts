// Classic RK4 for the target system, with the input c held constant over each
// step (the network sees the same c for the whole Euler step).
import type { DynamicalSystem } from './systems/system.js';

/** Scratch arrays of one RK4 step (J each). */
export interface Rk4Work {
  k1: Float64Array;
  k2: Float64Array;
  k3: Float64Array;
  k4: Float64Array;
  tmp: Float64Array;
  /** The step's increment, written by rk4Increment. */
  d: Float64Array;
}

export const rk4Work = (J: number): Rk4Work => ({
  k1: new Float64Array(J), k2: new Float64Array(J), k3: new Float64Array(J), k4: new Float64Array(J),
  tmp: new Float64Array(J), d: new Float64Array(J),
});

/** One classic RK4 step of dy/dt = f(y) from s: writes the increment into w.d (s unchanged). */
export function rk4Increment(f: (y: Float64Array, out: Float64Array) => void, s: Float64Array, dt: number, w: Rk4Work): void {
  const { k1, k2, k3, k4, tmp, d } = w;
  const J = s.length;
  f(s, k1);
  for (let j = 0; j < J; j++) tmp[j] = s[j]! + 0.5 * dt * k1[j]!;
  f(tmp, k2);
  for (let j = 0; j < J; j++) tmp[j] = s[j]! + 0.5 * dt * k2[j]!;
  f(tmp, k3);
  for (let j = 0; j < J; j++) tmp[j] = s[j]! + dt * k3[j]!;
  f(tmp, k4);
  for (let j = 0; j < J; j++) d[j] = (dt / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!);
}

/**
 * Integrate dx/dt = F(x) + c from x0 for `steps` steps of dt; returns
 * steps x J states, row s = x at the start of step s (what phase 1 compares
 * against), plus the state after the last step.
 */
export function simulate(
  sys: DynamicalSystem,
  x0: ArrayLike<number>,
  steps: number,
  dt: number,
  c?: ArrayLike<number>,
): { x: Float64Array; final: Float64Array } {
  const J = sys.dims;
  const x = new Float64Array(steps * J);
  const s = Float64Array.from(x0);
  const w = rk4Work(J);
  for (let n = 0; n < steps; n++) {
    x.set(s, n * J);
    const co = n * J;
    const f = (y: Float64Array, out: Float64Array) => {
      sys.field(y, out);
      if (c) for (let j = 0; j < J; j++) out[j] = out[j]! + c[co + j]!;
    };
    rk4Increment(f, s, dt, w);
    for (let j = 0; j < J; j++) s[j] = s[j]! + w.d[j]!;
  }
  return { x, final: s };
}
