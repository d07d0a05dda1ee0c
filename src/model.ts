// The model file (.ebn): a trained network as one versioned, checksummed
// blob — the spec (JSON), training metadata (JSON) and the kernel image with
// the exact learned bits. Browser-safe: bytes in, bytes out.
//
//   word 0  magic "EBNM"        word 3  FNV-1a of every word of [0, total) but word 3
//   word 1  version (2)         word 4  spec JSON bytes
//   word 2  total bytes         word 5  meta JSON bytes
//   then spec JSON, meta JSON (each padded to 4 bytes), then the image, which
//   ends the file exactly.
// Version 1 left words 0-2, 4 and 5 outside the checksum (issue 14, F11) and
// held an ABI v1 image; `ebnkit upgrade` (upgrade.ts) converts it.
import { fnvWords } from './checksum.js';
import { checkSpecAgainstImage, specWithImageWeights } from './image-spec.js';
import { readImage } from './image.js';
import { validateSpec, type NetworkSpec } from './spec.js';

export const MODEL_MAGIC = 0x4d4e4245; // "EBNM"
export const MODEL_VERSION = 2;
export const MODEL_HEAD = 24;
const HEAD = MODEL_HEAD;
const CHECKSUM_WORD = 3;

/** The v2 model checksum over a word view of the whole file: every word but word 3. */
export function modelChecksum(words: ArrayLike<number>): number {
  return fnvWords(words, CHECKSUM_WORD + 1, words.length, fnvWords(words, 0, CHECKSUM_WORD));
}

export interface Model {
  spec: NetworkSpec;
  /** Kernel image (header + arrays) holding the learned weights bit for bit. */
  image: Uint8Array;
  meta: Record<string, unknown>;
}

export class ModelError extends Error {
  override name = 'ModelError';
}

const pad4 = (n: number) => (n + 3) & ~3;

export function encodeModel(m: Model): Uint8Array {
  validateSpec(m.spec);
  checkMeta(m.meta ?? {});
  try {
    checkSpecAgainstImage(m.spec, m.image);
  } catch (e) {
    throw new ModelError(`cannot save: ${(e as Error).message}`);
  }
  const enc = new TextEncoder();
  const spec = enc.encode(JSON.stringify(m.spec));
  const meta = enc.encode(JSON.stringify(m.meta ?? {}));
  const total = HEAD + pad4(spec.length) + pad4(meta.length) + pad4(m.image.byteLength);
  const out = new Uint8Array(total);
  out.set(spec, HEAD);
  out.set(meta, HEAD + pad4(spec.length));
  out.set(m.image, HEAD + pad4(spec.length) + pad4(meta.length));
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MODEL_MAGIC, true);
  dv.setUint32(4, MODEL_VERSION, true);
  dv.setUint32(8, total, true);
  dv.setUint32(16, spec.length, true);
  dv.setUint32(20, meta.length, true);
  dv.setUint32(12, modelChecksum(new Uint32Array(out.buffer)), true);
  return out;
}

function checkMeta(meta: unknown): asserts meta is Record<string, unknown> {
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta))
    throw new ModelError(`model metadata must be a JSON object, not ${meta === null ? 'null' : Array.isArray(meta) ? 'an array' : typeof meta}`);
}

/** Copy to a 4-aligned buffer whose length is a multiple of 4 (zero padded). */
function aligned(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset % 4 === 0 && bytes.byteLength % 4 === 0) return bytes;
  const c = new Uint8Array(pad4(bytes.byteLength));
  c.set(bytes);
  return c;
}

/**
 * Decode and validate everything before returning anything: every failure is a
 * ModelError. The returned spec's slow weights are the image's (the image is
 * what the kernel runs); every other field must agree with the image.
 */
export function decodeModel(bytes: Uint8Array): Model {
  if (bytes.byteLength < HEAD) throw new ModelError(`file is ${bytes.byteLength} bytes: too short for an ebnkit model (header is ${HEAD} bytes)`);
  const copy = aligned(bytes);
  const dv = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const magic = dv.getUint32(0, true);
  if (magic !== MODEL_MAGIC) throw new ModelError(`not an ebnkit model: magic 0x${magic.toString(16).padStart(8, '0')} (expected "EBNM")`);
  const version = dv.getUint32(4, true);
  if (version === 1) throw new ModelError('model format version 1 (ebnkit 0.1) is no longer read: its header and image header are not checksummed; convert it with `ebnkit upgrade <model.ebn>`');
  if (version !== MODEL_VERSION) throw new ModelError(`model version ${version} is not supported (this build reads version ${MODEL_VERSION})`);
  const total = dv.getUint32(8, true);
  if (total < HEAD || total % 4 !== 0) throw new ModelError(`model header gives a length of ${total} bytes: the file is damaged`);
  if (bytes.byteLength < total) throw new ModelError(`model is truncated: ${bytes.byteLength} of ${total} bytes (or its length word is damaged)`);
  if (modelChecksum(new Uint32Array(copy.buffer, copy.byteOffset, total / 4)) !== dv.getUint32(12, true))
    throw new ModelError('model checksum mismatch: the file is damaged');
  if (bytes.byteLength > total) throw new ModelError(`model has ${bytes.byteLength - total} unexpected bytes after its end`);
  return decodeSections(copy, total);
}

/** The sections of a model whose header and checksum were validated. */
export function decodeSections(copy: Uint8Array, total: number): Model {
  const dv = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const specLen = dv.getUint32(16, true);
  const metaLen = dv.getUint32(20, true);
  const imgAt = HEAD + pad4(specLen) + pad4(metaLen);
  if (imgAt > total) throw new ModelError(`model sections (spec ${specLen} B, meta ${metaLen} B) overrun the ${total}-byte file`);
  const dec = new TextDecoder('utf-8', { fatal: true });
  let spec: NetworkSpec;
  let meta: unknown;
  try {
    spec = JSON.parse(dec.decode(copy.subarray(HEAD, HEAD + specLen))) as NetworkSpec;
    meta = JSON.parse(dec.decode(copy.subarray(HEAD + pad4(specLen), HEAD + pad4(specLen) + metaLen)));
  } catch (e) {
    throw new ModelError(`model sections are not valid UTF-8 JSON: ${(e as Error).message}`);
  }
  checkMeta(meta);
  try {
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw new Error('the spec section is not a JSON object');
    validateSpec(spec);
  } catch (e) {
    throw new ModelError(`model holds an invalid network: ${(e as Error).message}`);
  }
  const image = copy.slice(imgAt, total);
  try {
    const { header } = readImage(image);
    if (header.bytes !== image.byteLength)
      throw new ModelError(`model image section is ${image.byteLength} bytes; its image header says ${header.bytes}`);
    checkSpecAgainstImage(spec, image);
    return { spec: specWithImageWeights(spec, image), image, meta };
  } catch (e) {
    if (e instanceof ModelError) throw e;
    throw new ModelError(`model image: ${(e as Error).message}`);
  }
}

/** A JSON view for inspection: spec, meta, image header and base64 bytes. */
export function modelToJSON(m: Model): Record<string, unknown> {
  const { header } = readImage(m.image);
  let bin = '';
  for (let i = 0; i < m.image.length; i++) bin += String.fromCharCode(m.image[i]!);
  return { kind: 'ebnkit-model', version: MODEL_VERSION, spec: m.spec, meta: m.meta, image: { header, base64: btoa(bin) } };
}
