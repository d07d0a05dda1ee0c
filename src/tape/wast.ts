// Tapes for WABT's spectest-interp. The interpreter cannot run a C driver and
// its command language can only invoke exports, so each tape becomes a
// small driver module, written in text here, that imports the kernel's
// exports and memory (the kernel itself goes in unchanged as
// `(module binary ...)`), holds the tape's bytes in a passive data segment
// and replays the calls with memory.init + call. Every segment between two
// marks is one exported function; after it, the script invokes queries
// (status words, the state hash, counters, the logged spikes, final state
// words) whose printed results parseInterpOutput() turns back into a TapeResult.
import { ABI, COUNTER_ORDER, type MarkResult, type Tape, type TapeResult } from './abi.js';

const esc = (b: Uint8Array) => {
  let s = '';
  for (let i = 0; i < b.length; i++) s += '\\' + b[i]!.toString(16).padStart(2, '0');
  return s;
};

/** What the script asks after each segment, in order, so the output can be read back. */
type Query =
  | { q: 'segment'; tape: number; label: string }
  | { q: 't' | 'spikeHash' | 'stateHash' | 'rng' | 'imageHash' | 'bad' | 'nspikes' }
  | { q: 'counter'; i: number }
  | { q: 'spike'; i: number }
  | { q: 'word'; region: 'V' | 'r' | 'Os'; i: number };

export interface Wast {
  text: string;
  queries: Query[];
  names: string[];
}

const DRIVER_FUNCS = `
  (global $log (mut i32) (i32.const 0))
  (global $nlog (mut i32) (i32.const 0))
  (global $bad (mut i32) (i32.const 0))
  (func $check (param $got i32) (param $want i32)
    (if (i32.ne (local.get $got) (local.get $want))
      (then (global.set $bad (i32.add (global.get $bad) (i32.const 1))))))
  (func $push (param $t i32) (param $n i32)
    (local $at i32)
    (if (i32.eqz (global.get $log)) (then
      (global.set $log (i32.shl (memory.size) (i32.const 16)))
      (if (i32.lt_s (memory.grow (i32.shr_u (i32.add (i32.mul (global.get $cap) (i32.const 8)) (i32.const 65535)) (i32.const 16))) (i32.const 0))
        (then (unreachable)))))
    (if (i32.lt_u (global.get $nlog) (global.get $cap)) (then
      (local.set $at (i32.add (global.get $log) (i32.shl (global.get $nlog) (i32.const 3))))
      (i32.store (local.get $at) (local.get $t))
      (i32.store offset=4 (local.get $at) (local.get $n))))
    (global.set $nlog (i32.add (global.get $nlog) (i32.const 1))))
  (func $runop (param $n i32) (param $flags i32) (param $want i32)
    (local $t0 i32) (local $got i32) (local $k i32) (local $cnt i32) (local $sp i32)
    (local.set $t0 (call $status (i32.const ${ABI.S_T})))
    (local.set $got (call $run (local.get $n) (local.get $flags)))
    (call $check (local.get $got) (local.get $want))
    (if (i32.gt_s (local.get $got) (i32.const 0)) (then
      (local.set $cnt (call $status (i32.const ${ABI.S_SPIKES})))
      (local.set $sp (call $ptr (i32.const ${ABI.P_SPIKES_OUT})))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $cnt)))
        (call $push
          (i32.add (local.get $t0) (i32.load (i32.add (local.get $sp) (i32.shl (local.get $k) (i32.const 3)))))
          (i32.load offset=4 (i32.add (local.get $sp) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))))
  (func $fnv (param $h i32) (param $p i32) (param $n i32) (result i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $p))) (i32.const 16777619)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $l)))
    (local.get $h))
  (func (export "stateHash") (result i32)
    (local $img i32) (local $n i32) (local $b i32)
    (local.set $img (call $ptr (i32.const ${ABI.P_IMAGE})))
    (local.set $n (i32.load offset=${4 * ABI.H_N} (local.get $img)))
    (local.set $b (i32.load offset=${4 * ABI.H_B} (local.get $img)))
    (call $fnv
      (call $fnv
        (call $fnv (i32.const 0x811C9DC5) (call $ptr (i32.const ${ABI.P_V})) (local.get $n))
        (call $ptr (i32.const ${ABI.P_R})) (local.get $n))
      (call $ptr (i32.const ${ABI.P_OS}))
      (i32.mul
        (if (result i32) (i32.and (i32.load offset=${4 * ABI.H_FLAGS} (local.get $img)) (i32.const ${ABI.IMG_LOWRANK}))
          (then (i32.load offset=${4 * ABI.H_J} (local.get $img))) (else (local.get $n)))
        (local.get $b))))
  (func (export "imageHash") (result i32)
    (local $img i32)
    (local.set $img (call $ptr (i32.const ${ABI.P_IMAGE})))
    (call $fnv (i32.const 0x811C9DC5) (local.get $img) (i32.shr_u (i32.load offset=${4 * ABI.H_BYTES} (local.get $img)) (i32.const 2))))
  (func (export "counter") (param $c i32) (result i64)
    (i64.load (i32.add (call $ptr (i32.const ${ABI.P_COUNTERS})) (i32.shl (local.get $c) (i32.const 3)))))
  (func (export "word") (param $region i32) (param $i i32) (result i32)
    (i32.load (i32.add (call $ptr (local.get $region)) (i32.shl (local.get $i) (i32.const 2)))))
  (func (export "nspikes") (result i32) (global.get $nlog))
  (func (export "bad") (result i32) (global.get $bad))
  (func (export "spike") (param $q i32) (result i64)
    (if (result i64) (i32.and (i32.lt_u (local.get $q) (global.get $nlog)) (i32.lt_u (local.get $q) (global.get $cap)))
      (then (i64.load (i32.add (global.get $log) (i32.shl (local.get $q) (i32.const 3)))))
      (else (i64.const -1))))`;

const IMPORTS: [string, string][] = [
  ['reserve', '(param i32) (result i32)'],
  ['open', '(param i32 i32) (result i32)'],
  ['reset', '(param i32)'],
  ['run', '(param i32 i32) (result i32)'],
  ['ptr', '(param i32) (result i32)'],
  ['status', '(param i32) (result i32)'],
  ['setParam', '(param i32 i32) (result i32)'],
  ['setAlive', '(param i32 i32) (result i32)'],
  ['seal', '(result i32)'],
];

/**
 * One .wast for several tapes. `expectSpikes[i]` is how many spikes the
 * reference run of tape i had: the script reads back that many + 1, which is
 * enough to find the first difference. `state` adds the final V, r, Os words.
 */
export function tapesToWast(kernel: Uint8Array, tapes: Tape[], expectSpikes: number[], o: { state?: boolean; expect?: TapeResult[] } = {}): Wast {
  const out: string[] = [];
  const queries: Query[] = [];
  tapes.forEach((tape, ti) => {
    // with o.expect, every query is an assert_return of the recorded value: the script checks itself
    const want = o.expect?.[ti];
    const q0 = queries.length;
    let qi = q0;
    const check = (inv: string) => {
      const v = want ? expectedValue(want, queries, q0, qi++) : undefined;
      return v === undefined ? inv : `(assert_return ${inv} ${v})`;
    };
    const k = `$k${ti}`, d = `$d${ti}`, reg = `k${ti}`;
    out.push(`(module ${k} binary "${esc(kernel)}")`, `(register "${reg}" ${k})`);
    const data: Uint8Array[] = [];
    let size = 0;
    const put = (b: Uint8Array) => {
      const off = size;
      data.push(b);
      size += b.length;
      return off;
    };
    const bytes = (w: Int32Array) => new Uint8Array(w.buffer, w.byteOffset, w.byteLength);
    const segs: { label: string; body: string[] }[] = [];
    let body: string[] = [];
    let N = 0, B = 0, rows = 0;
    for (const op of tape.ops) {
      switch (op.op) {
        case 'reserve': {
          const off = put(op.image);
          const dv = new DataView(op.image.buffer, op.image.byteOffset, op.image.byteLength);
          if (op.ret !== 0 && op.image.length >= 4 * (ABI.H_FLAGS + 1)) { // the dims of the last image placed
            N = dv.getUint32(4 * ABI.H_N, true);
            B = dv.getUint32(4 * ABI.H_B, true);
            rows = dv.getUint32(4 * ABI.H_FLAGS, true) & ABI.IMG_LOWRANK ? dv.getUint32(4 * ABI.H_J, true) : N;
          }
          body.push(
            `(call $check (local.tee $at (call $reserve (i32.const ${op.bytes}))) (i32.const ${op.ret}))`,
            `(if (local.get $at) (then (memory.init $tape (local.get $at) (i32.const ${off}) (i32.const ${op.image.length}))))`,
          );
          break;
        }
        case 'open':
          body.push(`(call $check (call $open (i32.const ${op.steps}) (i32.const ${op.cap})) (i32.const ${op.ret}))`);
          break;
        case 'reset':
          body.push(`(call $reset (i32.const ${op.seed | 0}))`);
          break;
        case 'setParam':
          body.push(`(call $check (call $setParam (i32.const ${op.word}) (i32.const ${op.value | 0})) (i32.const ${op.ret}))`);
          break;
        case 'setAlive':
          body.push(`(call $check (call $setAlive (i32.const ${op.i}) (i32.const ${op.alive})) (i32.const ${op.ret}))`);
          break;
        case 'run':
          if (op.c) body.push(`(memory.init $tape (call $ptr (i32.const ${ABI.P_C_IN})) (i32.const ${put(bytes(op.c))}) (i32.const ${op.c.byteLength}))`);
          if (op.x) body.push(`(memory.init $tape (call $ptr (i32.const ${ABI.P_X_IN})) (i32.const ${put(bytes(op.x))}) (i32.const ${op.x.byteLength}))`);
          body.push(`(call $runop (i32.const ${op.steps}) (i32.const ${op.flags}) (i32.const ${op.ret}))`);
          break;
        case 'seal':
          body.push(`(call $check (call $seal) (i32.const ${op.ret | 0}))`);
          break;
        case 'mark':
          segs.push({ label: op.label, body });
          body = [];
          break;
      }
    }
    const blob = new Uint8Array(size);
    let at = 0;
    for (const b of data) { blob.set(b, at); at += b.length; }
    out.push(
      `(module ${d}`,
      `  (import "${reg}" "memory" (memory 1))`,
      ...IMPORTS.map(([n, sig]) => `  (import "${reg}" "${n}" (func $${n} ${sig}))`),
      `  (global $cap i32 (i32.const ${expectSpikes[ti]! + 1}))`,
      `  (data $tape "${esc(blob)}")`,
      DRIVER_FUNCS,
      ...segs.map((s, i) => `  (func (export "seg${i}") (local $at i32)\n    ${s.body.join('\n    ')})`),
      `)`,
    );
    segs.forEach((s, i) => {
      queries.push({ q: 'segment', tape: ti, label: s.label });
      out.push(`(invoke ${d} "seg${i}")`);
      queries.push({ q: 't' }, { q: 'spikeHash' }, { q: 'stateHash' }, { q: 'rng' }, { q: 'imageHash' });
      qi++; // the segment
      out.push(check(`(invoke ${k} "status" (i32.const ${ABI.S_T}))`), check(`(invoke ${k} "status" (i32.const ${ABI.S_HASH}))`), check(`(invoke ${d} "stateHash")`),
        check(`(invoke ${k} "status" (i32.const ${ABI.S_RNG}))`), check(`(invoke ${d} "imageHash")`));
      COUNTER_ORDER.forEach((_, c) => {
        queries.push({ q: 'counter', i: c });
        out.push(check(`(invoke ${d} "counter" (i32.const ${c}))`));
      });
    });
    queries.push({ q: 'bad' }, { q: 'nspikes' });
    out.push(check(`(invoke ${d} "bad")`), check(`(invoke ${d} "nspikes")`));
    for (let q = 0; q <= expectSpikes[ti]!; q++) {
      queries.push({ q: 'spike', i: q });
      out.push(check(`(invoke ${d} "spike" (i32.const ${q}))`));
    }
    if (o.state)
      for (const [region, id, n] of [['V', ABI.P_V, N], ['r', ABI.P_R, N], ['Os', ABI.P_OS, rows * B]] as const)
        for (let i = 0; i < n; i++) {
          queries.push({ q: 'word', region, i });
          out.push(check(`(invoke ${d} "word" (i32.const ${id}) (i32.const ${i}))`));
        }
  });
  return { text: out.join('\n') + '\n', queries, names: tapes.map((t) => t.name) };
}

/** The recorded value of query `qi` as a WAT constant (for assert_return). */
function expectedValue(want: TapeResult, queries: Query[], q0: number, qi: number): string | undefined {
  const q = queries[qi]!;
  let mark = -1;
  for (let i = q0; i <= qi; i++) if (queries[i]!.q === 'segment') mark++;
  const m = want.marks[mark];
  const i32 = (v: number | string | undefined) => (v === undefined ? undefined : `(i32.const 0x${(Number(v) >>> 0).toString(16)})`);
  switch (q.q) {
    case 'segment': return undefined;
    case 't': return i32(m?.t);
    case 'spikeHash': return i32(m?.spikeHash);
    case 'stateHash': return i32(m?.stateHash);
    case 'rng': return i32(m?.rng);
    case 'imageHash': return i32(m?.imageHash);
    case 'counter': return m ? `(i64.const ${m.counters[COUNTER_ORDER[q.i]!]})` : undefined;
    case 'bad': return i32(0);
    case 'nspikes': return i32(want.raster.length / 2);
    case 'spike': {
      if (2 * q.i >= want.raster.length) return '(i64.const -1)';
      return `(i64.const 0x${((BigInt(want.raster[2 * q.i + 1]!) << 32n) | BigInt(want.raster[2 * q.i]!)).toString(16)})`;
    }
    case 'word': return i32(want.state?.[q.region][q.i]);
  }
}

const hex = (h: bigint) => '0x' + h.toString(16).padStart(8, '0');

/** spectest-interp prints one line per invoke: `name(args) => i32:v` (unsigned decimal). */
export function parseInterpOutput(w: Wast, stdout: string): TapeResult[] {
  // exactly one result line per invoke, also when it traps ("=> error: ...")
  const lines = stdout.split('\n').filter((l) => /^[\w$]+\(.*\) =>/.test(l));
  const results: TapeResult[] = [];
  let cur: TapeResult | undefined;
  let mark: Omit<Partial<MarkResult>, 'counters'> & { counters?: Record<string, number> } = {};
  let pairs: number[] = [];
  let words: Record<string, number[]> = {};
  let spikesLogged = 0;
  const close = () => {
    if (!cur) return;
    cur.raster = Uint32Array.from(pairs);
    if (words.V) cur.state = { V: Int32Array.from(words.V), r: Int32Array.from(words.r ?? []), Os: Int32Array.from(words.Os ?? []) };
  };
  for (let i = 0; i < w.queries.length; i++) {
    const q = w.queries[i]!;
    if (q.q === 'segment' && (!cur || results.indexOf(cur) !== q.tape)) {
      close();
      cur = { name: w.names[q.tape]!, marks: [], raster: new Uint32Array(0), errors: [] };
      results.push(cur);
      pairs = [];
      words = {};
    }
    const line = lines[i];
    const m = line ? / =>(?: (i32|i64):(\d+))?\s*$/.exec(line) : null;
    if (!m) {
      cur!.errors.push(`spectest-interp: ${line ?? 'no output'} (query ${q.q})`);
      continue;
    }
    const v = m[2] !== undefined ? BigInt(m[2]) : 0n;
    switch (q.q) {
      case 'segment':
        mark = { label: q.label, counters: {} };
        break;
      case 't': mark.t = Number(v); break;
      case 'spikeHash': mark.spikeHash = hex(v); break;
      case 'stateHash': mark.stateHash = hex(v); break;
      case 'rng': mark.rng = hex(v); break;
      case 'imageHash': mark.imageHash = hex(v); break;
      case 'counter':
        mark.counters![COUNTER_ORDER[q.i]!] = Number(v);
        if (q.i === COUNTER_ORDER.length - 1) cur!.marks.push(mark as unknown as MarkResult);
        break;
      case 'bad': if (v !== 0n) cur!.errors.push(`${v} call(s) returned something other than the recording`); break;
      case 'nspikes': spikesLogged = Number(v); break;
      case 'spike':
        if (q.i < spikesLogged && v !== 0xffffffffffffffffn) pairs.push(Number(v & 0xffffffffn), Number(v >> 32n));
        break;
      case 'word': (words[q.region] ??= []).push(Number(BigInt.asIntN(32, v))); break;
    }
  }
  close();
  return results;
}
