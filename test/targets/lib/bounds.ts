// Random call sequences against the kernel's exports, executed with a write
// checker (issue 14, deliverable 3). After every call the whole linear memory
// is compared with a shadow copy in which only the kernel's own writable
// regions may change:
//   - state and I/O: [V, end of the spike buffer)  (end = ptr(SPIKES_OUT) + 8 cap)
//   - the learned weights inside the image: [ptr(OS), ptr(V) - 4 * 257)
//   - header words CHECKSUM (seal) and KDT, LR, NOISE (setParam)
// Everything else (static data, the rest of the image, and a 0xA5 canary
// written over all memory past the layout's end) must stay bit for bit.
// The executed sequence is also returned as an ABI tape, so the same calls can
// be replayed in the unchecked wasm2c build on a Cortex-M (test/targets/bounds-qemu.test.ts).
import fc from 'fast-check';
import { H, LUT_SEGMENTS, PTR } from '../../../src/formats.js';
import type { KernelExports } from '../../../src/kernel/module.js';
import { quantize } from '../../../src/quantize.js';
import { createNetwork } from '../../../src/spec.js';
import type { Op, Tape } from './tape.js';

export interface Net { N: number; J: number; K: number; linear: boolean; lowrank: boolean; policy: 'winner' | 'all' | 'parallel'; refractory: number; soft: number; arbitration: number; format: string; seed: number }
export type Call =
  | { op: 'open'; steps: number; cap: number }
  | { op: 'run'; steps: number; flags: number }
  | { op: 'reset'; seed: number }
  | { op: 'setAlive'; i: number; alive: number }
  | { op: 'setParam'; word: number; value: number }
  | { op: 'seal' };

/** Block sizes: small ones that fit, and ones whose I/O blocks alone pass 4 GiB (refused without growing memory). */
const stepsArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -2, max: 48 }) }, { weight: 1, arbitrary: fc.integer({ min: 2 ** 29, max: 2 ** 31 - 1 }) });
const capArb = (N: number) =>
  fc.oneof({ weight: 4, arbitrary: fc.integer({ min: N - 2, max: N + 300 }) }, { weight: 1, arbitrary: fc.integer({ min: 2 ** 29, max: 2 ** 31 - 1 }) });

export const netArb: fc.Arbitrary<Net> = fc.record({
  N: fc.integer({ min: 1, max: 40 }),
  J: fc.integer({ min: 1, max: 4 }),
  K: fc.integer({ min: 0, max: 12 }),
  linear: fc.boolean(),
  lowrank: fc.boolean(),
  policy: fc.constantFrom('winner' as const, 'all' as const, 'parallel' as const),
  refractory: fc.integer({ min: 0, max: 3 }),
  soft: fc.constantFrom(0, 4, 16),
  arbitration: fc.integer({ min: 0, max: 8 }),
  format: fc.constantFrom('q24', 'w16', 'loihi', 'xylo'),
  seed: fc.integer({ min: 1, max: 1000 }),
}).filter((n) => n.K + (n.linear ? n.J : 0) > 0)
  // a low-rank image needs decoders that span the state space (D^T D invertible)
  .map((n) => ({ ...n, lowrank: n.lowrank && n.N >= 2 * n.J }));

/** Sequences that start with open(); `seal` is left out when the sequence must replay from a tape (tapes carry no seal). */
export function callsArb(N: number, withSeal = true): fc.Arbitrary<Call[]> {
  const call: fc.Arbitrary<Call> = fc.oneof(
    { weight: 1, arbitrary: fc.record({ op: fc.constant('open' as const), steps: stepsArb, cap: capArb(N) }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constant('run' as const), steps: fc.integer({ min: -3, max: 60 }), flags: fc.integer({ min: 0, max: 31 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('reset' as const), seed: fc.integer({ min: 0, max: 0xffffffff }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('setAlive' as const), i: fc.integer({ min: -3, max: N + 3 }), alive: fc.integer({ min: 0, max: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('setParam' as const), word: fc.integer({ min: -2, max: 40 }), value: fc.integer({ min: 0, max: 0xffffffff }) }) },
    ...(withSeal ? [{ weight: 1, arbitrary: fc.constant({ op: 'seal' as const }) }] : []),
  );
  return fc.tuple(fc.record({ op: fc.constant('open' as const), steps: stepsArb, cap: capArb(N) }), fc.array(call, { maxLength: 14 })).map(([o, rest]) => [o, ...rest]);
}

export function imageFor(n: Net): Uint8Array {
  const spec = createNetwork({ neurons: n.N, dims: n.J, dendrites: n.K, linear: n.linear, policy: n.policy, ...(n.policy === 'parallel' ? { chip: { refractory: n.refractory, soft: n.soft, arbitration: Math.min(n.arbitration, n.N) } } : {}), seed: n.seed, noise: 0.01 });
  // nonzero slow weights so that learning and the slow path really move numbers
  spec.Os = spec.Os.map((_, i) => Math.sin(i * 1.7) * 0.05);
  return quantize(spec, n.format, { mode: n.lowrank ? 'lowrank' : 'dense' }).image;
}

/** Deterministic input words for a run (Q7.24 in about [-2, 2]). */
function inputs(len: number, salt: number): Int32Array {
  const w = new Int32Array(len);
  let s = (salt * 2654435761) >>> 0 || 1;
  for (let i = 0; i < len; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    w[i] = ((s & 0x3ffffff) - 0x2000000) | 0;
  }
  return w;
}

export interface Checked { violations: string[]; tape: Tape; opened: number }

/** Execute `calls` on a fresh kernel instance, checking every byte of memory after each call. */
export function runChecked(k: KernelExports, image: Uint8Array, calls: Call[], name: string): Checked {
  const violations: string[] = [];
  const ops: Op[] = [];
  const at = k.reserve(image.byteLength);
  if (at === 0) return { violations: ['reserve refused a small image'], tape: { name, ops }, opened: 0 };
  new Uint8Array(k.memory.buffer, at, image.byteLength).set(image);
  ops.push({ op: 'reserve', bytes: image.byteLength, ret: at, image });
  let shadow = new Uint8Array(k.memory.buffer).slice();
  let loaded = false, block = 0, cap = 0, opened = 0, J = 0;
  let writable: [number, number][] = [];
  const hdr = (w: number): [number, number] => [at + 4 * w, at + 4 * w + 4];
  const headerWritable = [hdr(H.CHECKSUM), hdr(H.KDT), hdr(H.LR), hdr(H.NOISE)];

  const check = (what: string) => {
    const mem = new Uint8Array(k.memory.buffer);
    if (mem.length > shadow.length) { const s = new Uint8Array(mem.length); s.set(shadow); shadow = s; }
    for (const [a, b] of [...writable, ...headerWritable]) shadow.set(mem.subarray(a, b), a);
    for (let i = 0; i < mem.length; i++) {
      if (mem[i] !== shadow[i]) {
        violations.push(`${what}: byte ${i} changed (0x${shadow[i]!.toString(16)} -> 0x${mem[i]!.toString(16)}) outside the kernel's regions`);
        shadow = mem.slice();
        return;
      }
    }
  };

  for (const c of calls) {
    switch (c.op) {
      case 'open': {
        const ret = k.open(c.steps, c.cap);
        ops.push({ op: 'open', steps: c.steps, cap: c.cap, ret });
        loaded = ret === 0;
        writable = [];
        if (loaded) {
          opened++;
          block = c.steps; cap = c.cap;
          J = new Int32Array(k.memory.buffer, at, 8)[H.J]!;
          const pV = k.ptr(PTR.V), pOs = k.ptr(PTR.OS), end = k.ptr(PTR.SPIKES_OUT) + 8 * cap;
          const ordered = [PTR.IMAGE, PTR.OS, PTR.V, PTR.R, PTR.ALIVE, PTR.STATUS, PTR.COUNTERS, PTR.C_IN, PTR.X_IN, PTR.XHAT_OUT, PTR.SPIKES_OUT].map((p) => k.ptr(p) >>> 0);
          for (let q = 1; q < ordered.length; q++) if (!(ordered[q]! > ordered[q - 1]!)) violations.push(`open(${c.steps}, ${c.cap}): region #${q} at ${ordered[q]} is not after #${q - 1} at ${ordered[q - 1]}`);
          if (end > k.memory.buffer.byteLength) violations.push(`open(${c.steps}, ${c.cap}): layout ends at ${end}, past memory (${k.memory.buffer.byteLength})`);
          writable = [[pV, end], [pOs, pV - 4 * (LUT_SEGMENTS + 1)]];
          check(`open(${c.steps}, ${c.cap})`);
          // canary: every byte past the layout's end
          const mem = new Uint8Array(k.memory.buffer);
          if (end < mem.length) { mem.fill(0xa5, end); if (shadow.length < mem.length) { const s = new Uint8Array(mem.length); s.set(shadow); shadow = s; } shadow.fill(0xa5, end); }
        } else {
          check(`refused open(${c.steps}, ${c.cap}) = ${ret}`);
          if (k.run(1, 0) !== -7) violations.push(`run after refused open(${c.steps}, ${c.cap}) did not return E_STATE`);
          ops.push({ op: 'run', steps: 1, flags: 0, ret: -7 });
          check('run after a refused open');
        }
        break;
      }
      case 'run': {
        let cw: Int32Array | undefined, xw: Int32Array | undefined;
        if (loaded && c.steps > 0 && c.steps <= block) {
          // the host fills its input blocks (allowed: they are kernel regions)
          cw = inputs(c.steps * J, ops.length); xw = inputs(c.steps * J, ops.length + 7);
          new Int32Array(k.memory.buffer, k.ptr(PTR.C_IN), cw.length).set(cw);
          new Int32Array(k.memory.buffer, k.ptr(PTR.X_IN), xw.length).set(xw);
        }
        const ret = k.run(c.steps, c.flags);
        ops.push({ op: 'run', steps: c.steps, flags: c.flags, ret, ...(cw ? { c: cw, x: xw } : {}) });
        if (loaded && ret >= 0) {
          const ns = k.status(3) >>> 0;
          if (ns > cap) violations.push(`run wrote ${ns} spikes into a buffer of ${cap}`);
        }
        check(`run(${c.steps}, ${c.flags})`);
        break;
      }
      case 'reset': k.reset(c.seed); ops.push({ op: 'reset', seed: c.seed }); check(`reset(${c.seed})`); break;
      case 'setAlive': { const ret = k.setAlive(c.i, c.alive); ops.push({ op: 'setAlive', i: c.i, alive: c.alive, ret }); check(`setAlive(${c.i}, ${c.alive})`); break; }
      case 'setParam': { const ret = k.setParam(c.word, c.value); ops.push({ op: 'setParam', word: c.word, value: c.value, ret }); check(`setParam(${c.word}, ${c.value})`); break; }
      case 'seal': k.seal(); check('seal()'); break;
    }
  }
  return { violations, tape: { name, ops }, opened };
}
