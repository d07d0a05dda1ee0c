// README figures come from the suite: the results block must equal what
// scripts/suite/readme.ts renders from docs/suite.json (written by `npm run suite`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentBlock, renderBlock } from '../scripts/suite/readme.js';

describe('README suite figures', () => {
  it('the README results block is exactly the render of docs/suite.json (no hand-typed figures)', () => {
    const block = currentBlock(readFileSync('README.md', 'utf8'));
    expect(block).not.toBeNull();
    expect(block).toBe(renderBlock(JSON.parse(readFileSync('docs/suite.json', 'utf8'))));
  });
});
