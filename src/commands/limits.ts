// Size limits, refused before any work with the memory a request would need
// (issue 14, F12: dense N = 24,000 used to fail after 49 s and 6.8 GB, blaming
// "the runtime"). Two limits apply to the kernel executor:
//  - the ABI: reserve(bytes) takes an i32, so an image is at most 2^31 - 1
//    bytes (dense: about N <= 23,100 for the Van der Pol network);
//  - the host: quantize() builds the N x N fast weights in float64 next to the
//    image (8 N^2 + 4 N^2 bytes dense), which must fit the machine's memory.
import { totalmem } from 'node:os';
import { imageLayout } from '../image.js';
import { basisSize, type NetworkSpec } from '../spec.js';
import { UsageError } from './common.js';

export const MAX_IMAGE_BYTES = 0x7fffffff;

export interface MemoryNeed {
  imageBytes: number;
  /** Peak bytes the host holds while building the image (float64 N x N plus the image, dense). */
  hostBytes: number;
}

export function memoryNeed(spec: NetworkSpec, mode: 'dense' | 'lowrank'): MemoryNeed {
  const { N, J } = spec;
  const K = spec.dendrites.K;
  const B = basisSize(spec);
  const imageBytes = imageLayout(N, J, K, B, mode === 'lowrank').words * 4;
  const float = mode === 'lowrank' ? 8 * (N * J + J * B + N * B) : 8 * (N * N + N * B);
  return { imageBytes, hostBytes: imageBytes + float };
}

const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;

/** Throw a UsageError naming the memory needed when a kernel network of this size cannot be built here. */
export function checkKernelSize(spec: NetworkSpec, mode: 'dense' | 'lowrank', available = totalmem()): void {
  const need = memoryNeed(spec, mode);
  const alt = mode === 'dense' ? '; --mode lowrank needs no N x N storage' : '';
  if (need.imageBytes > MAX_IMAGE_BYTES)
    throw new UsageError(`--neurons ${spec.N}: the ${mode} kernel image would be ${gib(need.imageBytes)}, over the kernel's 2 GiB image limit (reserve() takes an i32)${alt}`);
  if (need.hostBytes > available)
    throw new UsageError(`--neurons ${spec.N}: building the ${mode} kernel image needs about ${gib(need.hostBytes)} of memory; this machine has ${gib(available)}${alt}`);
}
