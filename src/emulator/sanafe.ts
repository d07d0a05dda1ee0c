// SANA-FE export: a profile as SANA-FE's architecture YAML and a mapped
// network as its SNN YAML (formats of SLAM-Lab/SANA-FE arch/*.yaml and
// snn/*.yaml, parsed by src/yaml_arch.cpp and src/yaml_snn.cpp), so the same
// network can be simulated and priced by SANA-FE. Costs are the profile's
// typical values in SI units; a cost the profile does not give is written as
// 0.0 and listed in the file's header comment.
import { Document } from 'yaml';
import { derive } from '../derived.js';
import type { NetworkSpec } from '../spec.js';
import type { Mapping } from './mapping.js';
import { unitBase } from './network.js';
import { qv, qreq, type Profile, type Quantity } from './profile.js';

/** A profile SANA-FE cannot model (a RangeError: bad input, exit code 2 in the CLI). */
export class SanafeError extends RangeError {
  override name = 'SanafeError';
}

function costs(p: Profile): { get: (q: Quantity | undefined, dim: 'energy' | 'time', field: string) => number; missing: string[] } {
  const missing: string[] = [];
  return {
    missing,
    get(q, dim, field) {
      const v = q ? qv(q, dim) : null;
      if (v === null) {
        missing.push(field);
        return 0;
      }
      return v;
    },
  };
}

const comment = (lines: string[]) => lines.map((l) => ` ${l}`).join('\n');

/** SANA-FE architecture YAML of an event-cost profile. */
export function sanafeArchitecture(p: Profile): string {
  if (!p.energy || !p.time) throw new SanafeError(`profile ${p.name} runs the kernel on a processor; SANA-FE models event-driven neuromorphic architectures (export a neuromorphic profile: loihi, truenorth, ...)`);
  const c = costs(p);
  const e = p.energy;
  const t = p.time;
  const w = qreq(p.mesh.width, 'count', 'mesh.width');
  const h = qreq(p.mesh.height, 'count', 'mesh.height');
  const per = qreq(p.mesh.coresPerNode, 'count', 'mesh.coresPerNode');
  const units = qv(p.limits.unitsPerCore, 'count');
  const eInactive = c.get(e.neuronInactive, 'energy', 'energy.neuronInactive');
  const eActive = c.get(e.neuronActive, 'energy', 'energy.neuronActive');
  const hopE = c.get(e.hopEW, 'energy', 'energy.hopEW');
  const hopN = c.get(e.hopNS, 'energy', 'energy.hopNS');
  const hopEt = c.get(t.hopEW, 'time', 'time.hopEW');
  const hopNt = c.get(t.hopNS, 'time', 'time.hopNS');
  const arch = {
    architecture: {
      name: `${p.name}_chip`,
      attributes: { topology: 'mesh', width: w, height: h, link_buffer_size: 16 },
      tile: [
        {
          name: `${p.name}_tile[0..${w * h - 1}]`,
          attributes: {
            energy_north_hop: hopN, latency_north_hop: hopNt, energy_south_hop: hopN, latency_south_hop: hopNt,
            energy_east_hop: hopE, latency_east_hop: hopEt, energy_west_hop: hopE, latency_west_hop: hopEt,
          },
          core: [
            {
              name: `${p.name}_core[0..${per - 1}]`,
              attributes: { buffer_position: 'soma', buffer_inside_unit: false, ...(units !== null ? { max_neurons_supported: units } : {}) },
              axon_in: [{ name: `${p.name}_in`, attributes: { energy_message_in: c.get(e.delivery, 'energy', 'energy.delivery'), latency_message_in: c.get(t.delivery, 'time', 'time.delivery') } }],
              soma: [
                {
                  name: `${p.name}_lif`,
                  attributes: {
                    model: 'leaky_integrate_fire',
                    energy_access_neuron: 0.0, latency_access_neuron: 0.0,
                    // every neuron is updated each step; a spiking one costs the active update
                    energy_update_neuron: eInactive, latency_update_neuron: c.get(t.neuronInactive, 'time', 'time.neuronInactive'),
                    energy_spike_out: Math.max(0, eActive - eInactive), latency_spike_out: 0.0,
                  },
                },
              ],
              dendrite: [{ name: `${p.name}_dendrites`, attributes: { model: 'accumulator', energy_update: 0.0, latency_update: 0.0 } }],
              synapse: [{ name: `${p.name}_synapse`, attributes: { model: 'current_based', energy_process_spike: c.get(e.synapticOp, 'energy', 'energy.synapticOp'), latency_process_spike: c.get(t.synapticOp, 'time', 'time.synapticOp') } }],
              axon_out: [{ name: `${p.name}_out`, attributes: { energy_message_out: 0.0, latency_message_out: 0.0 } }],
            },
          ],
        },
      ],
    },
  };
  const doc = new Document(arch);
  doc.commentBefore = comment([
    `SANA-FE architecture for ${p.title}, exported by ebnkit from profiles/${p.name}.json (typical values, SI units).`,
    `Sources: ${Object.values(p.sources).map((s) => s.citation.split(',')[0]).join('; ')}.`,
    p.costModel?.kind === 'whole-chip-average' ? `Warning: ${p.name}'s figures are whole-chip averages (see the profile); SANA-FE adds per-event costs.` : 'Per-event (marginal) costs.',
    c.missing.length ? `Not given by the profile, written as 0.0: ${[...new Set(c.missing)].join(', ')}.` : 'Every cost is given by the profile.',
  ]);
  return doc.toString({ lineWidth: 0 });
}

/**
 * SANA-FE SNN YAML of a mapped network: group "neurons" (N LIF units, reset by
 * their own fast self-connection, so reset_mode none) and group "basis" (B
 * dendrite and readout units); dense edges with row-major weights (source x
 * destination, as SANA-FE's connect_neurons_dense reads them); each unit
 * mapped to the core ebnkit placed it on ("tile.core").
 */
export function sanafeNetwork(spec: NetworkSpec, p: Profile, map: Mapping): string {
  const per = qreq(p.mesh.coresPerNode, 'count', 'mesh.coresPerNode');
  const { N, J, D, Os } = spec;
  const { Of, T: thr } = derive(spec);
  const { K, M, linear } = spec.dendrites;
  const B = K + (linear ? J : 0);
  const T = (i: number) => thr[i]!;
  const leak = 1 - spec.lamV * spec.dt;
  // input weight of neuron i into basis unit b: (M D^T)[b][i] for dendrites, D[i][b-K] for readouts
  const inW = (b: number, i: number) => {
    if (b >= K) return D[i * J + (b - K)]!;
    let s = 0;
    for (let j = 0; j < J; j++) s += M[b * J + j]! * D[i * J + j]!;
    return s;
  };
  const fast: number[] = [];
  for (let i = 0; i < N; i++) for (let k = 0; k < N; k++) fast.push(-Of[k * N + i]!); // source i -> dest k
  const toBasis: number[] = [];
  for (let i = 0; i < N; i++) for (let b = 0; b < B; b++) toBasis.push(inW(b, i));
  const slow: number[] = [];
  for (let b = 0; b < B; b++) for (let i = 0; i < N; i++) slow.push(Os[i * B + b]! * spec.dt);
  const core = (u: number) => {
    const c = map.unitCore[u]!;
    return `${Math.floor(c / per)}.${c % per}`;
  };
  const net = {
    network: {
      name: `ebnkit_${spec.N}n_${K}k`,
      groups: [
        { name: 'neurons', attributes: { reset_mode: 'none', leak_decay: leak }, neurons: Array.from({ length: N }, (_, i) => ({ [String(i)]: { threshold: T(i) } })) },
        { name: 'basis', attributes: { reset_mode: 'none', leak_decay: 1 - spec.lam * spec.dt }, neurons: [{ [`0..${B - 1}`]: {} }] },
      ],
      edges: [
        { 'neurons -> neurons': { type: 'dense', weight: fast } },
        { 'neurons -> basis': { type: 'dense', weight: toBasis } },
        { 'basis -> neurons': { type: 'dense', weight: slow } },
      ],
    },
    mappings: [
      ...Array.from({ length: N }, (_, i) => ({ [`neurons.${i}`]: { core: core(unitBase(map.shape, 'neuron') + i) } })),
      ...Array.from({ length: B }, (_, b) => ({ [`basis.${b}`]: { core: core(unitBase(map.shape, 'basis') + b) } })),
    ],
  };
  const doc = new Document(net);
  doc.commentBefore = comment([
    `ebnkit network (N=${N}, K=${K}, J=${J}${linear ? ', linear terms' : ''}, dt ${spec.dt} s) mapped on ${p.name} by ebnkit (${map.cores.length} cores).`,
    'neurons: LIF, threshold T_i, leak_decay 1 - lamV dt; the reset is the self weight -Of_ii of the fast edges (reset_mode none).',
    'basis: the K tanh dendrites and J readouts as units; SANA-FE has no tanh soma, so these carry the events, not the graded values.',
    'Slow weights are Os x dt (per step); the input c(t) is not exported.',
  ]);
  return doc.toString({ lineWidth: 0 });
}
