// One comparison for every runtime: a result against an expected one (a
// golden record or a tape's recorded result), and on a mismatch the first
// differing step and neuron from the spike rasters, or the first differing
// checkpoint and field.
import { COUNTER_ORDER, type MarkResult, type TapeResult } from './abi.js';

/** The expected fingerprint of a run (a golden record, or a tape's checkpoint). */
export type Expected = Pick<MarkResult, 'spikeHash' | 'stateHash' | 'counters' | 'rng' | 'imageHash'>;
/** The expected spikes and final state words of a run. */
export interface ExpectedDetail {
  raster: Uint32Array;
  state: { V: Int32Array; r: Int32Array; Os: Int32Array };
}

/** Spikes of `raster` at `step`, starting the scan at pair index q. */
function neuronsAt(raster: Uint32Array, q: number, step: number): number[] {
  const out: number[] = [];
  for (let i = q; i < raster.length && raster[i]! <= step; i += 2) if (raster[i] === step) out.push(raster[i + 1]!);
  return out;
}

export interface RasterDiff {
  /** First step (since reset) whose spikes differ. */
  step: number;
  /** First neuron that fired in one raster and not the other at that step (or fired in a different order). */
  neuron: number;
  want: number[];
  got: number[];
  /** Index of the first differing spike. */
  spike: number;
}

/** Walk two rasters of [step, neuron] pairs in kernel order; null if identical. */
export function firstRasterDiff(want: Uint32Array, got: Uint32Array): RasterDiff | null {
  const n = Math.max(want.length, got.length);
  for (let q = 0; q < n; q += 2) {
    if (q < want.length && q < got.length && want[q] === got[q] && want[q + 1] === got[q + 1]) continue;
    const ws = q < want.length ? want[q]! : Infinity;
    const gs = q < got.length ? got[q]! : Infinity;
    const step = Math.min(ws, gs);
    const w = neuronsAt(want, q, step), g = neuronsAt(got, q, step);
    const only = [...w.filter((i) => !g.includes(i)), ...g.filter((i) => !w.includes(i))];
    return { step, neuron: only.length ? Math.min(...only) : w[0] ?? g[0]!, want: w, got: g, spike: q / 2 };
  }
  return null;
}

export function describeRasterDiff(d: RasterDiff, runtime: string): string {
  const list = (a: number[]) => (a.length ? `[${a.join(', ')}]` : 'nothing');
  return `first differing step ${d.step}, neuron ${d.neuron} (golden fired ${list(d.want)}, ${runtime} fired ${list(d.got)}; spike #${d.spike})`;
}

/** Name the first differing V / r / Os word of two final states. */
export function firstStateDiff(want: ExpectedDetail['state'], got: NonNullable<TapeResult['state']>): string | null {
  const N = want.V.length, B = want.Os.length / Math.max(1, N);
  for (const [k, a, b] of [['V', want.V, got.V], ['r', want.r, got.r], ['Os', want.Os, got.Os]] as const) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] === b[i]) continue;
      const at = k === 'Os' ? `Os[${Math.floor(i / B)}][${i % B}]` : `${k}[${i}]`;
      return `final state differs first at ${at}: golden ${a[i]}, got ${b[i]} (Q7.24 words)`;
    }
  }
  return null;
}

/** Compare a mark with a record: hashes and counters. */
export function compareMark(want: Expected, got: MarkResult | undefined, ref = 'golden'): string[] {
  if (!got) return ['no result (the runtime produced no mark)'];
  const bad: string[] = [];
  if (got.spikeHash !== want.spikeHash) bad.push(`spike hash ${got.spikeHash} != ${ref} ${want.spikeHash}`);
  if (got.stateHash !== want.stateHash) bad.push(`state hash ${got.stateHash} != ${ref} ${want.stateHash}`);
  // RNG state and image hash: compared when both sides report them (older players do not)
  if (want.rng && got.rng && got.rng !== want.rng) bad.push(`RNG state ${got.rng} != ${ref} ${want.rng}`);
  if (want.imageHash && got.imageHash && got.imageHash !== want.imageHash) bad.push(`image hash ${got.imageHash} != ${ref} ${want.imageHash}`);
  for (const c of COUNTER_ORDER)
    if (got.counters[c] !== want.counters[c]) bad.push(`counter ${c} ${got.counters[c]} != ${ref} ${want.counters[c]}`);
  return bad;
}

/**
 * Everything wrong with `got` against a golden scenario; empty when it is bit
 * exact. The first entry names the first differing step and neuron.
 */
export function compareGolden(
  runtime: string,
  name: string,
  want: Expected,
  detail: ExpectedDetail,
  got: TapeResult | undefined,
): string[] {
  if (!got) return [`${runtime} ${name}: no result`];
  const bad = [...got.errors, ...compareMark(want, got.marks.at(-1))];
  const d = firstRasterDiff(detail.raster, got.raster);
  if (d) bad.unshift(describeRasterDiff(d, runtime));
  else if (bad.length && got.state) {
    const s = firstStateDiff(detail.state, got.state);
    bad.unshift(`spike rasters identical (${detail.raster.length / 2} spikes)` + (s ? `; ${s}` : ''));
  }
  return bad.map((b) => `${runtime} ${name}: ${b}`);
}

/**
 * Compare two results mark by mark (e.g. a runtime against the recorded run
 * of the same tape). The first entry names the first difference: the first
 * differing step and neuron of the spike rasters, or else the first
 * checkpoint (step) and field, and the first differing final state word.
 */
export function compareResults(runtime: string, want: TapeResult, got: TapeResult | undefined, ref = 'node'): string[] {
  if (!got) return [`${runtime} ${want.name}: no result`];
  const bad = [...got.errors];
  if (got.marks.length !== want.marks.length) bad.push(`${got.marks.length} checkpoint(s) reported, ${want.marks.length} expected (${ref})`);
  for (let i = 0; i < want.marks.length; i++) {
    const w = want.marks[i]!, g = got.marks[i];
    for (const b of compareMark(w, g, ref)) bad.push(`at checkpoint '${w.label}' (step ${w.t}): ${b}`);
  }
  const d = firstRasterDiff(want.raster, got.raster);
  if (d) bad.unshift(describeRasterDiff(d, runtime).replace('golden', ref));
  else if (bad.length && want.state && got.state) {
    const s = firstStateDiff(want.state, got.state);
    if (s) bad.splice(got.errors.length, 0, s.replace('golden', ref));
  }
  return bad.map((b) => `${runtime} ${want.name}: ${b}`);
}
