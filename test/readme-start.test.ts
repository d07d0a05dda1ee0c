// README's `npm start` block is what `ebnkit train vanderpol` prints at this
// commit: every line is checked against a fresh run of the same command
// (in-process, same defaults, same seed), except the wall-clock line, which
// depends on the machine, and the file lines, which name where it wrote.
// Regenerate: npm start, then paste its output into README's block.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSystem } from '../src/commands/common.js';
import { formatSummary, runTrain } from '../src/commands/train.js';

const dir = mkdtempSync(join(tmpdir(), 'ebnkit-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const machineLines = /^(wall-clock time|figure|model) /;

describe("README's npm start output", () => {
  it('equals what `ebnkit train vanderpol` prints now (but wall time and file names)', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const m = /```\n(system {14}vanderpol[^]*?)```/.exec(readme);
    expect(m, 'README has no `npm start` output block').not.toBeNull();
    const s = runTrain({ system: await resolveSystem('vanderpol'), out: join(dir, 'vanderpol.ebn'), quiet: true });
    const keep = (t: string) => t.trim().split('\n').filter((l) => !machineLines.test(l));
    expect(keep(m![1]!)).toEqual(keep(formatSummary(s)));
  }, 120_000);
});
