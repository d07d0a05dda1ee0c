// The README's speed and size block is what bench/lib/readme.ts makes of the
// committed bench/results/bench.json (and mcu.json): no hand-edited figure.
// Regenerate with `npm run bench`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README_BEGIN, README_END, speedReadme } from '../bench/lib/readme.js';
import type { Results } from '../bench/lib/report.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const results = JSON.parse(readFileSync(new URL('../bench/results/bench.json', import.meta.url), 'utf8')) as Results;

describe('README speed and size figures come from bench/results', () => {
  it('the block between the bench markers equals the one generated from bench/results/bench.json', () => {
    const a = readme.indexOf(README_BEGIN), b = readme.indexOf(README_END);
    expect(a, 'README has the bench:begin marker').toBeGreaterThan(0);
    expect(b, 'README has the bench:end marker after it').toBeGreaterThan(a);
    expect(readme.slice(a + README_BEGIN.length, b).trim()).toBe(speedReadme(results));
  });

  it('the results are from a full run, not --quick', () => {
    expect(results.meta.quick).toBe(false);
  });

  it('every comparison row the README names was measured (no "-" cell)', () => {
    const block = speedReadme(results);
    expect(block).not.toMatch(/\| - \|/);
  });
});
