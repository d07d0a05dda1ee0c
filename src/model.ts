// The model file (.ebn): a trained network as one versioned, checksummed
// blob — the spec (JSON), training metadata (JSON) and the kernel image with
// the exact learned bits. Browser-safe: bytes in, bytes out.
//
//   word 0  magic "EBNM"        word 3  FNV-1a of bytes [24, total)
//   word 1  version (1)         word 4  spec JSON bytes
//   word 2  total bytes         word 5  meta JSON bytes
//   then spec JSON, meta JSON (each padded to 4 bytes), then the image.
import { fnvWords } from './checksum.js';
import { readImage } from './image.js';
import { validateSpec, type NetworkSpec } from './spec.js';

export const MODEL_MAGIC = 0x4d4e4245; // "EBNM"
export const MODEL_VERSION = 1;
const HEAD = 24;

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
  const { header } = readImage(m.image);
  if (header.N !== m.spec.N || header.J !== m.spec.J) throw new ModelError(`image dims N=${header.N} J=${header.J} do not match the spec's N=${m.spec.N} J=${m.spec.J}`);
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
  dv.setUint32(12, fnvWords(new Uint32Array(out.buffer), HEAD / 4), true);
  return out;
}

/** Decode and validate everything before returning anything. */
export function decodeModel(bytes: Uint8Array): Model {
  if (bytes.byteLength < HEAD) throw new ModelError(`file is ${bytes.byteLength} bytes: too short for an ebnkit model (header is ${HEAD} bytes)`);
  const buf = bytes.byteOffset % 4 === 0 && bytes.byteLength % 4 === 0 ? bytes : new Uint8Array(bytes);
  const copy = buf.byteLength % 4 === 0 ? buf : (() => { const c = new Uint8Array(pad4(buf.byteLength)); c.set(buf); return c; })();
  const dv = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const magic = dv.getUint32(0, true);
  if (magic !== MODEL_MAGIC) throw new ModelError(`not an ebnkit model: magic 0x${magic.toString(16).padStart(8, '0')} (expected "EBNM")`);
  const version = dv.getUint32(4, true);
  if (version !== MODEL_VERSION) throw new ModelError(`model version ${version} is not supported (this build reads version ${MODEL_VERSION})`);
  const total = dv.getUint32(8, true);
  if (bytes.byteLength < total) throw new ModelError(`model is truncated: ${bytes.byteLength} of ${total} bytes`);
  if (bytes.byteLength > total) throw new ModelError(`model has ${bytes.byteLength - total} unexpected bytes after its end`);
  const sum = fnvWords(new Uint32Array(copy.buffer, copy.byteOffset, total / 4), HEAD / 4);
  if (sum !== dv.getUint32(12, true)) throw new ModelError('model checksum mismatch: the file is damaged');
  const specLen = dv.getUint32(16, true);
  const metaLen = dv.getUint32(20, true);
  const imgAt = HEAD + pad4(specLen) + pad4(metaLen);
  if (imgAt > total) throw new ModelError('model sections overrun the file');
  const dec = new TextDecoder();
  let spec: NetworkSpec;
  let meta: Record<string, unknown>;
  try {
    spec = JSON.parse(dec.decode(copy.subarray(HEAD, HEAD + specLen))) as NetworkSpec;
    meta = JSON.parse(dec.decode(copy.subarray(HEAD + pad4(specLen), HEAD + pad4(specLen) + metaLen))) as Record<string, unknown>;
  } catch (e) {
    throw new ModelError(`model sections are not valid JSON: ${(e as Error).message}`);
  }
  try {
    validateSpec(spec);
  } catch (e) {
    throw new ModelError(`model holds an invalid network: ${(e as Error).message}`);
  }
  const image = copy.slice(imgAt, total);
  const { header, layout } = readImage(image);
  if (header.N !== spec.N || header.J !== spec.J || header.K !== spec.dendrites.K)
    throw new ModelError(`model image dims N=${header.N} J=${header.J} K=${header.K} do not match its spec`);
  return { spec, image: image.slice(0, layout.words * 4), meta };
}

/** A JSON view for inspection: spec, meta, image header and base64 bytes. */
export function modelToJSON(m: Model): Record<string, unknown> {
  const { header } = readImage(m.image);
  let bin = '';
  for (let i = 0; i < m.image.length; i++) bin += String.fromCharCode(m.image[i]!);
  return { kind: 'ebnkit-model', version: MODEL_VERSION, spec: m.spec, meta: m.meta, image: { header, base64: btoa(bin) } };
}
