// Recording a tape: run a scenario with the real KernelExecutor while
// interposing on `WebAssembly.Instance`. Every export call the executor makes
// is logged, with the memory the host wrote before it (the image after
// reserve(), the c/x input blocks before run()), and so is what the kernel
// answered (return values, the spikes of every run, a fingerprint at each
// mark): the recording runtime's result of the scenario.
//
// Browser-safe (the Chromium runner records in the page).
import { ABI, KernelView, type KernelExportsLike as Exports, type MarkResult, type Op, type Tape, type TapeResult } from './abi.js';

type Fn = (...a: number[]) => number;

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
    for (const n of ['constant', 'ptr', 'status']) wrapped[n] = pass(n);
    wrapped.seal = () => {
      const ret = (real.seal as Fn)();
      ops.push({ op: 'seal', ret });
      return ret;
    };
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
