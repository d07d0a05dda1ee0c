// The conformance figures quoted in README.md come from the pack's output
// (docs/conformance-figures.json, written by `npm run conformance:pack -- --docs`).
// Snapshot of a script's output: regenerate the JSON, then this test names every
// quote that no longer matches.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { KERNEL_SHA256 } from '../../src/kernel/module.js';
import { conformanceScenarios } from '../../src/tape/conformance.js';

interface Figure { hit: number; total: number; pct: number }
const f = JSON.parse(readFileSync('docs/conformance-figures.json', 'utf8')) as {
  kernelSha256: string; scenarios: number; lines: Figure; branches: Figure; wholeFileLines: Figure; mutants: { kind: string; sites: number; caught: number }[];
};
const readme = readFileSync('README.md', 'utf8');

export function quotes(): Record<string, string> {
  return {
    CONF_SCENARIOS: String(f.scenarios),
    CONF_LINES: `${f.lines.pct}% (${f.lines.hit}/${f.lines.total})`,
    CONF_BRANCHES: `${f.branches.pct}% (${f.branches.hit}/${f.branches.total})`,
    CONF_WHOLE: `${f.wholeFileLines.pct}%`,
    CONF_MUTANTS: f.mutants.map((m) => `${m.caught}/${m.sites} ${m.kind.replace(/^(c|wasm): /, (_, w: string) => (w === 'c' ? 'in the C translation: ' : 'in the module: '))}`).join('; '),
  };
}

it('snapshot: README quotes the conformance figures of the pack (docs/conformance-figures.json)', () => {
  const section = readme.slice(readme.indexOf('## Regression kit'), readme.indexOf('## Speed and size'));
  for (const [key, text] of Object.entries(quotes())) expect(section, key).toContain(text);
});

it('snapshot: the engine walkthrough quotes the same scenario count and line coverage', () => {
  const doc = readFileSync('docs/conformance-engine.md', 'utf8');
  expect(doc).toContain(`${f.scenarios} tapes`);
  expect(doc).toContain(`${f.lines.pct}% (${f.lines.hit}/${f.lines.total}) of the lines`);
});

it('the figures are of this kernel and this scenario list (else: npm run conformance:pack -- --docs)', () => {
  expect(f.kernelSha256).toBe(KERNEL_SHA256);
  expect(f.scenarios).toBe(conformanceScenarios().length);
  expect(f.lines.pct).toBeGreaterThanOrEqual(95);
});
