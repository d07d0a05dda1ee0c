// Estimated Cortex-M3 / Cortex-M4 cycles of an executed instruction mix, by
// the cycle timings of the processors' Technical Reference Manuals:
//
//   M3: ARM DDI 0337 (Cortex-M3 TRM r2p1), chapter 18 "Instruction Timing",
//       Table 18-1 "Cortex-M3 instruction set summary" and its footnotes;
//   M4: ARM DDI 0439 (Cortex-M4 TRM r0p1), chapter 3 "Programmers Model",
//       Table 3-1 "Cortex-M4 instruction set summary" and "Load/store timings".
//
// Both tables assume zero-wait-state memory: flash wait states, bus
// contention and the write buffer come on top. Every count is a range
// [min, typical, max] over what the tables leave open:
//
//   - P, the pipeline refill of a taken branch, "1 to 3 cycles depending on
//     the alignment and width of the target instruction, and whether the
//     processor manages to speculate the address early": min 1, typical 2,
//     max 3;
//   - M3 long multiplies terminate early depending on the operand sizes:
//     UMULL/SMULL 3-5 cycles, UMLAL/SMLAL 4-7 (typical: the midpoints 4 and
//     5.5); on the M4 all of them take 1 cycle;
//   - MLA/MLS: 2 cycles on the M3, 1 on the M4; MUL 1 on both;
//   - SDIV/UDIV 2-12 (typical 7) on both;
//   - single loads (LDR, LDRB, LDRH, LDRSB, LDRSH) take 2 cycles, 1 when they
//     pipeline behind a single load or store ("neighboring load and store
//     single instructions can pipeline their address and data phases"):
//     min and typical apply that rule, max never does;
//   - single stores take 1 cycle with an immediate offset, 2 with a register
//     offset (typical; min 1, max 2);
//   - LDRD/STRD 1 + N with N = 2, LDM/STM/PUSH/POP 1 + N (N registers), + P
//     when the PC is loaded; TBB/TBH 2 + P; B, BL, BX, BLX, CBZ, CBNZ 1 when
//     not taken, 1 + P when taken; a data-processing write to the PC 1 + P;
//   - IT 1 cycle, 0 when folded (min);
//   - everything else (data processing, shifts, compares, extends, bit
//     fields, CLZ, saturation, MUL, M4 DSP multiplies) 1 cycle.
//
// An instruction in an IT block whose condition fails is counted as if it
// executed (the trace does not say; the TRM gives such an instruction 1
// cycle), which can only overstate a multiply or load that was skipped.
// The weighting is a pure function of the mix: `cycles()`.

export type Core = 'm3' | 'm4';
export type Cls =
  | 'alu' | 'mul' | 'mla' | 'mull' | 'mlal' | 'div' | 'load' | 'store' | 'loaddouble' | 'storedouble'
  | 'loadmultiple' | 'storemultiple' | 'branch' | 'tablebranch' | 'it' | 'nop' | 'other';

export interface Insn {
  addr: number;
  size: number;
  /** mnemonic as objdump prints it (e.g. "ldr.w", "umlal", "bne.n") */
  mnemonic: string;
  operands: string;
  /** the mnemonic without width qualifier, condition and flag-setting suffix */
  base: string;
  cls: Cls;
  /** conditional branch (Bcc, CBZ, CBNZ): taken or not by the trace */
  conditional: boolean;
  /** writes the PC (a branch by another name): pop {..., pc}, ldr pc, mov pc, add pc */
  writesPc: boolean;
  /** registers moved by LDM/STM/PUSH/POP; 2 for LDRD/STRD */
  regs: number;
  /** a store with a register offset ([rn, rm...]) */
  regOffset: boolean;
}

/** A straight-line run executed `count` times; lastTaken: its last instruction branched. */
export interface Run {
  insns: Insn[];
  count: number;
  lastTaken: boolean;
}

export type Range3 = [min: number, typical: number, max: number];

const CONDS = ['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al'];
const BASES: Record<string, Cls> = {
  b: 'branch', bl: 'branch', blx: 'branch', bx: 'branch', cbz: 'branch', cbnz: 'branch', tbb: 'tablebranch', tbh: 'tablebranch',
  mul: 'mul', mla: 'mla', mls: 'mla',
  umull: 'mull', smull: 'mull', umlal: 'mlal', smlal: 'mlal', umaal: 'mlal',
  sdiv: 'div', udiv: 'div',
  ldr: 'load', ldrb: 'load', ldrh: 'load', ldrsb: 'load', ldrsh: 'load', ldrex: 'load', ldrexb: 'load', ldrexh: 'load', ldrt: 'load', ldrbt: 'load', ldrht: 'load',
  str: 'store', strb: 'store', strh: 'store', strex: 'store', strexb: 'store', strexh: 'store', strt: 'store', strbt: 'store', strht: 'store',
  ldrd: 'loaddouble', strd: 'storedouble',
  ldm: 'loadmultiple', ldmia: 'loadmultiple', ldmfd: 'loadmultiple', ldmdb: 'loadmultiple', ldmea: 'loadmultiple', pop: 'loadmultiple',
  stm: 'storemultiple', stmia: 'storemultiple', stmea: 'storemultiple', stmdb: 'storemultiple', stmfd: 'storemultiple', push: 'storemultiple',
  nop: 'nop',
};
// single-cycle data processing (and the M4 DSP multiplies, single-cycle too)
const ALU = ('adc add addw adr and asr bfc bfi bic clz cmn cmp eor lsl lsr mov movw movt mvn neg orn orr rbit rev rev16 revsh ror rrx rsb sbc sbfx ' +
  'ssat sub subw sxtb sxth teq tst ubfx usat uxtb uxth sxtab sxtah uxtab uxtah ' +
  'smulbb smulbt smultb smultt smulwb smulwt smlabb smlabt smlatb smlatt smlawb smlawt smlad smladx smlsd smlsdx smmul smmla smmls smuad smusd ' +
  'qadd qsub qdadd qdsub sadd16 ssub16 uadd16 usub16 sadd8 uadd8 usad8 usada8 sel smlalbb smlald smlsld pkhbt pkhtb ' +
  'cpsid cpsie dmb dsb isb mrs msr sev wfe wfi yield bkpt svc udf').split(' ');
for (const a of ALU) BASES[a] ??= a === 'bkpt' || a === 'svc' || a === 'udf' ? 'other' : 'alu';

const FLAG_SETTING = new Set<Cls>(['alu', 'mul', 'mla', 'mull', 'mlal']);

/** Split an objdump mnemonic into its base (and say whether it is conditional). */
export function baseOf(mnemonic: string): { base: string; cond: boolean } {
  const m = mnemonic.toLowerCase().replace(/\.(n|w)$/, '');
  if (/^it[te]{0,3}$/.test(m)) return { base: 'it', cond: false };
  if (m in BASES) return { base: m, cond: false };
  for (let n = m.length - 1; n > 0; n--) {
    const b = m.slice(0, n), rest = m.slice(n);
    if (!(b in BASES)) continue;
    const flags = FLAG_SETTING.has(BASES[b]!); // "bls" is B + LS, not BL + S
    if (rest === 's' && flags) return { base: b, cond: false };
    for (const c of CONDS) if (rest === c || (flags && (rest === 's' + c || rest === c + 's'))) return { base: b, cond: c !== 'al' };
  }
  return { base: m, cond: false };
}

/** Classify one instruction from its objdump mnemonic and operands. */
export function classify(addr: number, size: number, mnemonic: string, operands: string): Insn {
  const { base, cond } = baseOf(mnemonic);
  let cls: Cls = base === 'it' ? 'it' : (BASES[base] ?? 'other');
  const ops = operands.replace(/\s*[;@].*$/, '').trim();
  const list = /\{([^}]*)\}/.exec(ops)?.[1];
  let regs = 0;
  if (list !== undefined)
    for (const part of list.split(',')) {
      const r = /^\s*r(\d+)\s*-\s*r(\d+)\s*$/.exec(part);
      regs += r ? Number(r[2]) - Number(r[1]) + 1 : part.trim() ? 1 : 0;
    }
  if (cls === 'loaddouble' || cls === 'storedouble') regs = 2;
  const dest = ops.split(',')[0]!.trim();
  const writesPc =
    (cls === 'loadmultiple' && /\bpc\b/.test(list ?? '')) ||
    (cls === 'load' && dest === 'pc') ||
    ((cls === 'alu') && dest === 'pc' && !/^(cmp|cmn|tst|teq)$/.test(base));
  const regOffset = (cls === 'store' || cls === 'load') && /\[\s*\w+\s*,\s*(r\d+|ip|lr|sl|fp|sb)\b/.test(ops);
  const conditional = cls === 'branch' && (cond || base === 'cbz' || base === 'cbnz');
  if (cls === 'other' && base === 'nop') cls = 'nop';
  return { addr, size, mnemonic, operands: ops, base, cls, conditional, writesPc, regs, regOffset };
}

/**
 * Instructions of an `arm-none-eabi-objdump -d` listing (Thumb): lines like
 * `    1684:\te92d 4ff0 \tstmdb\tsp!, {r4, r5, r6, r7, r8, r9, sl, fp, lr}`.
 * Data words (.word) are skipped.
 */
export function parseObjdump(text: string): Map<number, Insn> {
  const out = new Map<number, Insn>();
  for (const line of text.split('\n')) {
    const m = /^\s*([0-9a-f]+):\t([0-9a-f]{4}(?: [0-9a-f]{4})?)\s*\t(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const mn = m[3]!;
    if (mn.startsWith('.')) continue;
    const size = m[2]!.replace(/ /g, '').length / 2;
    const addr = parseInt(m[1]!, 16);
    out.set(addr, classify(addr, size, mn, m[4]!));
  }
  return out;
}

const P: Range3 = [1, 2, 3];

/** The cycles of one instruction on `core` ([min, typical, max]); `prev` the instruction before it in the run, `taken` for its last. */
export function insnCycles(i: Insn, core: Core, taken: boolean, prev: Insn | undefined): Range3 {
  const k = (a: number): Range3 => [a, a, a];
  const plusP = (a: number): Range3 => [a + P[0], a + P[1], a + P[2]];
  const pipelined = prev !== undefined && (prev.cls === 'load' || prev.cls === 'store') && !prev.writesPc;
  switch (i.cls) {
    case 'alu': return i.writesPc ? plusP(1) : k(1);
    case 'nop': return k(1);
    case 'mul': return k(1);
    case 'mla': return core === 'm3' ? k(2) : k(1);
    case 'mull': return core === 'm3' ? [3, 4, 5] : k(1);
    case 'mlal': return core === 'm3' ? [4, 5.5, 7] : k(1);
    case 'div': return [2, 7, 12];
    case 'load': return i.writesPc ? plusP(2) : pipelined ? [1, 1, 2] : k(2);
    case 'store': return i.regOffset ? [1, 2, 2] : [1, 1, 2];
    case 'loaddouble': case 'storedouble': return k(1 + i.regs);
    case 'loadmultiple': return i.writesPc ? plusP(1 + i.regs) : k(1 + i.regs);
    case 'storemultiple': return k(1 + i.regs);
    case 'branch': return taken || !i.conditional ? plusP(1) : k(1);
    case 'tablebranch': return plusP(2);
    case 'it': return [0, 1, 1];
    default: return k(1);
  }
}

export interface CycleEstimate {
  instructions: number;
  cycles: Range3;
  /** instructions per class (for the report) */
  byClass: Record<string, number>;
  /** cycles per class (typical) */
  cyclesByClass: Record<string, number>;
}

/** Weight an executed mix by the TRM timings of `core`. */
export function cycles(runs: Run[], core: Core): CycleEstimate {
  let instructions = 0;
  const c: Range3 = [0, 0, 0];
  const byClass: Record<string, number> = {}, cyclesByClass: Record<string, number> = {};
  for (const r of runs) {
    r.insns.forEach((i, n) => {
      const last = n === r.insns.length - 1;
      const w = insnCycles(i, core, last && r.lastTaken, n > 0 ? r.insns[n - 1] : undefined);
      instructions += r.count;
      for (let j = 0; j < 3; j++) c[j]! += w[j]! * r.count;
      byClass[i.cls] = (byClass[i.cls] ?? 0) + r.count;
      cyclesByClass[i.cls] = (cyclesByClass[i.cls] ?? 0) + w[1] * r.count;
    });
  }
  return { instructions, cycles: c, byClass, cyclesByClass };
}
