// The portable JavaScript tape player: one function with no outside
// references, so its source text runs unchanged wherever there is a
// WebAssembly JS API — Node (V8), a browser page, SpiderMonkey (gjs),
// JavaScriptCore (bun). It plays the op stream (encode.ts) through the
// kernel's exports and returns the lines targets/replay/replay.c prints
// (driver-output.ts), so every runtime is read by one parser.
//
// The ABI numbers come in as an argument (PLAYER_ABI) for the same reason.
import { ABI } from './abi.js';

export const PLAYER_ABI = {
  H_N: ABI.H_N, H_J: ABI.H_J, H_B: ABI.H_B, H_BYTES: ABI.H_BYTES, H_FLAGS: ABI.H_FLAGS, IMG_LOWRANK: ABI.IMG_LOWRANK,
  P_IMAGE: ABI.P_IMAGE, P_V: ABI.P_V, P_R: ABI.P_R, P_COUNTERS: ABI.P_COUNTERS, P_C_IN: ABI.P_C_IN, P_X_IN: ABI.P_X_IN,
  P_SPIKES_OUT: ABI.P_SPIKES_OUT, P_OS: ABI.P_OS, S_RNG: ABI.S_RNG, S_T: ABI.S_T, S_HASH: ABI.S_HASH, S_SPIKES: ABI.S_SPIKES,
  COUNTERS: ABI.COUNTERS,
};

type Fn = (...a: number[]) => number;
export interface PlayerExports {
  memory: WebAssembly.Memory;
  [k: string]: Fn | WebAssembly.Memory;
}

/** Play one op stream through a fresh kernel instance; returns driver lines. */
export function playTape(kx: PlayerExports, tape: Uint8Array, A: typeof PLAYER_ABI, printState: boolean): string {
  const k = kx as unknown as Record<string, Fn> & { memory: WebAssembly.Memory };
  const out: string[] = [];
  const dv = new DataView(tape.buffer, tape.byteOffset, tape.byteLength);
  let at = 0, bad = false, errors = 0, opIndex = 0;
  const u32 = () => {
    if (at + 4 > tape.length) { bad = true; return 0; }
    const v = dv.getUint32(at, true);
    at += 4;
    return v;
  };
  const bytes = (n: number) => {
    const p = (n + 3) & ~3;
    if (at + p > tape.length) { bad = true; return null; }
    const o = at;
    at += p;
    return tape.subarray(o, o + n);
  };
  const text = (b: Uint8Array | null) => (b ? Array.from(b, (c) => String.fromCharCode(c)).join('') : '');
  const mem = () => new DataView(k.memory.buffer);
  const ptr = (id: number) => k.ptr!(id) >>> 0;
  const status = (id: number) => k.status!(id) >>> 0;
  const hdr = (w: number) => mem().getUint32(ptr(A.P_IMAGE) + 4 * w, true);
  const hex = (v: number, w: number) => (v >>> 0).toString(16).padStart(w, '0');
  const fnv = (h: number, off: number, words: number) => {
    const m = new Uint8Array(k.memory.buffer, off, 4 * words);
    for (let i = 0; i < m.length; i++) h = Math.imul(h ^ m[i]!, 16777619);
    return h >>> 0;
  };
  const rows = () => (hdr(A.H_FLAGS) & A.IMG_LOWRANK ? hdr(A.H_J) : hdr(A.H_N));
  const errRet = (op: string, got: number, want: number) => {
    errors++;
    out.push(`err call #${opIndex} ${op} returned ${got >>> 0}, recorded ${want >>> 0}`);
  };
  const copyIn = (off: number, src: Uint8Array) => {
    if (off + src.length > k.memory.buffer.byteLength) { errors++; out.push(`err host write beyond the kernel's memory at ${off}`); return; }
    new Uint8Array(k.memory.buffer).set(src, off);
  };
  if (u32() !== 0x50544245 || u32() !== 1) return 'err not an ebnkit tape (version 1)\n';
  const name = text(bytes(u32()));
  out.push(`tape ${name}`);
  for (;;) {
    const op = u32();
    if (bad) break;
    opIndex++;
    if (op === 0) break;
    if (op === 1) {
      const n = u32(), want = u32(), img = bytes(n);
      if (!img) break;
      const got = k.reserve!(n) >>> 0;
      if (got !== want) errRet('reserve', got, want);
      if (got) copyIn(got, img);
    } else if (op === 2) {
      const s = u32(), cap = u32(), want = u32();
      const got = k.open!(s, cap);
      if (got >>> 0 !== want) errRet('open', got, want);
    } else if (op === 3) {
      k.reset!(u32());
    } else if (op === 4) {
      const w = u32(), v = u32(), want = u32();
      const got = k.setParam!(w, v);
      if (got >>> 0 !== want) errRet('setParam', got, want);
    } else if (op === 5) {
      const i = u32(), a = u32(), want = u32();
      const got = k.setAlive!(i, a);
      if (got >>> 0 !== want) errRet('setAlive', got, want);
    } else if (op === 6) {
      const n = u32(), flags = u32(), want = u32(), cw = u32(), xw = u32();
      const c = bytes(4 * cw), x = bytes(4 * xw);
      if (bad) break;
      if (cw) copyIn(ptr(A.P_C_IN), c!);
      if (xw) copyIn(ptr(A.P_X_IN), x!);
      const t0 = status(A.S_T);
      const got = k.run!(n, flags);
      if (got >>> 0 !== want) errRet('run', got, want);
      if (got > 0) {
        const ns = status(A.S_SPIKES), sp = ptr(A.P_SPIKES_OUT), m = mem();
        for (let q = 0; q < ns; q += 24) {
          const row: string[] = [];
          for (let i = q; i < Math.min(ns, q + 24); i++) row.push(`${hex(t0 + m.getUint32(sp + 8 * i, true), 1)}.${hex(m.getUint32(sp + 8 * i + 4, true), 1)}`);
          out.push(`spk ${row.join(' ')}`);
        }
      }
    } else if (op === 7) {
      const label = text(bytes(u32()));
      if (bad) break;
      const N = hdr(A.H_N), B = hdr(A.H_B), m = mem(), cp = ptr(A.P_COUNTERS);
      const state = fnv(fnv(fnv(0x811c9dc5, ptr(A.P_V), N), ptr(A.P_R), N), ptr(A.P_OS), rows() * B);
      const counters: string[] = [];
      for (let i = 0; i < A.COUNTERS; i++) counters.push(m.getBigUint64(cp + 8 * i, true).toString());
      out.push(`mark ${label} t=${status(A.S_T)} spikeHash=0x${hex(status(A.S_HASH), 8)} stateHash=0x${hex(state, 8)} ` +
        `counters=${counters.join(',')} rng=0x${hex(status(A.S_RNG), 8)} image=0x${hex(fnv(0x811c9dc5, ptr(A.P_IMAGE), hdr(A.H_BYTES) >>> 2), 8)}`);
    } else if (op === 8) {
      const want = u32();
      const got = k.seal!();
      if (got >>> 0 !== want) errRet('seal', got, want);
    } else {
      out.push(`err unknown tape opcode ${op}`);
      bad = true;
      break;
    }
  }
  if (bad) { errors++; out.push('err truncated or damaged tape'); }
  if (printState) {
    const m = mem(), N = hdr(A.H_N), B = hdr(A.H_B);
    for (const [reg, id, n] of [['V', A.P_V, N], ['r', A.P_R, N], ['Os', A.P_OS, rows() * B]] as const) {
      const p = ptr(id);
      for (let i = 0; i < n; i += 16) {
        const row: string[] = [];
        for (let j = i; j < Math.min(n, i + 16); j++) row.push(hex(m.getUint32(p + 4 * j, true), 1));
        out.push(`state ${reg} ${row.join(' ')}`);
      }
    }
  }
  out.push(`done ${name}`);
  return out.join('\n') + '\n';
}

/**
 * A standalone script for a JS shell: the player's source, the kernel and the
 * op stream as base64, and `print` (gjs, jsc) or console.log (bun, node).
 * Synchronous compilation: shells have no event loop to wait on.
 */
export function playerScript(kernel: Uint8Array, ops: Uint8Array, expected?: string): string {
  const b64 = (b: Uint8Array) => btoa(Array.from(b, (c) => String.fromCharCode(c)).join(''));
  // with `expected` (the player's own lines from a correct engine) the script checks itself:
  // it prints PASS, or FAIL and the first line that differs, and exits 1 where the shell can
  const check = expected === undefined ? 'out(got.trimEnd());' : `const want = ${JSON.stringify(expected.trimEnd().split('\n'))};
const lines = got.trimEnd().split('\\n');
const at = want.findIndex((w, i) => lines[i] !== w);
if (at < 0 && lines.length === want.length) out('PASS ' + want.length + ' lines bit exact');
else {
  const i = at < 0 ? want.length : at;
  out('FAIL at line ' + (i + 1) + '\\n  expected: ' + (want[i] ?? '(end)') + '\\n  got:      ' + (lines[i] ?? '(end)'));
  if (typeof quit === 'function') quit(1); else if (typeof process === 'object') process.exit(1);
}`;
  return `// ebnkit portable tape player: runs in any JS engine with WebAssembly (d8, jsc, js, gjs, bun, node).
const play = ${playTape.toString()};
const bytes = (s) => { const b = atob(s); const u = new Uint8Array(b.length); for (let i = 0; i < b.length; i++) u[i] = b.charCodeAt(i); return u; };
const out = typeof print === 'function' ? print : (s) => console.log(s);
const kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes(${JSON.stringify(b64(kernel))})), {}).exports;
const got = play(kernel, bytes(${JSON.stringify(b64(ops))}), ${JSON.stringify(PLAYER_ABI)}, true);
${check}
`;
}
