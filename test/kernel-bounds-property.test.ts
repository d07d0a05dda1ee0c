// Property (issue 14, deliverable 3): no sequence of exported calls makes the
// kernel write outside its own regions. fast-check draws a network (dims,
// dense or low-rank, policy, number format) and a sequence of open / run /
// reset / setAlive / setParam / seal calls with arguments in and out of range
// (block sizes and spike caps up to 2^31 - 1); every byte of memory is checked
// after every call (test/targets/lib/bounds.ts). Fixed seed; 150 sequences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantiate, kernelModuleSync } from '../src/kernel/module.js';
import { callsArb, imageFor, netArb, runChecked } from './targets/lib/bounds.js';

const SEED = 1405;

describe('kernel bounds property (bit-exact memory comparison after every call)', () => {
  it('150 random networks x call sequences: no byte outside the kernel regions changes, the canary past the layout stays intact', () => {
    let opened = 0;
    fc.assert(
      fc.property(netArb.chain((n) => fc.tuple(fc.constant(n), callsArb(n.N))), ([net, calls]) => {
        const r = runChecked(instantiate(kernelModuleSync()), imageFor(net), calls, 'p');
        opened += r.opened;
        expect(r.violations).toEqual([]);
      }),
      { seed: SEED, numRuns: 150 },
    );
    // the property really exercised accepted layouts, not only refusals
    expect(opened).toBeGreaterThan(100);
  });
  it('the checker itself catches a stray write (a host write past the layout end stands in for a kernel bug)', () => {
    const k = instantiate(kernelModuleSync());
    const image = imageFor({ N: 5, J: 2, K: 3, linear: false, lowrank: false, policy: 'winner', refractory: 0, soft: 0, arbitration: 0, format: 'q24', seed: 1 });
    const realRun = k.run;
    // wrap run() so that it also writes one byte past the spike buffer
    const bad = Object.assign(Object.create(null), k, {
      run: (s: number, f: number) => {
        const ret = realRun(s, f);
        new Uint8Array(k.memory.buffer)[k.ptr(9) + 8 * 20 + 3] = 1;
        return ret;
      },
    });
    const r = runChecked(bad, image, [{ op: 'open', steps: 8, cap: 20 }, { op: 'run', steps: 4, flags: 0 }], 'stray');
    expect(r.violations.join('\n')).toMatch(/run\(4, 0\): byte \d+ changed/);
  });
});
