// .ci/run calls scripts/run-ts.sh after npm test (the bounded fuzz run). A bundle
// that cannot start (e.g. a CommonJS dependency calling require() inside the ESM
// bundle) fails CI after every test has passed, so run the same command here briefly.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';

describe('scripts/run-ts.sh', () => {
  it('bundles and runs the CI fuzz entry point (which imports the yaml package) for 0.05 s per target', () => {
    const out = execFileSync('scripts/run-ts.sh', ['test/fuzz/fuzz.ts', '--seconds', '0.05', '--seed', '7'], { encoding: 'utf8', timeout: 120_000 });
    expect(out).toMatch(/fuzz: seed 7/);
    for (const t of ['image', 'model', 'profile', 'cli', 'expr']) expect(out).toMatch(new RegExp(`fuzz ${t} +\\d+ inputs`));
  }, 180_000);
});
