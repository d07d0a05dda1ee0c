// Loading the kernel module. The loader takes bytes or a compiled module and
// never reads files or fetches by itself; the release build is embedded.
import { KERNEL_WASM_BASE64, KERNEL_SHA256, KERNEL_BYTES } from './wasm-bytes.js';

export { KERNEL_SHA256, KERNEL_BYTES };

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

let decoded: Uint8Array | undefined;
/** The embedded release module's bytes. */
export function kernelBytes(): Uint8Array {
  if (!decoded) {
    const bin = atob(KERNEL_WASM_BASE64);
    decoded = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) decoded[i] = bin.charCodeAt(i);
  }
  return decoded;
}

let compiled: WebAssembly.Module | undefined;
/** Compile synchronously (Node, workers); cached. */
export function kernelModuleSync(bytes?: Uint8Array): WebAssembly.Module {
  if (bytes) return new WebAssembly.Module(bytes as BufferSource);
  return (compiled ??= new WebAssembly.Module(kernelBytes() as BufferSource));
}

/** Compile asynchronously (browser main thread); cached for the embedded module. */
export async function kernelModule(bytes?: Uint8Array): Promise<WebAssembly.Module> {
  if (bytes) return WebAssembly.compile(bytes as BufferSource);
  return (compiled ??= await WebAssembly.compile(kernelBytes() as BufferSource));
}

/** A fresh instance with its own memory: zero imports. */
export function instantiate(module: WebAssembly.Module): KernelExports {
  return new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
}
