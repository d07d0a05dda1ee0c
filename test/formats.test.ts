// Bit-exact: the kernel's format and ABI constants equal the host's mirror,
// and the release module instantiates with an empty import object.
import { describe, expect, it } from 'vitest';
import { CONSTANT_TABLE } from '../src/formats.js';
import { instantiate, kernelBytes, kernelModuleSync } from '../src/kernel/module.js';

describe('number formats written once, mirrored in the host', () => {
  const k = instantiate(kernelModuleSync());
  it('every constant(id) equals the host mirror, in order', () => {
    const kernel = CONSTANT_TABLE.map((_, i) => k.constant(i));
    expect(kernel).toEqual([...CONSTANT_TABLE]);
  });
  it('constant(id) past the table is the sentinel, so a longer host table would fail above', () => {
    expect(k.constant(CONSTANT_TABLE.length) >>> 0).toBe(0x80000000);
  });
});

describe('release module', () => {
  it('has zero imports and instantiates with {}', async () => {
    const mod = new WebAssembly.Module(kernelBytes() as BufferSource);
    expect(WebAssembly.Module.imports(mod)).toEqual([]);
    await expect(WebAssembly.instantiate(kernelBytes() as BufferSource, {})).resolves.toBeDefined();
  });
  it('is at most 8 KiB', () => {
    expect(kernelBytes().byteLength).toBeLessThanOrEqual(8192);
  });
  it('exports exactly the ABI v1 functions and memory', () => {
    const names = WebAssembly.Module.exports(kernelModuleSync()).map((e) => e.name).sort();
    expect(names).toEqual(['constant', 'memory', 'open', 'ptr', 'reserve', 'reset', 'run', 'seal', 'setAlive', 'setParam', 'status'].sort());
  });
});
