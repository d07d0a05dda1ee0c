// The tape player in plain JavaScript, for engines that cannot run the
// TypeScript host (SpiderMonkey through gjs, JavaScriptCore through bun): the
// port of targets/replay/replay.c. It needs only WebAssembly's synchronous
// Module/Instance and prints the same lines as the C drivers (parseDriverOutput).
// Imports nothing but tape.ts, which imports nothing: it bundles into one script.
import { ABI, KernelView, OPCODES, TAPE_MAGIC, type MarkResult } from './tape.js';

type Exports = Record<string, unknown> & { memory: WebAssembly.Memory };
const hex = (v: number) => (v >>> 0).toString(16);

export function replayBundle(wasm: Uint8Array, bundle: Uint8Array, print: (line: string) => void): number {
  const module = new WebAssembly.Module(wasm as BufferSource);
  const dv = new DataView(bundle.buffer, bundle.byteOffset, bundle.byteLength);
  let bad = 0;
  for (let at = 0; at + 4 <= bundle.byteLength; ) {
    const n = dv.getUint32(at, true);
    if (n === 0) break;
    bad |= replayTape(module, bundle.subarray(at + 4, at + 4 + n), print);
    at += 4 + n;
  }
  return bad;
}

function replayTape(module: WebAssembly.Module, tape: Uint8Array, print: (line: string) => void): number {
  const dv = new DataView(tape.buffer, tape.byteOffset, tape.byteLength);
  let p = 0;
  const u32 = () => ((p += 4), dv.getUint32(p - 4, true));
  const bytes = (n: number) => { const b = tape.subarray(p, p + n); p += (n + 3) & ~3; return b; };
  if (u32() !== TAPE_MAGIC || u32() !== 1) { print('err not an ebnkit tape (version 1)'); return 1; }
  const name = new TextDecoder().decode(bytes(u32()));
  print(`tape ${name}`);
  const k = new WebAssembly.Instance(module, {}).exports as unknown as Exports;
  const view = new KernelView(k as never);
  const call = (f: string, ...a: number[]) => (k[f] as (...x: number[]) => number)(...a);
  let errors = 0, index = 0;
  const check = (op: string, got: number, want: number) => {
    if (got >>> 0 !== want >>> 0) { errors++; print(`err call #${index} ${op} returned ${got >>> 0}, recorded ${want >>> 0}`); }
  };
  const copyIn = (off: number, src: Uint8Array) => {
    if (off + src.byteLength > k.memory.buffer.byteLength) { errors++; print(`err host write beyond the kernel's memory at ${off}`); return; }
    new Uint8Array(k.memory.buffer, off, src.byteLength).set(src);
  };
  for (;;) {
    const op = u32();
    index++;
    if (op === OPCODES.end) break;
    if (op === OPCODES.reserve) { const n = u32(), want = u32(), img = bytes(n); const at = call('reserve', n); check('reserve', at, want); if (at) copyIn(at, img); }
    else if (op === OPCODES.open) { const s = u32(), c = u32(), want = u32(); check('open', call('open', s, c), want); }
    else if (op === OPCODES.reset) call('reset', u32());
    else if (op === OPCODES.setParam) { const w = u32(), v = u32(), want = u32(); check('setParam', call('setParam', w, v), want); }
    else if (op === OPCODES.setAlive) { const i = u32(), a = u32(), want = u32(); check('setAlive', call('setAlive', i, a), want); }
    else if (op === OPCODES.run) {
      const n = u32(), flags = u32(), want = u32(), cw = u32(), xw = u32();
      const c = bytes(4 * cw), x = bytes(4 * xw);
      if (cw) copyIn(view.ptr(ABI.P_C_IN), c);
      if (xw) copyIn(view.ptr(ABI.P_X_IN), x);
      const t0 = view.status(ABI.S_T);
      const got = call('run', n, flags);
      check('run', got, want);
      if (got > 0) {
        const s = view.spikes(t0);
        for (let q = 0; q < s.length; q += 48) {
          const part: string[] = [];
          for (let i = q; i < Math.min(q + 48, s.length); i += 2) part.push(`${hex(s[i]!)}.${hex(s[i + 1]!)}`);
          print(`spk ${part.join(' ')}`);
        }
      }
    } else if (op === OPCODES.mark) {
      const m: MarkResult = view.mark(new TextDecoder().decode(bytes(u32())));
      print(`mark ${m.label} t=${m.t} spikeHash=${m.spikeHash} stateHash=${m.stateHash} counters=${Object.values(m.counters).join(',')}`);
    } else { errors++; print(`err unknown tape opcode ${op}`); break; }
  }
  const st = view.state();
  for (const [label, w] of [['V', st.V], ['r', st.r], ['Os', st.Os]] as const)
    for (let q = 0; q < w.length; q += 16) print(`state ${label} ${Array.from(w.subarray(q, q + 16), hex).join(' ')}`);
  print(`done ${name}`);
  return errors ? 1 : 0;
}

/** Base64 without atob (gjs has none). */
export function fromBase64(s: string): Uint8Array {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = s.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = (A.indexOf(clean[i]!) << 18) | (A.indexOf(clean[i + 1]!) << 12) | ((A.indexOf(clean[i + 2] ?? 'A') & 63) << 6) | (A.indexOf(clean[i + 3] ?? 'A') & 63);
    out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
