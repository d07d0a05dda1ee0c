// Model files (.ebn): versioned, checksummed, atomic to save, refused whole
// when damaged, truncated or foreign.
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, modelToJSON, type Model } from '../src/model.js';
import { loadModel, saveModel } from '../src/node/files.js';
import { quantize } from '../src/quantize.js';
import { createNetwork } from '../src/spec.js';

const dir = mkdtempSync(join(tmpdir(), 'ebnkit-files-'));
const spec = createNetwork({ neurons: 10, dendrites: 5, seed: 8 });
const model: Model = { spec, image: quantize(spec).image, meta: { system: 'vanderpol', note: 'x' } };

describe('model files (.ebn)', () => {
  it('round-trip the spec, the image bytes and the metadata exactly', () => {
    const p = join(dir, 'm.ebn');
    saveModel(p, model);
    const m = loadModel(p);
    expect(m.spec).toEqual(spec);
    expect(Buffer.from(m.image).equals(Buffer.from(model.image))).toBe(true);
    expect(m.meta).toEqual(model.meta);
  });
  it('a failed save leaves the previous file intact and no temporary file behind', () => {
    const p = join(dir, 'keep.ebn');
    saveModel(p, model);
    const before = readFileSync(p);
    expect(() => saveModel(p, { ...model, spec: { ...spec, N: -1 } })).toThrow(/N: -1 is not an integer/);
    expect(readFileSync(p).equals(before)).toBe(true);
    const target = join(dir, 'is-a-dir.ebn');
    mkdirSync(target);
    expect(() => saveModel(target, model)).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('refuses a flipped bit, a truncated file, trailing bytes, a foreign file and a future version', () => {
    const bytes = encodeModel(model);
    const flip = bytes.slice();
    flip[200]! ^= 1;
    expect(() => decodeModel(flip)).toThrow(/checksum mismatch: the file is damaged/);
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 100))).toThrow(/truncated: \d+ of \d+ bytes/);
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes);
    expect(() => decodeModel(longer)).toThrow(/4 unexpected bytes/);
    expect(() => decodeModel(new TextEncoder().encode('{"kind":"ebnkit-model"}..........'))).toThrow(/not an ebnkit model: magic/);
    const v3 = bytes.slice();
    new DataView(v3.buffer).setUint32(4, 3, true);
    expect(() => decodeModel(v3)).toThrow(/model version 3 is not supported/);
    const v1 = bytes.slice();
    new DataView(v1.buffer).setUint32(4, 1, true);
    expect(() => decodeModel(v1)).toThrow(/version 1 .* convert it with `ebnkit upgrade/);
    expect(() => decodeModel(new Uint8Array(3))).toThrow(/too short/);
  });
  it('loadModel names the file and the problem', () => {
    const p = join(dir, 'junk.ebn');
    writeFileSync(p, 'hello world, not a model');
    expect(() => loadModel(p)).toThrow(new RegExp(`${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not an ebnkit model`));
    expect(() => loadModel(join(dir, 'missing.ebn'))).toThrow(/cannot read \(ENOENT\)/);
  });
  it('refuses an image that does not belong to the spec', () => {
    const other = createNetwork({ neurons: 11, dendrites: 5, seed: 8 });
    expect(() => encodeModel({ ...model, image: quantize(other).image })).toThrow(/do not match/);
  });
  it('exports a JSON view for inspection', () => {
    const j = modelToJSON(model) as { spec: unknown; image: { header: { N: number }; base64: string } };
    expect(j.spec).toEqual(spec);
    expect(j.image.header.N).toBe(10);
    expect(Buffer.from(j.image.base64, 'base64').equals(Buffer.from(model.image))).toBe(true);
  });
});
