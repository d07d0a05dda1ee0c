// The default unseen commands for linear and driven systems that do not bring
// their own: per dimension, piecewise-constant steps (random levels, held
// 0.2-0.6 characteristic times) plus a chirp sweeping up from 1/T, neither of
// which training ever used (it explores with smooth noise). Amplitude: the
// exploration's input std, reduced until the true system stays inside the
// domain box from the given start (an unseen command that drives the target
// outside the region the network was trained on tests nothing but the box).
import { simulate } from '../integrate.js';
import type { Random } from '../random.js';
import type { DynamicalSystem } from '../systems/system.js';

export function stepsAndChirp(rnd: Random, steps: number, dt: number, J: number, amp: number, T: number): Float64Array {
  const c = new Float64Array(steps * J);
  for (let j = 0; j < J; j++) {
    let level = 0;
    let until = 0;
    const f0 = rnd.range(0.3, 1) / T;
    for (let s = 0; s < steps; s++) {
      if (s >= until) {
        level = rnd.range(-amp, amp);
        until = s + Math.round((rnd.range(0.2, 0.6) * T) / dt);
      }
      const t = s * dt;
      c[s * J + j] = 0.6 * level + 0.5 * amp * Math.sin(2 * Math.PI * (f0 + (0.5 * t) / (T * T)) * t + j);
    }
  }
  return c;
}

/** Unseen commands for a normalised system from x0 that keep the true state inside the box. */
export function unseenCommands(sys: DynamicalSystem, rnd: Random, x0: number[], steps: number, dt: number): Float64Array {
  const base = sys.command ? sys.command(rnd, steps, dt) : stepsAndChirp(rnd, steps, dt, sys.dims, 2 * sys.inputStd, sys.timeScale);
  const J = sys.dims;
  for (let gain = 1; gain > 0.01; gain *= 0.7) {
    const c = base.map((v) => v * gain);
    const { x } = simulate(sys, x0, steps, dt, c);
    if (x.every((v, i) => v >= sys.domain[i % J]![0] && v <= sys.domain[i % J]![1])) return c;
  }
  return base.map(() => 0);
}
