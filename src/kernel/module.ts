// Loading the kernel module. The loader takes bytes or a compiled module and
// never reads files or fetches by itself; two builds are embedded: the scalar
// release build (the MCU and interpreter build, the one tapes and goldens
// name) and the SIMD128 build of the same source, which gives the same bits
// (assembly/simd.ts says why). The host runs the SIMD build when the runtime
// validates it, unless EBNKIT_KERNEL=scalar is set in the environment.
import { KERNEL_WASM_BASE64, KERNEL_SHA256, KERNEL_BYTES, KERNEL_SIMD_WASM_BASE64, KERNEL_SIMD_BYTES } from './wasm-bytes.js';

export { KERNEL_SHA256, KERNEL_BYTES, KERNEL_SIMD_BYTES };

export type KernelVariant = 'simd' | 'scalar';

/** The ABI v2 exports (see assembly/index.ts). */
export interface KernelExports {
  memory: WebAssembly.Memory;
  constant(id: number): number;
  reserve(bytes: number): number;
  open(steps: number, spikeCap: number): number;
  reset(seed: number): void;
  run(steps: number, flags: number): number;
  ptr(id: number): number;
  status(id: number): number;
  setParam(word: number, value: number): number;
  setAlive(i: number, alive: number): number;
  seal(): number;
}

const decode = (b64: string): Uint8Array => {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};
const decoded: Partial<Record<KernelVariant, Uint8Array>> = {};
/** An embedded module's bytes: the scalar release build unless asked for the SIMD one. */
export function kernelBytes(variant: KernelVariant = 'scalar'): Uint8Array {
  return (decoded[variant] ??= decode(variant === 'simd' ? KERNEL_SIMD_WASM_BASE64 : KERNEL_WASM_BASE64));
}

let chosen: KernelVariant | undefined;
/** The build the host runs by default: 'simd' when this runtime validates it (and EBNKIT_KERNEL is not 'scalar'). */
export function kernelVariant(): KernelVariant {
  if (chosen) return chosen;
  const env = typeof process !== 'undefined' ? process.env?.EBNKIT_KERNEL : undefined;
  if (env !== undefined && env !== 'scalar' && env !== 'simd') throw new Error(`EBNKIT_KERNEL=${env}: use 'scalar' or 'simd' (or leave it unset)`);
  const simdOk = typeof WebAssembly.validate === 'function' && WebAssembly.validate(kernelBytes('simd') as BufferSource);
  if (env === 'simd' && !simdOk) throw new Error('EBNKIT_KERNEL=simd, but this runtime does not support WebAssembly SIMD128');
  return (chosen = env === 'scalar' || !simdOk ? 'scalar' : 'simd');
}

const compiled: Partial<Record<KernelVariant, WebAssembly.Module>> = {};
/** Compile synchronously (Node, workers); the embedded build of kernelVariant() unless bytes or a variant are given; cached. */
export function kernelModuleSync(bytes?: Uint8Array, variant: KernelVariant = kernelVariant()): WebAssembly.Module {
  if (bytes) return new WebAssembly.Module(bytes as BufferSource);
  return (compiled[variant] ??= new WebAssembly.Module(kernelBytes(variant) as BufferSource));
}

/** Compile asynchronously (browser main thread); cached for the embedded modules. */
export async function kernelModule(bytes?: Uint8Array, variant: KernelVariant = kernelVariant()): Promise<WebAssembly.Module> {
  if (bytes) return WebAssembly.compile(bytes as BufferSource);
  return (compiled[variant] ??= await WebAssembly.compile(kernelBytes(variant) as BufferSource));
}

/** A fresh instance with its own memory: zero imports. */
export function instantiate(module: WebAssembly.Module): KernelExports {
  return new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
}
