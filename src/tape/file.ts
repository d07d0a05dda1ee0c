// The .tape file: one recorded run, self-contained and checksummed.
//
//   "EBNKTAPE"                     8 bytes
//   u32 file version (1)
//   u32 n, meta (JSON, UTF-8)      what was recorded with what: ABI version,
//                                  kernel sha256, image checksum, options, and
//                                  the expected result (checkpoint fingerprints,
//                                  spike raster, final state words)
//   u32 n, kernel (wasm bytes)     the kernel the run was recorded with
//   u32 n, ops (encode.ts)         the ABI calls and their inputs: what the
//                                  C, WAT and JS players replay
//   sha256 of everything above     32 bytes
// (u32 little-endian; every part padded to 4 bytes.)
//
// readTapeFile() checks every part before returning anything: a damaged or
// truncated tape is refused whole with a TapeError naming what is wrong.
import { createHash } from 'node:crypto';
import { ABI, type MarkResult, type Tape, type TapeResult } from './abi.js';
import { decodeTape, encodeTape, TapeError } from './encode.js';
import { decodeRaster, decodeWords, encodeRaster, encodeWords } from './raster.js';

export const FILE_MAGIC = 'EBNKTAPE';
export const FILE_VERSION = 1;

export interface TapeMeta {
  name: string;
  /** Kernel ABI version the tape was recorded with (constant(0)). */
  abiVersion: number;
  kernelSha256: string;
  image: { bytes: number; checksum: string; sha256: string };
  /** What produced the tape: the ebnkit version, the model, the options. */
  recordedWith: { ebnkit: string; model?: string; options?: Record<string, unknown> };
  /** The recording runtime's result. */
  expected: {
    marks: MarkResult[];
    spikes: number;
    raster: string;
    state: { V: string; r: string; Os: string };
  };
}

export interface TapeFile {
  meta: TapeMeta;
  kernel: Uint8Array;
  ops: Uint8Array;
  tape: Tape;
  expected: TapeResult;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function expectedMeta(r: TapeResult): TapeMeta['expected'] {
  if (!r.state) throw new Error(`tape ${r.name}: the recording has no final state`);
  return {
    marks: r.marks,
    spikes: r.raster.length / 2,
    raster: encodeRaster(r.raster),
    state: { V: encodeWords(r.state.V), r: encodeWords(r.state.r), Os: encodeWords(r.state.Os) },
  };
}

export function writeTapeFile(meta: TapeMeta, kernel: Uint8Array, tape: Tape): Uint8Array {
  const parts = [new TextEncoder().encode(JSON.stringify(meta)), kernel, encodeTape(tape)];
  const size = 12 + parts.reduce((s, p) => s + 4 + ((p.length + 3) & ~3), 0);
  const out = new Uint8Array(size + 32);
  const dv = new DataView(out.buffer);
  out.set(new TextEncoder().encode(FILE_MAGIC), 0);
  dv.setUint32(8, FILE_VERSION, true);
  let at = 12;
  for (const p of parts) {
    dv.setUint32(at, p.length, true);
    out.set(p, at + 4);
    at += 4 + ((p.length + 3) & ~3);
  }
  out.set(Buffer.from(sha256(out.subarray(0, size)), 'hex'), size);
  return out;
}

export function readTapeFile(b: Uint8Array, what = 'tape'): TapeFile {
  const fail = (msg: string): never => { throw new TapeError(`${what}: ${msg}; the tape is refused whole (record it again with \`ebnkit tape record\`)`); };
  if (b.length < 12 + 32 || new TextDecoder().decode(b.subarray(0, 8)) !== FILE_MAGIC) fail('not an ebnkit tape (no "EBNKTAPE" magic)');
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const version = dv.getUint32(8, true);
  if (version !== FILE_VERSION) fail(`tape file version ${version}; this ebnkit reads version ${FILE_VERSION}`);
  const size = b.length - 32;
  if (sha256(b.subarray(0, size)) !== Buffer.from(b.subarray(size)).toString('hex')) fail('checksum mismatch: the file is damaged or truncated');
  let at = 12;
  const part = (name: string) => {
    if (at + 4 > size) fail(`ends before the ${name}`);
    const n = dv.getUint32(at, true);
    if (at + 4 + n > size) fail(`the ${name} runs past the end of the file`);
    const p = b.slice(at + 4, at + 4 + n);
    at += 4 + ((n + 3) & ~3);
    return p;
  };
  const metaBytes = part('metadata'), kernel = part('kernel'), ops = part('op stream');
  if (at !== size) fail(`${size - at} unexpected bytes after the op stream`);
  let meta: TapeMeta;
  try { meta = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(metaBytes)) as TapeMeta; } catch (e) { return fail(`metadata is not JSON (${(e as Error).message})`); }
  if (typeof meta.abiVersion !== 'number' || !meta.expected?.marks?.length) fail('metadata lacks the ABI version or the expected checkpoints');
  if (sha256(kernel) !== meta.kernelSha256) fail('the kernel does not match its recorded sha256');
  let tape: Tape;
  try { tape = decodeTape(ops); } catch (e) { return fail((e as Error).message); }
  const labels = tape.ops.filter((o) => o.op === 'mark').map((o) => (o as { label: string }).label);
  if (labels.join('\n') !== meta.expected.marks.map((m) => m.label).join('\n')) fail('the checkpoints in the op stream and in the metadata disagree');
  let expected: TapeResult;
  try {
    const s = meta.expected.state;
    expected = { name: tape.name, marks: meta.expected.marks, raster: decodeRaster(meta.expected.raster), state: { V: decodeWords(s.V), r: decodeWords(s.r), Os: decodeWords(s.Os) }, errors: [] };
  } catch (e) { return fail(`expected result unreadable (${(e as Error).message})`); }
  if (expected.raster.length / 2 !== meta.expected.spikes) fail('the expected raster does not hold the recorded spike count');
  return { meta, kernel, ops, tape, expected };
}

/** The kernel ABI version a module reports (constant(0)); throws if it is not an ebnkit kernel. */
export function kernelAbi(kernel: Uint8Array): number {
  const k = new WebAssembly.Instance(new WebAssembly.Module(kernel as BufferSource), {}).exports as { constant?: (i: number) => number };
  if (typeof k.constant !== 'function') throw new TapeError('the module exports no constant(): not an ebnkit kernel');
  return k.constant(0);
}

/** The one rule for running a tape: same ABI as the kernel and as this ebnkit's players. */
export function checkAbi(f: TapeFile, kernel: Uint8Array, kernelName: string): void {
  const got = kernelAbi(kernel);
  if (got !== f.meta.abiVersion)
    throw new TapeError(`the tape was recorded with kernel ABI v${f.meta.abiVersion}, but ${kernelName} speaks ABI v${got}: record the tape again with this kernel (ebnkit tape record)`);
  if (f.meta.abiVersion !== ABI.VERSION)
    throw new TapeError(`the tape was recorded with kernel ABI v${f.meta.abiVersion}; this ebnkit's players speak ABI v${ABI.VERSION}: use the ebnkit release that recorded it, or record the tape again`);
}
