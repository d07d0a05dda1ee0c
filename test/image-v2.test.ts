// Image format v2 (issue 14, F2/F3/F11): the checksum covers every header word
// but its own, unknown flag bits are refused, the spec must agree with the
// image, and version 1 files are refused with a pointer to `ebnkit upgrade`,
// which converts them exactly. Every check runs in the host reader AND in the
// kernel's own open(): a raw image in flash is protected too.
import { describe, expect, it } from 'vitest';
import { fnvWords } from '../src/checksum.js';
import { H, HEADER_WORDS, KNOWN_FLAGS, toRate } from '../src/formats.js';
import { ImageError, readImage, sealWords } from '../src/image.js';
import { checkSpecAgainstImage } from '../src/image-spec.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { instantiate, kernelModuleSync } from '../src/kernel/module.js';
import { ModelError, decodeModel, encodeModel, modelChecksum } from '../src/model.js';
import { quantize } from '../src/quantize.js';
import { createNetwork } from '../src/spec.js';
import { upgradeModel } from '../src/upgrade.js';
import { toVersion1 } from './v1-files.js';

const E_CHECKSUM = -4;
const E_FLAGS = -9;
const spec = createNetwork({ neurons: 12, dendrites: 6, seed: 4 });
const { image } = quantize(spec);

function kernelOpen(bytes: Uint8Array): number {
  const k = instantiate(kernelModuleSync());
  const at = k.reserve(bytes.byteLength);
  new Uint8Array(k.memory.buffer, at, bytes.byteLength).set(bytes);
  return k.open(16, 16 + spec.N);
}

/** A copy of the image with header word `w` changed, resealed (checksum valid). */
function withWord(w: number, value: number): Uint8Array {
  const out = image.slice();
  const words = new Int32Array(out.buffer);
  words[w] = value | 0;
  sealWords(words);
  return out;
}

describe('image v2: the checksum covers the whole header', () => {
  it('every single-bit flip of every header word but the checksum is refused by the host and the kernel (736 of 736)', () => {
    let host = 0, kernel = 0, total = 0;
    const k = instantiate(kernelModuleSync());
    const at = k.reserve(image.byteLength);
    for (let w = 0; w < HEADER_WORDS; w++) {
      if (w === H.CHECKSUM) continue;
      for (let b = 0; b < 32; b++) {
        const bad = image.slice();
        bad[w * 4 + (b >> 3)]! ^= 1 << (b & 7);
        total++;
        try { readImage(bad); } catch (e) { if (e instanceof ImageError) host++; }
        new Uint8Array(k.memory.buffer, at, bad.byteLength).set(bad);
        if (k.open(16, 16 + spec.N) !== 0) kernel++;
      }
    }
    expect(total).toBe(736);
    expect(host).toBe(total);
    expect(kernel).toBe(total);
  });
  it('a flip in a reserved header word (21-23, used by later flags) is caught: the checksum covers words added later', () => {
    const bad = image.slice();
    bad[22 * 4]! ^= 1;
    expect(() => readImage(bad)).toThrow(/checksum/);
    expect(kernelOpen(bad)).toBe(E_CHECKSUM);
  });
  it('the host checksum equals the kernel seal() over the same bytes', () => {
    const ex = KernelExecutor.fromImage(image, spec);
    expect(Buffer.from(ex.image()).equals(Buffer.from(image))).toBe(true);
  });
});

describe('image v2: unknown flag bits are refused', () => {
  it(`every bit outside KNOWN_FLAGS (0x${KNOWN_FLAGS.toString(16)}) is refused even with a valid checksum: host ImageError, kernel E_FLAGS`, () => {
    const flags = new Int32Array(image.buffer, image.byteOffset)[H.FLAGS]!;
    for (let b = 0; b < 32; b++) {
      if ((KNOWN_FLAGS >>> b) & 1) continue;
      const bad = withWord(H.FLAGS, flags | (1 << b));
      expect(() => readImage(bad)).toThrow(/unknown flag bits/);
      expect(kernelOpen(bad)).toBe(E_FLAGS);
    }
  });
});

describe('image v2: the spec must agree with the image it is loaded with', () => {
  const cases: [string, number, number][] = [
    ['policy flag', H.FLAGS, 1],
    ['dt', H.DT, toRate(spec.dt * 2)],
    ['vmax', H.VMAX, 1 << 24],
    ['vshift', H.VSHIFT, 3],
    ['leak of V', H.LEAKV, toRate(0.5)],
  ];
  for (const [what, w, v] of cases) {
    it(`an image whose ${what} disagrees with the spec (both checksums valid) is refused by fromImage and decodeModel`, () => {
      const bad = withWord(w, w === H.FLAGS ? (new Int32Array(image.buffer)[H.FLAGS]! ^ v) : v);
      expect(() => readImage(bad)).not.toThrow();
      expect(() => checkSpecAgainstImage(spec, bad)).toThrow(/disagree/);
      expect(() => KernelExecutor.fromImage(bad, spec)).toThrow(/disagree/);
      // a model file holding it, with a valid model checksum
      const good = encodeModel({ spec, image, meta: {} });
      const file = good.slice();
      file.set(bad, file.byteLength - bad.byteLength);
      new DataView(file.buffer).setUint32(12, modelChecksum(new Uint32Array(file.buffer)), true);
      expect(() => decodeModel(file)).toThrow(ModelError);
      expect(() => decodeModel(file)).toThrow(/disagree/);
      expect(() => encodeModel({ spec, image: bad, meta: {} })).toThrow(/cannot save/);
    });
  }
  it('the runtime tunables (k*dt, eta*dt, noise) may differ: executors set them at run time', () => {
    expect(() => checkSpecAgainstImage(spec, withWord(H.NOISE, 12345))).not.toThrow();
    expect(() => checkSpecAgainstImage(spec, withWord(H.LR, 0))).not.toThrow();
  });
  it('a fixed array (D) that disagrees is refused; the learned weights are taken from the image', () => {
    const L = readImage(image).layout;
    const bad = image.slice();
    const w = new Int32Array(bad.buffer);
    w[L.D] = w[L.D]! + 1;
    sealWords(w);
    expect(() => KernelExecutor.fromImage(bad, spec)).toThrow(/D entries differ/);
    const learned = image.slice();
    const lw = new Int32Array(learned.buffer);
    lw[L.Os] = 1 << 22; // 0.25
    sealWords(lw);
    const m = decodeModel(encodeModel({ spec, image: learned, meta: {} }));
    expect(m.spec.Os[0]).toBe(0.25);
  });
});

describe('version 1 files', () => {
  const v2 = encodeModel({ spec, image, meta: { system: 'vanderpol' } });
  it('a version 1 model is refused by decodeModel with a pointer to `ebnkit upgrade`', () => {
    expect(() => decodeModel(toVersion1(v2, image.byteLength))).toThrow(/version 1 .*ebnkit upgrade/);
  });
  it('upgradeModel converts a version 1 model to exactly the bytes version 2 writes', () => {
    const { bytes, from } = upgradeModel(toVersion1(v2, image.byteLength));
    expect(from).toBe(1);
    expect(Buffer.from(bytes).equals(Buffer.from(v2))).toBe(true);
    expect(upgradeModel(v2).from).toBe(2);
  });
  it('a version 1 model with a header word damaged where v1 did not look (dt) is refused by upgrade, not sealed in', () => {
    const v1 = toVersion1(v2, image.byteLength);
    const imgAt = v1.byteLength - image.byteLength;
    const img = new Int32Array(v1.buffer, imgAt, image.byteLength / 4);
    img[H.DT] = img[H.DT]! ^ 4; // v1's image checksum does not cover it: still "valid" in v1
    expect(fnvWords(img, HEADER_WORDS)).toBe(img[H.CHECKSUM]! >>> 0);
    new DataView(v1.buffer).setUint32(12, fnvWords(new Uint32Array(v1.buffer), 6), true); // as a v1 writer would have sealed it
    expect(() => upgradeModel(v1)).toThrow(/cannot be upgraded: .*disagree/);
  });
  it('a damaged version 1 model (data bit flipped) is refused by upgrade', () => {
    const v1 = toVersion1(v2, image.byteLength);
    v1[v1.byteLength - 8]! ^= 1;
    expect(() => upgradeModel(v1)).toThrow(/checksum mismatch/);
  });
});
