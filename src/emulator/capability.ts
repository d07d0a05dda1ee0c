// Mappings a chip can compute. A profile declares what its silicon can do
// (graded nonlinear units, graded messages, learning, spike rule and delay,
// arbiter); this file turns that into the form of the network the chip can
// actually run, and labels what the network needs that the chip lacks.
//
// Dendrites as spiking units (chips without graded nonlinear units, e.g.
// Loihi 1, TrueNorth, Xylo): each basis unit becomes a spiking compartment
// driven by its value v_b = phi(M_b . xhat + theta_b) (or a readout xhat_j
// scaled by its largest magnitude in the run) and fires |v_b| times per step
// on average, at most once (a sigma-delta / integrate-and-fire encoder). Its
// binary spikes drive the slow synapses Os event by event. The dendrite's
// graded tanh is then replaced by the compartment's rate, so this form needs
// retraining with that nonlinearity: its accuracy is NOT measured here (the
// kernel computes tanh), only its event counts, which follow from the run.
import { phiFunction } from '../derived.js';
import { SPIKE_POLICIES, type NetworkSpec } from '../spec.js';
import type { DendriteForm, SlowPath } from './network.js';
import type { Profile } from './profile.js';
import type { SpikeRecord } from './traffic.js';

export interface RunnableForm {
  slowPath: SlowPath;
  dendrites: DendriteForm;
  /** True when the requested form was replaced by one the chip can run. */
  changed: boolean;
  /** What was changed and why (null when the requested form runs as is). */
  note: string | null;
}

/** The form of the network this chip can run, given the requested slow path. */
export function runnableForm(p: Profile, requested: SlowPath): RunnableForm {
  if (p.capabilities.gradedUnits.value) return { slowPath: requested, dendrites: 'graded', changed: false, note: null };
  return {
    slowPath: 'dense',
    dendrites: 'spiking',
    changed: true,
    note:
      `${p.name} has no graded nonlinear units: the tanh dendrites and readouts run as spiking compartments (|phi| spikes per step, at most one) whose binary spikes drive the slow synapses` +
      (requested === 'factored' ? '; the factored path needs graded slow-sum units too, so the dense slow path is used' : '') +
      '. Accuracy of this form is not measured (it needs retraining with the compartment nonlinearity); the energy is that of the same run\'s events.',
  };
}

/**
 * Spikes per step the basis units would fire in the spiking form, from the
 * network's own spikes: replay r (leak, +1 per spike), xhat = D r, v = phi(M xhat + theta),
 * and sum |v| (readouts divided by their largest |xhat| in the run).
 */
export function dendriteSpikes(spec: NetworkSpec, rec: SpikeRecord): { perStep: number; total: number } {
  const { N, J, D, dt, lam } = spec;
  const { K, M, theta, linear, phi } = spec.dendrites;
  const f = phiFunction(phi);
  const r = new Float64Array(N);
  const xhat = new Float64Array(J);
  const leak = 1 - lam * dt;
  const order = Array.from({ length: rec.spikeSteps.length }, (_, q) => q).sort((a, b) => rec.spikeSteps[a]! - rec.spikeSteps[b]!);
  let q = 0;
  let sumPhi = 0;
  const readAbs = new Float64Array(rec.steps * J);
  const xmax = new Float64Array(J);
  for (let s = 0; s < rec.steps; s++) {
    for (let j = 0; j < J; j++) {
      let acc = 0;
      for (let i = 0; i < N; i++) acc += D[i * J + j]! * r[i]!;
      xhat[j] = acc;
      readAbs[s * J + j] = Math.abs(acc);
      xmax[j] = Math.max(xmax[j]!, Math.abs(acc));
    }
    for (let k = 0; k < K; k++) {
      let u = theta[k]!;
      for (let j = 0; j < J; j++) u += M[k * J + j]! * xhat[j]!;
      sumPhi += Math.min(1, Math.abs(f(u)));
    }
    for (let i = 0; i < N; i++) r[i] = r[i]! * leak;
    while (q < order.length && rec.spikeSteps[order[q]!] === s) r[rec.spikeNeurons[order[q++]!]!]! += 1;
  }
  let sumRead = 0;
  if (linear) for (let s = 0; s < rec.steps; s++) for (let j = 0; j < J; j++) sumRead += xmax[j]! > 0 ? readAbs[s * J + j]! / xmax[j]! : 0;
  const total = sumPhi + sumRead;
  return { perStep: rec.steps > 0 ? total / rec.steps : 0, total };
}

export interface RuleCheck {
  /** The chip's own spike rule and delay. */
  chipRule: string;
  delay: number;
  /** The rule the priced network runs. */
  networkRule: string;
  /** True when the network needs a one-spike arbiter the chip does not have. */
  needsArbiter: boolean;
  /** True when network and chip fire the same way (rule and delay). */
  matches: boolean;
  /** Label for tables, e.g. "needs a global arbiter loihi lacks". */
  label: string;
}

/** How the network's spike rule compares with the chip's. */
export function ruleCheck(p: Profile, networkRule: string, coresUsed: number): RuleCheck {
  const chipRule = p.capabilities.spikeRule.value;
  const delay = p.capabilities.spikeDelay.value;
  const arbiter = p.capabilities.arbiter.value;
  const base = { chipRule, delay, networkRule };
  if (chipRule === 'any') return { ...base, needsArbiter: false, matches: true, label: `${networkRule} (the processor runs any rule)` };
  if (networkRule === 'winner') {
    if (arbiter === 'global' || (arbiter === 'core' && coresUsed === 1))
      return { ...base, needsArbiter: false, matches: true, label: `winner (${arbiter === 'global' ? 'global' : "the one core's own"} arbiter)` };
    return { ...base, needsArbiter: true, matches: false, label: `needs a global one-spike arbiter ${p.name} lacks (chip fires ${chipRule}, delay ${delay})` };
  }
  if (networkRule === chipRule) return { ...base, needsArbiter: false, matches: true, label: `${chipRule}, delay ${delay} (as the chip)` };
  if (networkRule === 'all' && chipRule === 'parallel')
    return { ...base, needsArbiter: false, matches: false, label: `all in the same step; ${p.name} delivers spikes ${delay} step later` };
  return { ...base, needsArbiter: false, matches: false, label: `${networkRule}; chip fires ${chipRule}` };
}

/**
 * The spec policy that fires as the chip does: the chip's rule when the spec
 * knows it ('parallel' arrives with issue 11), else the nearest ('all', same
 * step) with a note; processors keep the network's own rule.
 */
export function chipPolicy(p: Profile, specPolicy: string): { policy: string; note: string | null } {
  const rule = p.capabilities.spikeRule.value;
  if (rule === 'any') return { policy: specPolicy, note: null };
  if ((SPIKE_POLICIES as readonly string[]).includes(rule)) return { policy: rule, note: null };
  return { policy: 'all', note: `spike rule "${rule}" is not in this build's spec (policies: ${SPIKE_POLICIES.join(', ')}): ran "all" (same step) instead` };
}
