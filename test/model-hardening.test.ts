// Issue 14, findings F10, F11, F13 at the library level: each test failed
// before its fix (a TypeError on null metadata, header length words outside
// the checksum, silent seed and weight coercion, ImageError from decodeModel).
import { describe, expect, it } from 'vitest';
import { checkKernelSize } from '../src/commands/limits.js';
import { H } from '../src/formats.js';
import { sealWords } from '../src/image.js';
import { MODEL_HEAD, ModelError, decodeModel, encodeModel, modelChecksum } from '../src/model.js';
import { quantize } from '../src/quantize.js';
import { createNetwork, validateSpec } from '../src/spec.js';

const spec = createNetwork({ neurons: 8, dendrites: 4, seed: 2 });
const { image } = quantize(spec);
const pad4 = (n: number) => (n + 3) & ~3;

/** A v2 model file from raw section texts (valid checksum), to reach the decoder's later checks. */
function rawModel(specText: string, metaText: string, img: Uint8Array): Uint8Array {
  const enc = new TextEncoder();
  const s = enc.encode(specText), m = enc.encode(metaText);
  const total = MODEL_HEAD + pad4(s.length) + pad4(m.length) + pad4(img.length);
  const out = new Uint8Array(total);
  out.set(s, MODEL_HEAD);
  out.set(m, MODEL_HEAD + pad4(s.length));
  out.set(img, MODEL_HEAD + pad4(s.length) + pad4(m.length));
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x4d4e4245, true); dv.setUint32(4, 2, true); dv.setUint32(8, total, true);
  dv.setUint32(16, s.length, true); dv.setUint32(20, m.length, true);
  dv.setUint32(12, modelChecksum(new Uint32Array(out.buffer)), true);
  return out;
}

describe('F10: metadata must be a JSON object', () => {
  for (const meta of ['null', '[]', '"text"', '7']) {
    it(`meta ${meta} is a ModelError, not a TypeError later`, () => {
      expect(() => decodeModel(rawModel(JSON.stringify(spec), meta, image))).toThrow(ModelError);
      expect(() => decodeModel(rawModel(JSON.stringify(spec), meta, image))).toThrow(/metadata must be a JSON object/);
    });
  }
  it('a null spec section is a ModelError', () => {
    expect(() => decodeModel(rawModel('null', '{}', image))).toThrow(/invalid network/);
  });
});

describe('F11: the model header is checksummed and the image ends the file', () => {
  const good = encodeModel({ spec, image, meta: {} });
  it('every single-bit flip in header words 0-2, 4 and 5 is refused (160 of 160)', () => {
    let refused = 0;
    for (const w of [0, 1, 2, 4, 5]) for (let b = 0; b < 32; b++) {
      const bad = good.slice();
      bad[w * 4 + (b >> 3)]! ^= 1 << (b & 7);
      try { decodeModel(bad); } catch (e) { if (e instanceof ModelError) refused++; }
    }
    expect(refused).toBe(160);
  });
  it('a changed spec length (checksum recomputed by a forger aside) reads as damage, not as a misleading overrun', () => {
    const bad = good.slice();
    new DataView(bad.buffer).setUint32(16, 999999, true);
    expect(() => decodeModel(bad)).toThrow(/checksum mismatch/);
  });
  it('bytes after the image inside the image section are refused', () => {
    const longer = new Uint8Array(image.length + 8);
    longer.set(image);
    expect(() => decodeModel(rawModel(JSON.stringify(spec), '{}', longer))).toThrow(/image section is \d+ bytes; its image header says \d+/);
  });
});

describe('F13: seeds, weights and error types', () => {
  for (const seed of [-5, Number.NaN, 2 ** 40, 1.5]) {
    it(`createNetwork refuses seed ${seed} instead of mapping it`, () => {
      expect(() => createNetwork({ seed })).toThrow(/seed: .* is not an integer in \[0, 4294967295\]/);
    });
  }
  it('a weight of 1e300 is refused (it would be clipped into another network)', () => {
    const s = structuredClone(spec);
    s.Os[3] = 1e300;
    expect(() => validateSpec(s)).toThrow(/Os\[3\]: 1e\+300 is outside \[-128, 128\)/);
    expect(() => quantize(s)).toThrow(/outside/);
    s.Os[3] = -128; // the most negative Q7.24 word: representable, accepted
    expect(() => validateSpec(s)).not.toThrow();
    s.Os[3] = 128;
    expect(() => validateSpec(s)).toThrow(/outside/);
  });
  it('decodeModel reports a bad image inside a model as a ModelError', () => {
    const img = image.slice();
    const w = new Int32Array(img.buffer);
    w[H.MAGIC] = 0x12345678;
    sealWords(w);
    expect(() => decodeModel(rawModel(JSON.stringify(spec), '{}', img))).toThrow(ModelError);
    expect(() => decodeModel(rawModel(JSON.stringify(spec), '{}', img))).toThrow(/model image: bad magic/);
  });
});

describe('F12: kernel size limits', () => {
  const big = createNetwork({ neurons: 24000, dendrites: 100, seed: 1 });
  it('dense N = 24,000 is over the 2 GiB image limit; low-rank is not', () => {
    expect(() => checkKernelSize(big, 'dense')).toThrow(/image would be 2\.\d\d GiB, over the kernel's 2 GiB image limit/);
    expect(() => checkKernelSize(big, 'lowrank', 64 * 2 ** 30)).not.toThrow();
  });
  it('a size that fits the ABI but not the machine names the memory it needs', () => {
    const mid = createNetwork({ neurons: 5000, dendrites: 100, seed: 1 });
    expect(() => checkKernelSize(mid, 'dense', 2 ** 28)).toThrow(/needs about 0\.\d\d GiB of memory; this machine has 0\.25 GiB/);
  });
});
