// `ebnkit upgrade`: convert a version 1 model (ABI v1 image) to version 2.
//
// Version 1 checksummed only what followed each header (the model's bytes
// after word 5, the image's bytes after its 24-word header). The upgrade
// checks exactly what v1 could check, then re-derives what v2 adds: the header
// words v1 left unprotected are accepted only if they equal what the spec
// quantizes to (checkSpecAgainstImage, run by decodeModel on the result), so a
// v1 file with a damaged dt, leak, flag or vmax is refused, not sealed in.
import { fnvWords } from './checksum.js';
import { H, HEADER_WORDS, IMG_LOWRANK, KNOWN_FLAGS } from './formats.js';
import { dimsValid, imageLayout, sealWords } from './image.js';
import { MODEL_HEAD, MODEL_MAGIC, MODEL_VERSION, ModelError, decodeModel, modelChecksum } from './model.js';

const pad4 = (n: number) => (n + 3) & ~3;

export interface Upgraded {
  bytes: Uint8Array;
  /** Model version read (1: converted; 2: already current, bytes returned unchanged). */
  from: number;
}

export function upgradeModel(input: Uint8Array): Upgraded {
  const bytes = new Uint8Array(pad4(input.byteLength));
  bytes.set(input);
  if (input.byteLength < MODEL_HEAD || input.byteLength % 4 !== 0) throw new ModelError(`file is ${input.byteLength} bytes: not an ebnkit model`);
  const dv = new DataView(bytes.buffer);
  const w = new Uint32Array(bytes.buffer);
  if (dv.getUint32(0, true) !== MODEL_MAGIC) throw new ModelError('not an ebnkit model (magic is not "EBNM")');
  const version = dv.getUint32(4, true);
  if (version === MODEL_VERSION) {
    decodeModel(input); // validates; throws a ModelError if damaged
    return { bytes: input, from: version };
  }
  if (version !== 1) throw new ModelError(`model version ${version} cannot be upgraded (this build upgrades version 1 to ${MODEL_VERSION})`);
  const total = dv.getUint32(8, true);
  if (total !== input.byteLength) throw new ModelError(`version 1 model says ${total} bytes but the file has ${input.byteLength}`);
  if (fnvWords(w, MODEL_HEAD / 4) !== dv.getUint32(12, true)) throw new ModelError('version 1 model checksum mismatch: the file is damaged');
  const specLen = dv.getUint32(16, true);
  const metaLen = dv.getUint32(20, true);
  const imgAt = MODEL_HEAD + pad4(specLen) + pad4(metaLen);
  if (imgAt + HEADER_WORDS * 4 > total) throw new ModelError('version 1 model sections overrun the file');
  const img = new Int32Array(bytes.buffer, imgAt, (total - imgAt) / 4);
  const u = (i: number) => img[i]! >>> 0;
  if (u(H.VERSION) !== 1) throw new ModelError(`a version 1 model must hold an ABI v1 image, not v${u(H.VERSION)}`);
  const N = u(H.N), J = u(H.J), K = u(H.K), B = u(H.B), flags = u(H.FLAGS);
  if ((flags & ~KNOWN_FLAGS) !== 0) throw new ModelError(`version 1 image sets unknown flag bits 0x${(flags & ~KNOWN_FLAGS).toString(16)}`);
  if (!dimsValid(N, J, K, B, flags))
    throw new ModelError(`version 1 image dims N=${N} J=${J} K=${K} B=${B} are inconsistent or out of range`);
  const words = imageLayout(N, J, K, B, (flags & IMG_LOWRANK) !== 0).words;
  if (u(H.BYTES) !== words * 4 || words !== img.length) throw new ModelError(`version 1 image length ${u(H.BYTES)} does not match its dims (${words * 4} bytes) and its section (${img.length * 4})`);
  if (fnvWords(img, HEADER_WORDS) !== u(H.CHECKSUM)) throw new ModelError('version 1 image checksum mismatch: the image is damaged');
  img[H.VERSION] = 2;
  sealWords(img);
  dv.setUint32(4, MODEL_VERSION, true);
  dv.setUint32(12, modelChecksum(w), true);
  try {
    decodeModel(bytes);
  } catch (e) {
    throw new ModelError(`version 1 model cannot be upgraded: ${(e as Error).message}`);
  }
  return { bytes, from: 1 };
}
