import { describe, expect, it } from 'vitest';
import { createNetwork, validateSpec, SpecError, type NetworkSpec } from '../src/spec.js';

const bad = (mutate: (s: NetworkSpec) => void): NetworkSpec => {
  const s = createNetwork({ seed: 4 });
  mutate(s);
  return s;
};

describe('createNetwork', () => {
  it('builds a valid 2-D, 50-neuron network with decoder columns of norm 0.1', () => {
    const s = createNetwork({ dims: 2, neurons: 50 });
    expect(s.N).toBe(50);
    expect(s.D).toHaveLength(100);
    for (let i = 0; i < 50; i++) expect(Math.hypot(s.D[2 * i]!, s.D[2 * i + 1]!)).toBeCloseTo(0.1, 12);
    expect(s.Os).toHaveLength(50 * 102);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
  it('is deterministic for a seed and differs across seeds', () => {
    expect(createNetwork({ seed: 9 })).toEqual(createNetwork({ seed: 9 }));
    expect(createNetwork({ seed: 9 }).D).not.toEqual(createNetwork({ seed: 10 }).D);
  });
  it('rejects N < 1 naming the field and the range', () => {
    expect(() => createNetwork({ neurons: 0 })).toThrow(/neurons: 0 is not an integer in \[1, 65535\]/);
  });
});

describe('validateSpec rejects nonsense with the field and the accepted range', () => {
  const cases: [string, (s: NetworkSpec) => void, RegExp][] = [
    ['NaN in D', (s) => (s.D[3] = NaN), /^D\[3\]: NaN is not a finite number/],
    ['dt too large for lam', (s) => (s.dt = 0.02), /^dt: 0.02 is not a finite number in \(0, 0.01\]/],
    ['lam*dt too large', (s) => ((s.dt = 0.005), (s.lam = 40)), /^lam: 40 is not a finite number in \(0, 20\)/],
    ['mismatched Os', (s) => s.Os.pop(), /^Os: has 5099 entries; expected 5100/],
    ['mismatched M', (s) => s.dendrites.M.push(1), /^dendrites\.M: has 201 entries; expected 200/],
    ['unknown policy', (s) => ((s as { policy: string }).policy = 'some'), /^policy: "some" is not one of winner, all/],
    ['negative noise', (s) => (s.noise = -1), /^noise: -1 is not a finite number in \[0, 100\]/],
    ['zero decoder column', (s) => ((s.D[0] = 0), (s.D[1] = 0)), /^D\[0\]: decoder column is zero/],
    ['k*dt >= 1', (s) => (s.k = 5000), /^k: 5000 is not a finite number in \[0, 2000\)/],
  ];
  for (const [name, mutate, msg] of cases) {
    it(name, () => {
      const s = bad(mutate);
      expect(() => validateSpec(s)).toThrow(SpecError);
      expect(() => validateSpec(s)).toThrow(msg);
    });
  }
});

describe('values String() cannot print (an object whose toString is not a function)', () => {
  it('are refused with the SpecError naming the field, not a TypeError', () => {
    const s = { ...createNetwork({ neurons: 10, dendrites: 5, seed: 1 }), policy: { toString: 0 } } as unknown as NetworkSpec;
    expect(() => validateSpec(s)).toThrow(SpecError);
    expect(() => validateSpec(s)).toThrow(/policy.*\{"toString":0\}/);
  });
});
