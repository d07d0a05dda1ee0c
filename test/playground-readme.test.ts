// The README's playground speed figures are what bench/lib/playground-report.ts
// makes of the committed bench/results/playground.json, and the markdown
// results file is that JSON's too: no hand-edited figure. Regenerate with
// `scripts/run-ts.sh bench/playground.ts` (or `--render` from the stored JSON).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOAD_BEGIN, LOAD_END, playgroundLoadReadme, type PlaygroundLoad } from '../bench/lib/playground-load-report.js';
import { playgroundMarkdown, playgroundReadme, PLAYGROUND_BEGIN, PLAYGROUND_END, type PlaygroundBench } from '../bench/lib/playground-report.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const results = JSON.parse(readFileSync(new URL('../bench/results/playground.json', import.meta.url), 'utf8')) as PlaygroundBench;

describe('README playground speed figures come from bench/results/playground', () => {
  it('the block between the playground-bench markers equals the one generated from playground.json', () => {
    const a = readme.indexOf(PLAYGROUND_BEGIN), b = readme.indexOf(PLAYGROUND_END);
    expect(a, 'README has the playground-bench:begin marker').toBeGreaterThan(0);
    expect(b, 'README has the end marker after it').toBeGreaterThan(a);
    expect(readme.slice(a + PLAYGROUND_BEGIN.length, b).trim()).toBe(playgroundReadme(results));
  });

  it('bench/results/playground.md is the markdown of playground.json', () => {
    expect(readFileSync(new URL('../bench/results/playground.md', import.meta.url), 'utf8')).toBe(playgroundMarkdown(results));
  });

  it('the results are from interleaved pairs that trained the same bits in the page and the CLI', () => {
    expect(results.pairs.length).toBeGreaterThanOrEqual(3);
    for (const p of results.pairs) expect(p.page.weightsHash).toBe(p.cli.weightsHash);
  });
});

describe('README playground load figures come from bench/results/playground-load', () => {
  it('the block between the playground-load markers equals the one generated from playground-load.json', () => {
    const load = JSON.parse(readFileSync(new URL('../bench/results/playground-load.json', import.meta.url), 'utf8')) as PlaygroundLoad;
    const a = readme.indexOf(LOAD_BEGIN), b = readme.indexOf(LOAD_END);
    expect(a, 'README has the playground-load:begin marker').toBeGreaterThan(0);
    expect(b, 'README has the end marker after it').toBeGreaterThan(a);
    expect(readme.slice(a + LOAD_BEGIN.length, b).trim()).toBe(playgroundLoadReadme(load));
  });
});
