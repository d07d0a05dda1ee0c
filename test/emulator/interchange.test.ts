// NIR and SANA-FE exports are read back and checked against the network's
// own numbers; SANA-FE's Loihi costs reprice the same events by hand.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { runExportNir, runExportSanafe } from '../../src/commands/export-chip.js';
import { getProfile } from '../../src/emulator/builtin-profiles.js';
import { emulate } from '../../src/emulator/emulate.js';
import { nirGraph, NIR_EXTENSIONS } from '../../src/emulator/nir.js';
import { readNir, writeNir } from '../../src/emulator/nir-hdf5.js';
import { SANAFE_LOIHI, sanafeLoihiPrice } from '../../src/emulator/sanafe-price.js';
import { derive } from '../../src/derived.js';
import { saveModel } from '../../src/node/files.js';
import { quantize } from '../../src/quantize.js';
import { createNetwork } from '../../src/spec.js';
import { meshProfile, SPIKES, threeNeurons } from './helpers.js';

const spec = createNetwork({ dims: 2, neurons: 6, dendrites: 3, linear: true, dt: 5e-4, seed: 11 });
const dir = mkdtempSync(join(tmpdir(), 'ebnkit-interchange-'));
const model = join(dir, 'net.ebn');
saveModel(model, { spec, image: quantize(spec).image, meta: { system: 'linear' } });
const { N, J } = spec;
const K = spec.dendrites.K;
const B = K + J;
const { Of, T } = derive(spec);

describe('NIR export (HDF5, read back)', () => {
  it('writes the linear part as NIR nodes whose numbers are the network\'s own (exact), the rest in metadata', async () => {
    const s = await runExportNir({ model });
    expect(s.file).toBe(join(dir, 'net.nir'));
    expect([...readFileSync(s.file).subarray(0, 8)]).toEqual([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]); // HDF5 signature
    const { version, graph } = await readNir(s.file);
    expect(version).toBe('1.0.7');
    const type = Object.fromEntries(Object.entries(graph.nodes).map(([k, n]) => [k, n.type]));
    expect(type).toEqual({ fast: 'Linear', input: 'Input', input_weights: 'Linear', neurons: 'LIF', output: 'Output', readout: 'Linear', slow_linear: 'Linear', trace: 'LI' });
    expect(graph.edges).toEqual([
      ['input', 'input_weights'], ['input_weights', 'neurons'], ['neurons', 'fast'], ['fast', 'neurons'], ['neurons', 'trace'],
      ['trace', 'readout'], ['readout', 'output'], ['readout', 'slow_linear'], ['slow_linear', 'neurons'],
    ]);
    const a = (node: string, field: string) => graph.nodes[node]![field] as { shape: number[]; data: Float64Array };
    expect(a('input_weights', 'weight').shape).toEqual([N, J]);
    expect(a('fast', 'weight').shape).toEqual([N, N]);
    expect(a('readout', 'weight').shape).toEqual([J, N]);
    expect(a('slow_linear', 'weight').shape).toEqual([N, J]);
    for (let i = 0; i < N; i++) {
      expect(a('neurons', 'v_threshold').data[i]).toBe(T[i]);
      expect(a('neurons', 'v_reset').data[i]).toBe(T[i]! - Of[i * N + i]!);
      expect(a('neurons', 'tau').data[i]).toBe(1 / spec.lamV);
      expect(a('trace', 'tau').data[i]).toBe(1 / spec.lam);
      for (let k = 0; k < N; k++) expect(a('fast', 'weight').data[i * N + k]).toBe(i === k ? 0 : -Of[i * N + k]!);
      for (let j = 0; j < J; j++) {
        expect(a('input_weights', 'weight').data[i * J + j]).toBe(spec.D[i * J + j]);
        expect(a('readout', 'weight').data[j * N + i]).toBe(spec.D[i * J + j]);
        expect(a('slow_linear', 'weight').data[i * J + j]).toBe(spec.Os[i * B + K + j]);
      }
    }
    const m = graph.metadata;
    expect(m.ebnkit_spike_rule).toBe('winner');
    expect(m.ebnkit_dt).toBe(spec.dt);
    expect(m.ebnkit_number_format).toMatch(/^q24: /);
    expect((m.ebnkit_dendrite_M as { shape: number[] }).shape).toEqual([K, J]);
    expect(Array.from((m.ebnkit_dendrite_Os as { data: Float64Array }).data)).toEqual(Array.from({ length: N * K }, (_, x) => spec.Os[Math.floor(x / K) * B + (x % K)]));
    for (const [k, v] of Object.entries(NIR_EXTENSIONS)) expect(m[`extension_${k}`]).toBe(v);
  });

  it('a failed save leaves the previous file as it was', async () => {
    const file = join(dir, 'keep.nir');
    await writeNir(file, nirGraph(spec));
    const before = readFileSync(file);
    const bad = nirGraph(spec);
    (bad.nodes.neurons as Record<string, unknown>).tau = { shape: [2, 2], data: new Float64Array(3) }; // shape does not match the data
    await expect(writeNir(file, bad)).rejects.toThrow();
    expect(readFileSync(file).equals(before)).toBe(true);
    writeFileSync(join(dir, 'junk.nir'), 'not hdf5');
    await expect(readNir(join(dir, 'junk.nir'))).rejects.toThrow(/not an HDF5 file/);
  });
});

describe('SANA-FE export (YAML, read back)', () => {
  it('writes the Loihi architecture with the profile\'s costs and the mapped network with its weights', () => {
    const s = runExportSanafe({ model, profile: 'loihi', outDir: dir });
    const arch = parse(readFileSync(s.arch, 'utf8')).architecture;
    expect(arch.attributes).toMatchObject({ topology: 'mesh', width: 8, height: 4 });
    const tile = arch.tile[0];
    expect(tile.name).toBe('loihi_tile[0..31]');
    expect([tile.attributes.energy_east_hop, tile.attributes.energy_north_hop, tile.attributes.latency_north_hop]).toEqual([3e-12, 4e-12, 6.5e-9]);
    const core = tile.core[0];
    expect(core.name).toBe('loihi_core[0..3]');
    expect(core.attributes.max_neurons_supported).toBe(1024);
    expect(core.synapse[0].attributes.energy_process_spike).toBe(23.6e-12);
    expect(core.soma[0].attributes.energy_update_neuron).toBe(52e-12);
    expect(core.soma[0].attributes.energy_spike_out).toBeCloseTo(29e-12, 24);
    expect(readFileSync(s.arch, 'utf8')).toMatch(/^# SANA-FE architecture for Intel Loihi/);

    const doc = parseAllDocuments(readFileSync(s.net, 'utf8'))[0]!.toJS();
    const [neurons, basis] = doc.network.groups;
    expect(neurons.neurons).toHaveLength(N);
    expect(neurons.neurons[2]).toEqual({ 2: { threshold: T[2] } });
    expect(basis.neurons).toEqual([{ [`0..${B - 1}`]: {} }]);
    const w = (k: string) => doc.network.edges.find((e: Record<string, unknown>) => k in e)[k];
    expect(w('neurons -> neurons').weight).toHaveLength(N * N);
    expect(w('neurons -> neurons').weight[1 * N + 4]).toBe(-Of[4 * N + 1]!); // source 1 -> dest 4
    expect(w('neurons -> basis').weight[0 * B + (K + 1)]).toBe(spec.D[0 * J + 1]); // neuron 0 -> readout 1
    expect(w('basis -> neurons').weight[(K + 0) * N + 3]).toBe(spec.Os[3 * B + K]! * spec.dt);
    expect(doc.mappings).toHaveLength(N + B);
    expect(doc.mappings[0]).toEqual({ 'neurons.0': { core: '0.0' } });
    expect(s.form).toBe('dense slow path, spiking dendrites');
  });

  it('refuses a processor profile with the reason', () => {
    expect(() => runExportSanafe({ model, profile: 'cortex-m4', outDir: dir })).toThrow(/cortex-m4 runs the kernel on a processor; SANA-FE models event-driven neuromorphic architectures/);
  });
});

describe("the same events priced with SANA-FE's Loihi costs", () => {
  it('reprices every count by hand (SANA-FE arch/loihi.yaml) and reports the ratio to the ebnkit price', () => {
    const e = emulate(threeNeurons(), meshProfile(), SPIKES);
    const c = sanafeLoihiPrice(e.traffic!, e.ledger);
    const S = SANAFE_LOIHI;
    // 12 neuron updates + 4 basis updates; 4 spikes; 28 deliveries; 12 fast + 4 dendritic + 12 slow + 12 input synapses; 8 E-W and 16 N-S hops
    const want = 16 * (S.accessNeuron + S.updateNeuron) + 4 * S.spikeOut + 28 * S.messageOut + 40 * S.denseSynapse + 8 * S.hopEastWest + 16 * S.hopNorthSouth;
    expect(c.sanafe * 4e-3).toBeCloseTo(want, 20);
    // ebnkit: the ledger test's 316 pJ less 8 pJ static power and 4 pJ host words
    expect(c.ebnkit * 4e-3).toBeCloseTo(304e-12, 20);
    expect(c.ratio).toBeCloseTo(want / 304e-12, 9);
  });

  it('on the real Loihi profile the ratio is SANA-FE / Davies typical, above 1', () => {
    const e = emulate(threeNeurons(), getProfile('loihi'), SPIKES);
    expect(sanafeLoihiPrice(e.traffic!, e.ledger).ratio).toBeGreaterThan(1);
  });
});
