// The binary tape: what targets/replay/replay.c, the WAT driver and the JS
// player read. decodeTape() is the inverse of encodeTape() and refuses
// anything it cannot read whole.
import type { Op, Tape } from './abi.js';

export class TapeError extends Error {}

// Little-endian u32 words:
//   'EBTP' version=1 nameBytes name(padded to 4)
//   then ops, each an opcode word and its operands:
//     1 RESERVE bytes ret image(padded)      2 OPEN steps cap ret
//     3 RESET seed                           4 SETPARAM word value ret
//     5 SETALIVE i alive ret                 6 RUN steps flags ret cWords xWords c[] x[]
//     7 MARK labelBytes label(padded)        8 SEAL ret
//     0 END
export const TAPE_MAGIC = 0x50544245; // "EBTP"
export const OPCODES = { end: 0, reserve: 1, open: 2, reset: 3, setParam: 4, setAlive: 5, run: 6, mark: 7, seal: 8 } as const;

class Writer {
  private buf = new Uint8Array(1 << 16);
  private dv = new DataView(this.buf.buffer);
  n = 0;
  private room(k: number) {
    if (this.n + k <= this.buf.length) return;
    let len = this.buf.length;
    while (len < this.n + k) len *= 2;
    const b = new Uint8Array(len);
    b.set(this.buf);
    this.buf = b;
    this.dv = new DataView(b.buffer);
  }
  u32(v: number) {
    this.room(4);
    this.dv.setUint32(this.n, v >>> 0, true);
    this.n += 4;
  }
  bytes(b: Uint8Array) {
    const padded = (b.length + 3) & ~3;
    this.room(padded);
    this.buf.set(b, this.n);
    this.buf.fill(0, this.n + b.length, this.n + padded);
    this.n += padded;
  }
  words(w: Int32Array) {
    this.bytes(new Uint8Array(w.buffer, w.byteOffset, w.byteLength));
  }
  done() {
    return this.buf.slice(0, this.n);
  }
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function encodeTape(t: Tape): Uint8Array {
  const w = new Writer();
  w.u32(TAPE_MAGIC);
  w.u32(1);
  const name = utf8(t.name);
  w.u32(name.length);
  w.bytes(name);
  for (const op of t.ops) {
    w.u32(OPCODES[op.op]);
    switch (op.op) {
      case 'reserve': {
        // exactly `bytes` image bytes: zeros where the host wrote none (a refused reserve)
        w.u32(op.bytes); w.u32(op.ret);
        const img = op.image.length === op.bytes ? op.image : new Uint8Array(op.bytes);
        if (op.image.length !== op.bytes) img.set(op.image.subarray(0, op.bytes));
        w.bytes(img);
        break;
      }
      case 'open': w.u32(op.steps); w.u32(op.cap); w.u32(op.ret); break;
      case 'reset': w.u32(op.seed); break;
      case 'setParam': w.u32(op.word); w.u32(op.value); w.u32(op.ret); break;
      case 'setAlive': w.u32(op.i); w.u32(op.alive); w.u32(op.ret); break;
      case 'run':
        w.u32(op.steps); w.u32(op.flags); w.u32(op.ret);
        w.u32(op.c?.length ?? 0); w.u32(op.x?.length ?? 0);
        if (op.c) w.words(op.c);
        if (op.x) w.words(op.x);
        break;
      case 'mark': { const l = utf8(op.label); w.u32(l.length); w.bytes(l); break; }
      case 'seal': w.u32(op.ret); break;
    }
  }
  w.u32(OPCODES.end);
  return w.done();
}

/** Several tapes back to back, each preceded by its byte length: the file the C drivers read. */
export function bundleTapes(tapes: Tape[]): Uint8Array {
  const parts = tapes.map(encodeTape);
  const out = new Uint8Array(parts.reduce((s, p) => s + 4 + p.length, 0) + 4);
  const dv = new DataView(out.buffer);
  let at = 0;
  for (const p of parts) {
    dv.setUint32(at, p.length, true);
    out.set(p, at + 4);
    at += 4 + p.length;
  }
  dv.setUint32(at, 0, true); // a zero length ends the bundle
  return out;
}

/** Read a tape written by encodeTape(); throws TapeError naming the first thing it cannot read. */
export function decodeTape(b: Uint8Array): Tape {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 0;
  const u32 = (what: string) => {
    if (at + 4 > b.length) throw new TapeError(`tape ends inside ${what} at byte ${at}`);
    const v = dv.getUint32(at, true);
    at += 4;
    return v;
  };
  const bytes = (n: number, what: string) => {
    const padded = (n + 3) & ~3;
    if (at + padded > b.length) throw new TapeError(`tape ends inside ${what} (${n} bytes at byte ${at})`);
    const out = b.slice(at, at + n);
    at += padded;
    return out;
  };
  const words = (n: number, what: string) => {
    const raw = bytes(4 * n, what);
    return new Int32Array(raw.buffer, raw.byteOffset, n);
  };
  const text = (what: string) => new TextDecoder('utf-8', { fatal: true }).decode(bytes(u32(what), what));
  if (u32('the magic') !== TAPE_MAGIC) throw new TapeError('not an ebnkit op stream (magic "EBTP" missing)');
  const version = u32('the version');
  if (version !== 1) throw new TapeError(`op stream version ${version}; this ebnkit reads version 1`);
  const name = text('the name');
  const ops: Op[] = [];
  for (;;) {
    const code = u32('an opcode');
    switch (code) {
      case OPCODES.end:
        if (at !== b.length) throw new TapeError(`${b.length - at} bytes after the end of the op stream`);
        return { name, ops };
      case OPCODES.reserve: {
        const n = u32('reserve'), ret = u32('reserve');
        ops.push({ op: 'reserve', bytes: n, ret, image: bytes(n, 'the image') });
        break;
      }
      case OPCODES.open: ops.push({ op: 'open', steps: u32('open'), cap: u32('open'), ret: u32('open') | 0 }); break;
      case OPCODES.reset: ops.push({ op: 'reset', seed: u32('reset') }); break;
      case OPCODES.setParam: ops.push({ op: 'setParam', word: u32('setParam'), value: u32('setParam'), ret: u32('setParam') | 0 }); break;
      case OPCODES.setAlive: ops.push({ op: 'setAlive', i: u32('setAlive'), alive: u32('setAlive'), ret: u32('setAlive') | 0 }); break;
      case OPCODES.run: {
        const steps = u32('run'), flags = u32('run'), ret = u32('run') | 0, cw = u32('run'), xw = u32('run');
        const op: Extract<Op, { op: 'run' }> = { op: 'run', steps, flags, ret };
        if (cw) op.c = words(cw, 'the input block c');
        if (xw) op.x = words(xw, 'the target block x');
        ops.push(op);
        break;
      }
      case OPCODES.mark: ops.push({ op: 'mark', label: text('a mark label') }); break;
      case OPCODES.seal: ops.push({ op: 'seal', ret: u32('seal') }); break;
      default: throw new TapeError(`unknown opcode ${code} at byte ${at - 4}`);
    }
  }
}
