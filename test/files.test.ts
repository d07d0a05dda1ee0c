// Saved models: atomic writes (a failed save keeps the old file), validated
// loads (a bad file is refused whole, with what was wrong).
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, saveModel } from '../src/node/files.js';
import { createNetwork } from '../src/spec.js';

const dir = mkdtempSync(join(tmpdir(), 'ebnkit-files-'));
const spec = createNetwork({ neurons: 10, dendrites: 5, seed: 8 });

describe('saveModel / loadModel', () => {
  it('round-trips a spec exactly', () => {
    const p = join(dir, 'm.json');
    saveModel(p, spec, { note: 'x' });
    const m = loadModel(p);
    expect(m.spec).toEqual(spec);
    expect(m.meta).toEqual({ note: 'x' });
  });
  it('a failed save leaves the previous file intact and no temporary file behind', () => {
    const p = join(dir, 'keep.json');
    saveModel(p, spec);
    const before = readFileSync(p, 'utf8');
    const broken = { ...spec, N: -1 };
    expect(() => saveModel(p, broken)).toThrow(/N: -1 is not an integer/);
    expect(readFileSync(p, 'utf8')).toBe(before);
    const target = join(dir, 'is-a-dir');
    mkdirSync(target);
    expect(() => saveModel(target, spec)).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('refuses damaged, truncated and foreign files with the reason', () => {
    const p = join(dir, 'm.json');
    const text = readFileSync(p, 'utf8');
    writeFileSync(join(dir, 'trunc.json'), text.slice(0, text.length / 2));
    expect(() => loadModel(join(dir, 'trunc.json'))).toThrow(/not a readable ebnkit model/);
    writeFileSync(join(dir, 'foreign.json'), '{"hello": 1}');
    expect(() => loadModel(join(dir, 'foreign.json'))).toThrow(/not an ebnkit model .*expected "ebnkit-model"/);
    const bad = JSON.parse(text);
    bad.spec.Os[3] = 'x';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    expect(() => loadModel(join(dir, 'bad.json'))).toThrow(/invalid network: Os\[3\]: x is not a finite number/);
    expect(existsSync(join(dir, 'missing.json'))).toBe(false);
    expect(() => loadModel(join(dir, 'missing.json'))).toThrow(/not a readable ebnkit model/);
  });
});
