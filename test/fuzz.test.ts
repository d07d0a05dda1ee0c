// Fuzzing in the test suite (issue 14, deliverable 4): every corpus entry
// (seeds and saved findings) replays through its target, and a short
// fixed-seed fast-check run per target finds nothing. The long, clock-seeded
// run is test/fuzz/fuzz.ts in .ci/run.
import { describe, expect, it } from 'vitest';
import { corpusFiles } from './fuzz/inputs.js';
import { fuzz } from './fuzz/run.js';
import { TARGETS, fuzzCli, fuzzExpr, fuzzImage, fuzzModel, fuzzProfile, type TargetName } from './fuzz/targets.js';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const replay: Record<TargetName, (b: Uint8Array) => unknown> = {
  image: fuzzImage,
  model: fuzzModel,
  profile: (b) => fuzzProfile(text(b)),
  cli: (b) => text(b).split('\n').filter(Boolean).forEach((l) => fuzzCli(JSON.parse(l) as string[])),
  expr: (b) => text(b).split('\n').filter(Boolean).forEach((l) => [1, 2, 3].forEach((dims) => fuzzExpr({ src: l, dims }))),
};

describe('fuzz targets: corpus replay and a short fixed-seed run', () => {
  for (const t of TARGETS) {
    it(`${t}: every corpus entry gives a verdict (no unexpected exception, oracle holds)`, () => {
      const files = corpusFiles(t);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(() => replay[t](f.bytes), f.name).not.toThrow();
    });
    it(`${t}: 300 mutated inputs (seed 14) find nothing, and both verdicts occur`, () => {
      const r = fuzz(t, { seed: 14, runs: 300 });
      expect(r.failure).toBeUndefined();
      expect(r.runs).toBe(300);
      expect(r.refused).toBeGreaterThan(0);
      expect(r.accepted).toBeGreaterThan(0);
    });
  }
  it('the seed corpus is accepted as it is (the mutations start from valid inputs)', () => {
    for (const f of corpusFiles('image').filter((x) => x.name.startsWith('seed-'))) expect(fuzzImage(f.bytes)).toBe('accepted');
    for (const f of corpusFiles('model').filter((x) => x.name.startsWith('seed-'))) expect(fuzzModel(f.bytes)).toBe('accepted');
    for (const f of corpusFiles('profile').filter((x) => x.name.startsWith('seed-'))) expect(fuzzProfile(text(f.bytes))).toBe('accepted');
  });
});
