// README figures come from the suite: each results block must equal what
// scripts/suite/readme.ts renders from docs/<stem>.json (written by `npm run suite`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentBlock, renderBlock, suiteReports } from '../scripts/suite/readme.js';

describe('README suite figures', () => {
  it('both suite reports exist (winner: docs/suite.json, parallel: docs/suite-parallel.json)', () => {
    expect(suiteReports()).toEqual(['suite', 'suite-parallel']);
  });
  for (const stem of suiteReports()) {
    it(`the README block ${stem} is exactly the render of docs/${stem}.json (no hand-typed figures)`, () => {
      const block = currentBlock(readFileSync('README.md', 'utf8'), stem);
      expect(block).not.toBeNull();
      expect(block).toBe(renderBlock(JSON.parse(readFileSync(`docs/${stem}.json`, 'utf8')), stem));
    });
  }
});
