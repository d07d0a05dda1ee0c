// The text every player prints (C replay, firmware, the portable JS player,
// a user's --command runner), and its parser.
import { COUNTER_ORDER, type MarkResult, type TapeResult } from './abi.js';

////   tape <name>
//   spk <t>.<n> <t>.<n> ...        hex, the spikes of one run() call
//   err <message>                  a call returned something other than the recording
//   mark <label> t=<dec> spikeHash=0x.. stateHash=0x.. counters=<7 decimals, comma-separated>
//        [rng=0x.. image=0x..]      (optional: RNG state, image hash)
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
        ...(kv.rng ? { rng: kv.rng } : {}),
        ...(kv.image ? { imageHash: kv.image } : {}),
      });
    } else if (tag === 'done') {
      finish(true);
    }
  }
  finish(false);
  return out;
}
