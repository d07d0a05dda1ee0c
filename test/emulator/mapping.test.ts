// Placement under the profile's limits, and refusals that name the limit,
// the excess and the smallest change that fits.
import { describe, expect, it } from 'vitest';
import { getProfile } from '../../src/emulator/builtin-profiles.js';
import { factorSlowWeights } from '../../src/emulator/factor.js';
import { FitError, mapNetwork, rowBits } from '../../src/emulator/mapping.js';
import { createNetwork } from '../../src/spec.js';
import { meshProfile } from './helpers.js';

const net = (N: number, K: number, dims = 2) => createNetwork({ dims, neurons: N, dendrites: K, seed: 1 });

function refusal(f: () => unknown): FitError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FitError);
    return e as FitError;
  }
  throw new Error('the network was mapped; expected a refusal');
}

describe('placement', () => {
  it('puts a 50-neuron network on one Loihi core, with utilisation per limit', () => {
    const m = mapNetwork(net(50, 100), getProfile('loihi'));
    expect(m.cores).toHaveLength(1);
    const c = m.cores[0]!;
    expect(c.units).toEqual({ neuron: 50, basis: 102, slowsum: 0 });
    expect(c.fanIn).toBe(152);
    // nengo-loihi row format: per input axon, blocks of 64 synapses x 8 bits + 10 bits, rounded up to 64 bits
    const neuronRows = 50 * (2 * Math.ceil((64 * 8 + 10) / 64) * 64 + Math.ceil((24 * 8 + 10) / 64) * 64);
    const basisRows = 102 * Math.ceil((50 * 8 + 10) / 64) * 64;
    expect(c.memoryBits).toBe(neuronRows + basisRows);
    expect(rowBits(getProfile('loihi'), 1, 152, 8)).toBe(1408);
    expect(c.utilisation.units).toBeCloseTo(152 / 1024, 12);
    expect(c.utilisation.memory).toBeCloseTo(c.memoryBits / 1048576, 12);
  });

  it('spreads units over the mesh when capped per core', () => {
    const m = mapNetwork(net(50, 100), getProfile('loihi'), { maxUnitsPerCore: 16 });
    expect(m.cores).toHaveLength(Math.ceil(152 / 16));
    expect(m.cores.map((c) => [c.x, c.y]).slice(0, 5)).toEqual([[0, 0], [0, 0], [0, 0], [0, 0], [1, 0]]);
    expect(m.nodesUsed).toBe(3);
    // every neuron's spike goes to every core (all hold neurons or basis units)
    expect(m.unitDest[0]).toHaveLength(10);
  });

  it('adds J slow-sum units on the factored path', () => {
    const m = mapNetwork(net(50, 100), getProfile('loihi'), { slowPath: 'factored' });
    expect(m.cores[0]!.units).toEqual({ neuron: 50, basis: 102, slowsum: 2 });
    expect(m.cores[0]!.fanIn).toBe(50 + 2 + 102); // neurons take neurons + sums; sums take basis
  });
});

describe('a network too large for a profile is refused, not silently mapped', () => {
  it('names TrueNorth fan-in, by how much, and the smallest change', () => {
    const e = refusal(() => mapNetwork(net(200, 100), getProfile('truenorth')));
    expect([e.limit, e.need, e.have]).toEqual(['fanIn', 302, 256]);
    expect(e.suggestions.map((s) => [s.field, s.to])).toEqual([['N', 154], ['K', 54]]);
    expect(e.message).toBe(
      'does not fit truenorth: fanIn — one neuron unit (inputs from 200 neuron + 102 basis) needs 302 input axons, the limit is 256: over by 46 input axons (18%); smallest change that fits: N = 154 neurons (-46) (or K = 54 dendrites (-46))',
    );
    // and the suggestion really fits
    expect(() => mapNetwork(net(154, 100), getProfile('truenorth'))).not.toThrow();
    expect(() => mapNetwork(net(200, 54), getProfile('truenorth'))).not.toThrow();
  });

  it('names TrueNorth unit fan-out when the network needs two cores', () => {
    // 160 neurons + 102 basis units + 2 slow sums exceed 256 units: the network spills onto a second core
    const e = refusal(() => mapNetwork(net(160, 100), getProfile('truenorth'), { slowPath: 'factored' }));
    expect(e.limit).toBe('unitFanOut');
    expect(e.message).toMatch(/one neuron unit \(its targets sit on 2 cores\) needs 2 destination cores, the limit is 1/);
  });

  it('names the core count, and suggests the slow path that fits', () => {
    const p = meshProfile(); // 4 cores, one unit each
    const e = refusal(() => mapNetwork(createNetwork({ dims: 1, neurons: 3, dendrites: 2, linear: false, dt: 1e-3 }), p));
    expect([e.limit, e.need, e.have]).toEqual(['cores', 5, 4]);
    expect(e.suggestions[0]).toMatchObject({ field: 'N', to: 2 });
    expect(e.suggestions.map((s) => s.field)).toContain('K');
    expect(e.message).toMatch(/cores — placing 5 units \(3 neurons, 2 basis units\) needs 5 cores, the limit is 4: over by 1 cores \(25%\)/);
  });

  it('names Loihi fan-in for a network with 4,000 neurons; the change that fits also respects memory and cores', () => {
    const e = refusal(() => mapNetwork(net(4000, 100), getProfile('loihi')));
    expect([e.limit, e.need, e.have]).toEqual(['fanIn', 4102, 4096]);
    // fan-in alone would allow 3,994 neurons, but all-to-all rows then need more than 128 cores of 128 KiB
    expect(e.suggestions[0]).toMatchObject({ field: 'N', to: 3738 });
    expect(mapNetwork(net(3738, 100), getProfile('loihi')).cores.length).toBeLessThanOrEqual(128);
    expect(refusal(() => mapNetwork(net(3739, 100), getProfile('loihi'))).limit).toBe('cores');
  });
});

describe('factored slow weights', () => {
  it('recovers W when Os = D W exactly, and measures what it drops otherwise', () => {
    const s = net(20, 5);
    const B = 7;
    const W = Array.from({ length: 2 * B }, (_, i) => Math.sin(i + 1));
    s.Os = Array.from({ length: 20 * B }, (_, k) => {
      const i = Math.floor(k / B);
      const b = k % B;
      return s.D[i * 2]! * W[b]! + s.D[i * 2 + 1]! * W[B + b]!;
    });
    const f = factorSlowWeights(s);
    expect(f.residual).toBeLessThan(1e-12);
    for (let k = 0; k < W.length; k++) expect(f.W[k]).toBeCloseTo(W[k]!, 9);
    s.Os[3] = s.Os[3]! + 1;
    expect(factorSlowWeights(s).residual).toBeGreaterThan(0.01);
  });
});
