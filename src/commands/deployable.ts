// When is a trained network useless? `ebnkit train` refuses to save one
// (hardening finding F5: `train --format loihi` used to exit 0 with a
// model at 1,928% error, every neuron firing at the rule's ceiling). The
// bounds are deliberately loose: they catch a network that does not do the
// task at all, not one that does it imperfectly (the metrics say how well).
import type { SpikePolicy } from '../spec.js';

/** Headline errors above this fraction mean the task is not done at all. */
export const USELESS_ERROR = 0.5;
/** A mean rate above this fraction of the rule's ceiling means the network is saturated (spikes carry no information). */
export const USELESS_RATE = 0.5;
/**
 * A mean rate above this, Hz per neuron, is ping-pong, whatever the ceiling: the criteria of
 * issue 10 allow 15 Hz, and the parallel rule's ceiling (one spike per neuron per step, 4 kHz
 * at dt 0.25 ms) is far above anything that codes. (A hard-threshold parallel Van der Pol at
 * 1,127 Hz per neuron had 6% amplitude and 44% period error and passed the other two bounds.)
 */
export const USELESS_HZ = 100;

const ERRORS: [key: string, what: string][] = [
  ['amplitudeError', 'amplitude error'],
  ['periodError', 'period error'],
  ['meanError', 'attractor mean error'],
  ['stdError', 'attractor std error'],
  ['fixedPointError', 'fixed-point error'],
  ['unseenInputError', 'unseen-input error'],
];

/**
 * Highest mean rate per neuron a rule allows, Hz: one spike per step in the
 * whole network under `winner`, one per neuron per step otherwise.
 */
export function rateCeiling(policy: SpikePolicy, N: number, dt: number): number {
  return policy === 'winner' ? 1 / (N * dt) : 1 / dt;
}

/** Why a network with these free-running metrics is useless, or null if it is not. */
export function uselessReason(m: Record<string, number>, net: { policy: SpikePolicy; N: number; dt: number }): string | null {
  const why: string[] = [];
  for (const [k, what] of ERRORS) {
    const v = m[k];
    if (v === undefined) continue;
    if (!Number.isFinite(v) || v > USELESS_ERROR) why.push(`${what} ${Number.isFinite(v) ? `${(100 * v).toFixed(0)}%` : 'not measurable'} > ${100 * USELESS_ERROR}%`);
  }
  if (m.basinAccuracy !== undefined && !(m.basinAccuracy >= 1 - USELESS_ERROR))
    why.push(`only ${(100 * m.basinAccuracy).toFixed(0)}% of starts reach the right fixed point (< ${100 * (1 - USELESS_ERROR)}%)`);
  const ceiling = rateCeiling(net.policy, net.N, net.dt);
  if (m.meanRate !== undefined && !(m.meanRate <= USELESS_RATE * ceiling))
    why.push(`mean rate ${m.meanRate.toFixed(0)} Hz per neuron is above ${100 * USELESS_RATE}% of the ${net.policy} rule's ceiling of ${ceiling.toFixed(0)} Hz`);
  else if (m.meanRate !== undefined && m.meanRate > USELESS_HZ)
    why.push(`mean rate ${m.meanRate.toFixed(0)} Hz per neuron is above ${USELESS_HZ} Hz (the neurons ping-pong instead of coding)`);
  return why.length ? why.join('; ') : null;
}
