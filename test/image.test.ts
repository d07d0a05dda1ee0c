// The image: quantize() builds it with a report; damaged, truncated or
// foreign bytes are refused by the host reader and by the kernel itself.
import { describe, expect, it } from 'vitest';
import { H, HEADER_BYTES, LOAD_ERRORS, fromQ } from '../src/formats.js';
import { ImageError, readImage } from '../src/image.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { instantiate, kernelModuleSync } from '../src/kernel/module.js';
import { quantize } from '../src/quantize.js';
import { createNetwork } from '../src/spec.js';

const spec = createNetwork({ neurons: 20, dendrites: 10, seed: 2 });
spec.Os = spec.Os.map((_, i) => Math.sin(i) * 0.3);

describe('quantize(spec, format)', () => {
  it('q24: every weight within half an LSB (2^-25), nothing clipped', () => {
    const { report } = quantize(spec, 'q24');
    expect(report.clipped).toBe(0);
    expect(report.maxAbsError).toBeLessThanOrEqual(2 ** -25 + 1e-15);
    expect(report.entries.map((e) => e.name)).toEqual(['D', 'T', 'Of', 'M', 'theta', 'Os', 'LUT']);
  });
  it('loihi preset: 8-bit mantissas with a shared exponent, error <= half a mantissa LSB', () => {
    const { image, report } = quantize(spec, 'loihi');
    const os = report.entries.find((e) => e.name === 'Os')!;
    expect(os.bits).toBe(8);
    expect(os.maxAbsError).toBeLessThanOrEqual(2 ** os.lsbExp / 2 + 2 ** -25);
    expect(os.maxRelError).toBeGreaterThan(1e-4); // 8 bits really cost precision
    const { words, layout } = readImage(image);
    // every stored Os is an integer multiple of the shared LSB
    for (let i = 0; i < spec.Os.length; i++) {
      const m = fromQ(words[layout.Os + i]!) / 2 ** os.lsbExp;
      expect(Math.abs(m - Math.round(m))).toBeLessThan(1e-6);
      expect(Math.abs(m)).toBeLessThanOrEqual(128);
    }
    // 24-bit voltage: range 0.25 (a power of two >= 32 thresholds) at Q7.24 resolution is 24 bits with sign
    expect(report.state).toEqual({ bits: 24, range: 0.25, lsb: 2 ** -24 });
    expect(words[H.VMAX]).toBe(0.25 * 2 ** 24 - 1);
    expect(words[H.VSHIFT]).toBe(0);
  });
  it('xylo preset: 16-bit voltage drops 7 LSBs of Q7.24 after every update', () => {
    const { image, report } = quantize(spec, 'xylo');
    expect(report.state).toEqual({ bits: 16, range: 0.25, lsb: 2 ** -17 });
    expect(readImage(image).words[H.VSHIFT]).toBe(7);
  });
  it('reports the per-step multipliers and their rounding', () => {
    const { report } = quantize(spec);
    const dt = report.multipliers.find((m) => m.name === 'dt')!;
    expect(dt.relError).toBeLessThan(1e-6);
  });
  it('refuses an unknown format naming the accepted ones', () => {
    expect(() => quantize(spec, 'float8')).toThrow(/format "float8" is unknown; accepted: q24, w16, loihi, xylo/);
  });
});

describe('image integrity', () => {
  const { image } = quantize(spec);
  it('reads back its own image', () => {
    expect(readImage(image).header.N).toBe(20);
  });
  it('refuses a flipped bit (checksum), in the host and in the kernel', () => {
    const bad = image.slice();
    bad[HEADER_BYTES + 17]! ^= 0x04;
    expect(() => readImage(bad)).toThrow(/checksum .* the image is damaged/);
    const k = instantiate(kernelModuleSync());
    const at = k.reserve(bad.byteLength);
    new Uint8Array(k.memory.buffer, at, bad.byteLength).set(bad);
    expect(k.open(64, 64)).toBe(-4);
    expect(LOAD_ERRORS[-4]).toMatch(/checksum/);
  });
  it('refuses a truncated image', () => {
    expect(() => readImage(image.subarray(0, image.byteLength - 8))).toThrow(/truncated/);
  });
  it('refuses foreign bytes (bad magic) and a future ABI version', () => {
    const png = new Uint8Array(image.byteLength);
    png.set([0x89, 0x50, 0x4e, 0x47]);
    expect(() => readImage(png)).toThrow(/bad magic .* not an ebnkit image/);
    const v3 = image.slice();
    new DataView(v3.buffer).setUint32(H.VERSION * 4, 3, true);
    expect(() => readImage(v3)).toThrow(/ABI version 3 is not supported/);
    const v1 = image.slice();
    new DataView(v1.buffer).setUint32(H.VERSION * 4, 1, true);
    expect(() => readImage(v1)).toThrow(/ABI version 1 .* no longer read; convert a model with `ebnkit upgrade/);
    expect(() => readImage(new Uint8Array(10))).toThrow(ImageError);
  });
  it('a kernel refuses an image whose dims disagree with the spec', () => {
    const other = createNetwork({ neurons: 21, dendrites: 10, seed: 2 });
    expect(() => KernelExecutor.fromImage(image, other)).toThrow(/do not match/);
  });
  it('round-trips: image() of a loaded kernel equals the quantized bytes', () => {
    const ex = new KernelExecutor(spec);
    expect(Buffer.from(ex.image()).equals(Buffer.from(image))).toBe(true);
  });
});
