// Classic RK4 for the target system, with the input c held constant over each
// step (the network sees the same c for the whole Euler step).
import type { DynamicalSystem } from './systems/system.js';

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
  const k1 = new Float64Array(J), k2 = new Float64Array(J), k3 = new Float64Array(J), k4 = new Float64Array(J);
  const tmp = new Float64Array(J);
  for (let n = 0; n < steps; n++) {
    x.set(s, n * J);
    const co = n * J;
    const f = (y: Float64Array, out: Float64Array) => {
      sys.field(y, out);
      if (c) for (let j = 0; j < J; j++) out[j] = out[j]! + c[co + j]!;
    };
    f(s, k1);
    for (let j = 0; j < J; j++) tmp[j] = s[j]! + 0.5 * dt * k1[j]!;
    f(tmp, k2);
    for (let j = 0; j < J; j++) tmp[j] = s[j]! + 0.5 * dt * k2[j]!;
    f(tmp, k3);
    for (let j = 0; j < J; j++) tmp[j] = s[j]! + dt * k3[j]!;
    f(tmp, k4);
    for (let j = 0; j < J; j++) s[j] = s[j]! + (dt / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!);
  }
  return { x, final: s };
}
