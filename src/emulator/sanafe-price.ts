// The same event counts priced with SANA-FE's Loihi costs, next to ebnkit's.
// SANA-FE (Boyle et al., IEEE TCAD 44(8), 2025) models Loihi with per-event
// costs in its architecture file arch/loihi.yaml; the figures below are that
// file's at SLAM-Lab/SANA-FE commit 8951ab0 (its header attributes them to
// Davies et al. 2018; the paper fits and validates them against measured
// Loihi runs). SANA-FE charges every neuron an access and an update each
// step, a spiking neuron a spike-out, each spike message leaving a core a
// message-out, each synapse a process-spike, and each hop its direction.
import type { Ledger } from './ledger.js';
import type { Traffic } from './traffic.js';

/** SANA-FE arch/loihi.yaml (commit 8951ab0), joules per event. */
export const SANAFE_LOIHI = {
  accessNeuron: 51.2e-12,
  updateNeuron: 21.6e-12,
  spikeOut: 69.3e-12,
  messageOut: 111.0e-12,
  denseSynapse: 35.5e-12,
  hopEastWest: 3.0e-12,
  hopNorthSouth: 4.2e-12,
  messageIn: 0,
} as const;

export const SANAFE_SOURCE = 'SANA-FE arch/loihi.yaml, SLAM-Lab/SANA-FE commit 8951ab0 (Boyle et al., IEEE TCAD 44(8):3165-3178, 2025)';

export interface SanafeComparison {
  /** SANA-FE's Loihi price of the same events, joules per simulated second. */
  sanafe: number;
  /** ebnkit's typical dynamic price of the same events (static and host words excluded: SANA-FE prices neither), W. */
  ebnkit: number;
  /** sanafe / ebnkit. */
  ratio: number;
  lines: { item: string; count: number; joules: number }[];
}

/**
 * Price an emulation's event counts with SANA-FE's Loihi costs. Units updated
 * per step are neurons plus basis units; a spike message leaves a core once
 * per destination core (ebnkit's deliveries).
 */
export function sanafeLoihiPrice(traffic: Traffic, ledger: Ledger): SanafeComparison {
  const t = traffic.totals;
  const S = SANAFE_LOIHI;
  const updates = t.neuronActive + t.neuronInactive + t.unitUpdates;
  const synapses = t.fastOps + t.dendriticOps + t.slowOps + ledger.lines.filter((l) => l.category === 'io' && l.field === 'energy.synapticOp').reduce((a, l) => a + l.count, 0);
  const lines = [
    { item: 'neuron and basis-unit access + update (every unit, every step)', count: updates, joules: updates * (S.accessNeuron + S.updateNeuron) },
    { item: 'spike out (spiking neurons)', count: t.neuronActive, joules: t.neuronActive * S.spikeOut },
    { item: 'messages out (one per destination core)', count: traffic.deliveries, joules: traffic.deliveries * S.messageOut },
    { item: 'dense synaptic events', count: synapses, joules: synapses * S.denseSynapse },
    { item: 'hops east-west', count: traffic.hops.ew, joules: traffic.hops.ew * S.hopEastWest },
    { item: 'hops north-south', count: traffic.hops.ns, joules: traffic.hops.ns * S.hopNorthSouth },
  ];
  const T = ledger.simulatedSeconds;
  const sanafe = lines.reduce((a, l) => a + l.joules, 0) / T;
  const dyn = ledger.lines.filter((l) => l.category !== 'static' && l.field !== 'energy.hostIO').reduce((a, l) => a + l.joules, 0) / T;
  return { sanafe, ebnkit: dyn, ratio: dyn > 0 ? sanafe / dyn : NaN, lines };
}
