// The Cortex-M cycle weighting of bench/lib/cortexm-cycles.ts on a hand-made
// instruction mix (every expected number worked out by hand below, from the
// TRM timings stated in that file), and its objdump parser on real lines of
// an arm-none-eabi-objdump -d listing of the Van der Pol firmware.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseOf, classify, cycles, parseObjdump, type Run } from '../bench/lib/cortexm-cycles.js';
import { parseLog } from '../bench/lib/qemu-trace.js';

let at = 0x1000;
const I = (mnemonic: string, operands: string, size = 2) => { const i = classify(at, size, mnemonic, operands); at += size; return i; };

// Run A, executed 10 times, its last instruction (bne) taken:
//                                  M3 [min, typ, max]     M4 [min, typ, max]
//   ldr   r0, [r1]                 [2, 2, 2]              [2, 2, 2]   (no load/store before it)
//   ldr   r2, [r1, #4]             [1, 1, 2]              [1, 1, 2]   (pipelined behind a load)
//   umlal r0, r2, r3, r4           [4, 5.5, 7]            [1, 1, 1]
//   str   r0, [r1]                 [1, 1, 2]              [1, 1, 2]   (immediate offset)
//   str.w r0, [r3, r1, lsl #2]     [1, 2, 2]              [1, 2, 2]   (register offset)
//   bne.n (taken)                  [2, 3, 4]              [2, 3, 4]   (1 + P, P = 1, 2, 3)
//   sum                            [11, 14.5, 19]         [8, 10, 13]     x 10 = [110, 145, 190] / [80, 100, 130]
const runA: Run = {
  count: 10, lastTaken: true,
  insns: [I('ldr', 'r0, [r1]'), I('ldr', 'r2, [r1, #4]'), I('umlal', 'r0, r2, r3, r4', 4), I('str', 'r0, [r1]'), I('str.w', 'r0, [r3, r1, lsl #2]', 4), I('bne.n', '1000 <x>')],
};
// Run B, 5 times, its last instruction (cbz) not taken:
//   push  {r4, r5, r6, lr}         [5, 5, 5]              [5, 5, 5]   (1 + N, N = 4)
//   smull r0, r1, r2, r3           [3, 4, 5]              [1, 1, 1]
//   itt   cs                       [0, 1, 1]              [0, 1, 1]   (0 when folded)
//   mla   r0, r1, r2, r0           [2, 2, 2]              [1, 1, 1]
//   cbz   r5 (not taken)           [1, 1, 1]              [1, 1, 1]
//   sum                            [11, 13, 14]           [8, 9, 9]       x 5 = [55, 65, 70] / [40, 45, 45]
const runB: Run = {
  count: 5, lastTaken: false,
  insns: [I('push', '{r4, r5, r6, lr}'), I('smull', 'r0, r1, r2, r3', 4), I('itt', 'cs'), I('mla', 'r0, r1, r2, r0', 4), I('cbz', 'r5, 1040 <y>')],
};
// Run C, twice, ending in a return:
//   adds  r5, #7                   [1, 1, 1]
//   pop   {r4, r5, r6, pc}         [6, 7, 8]              (1 + N + P, N = 4)
//   sum                            [7, 8, 9]              x 2 = [14, 16, 18] on both cores
const runC: Run = { count: 2, lastTaken: true, insns: [I('adds', 'r5, #7'), I('pop', '{r4, r5, r6, pc}')] };

describe('Cortex-M cycle weighting (TRM timings)', () => {
  it('Cortex-M3: [110 + 55 + 14, 145 + 65 + 16, 190 + 70 + 18] cycles for 6 x 10 + 5 x 5 + 2 x 2 = 89 instructions', () => {
    const e = cycles([runA, runB, runC], 'm3');
    expect(e.instructions).toBe(89);
    expect(e.cycles).toEqual([179, 226, 278]);
    expect(e.byClass).toMatchObject({ load: 20, mlal: 10, store: 20, branch: 15, storemultiple: 5, mull: 5, it: 5, mla: 5, alu: 2, loadmultiple: 2 });
  });

  it('Cortex-M4: single-cycle multiplies, the same loads and branches: [80 + 40 + 14, 100 + 45 + 16, 130 + 45 + 18]', () => {
    expect(cycles([runA, runB, runC], 'm4').cycles).toEqual([134, 161, 193]);
  });

  it('a not-taken conditional branch costs 1, an unconditional one always 1 + P', () => {
    const one = (m: string, ops: string, taken: boolean) => cycles([{ count: 1, lastTaken: taken, insns: [I(m, ops)] }], 'm3').cycles;
    expect(one('beq.n', '10 <a>', false)).toEqual([1, 1, 1]);
    expect(one('beq.n', '10 <a>', true)).toEqual([2, 3, 4]);
    expect(one('b.n', '10 <a>', false)).toEqual([2, 3, 4]);
    expect(one('bx', 'lr', false)).toEqual([2, 3, 4]);
    expect(one('udiv', 'r0, r1, r2', false)).toEqual([2, 7, 12]);
  });
});

describe('mnemonics and the objdump parser', () => {
  it('splits conditions and flag-setting suffixes without confusing BL with B + LS', () => {
    expect(baseOf('bls.n')).toEqual({ base: 'b', cond: true });
    expect(baseOf('blt')).toEqual({ base: 'b', cond: true });
    expect(baseOf('bl')).toEqual({ base: 'bl', cond: false });
    expect(baseOf('adds')).toEqual({ base: 'add', cond: false });
    expect(baseOf('movne')).toEqual({ base: 'mov', cond: true });
    expect(baseOf('ldrsh.w')).toEqual({ base: 'ldrsh', cond: false });
    expect(baseOf('mls')).toEqual({ base: 'mls', cond: false });
    expect(baseOf('itet')).toEqual({ base: 'it', cond: false });
  });

  it('reads real lines of arm-none-eabi-objdump -d (Van der Pol firmware, -O2 unchecked, Cortex-M3)', () => {
    const listing = [
      '00001684 <Z_kernelZ_run>:',
      '      42:\tb508      \tpush\t{r3, lr}',
      '      44:\tf003 fe9e \tbl\t3d84 <raise>',
      '     288:\t20000598 \t.word\t0x20000598',
      '     5ac:\tfbe1 200c \tumlal\tr2, r0, r1, ip',
      '     95c:\tbd70      \tpop\t{r4, r5, r6, pc}',
      '    1626:\tfb89 3009 \tsmull\tr3, r0, r9, r9',
      '    1cb2:\tf8db 0024 \tldr.w\tr0, [fp, #36]\t@ 0x24',
      '    279a:\tf843 0021 \tstr.w\tr0, [r3, r1, lsl #2]',
      '    31ee:\td908      \tbls.n\t3202 <Z_kernel_instantiate+0x8a>',
      '     48c:\te9d6 0102 \tldrd\tr0, r1, [r6, #8]',
    ].join('\n');
    const m = parseObjdump(listing);
    expect([...m.keys()]).toEqual([0x42, 0x44, 0x5ac, 0x95c, 0x1626, 0x1cb2, 0x279a, 0x31ee, 0x48c]); // no .word, no label
    expect(m.get(0x42)).toMatchObject({ size: 2, cls: 'storemultiple', regs: 2, writesPc: false });
    expect(m.get(0x44)).toMatchObject({ size: 4, cls: 'branch', base: 'bl', conditional: false });
    expect(m.get(0x5ac)).toMatchObject({ size: 4, cls: 'mlal' });
    expect(m.get(0x95c)).toMatchObject({ cls: 'loadmultiple', regs: 4, writesPc: true });
    expect(m.get(0x1626)).toMatchObject({ cls: 'mull' });
    expect(m.get(0x1cb2)).toMatchObject({ size: 4, cls: 'load', operands: 'r0, [fp, #36]', regOffset: false });
    expect(m.get(0x279a)).toMatchObject({ cls: 'store', regOffset: true });
    expect(m.get(0x31ee)).toMatchObject({ cls: 'branch', base: 'b', conditional: true });
    expect(m.get(0x48c)).toMatchObject({ cls: 'loaddouble', regs: 2 });
  });
});

describe('the QEMU log of a traced window (in_asm, exec, nochain; QEMU 7.2 format)', () => {
  it('counts each executed block, decides its branch by the next block, drops a block QEMU stopped before it ran and the block at the breakpoint', async () => {
    // a loop 0x2000..0x2002 (adds; bne back) run twice (logged three times, once stopped before it ran), then 0x2004 (bx lr) returning to 0x3000 (the breakpoint)
    const insns = parseObjdump([
      '    2000:\t3001      \tadds\tr0, #1',
      '    2002:\td1fd      \tbne.n\t2000 <f>',
      '    2004:\t4770      \tbx\tlr',
      '    3000:\tbf00      \tnop',
    ].join('\n'));
    const trace = (pc: number) => `Trace 0: 0x7f24a4000100 [00800400/${pc.toString(16).padStart(8, '0')}/00000110/ff000200] f`;
    const log = [
      '----------------', 'IN: f', '0x00002000:  3001       adds     r0, #1', '0x00002002:  d1fd       bne      #0x2000', '',
      trace(0x2000),
      trace(0x2000), // taken: back to the loop head
      'Stopped execution of TB chain before 0x7f24a4000100 [00002000] f', // ... but that one did not run
      trace(0x2000),
      '----------------', 'IN: f', '0x00002004:  4770       bx       lr', '',
      trace(0x2004), // not taken: fell through
      '----------------', 'IN: main', '0x00003000:  bf00       nop', '',
      trace(0x3000), // the return address: the breakpoint, not executed
    ].join('\n') + '\n';
    const file = join(mkdtempSync(join(tmpdir(), 'qemu-log-')), 'log');
    writeFileSync(file, 'earlier windows\n' + log);
    const mix = await parseLog(file, 'earlier windows\n'.length, insns, 0x3000);
    expect(mix).toMatchObject({ walked: 0, unknown: 0 });
    const runs = mix.runs.map((r) => ({ at: r.insns[0]!.addr, n: r.insns.length, count: r.count, taken: r.lastTaken })).sort((a, b) => a.at - b.at || Number(a.taken) - Number(b.taken));
    expect(runs).toEqual([
      { at: 0x2000, n: 2, count: 1, taken: false },
      { at: 0x2000, n: 2, count: 1, taken: true },
      { at: 0x2004, n: 1, count: 1, taken: true }, // bx lr to 0x3000
    ]);
    // M3: loop taken 1 + (1 + P) = [3, 4, 5], not taken 1 + 1 = 2, bx 1 + P = [2, 3, 4]: [7, 9, 11] for 5 instructions
    expect(cycles(mix.runs, 'm3')).toMatchObject({ instructions: 5, cycles: [7, 9, 11] });
  });
});
