// The golden records every runtime is held to (test/golden/kernel.json), plus
// the per-step detail that lets a runner name the first differing step and
// neuron (test/golden/kernel-detail.json: each scenario's spike raster and
// final V, r, Os words). The detail is checked against kernel.json on load:
// its raster must hash to the recorded spike hash and its state words to the
// recorded state hash, so it cannot drift from the records unnoticed.
// Regenerate the detail with `npm run targets:golden-detail` after `npm run golden`.
import { readFileSync } from 'node:fs';
import { fromRoot } from './paths.js';
import { fnvWords, type MarkResult, type TapeResult } from './tape.js';
import { decodeRaster, decodeWords, encodeRaster, encodeWords } from '../../../src/tape/raster.js';

export const GOLDEN_JSON = fromRoot('test/golden/kernel.json');
export const DETAIL_JSON = fromRoot('test/golden/kernel-detail.json');

export interface GoldenRecord {
  spikeHash: string;
  stateHash: string;
  spikes: number;
  counters: MarkResult['counters'];
}

export interface GoldenDetail {
  raster: Uint32Array;
  state: { V: Int32Array; r: Int32Array; Os: Int32Array };
}

export interface Golden {
  kernelSha256: string;
  scenarios: Record<string, GoldenRecord>;
  detail: Record<string, GoldenDetail>;
}

const hex = (h: number) => '0x' + (h >>> 0).toString(16).padStart(8, '0');

/** FNV-1a spike hash exactly as the kernel accumulates it: per spike, neuron then step. */
export function rasterHash(raster: Uint32Array): string {
  let h = 0x811c9dc5;
  for (let q = 0; q < raster.length; q += 2) h = fnvWords([raster[q + 1]!, raster[q]!], h);
  return hex(h);
}

export function stateHash(s: GoldenDetail['state']): string {
  return hex(fnvWords(s.Os, fnvWords(s.r, fnvWords(s.V))));
}

interface DetailFile {
  kernelSha256: string;
  note: string;
  scenarios: Record<string, { spikeHash: string; stateHash: string; raster: string; V: string; r: string; Os: string }>;
}

export function encodeDetail(kernelSha256: string, results: TapeResult[]): string {
  const file: DetailFile = {
    kernelSha256,
    note: 'Per-step detail of test/golden/kernel.json (spike rasters, final V/r/Os words), deflated. Regenerate: npm run targets:golden-detail',
    scenarios: {},
  };
  for (const r of results) {
    const m = r.marks.at(-1)!;
    file.scenarios[r.name] = {
      spikeHash: m.spikeHash,
      stateHash: m.stateHash,
      raster: encodeRaster(r.raster),
      V: encodeWords(r.state!.V),
      r: encodeWords(r.state!.r),
      Os: encodeWords(r.state!.Os),
    };
  }
  return JSON.stringify(file, null, 1) + '\n';
}

/** kernel.json plus its verified per-step detail; throws with a fix if they disagree. */
export function loadGolden(): Golden {
  const g = JSON.parse(readFileSync(GOLDEN_JSON, 'utf8')) as Omit<Golden, 'detail'>;
  const d = JSON.parse(readFileSync(DETAIL_JSON, 'utf8')) as DetailFile;
  const detail: Record<string, GoldenDetail> = {};
  const stale: string[] = [];
  for (const [name, rec] of Object.entries(g.scenarios)) {
    const e = d.scenarios[name];
    if (!e) { stale.push(`${name}: missing`); continue; }
    const raster = decodeRaster(e.raster);
    const state = { V: decodeWords(e.V), r: decodeWords(e.r), Os: decodeWords(e.Os) };
    if (rasterHash(raster) !== rec.spikeHash || raster.length / 2 !== rec.spikes) stale.push(`${name}: raster does not hash to ${rec.spikeHash}`);
    if (stateHash(state) !== rec.stateHash) stale.push(`${name}: state words do not hash to ${rec.stateHash}`);
    detail[name] = { raster, state };
  }
  if (stale.length)
    throw new Error(
      `test/golden/kernel-detail.json does not match test/golden/kernel.json (${stale.join('; ')}). ` +
        'After an intended change of the kernel\'s bits, run `npm run golden && npm run targets:golden-detail`.',
    );
  return { ...g, detail };
}
