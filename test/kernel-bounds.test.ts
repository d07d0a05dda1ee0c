// F4 (hardening issue): open(steps, spikeCap) used to do its layout arithmetic
// in 32 bits, so huge blocks wrapped around and put every I/O buffer at one
// address, or past the end of memory. Every size is now computed in 64 bits
// and a layout that does not fit a wasm32 memory is refused with E_MEMORY.
import { describe, expect, it } from 'vitest';
import { instantiate, kernelModuleSync } from '../src/kernel/module.js';
import { quantize } from '../src/quantize.js';
import { createNetwork } from '../src/spec.js';

const E_MEMORY = -6;
const E_STATE = -7;
const P = { CIN: 6, XIN: 7, XHAT: 8, SPIKES: 9 } as const;

function loaded(N = 50) {
  const k = instantiate(kernelModuleSync());
  const { image } = quantize(createNetwork({ neurons: N, dendrites: 20, seed: 3 }));
  const at = k.reserve(image.byteLength);
  new Uint8Array(k.memory.buffer, at, image.byteLength).set(image);
  return k;
}

describe('kernel open(): 64-bit layout arithmetic (bit-exact refusal codes)', () => {
  it('open(2^30, 50) is refused with E_MEMORY, not placed with all I/O buffers at one address', () => {
    const k = loaded();
    expect(k.open(1073741824, 50)).toBe(E_MEMORY);
    expect(k.run(1, 0)).toBe(E_STATE);
  });
  it('open(4096, 0x7fffffff) is refused with E_MEMORY (the spike buffer alone needs 16 GiB)', () => {
    const k = loaded();
    expect(k.open(4096, 0x7fffffff)).toBe(E_MEMORY);
  });
  it('the largest blocks that fit are placed in order, each region after the previous one', () => {
    const k = loaded();
    expect(k.open(100_000, 1_000_000)).toBe(0);
    const at = [P.CIN, P.XIN, P.XHAT, P.SPIKES].map((id) => k.ptr(id) >>> 0);
    for (let q = 1; q < at.length; q++) expect(at[q]!).toBeGreaterThan(at[q - 1]!);
    expect(at[3]! + 1_000_000 * 8).toBeLessThanOrEqual(k.memory.buffer.byteLength);
  });
  it('a refused open() after a good one leaves nothing runnable (run returns E_STATE) and pointers unchanged', () => {
    const k = loaded();
    expect(k.open(64, 500)).toBe(0);
    const before = k.ptr(P.SPIKES);
    expect(k.open(4096, 0x7fffffff)).toBe(E_MEMORY);
    expect(k.ptr(P.SPIKES)).toBe(before);
    expect(k.run(1, 0)).toBe(E_STATE);
    expect(k.open(64, 500)).toBe(0);
    expect(k.run(1, 0)).toBe(1);
  });
});
