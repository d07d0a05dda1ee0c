// ABI tapes: what a host did to the kernel, call by call, so that runtimes
// that cannot run the TypeScript host (wasm2c + gcc, Cortex-M firmware,
// spectest-interp) can replay it through the same exports.
//
// recordTape() runs a scenario with the real KernelExecutor while it
// interposes on `WebAssembly.Instance`: every export call the executor makes
// is logged, together with the memory the host wrote before it (the image
// after reserve(), the c/x input blocks before run()). It also logs what the
// kernel answered (return values, the spikes of every run, a fingerprint at
// each mark), which is the Node result of the scenario.
//
// This file imports nothing from src/, so it bundles unchanged into the
// browser runner next to the package's dist/index.js. The ABI v1 numbers
// below are checked against src/formats.ts by test/targets/abi.test.ts.

export const ABI = {
  H_N: 4, H_J: 5, H_K: 6, H_B: 7, H_BYTES: 2, H_FLAGS: 8, IMG_LOWRANK: 4,
  P_IMAGE: 0, P_V: 1, P_R: 2, P_STATUS: 4, P_COUNTERS: 5, P_C_IN: 6, P_X_IN: 7, P_SPIKES_OUT: 9, P_OS: 10,
  S_T: 1, S_HASH: 2, S_SPIKES: 3,
  RUN_LEARN: 1, RUN_FEEDBACK: 2, RUN_INPUT: 4,
  COUNTERS: 7,
} as const;

export const COUNTER_ORDER = [
  'steps', 'neuronUpdates', 'spikes', 'fastEvents', 'slowEvents', 'dendriteEvals', 'weightUpdates',
] as const;

/** One kernel call, with the memory the host wrote for it. */
export type Op =
  | { op: 'reserve'; bytes: number; ret: number; image: Uint8Array }
  | { op: 'open'; steps: number; cap: number; ret: number }
  | { op: 'reset'; seed: number }
  | { op: 'setParam'; word: number; value: number; ret: number }
  | { op: 'setAlive'; i: number; alive: number; ret: number }
  | { op: 'run'; steps: number; flags: number; ret: number; c?: Int32Array; x?: Int32Array }
  | { op: 'mark'; label: string };

/** What a runtime reports at a mark. */
export interface MarkResult {
  label: string;
  /** Steps since the last reset (status S_T). */
  t: number;
  spikeHash: string;
  /** FNV-1a over V (N), r (N), Os (N x B) words: KernelExecutor.fingerprint().stateHash. */
  stateHash: string;
  counters: Record<(typeof COUNTER_ORDER)[number], number>;
}

/** Everything a runtime produced from one tape. */
export interface TapeResult {
  name: string;
  marks: MarkResult[];
  /** Every spike of every run, in kernel order: [step since reset, neuron]. */
  raster: Uint32Array;
  /** Final V, r and Os words (for naming the first differing state word). */
  state?: { V: Int32Array; r: Int32Array; Os: Int32Array };
  /** Calls whose return value differed from the recording. */
  errors: string[];
}

export interface Tape {
  name: string;
  ops: Op[];
}

const hex = (h: number) => '0x' + (h >>> 0).toString(16).padStart(8, '0');

export function fnvWords(words: ArrayLike<number>, h = 0x811c9dc5): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]! >>> 0;
    h = Math.imul(h ^ (w & 0xff), 16777619);
    h = Math.imul(h ^ ((w >>> 8) & 0xff), 16777619);
    h = Math.imul(h ^ ((w >>> 16) & 0xff), 16777619);
    h = Math.imul(h ^ (w >>> 24), 16777619);
  }
  return h >>> 0;
}

type Fn = (...a: number[]) => number;
interface Exports {
  memory: WebAssembly.Memory;
  [name: string]: Fn | WebAssembly.Memory;
}

/** Reads the kernel's memory the way every driver does (C, WAT, JS). */
export class KernelView {
  constructor(readonly k: Exports) {}
  call(name: string, ...a: number[]): number {
    return (this.k[name] as Fn)(...a);
  }
  ptr(id: number): number {
    return this.call('ptr', id) >>> 0;
  }
  status(id: number): number {
    return this.call('status', id) >>> 0;
  }
  header(word: number): number {
    return new Uint32Array(this.k.memory.buffer, this.ptr(ABI.P_IMAGE) + 4 * word, 1)[0]!;
  }
  i32(id: number, len: number): Int32Array {
    return new Int32Array(this.k.memory.buffer, this.ptr(id), len).slice();
  }
  state() {
    const N = this.header(ABI.H_N), B = this.header(ABI.H_B);
    const rows = this.header(ABI.H_FLAGS) & ABI.IMG_LOWRANK ? this.header(ABI.H_J) : N; // low-rank: W is J x B
    return { V: this.i32(ABI.P_V, N), r: this.i32(ABI.P_R, N), Os: this.i32(ABI.P_OS, rows * B) };
  }
  mark(label: string): MarkResult {
    const s = this.state();
    const c = new BigUint64Array(this.k.memory.buffer, this.ptr(ABI.P_COUNTERS), ABI.COUNTERS);
    return {
      label,
      t: this.status(ABI.S_T),
      spikeHash: hex(this.status(ABI.S_HASH)),
      stateHash: hex(fnvWords(s.Os, fnvWords(s.r, fnvWords(s.V)))),
      counters: Object.fromEntries(COUNTER_ORDER.map((n, i) => [n, Number(c[i])])) as MarkResult['counters'],
    };
  }
  /** The (step since reset, neuron) pairs of the last run, given S_T before it. */
  spikes(t0: number): number[] {
    const n = this.status(ABI.S_SPIKES);
    const sp = new Uint32Array(this.k.memory.buffer, this.ptr(ABI.P_SPIKES_OUT), 2 * n);
    const out: number[] = [];
    for (let q = 0; q < n; q++) out.push(t0 + sp[2 * q]!, sp[2 * q + 1]!);
    return out;
  }
}

export interface Recording {
  tape: Tape;
  /** The Node (or browser) result of the recorded run. */
  result: TapeResult;
}

export interface RecordOptions {
  /** Instantiate this module instead of the one the host asked for (e.g. a mutated kernel). */
  module?: WebAssembly.Module;
}

/**
 * Run `fn` (which builds exactly one KernelExecutor and drives it) and record
 * the tape. `fn` receives a mark(label) callback; a final mark 'end' is added
 * unless the last op already is a mark. Returns fn's value too.
 */
export function recordTape<T>(name: string, fn: (mark: (label: string) => void) => T, o: RecordOptions = {}): Recording & { value: T } {
  const ops: Op[] = [];
  const marks: MarkResult[] = [];
  const raster: number[] = [];
  let view: KernelView | undefined;
  const W = WebAssembly as unknown as { Instance: typeof WebAssembly.Instance };
  const Real = W.Instance;
  function Interposed(module: WebAssembly.Module, imports?: WebAssembly.Imports) {
    if (view) throw new Error(`tape ${name}: the scenario instantiated more than one kernel`);
    const real = new Real(o.module ?? module, imports).exports as unknown as Exports;
    view = new KernelView(real);
    const v = view;
    let reserved: Extract<Op, { op: 'reserve' }> | undefined;
    const wrapped: Exports = { memory: real.memory };
    const pass = (n: string) => (...a: number[]) => (real[n] as Fn)(...a);
    for (const n of ['constant', 'ptr', 'status', 'seal']) wrapped[n] = pass(n);
    wrapped.reserve = (bytes: number) => {
      const ret = (real.reserve as Fn)(bytes);
      reserved = { op: 'reserve', bytes, ret, image: new Uint8Array(0) };
      ops.push(reserved);
      return ret;
    };
    wrapped.open = (steps: number, cap: number) => {
      // the host copied the image in after reserve(): take it now
      if (reserved && reserved.ret !== 0) reserved.image = new Uint8Array(real.memory.buffer, reserved.ret, reserved.bytes).slice();
      const ret = (real.open as Fn)(steps, cap);
      ops.push({ op: 'open', steps, cap, ret });
      return ret;
    };
    wrapped.reset = (seed: number) => {
      ops.push({ op: 'reset', seed: seed >>> 0 });
      return (real.reset as Fn)(seed);
    };
    wrapped.setParam = (word: number, value: number) => {
      const ret = (real.setParam as Fn)(word, value);
      ops.push({ op: 'setParam', word, value: value >>> 0, ret });
      return ret;
    };
    wrapped.setAlive = (i: number, alive: number) => {
      const ret = (real.setAlive as Fn)(i, alive);
      ops.push({ op: 'setAlive', i, alive, ret });
      return ret;
    };
    wrapped.run = (steps: number, flags: number) => {
      const J = v.header(ABI.H_J);
      const op: Extract<Op, { op: 'run' }> = { op: 'run', steps, flags, ret: 0 };
      if (steps > 0 && flags & ABI.RUN_INPUT) op.c = v.i32(ABI.P_C_IN, steps * J);
      if (steps > 0 && flags & (ABI.RUN_FEEDBACK | ABI.RUN_LEARN)) op.x = v.i32(ABI.P_X_IN, steps * J);
      const t0 = v.status(ABI.S_T);
      op.ret = (real.run as Fn)(steps, flags);
      ops.push(op);
      if (op.ret > 0) raster.push(...v.spikes(t0));
      return op.ret;
    };
    return { exports: wrapped };
  }
  const mark = (label: string) => {
    if (!view) throw new Error(`tape ${name}: mark before the kernel exists`);
    ops.push({ op: 'mark', label });
    marks.push(view.mark(label));
  };
  W.Instance = Interposed as unknown as typeof WebAssembly.Instance;
  let value: T;
  try {
    value = fn(mark);
  } finally {
    W.Instance = Real;
  }
  if (!view) throw new Error(`tape ${name}: the scenario never instantiated the kernel`);
  if (ops.at(-1)?.op !== 'mark') mark('end');
  const result: TapeResult = { name, marks, raster: Uint32Array.from(raster), state: view.state(), errors: [] };
  return { tape: { name, ops }, result, value };
}

// ---- binary encoding (read by targets/replay/replay.c and the WAT driver) ----
//
// Little-endian u32 words:
//   'EBTP' version=1 nameBytes name(padded to 4)
//   then ops, each an opcode word and its operands:
//     1 RESERVE bytes ret image(padded)      2 OPEN steps cap ret
//     3 RESET seed                           4 SETPARAM word value ret
//     5 SETALIVE i alive ret                 6 RUN steps flags ret cWords xWords c[] x[]
//     7 MARK labelBytes label(padded)        0 END
export const TAPE_MAGIC = 0x50544245; // "EBTP"
export const OPCODES = { end: 0, reserve: 1, open: 2, reset: 3, setParam: 4, setAlive: 5, run: 6, mark: 7 } as const;

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
      case 'reserve': w.u32(op.bytes); w.u32(op.ret); w.bytes(op.image); break;
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

// ---- the text the drivers print (C replay, firmware) -------------------------
//
//   tape <name>
//   spk <t>.<n> <t>.<n> ...        hex, the spikes of one run() call
//   err <message>                  a call returned something other than the recording
//   mark <label> t=<dec> spikeHash=0x.. stateHash=0x.. counters=<7 decimals, comma-separated>
//   state V|r|Os <hex words>       final state words (optional)
//   done <name>
// Any other line (timings, banners) is ignored.

export function parseDriverOutput(text: string): TapeResult[] {
  const out: TapeResult[] = [];
  let cur: TapeResult | undefined;
  let pairs: number[] = [];
  let words: Record<string, number[]> = {};
  const finish = (complete: boolean) => {
    if (!cur) return;
    cur.raster = Uint32Array.from(pairs);
    if (words.V) cur.state = { V: Int32Array.from(words.V), r: Int32Array.from(words.r ?? []), Os: Int32Array.from(words.Os ?? []) };
    words = {};
    if (!complete) cur.errors.push('the driver stopped before the end of the tape');
    cur = undefined;
    pairs = [];
  };
  for (const raw of text.split('\n')) {
    const [tag, ...rest] = raw.trim().split(' ');
    if (tag === 'tape') {
      finish(false);
      cur = { name: rest.join(' '), marks: [], raster: new Uint32Array(0), errors: [] };
      out.push(cur);
    } else if (!cur) {
      continue;
    } else if (tag === 'spk') {
      for (const p of rest) {
        const [t, n] = p.split('.');
        pairs.push(parseInt(t!, 16), parseInt(n!, 16));
      }
    } else if (tag === 'state') {
      (words[rest[0]!] ??= []).push(...rest.slice(1).map((h) => parseInt(h, 16) | 0));
    } else if (tag === 'err') {
      cur.errors.push(rest.join(' '));
    } else if (tag === 'mark') {
      const kv = Object.fromEntries(rest.slice(1).map((s) => s.split('=') as [string, string]));
      const cs = (kv.counters ?? '').split(',').map(Number);
      cur.marks.push({
        label: rest[0]!,
        t: Number(kv.t),
        spikeHash: kv.spikeHash!,
        stateHash: kv.stateHash!,
        counters: Object.fromEntries(COUNTER_ORDER.map((n, i) => [n, cs[i]!])) as MarkResult['counters'],
      });
    } else if (tag === 'done') {
      finish(true);
    }
  }
  finish(false);
  return out;
}
