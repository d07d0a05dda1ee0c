// The C header of the embedding kit (targets/include/ebnkit.h) and the tape
// recorder's ABI numbers must say what the host says (src/formats.ts). The
// native and Cortex-M drivers also check ebnkit.h against the kernel's own
// constant() table at run time (ebnk_check_abi in targets/replay/replay.c).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as F from '../../src/formats.js';
import { fromRoot } from './lib/paths.js';
import { ABI, COUNTER_ORDER, fnvWords } from './lib/tape.js';
import { fnvWords as hostFnv } from '../../src/checksum.js';

function headerDefines(): Record<string, number> {
  const text = readFileSync(fromRoot('targets/include/ebnkit.h'), 'utf8');
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^#define (EBNK_\w+) (.+?)\s*(?:\/\*.*)?$/gm)) {
    const expr = m[2]!.replace(/\b(0x[0-9a-fA-F]+|\d+)u\b/g, '$1').replace(/\bEBNK_\w+\b/g, (n) => {
      if (!(n in out)) throw new Error(`${n} used before its definition`);
      return String(out[n]);
    });
    if (!/^[\d\s()+\-*<>xa-fA-F|&~]+$/.test(expr)) continue; // not a number (function-like macros, etc.)
    out[m[1]!] = Function(`return (${expr});`)() as number;
  }
  return out;
}

describe('ABI numbers: C header and tape recorder agree with the host', () => {
  const h = headerDefines();
  const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

  it('format constants', () => {
    expect(h.EBNK_ABI_VERSION).toBe(F.ABI_VERSION);
    expect(h.EBNK_MAGIC).toBe(F.MAGIC);
    expect(h.EBNK_FRAC).toBe(F.FRAC);
    expect(h.EBNK_ONE).toBe(F.ONE);
    expect(h.EBNK_RATE_FRAC).toBe(F.RATE_FRAC);
    expect(h.EBNK_LEARN_FRAC).toBe(F.LEARN_FRAC);
    expect(h.EBNK_LUT_SEG_LOG2).toBe(F.LUT_SEG_LOG2);
    expect(h.EBNK_LUT_MIN).toBe(F.LUT_MIN);
    expect(h.EBNK_LUT_SHIFT).toBe(F.LUT_SHIFT);
    expect(h.EBNK_HEADER_WORDS).toBe(F.HEADER_WORDS);
    expect(h.EBNK_S_WORDS).toBe(F.S_WORDS);
    expect(h.EBNK_C_WORDS).toBe(F.C_WORDS);
    expect(h.EBNK_IMG_POLICY_ALL).toBe(F.IMG_POLICY_ALL);
    expect(h.EBNK_IMG_LINEAR).toBe(F.IMG_LINEAR);
    expect(h.EBNK_KNOWN_FLAGS).toBe(F.KNOWN_FLAGS);
  });
  it('header words, ptr ids, status words, run flags, counters, errors', () => {
    for (const [k, v] of Object.entries(F.H)) expect(h[`EBNK_H_${k}`], `EBNK_H_${k}`).toBe(v);
    for (const [k, v] of Object.entries(F.PTR)) expect(h[`EBNK_P_${k}`], `EBNK_P_${k}`).toBe(v);
    for (const [k, v] of Object.entries(F.STATUS)) expect(h[`EBNK_S_${k}`], `EBNK_S_${k}`).toBe(v);
    for (const [k, v] of Object.entries(F.RUN)) expect(h[`EBNK_RUN_${k}`], `EBNK_RUN_${k}`).toBe(v);
    F.COUNTER_NAMES.forEach((n, i) => expect(h[`EBNK_C_${snake(n)}`], `EBNK_C_${snake(n)}`).toBe(i));
    expect(h.EBNK_C_NAMED).toBe(F.COUNTER_NAMES.length);
    const errs = ['MAGIC', 'VERSION', 'LENGTH', 'CHECKSUM', 'DIMS', 'MEMORY', 'STATE'];
    errs.forEach((e, i) => expect(h[`EBNK_E_${e}`], `EBNK_E_${e}`).toBe(-(i + 1)));
    expect(h.EBNK_E_FEATURE).toBe(F.E_FEATURE);
    expect(h.EBNK_E_FLAGS).toBe(-9);
    expect(Object.keys(F.LOAD_ERRORS).map(Number).sort((a, b) => b - a)).toEqual([...errs.map((_, i) => -(i + 1)), h.EBNK_E_FLAGS]);
  });
  it('the constant() id enum follows the kernel table order', () => {
    const text = readFileSync(fromRoot('targets/include/ebnkit.h'), 'utf8');
    const ids = /enum \{([^}]*)\}/.exec(text)![1]!.split(',').map((s) => s.trim()).filter(Boolean);
    expect(ids.at(-1)).toBe('EBNK_K_COUNT');
    expect(ids.length - 1).toBe(F.CONSTANT_TABLE.length);
    ids.slice(0, -1).forEach((id, i) => {
      const name = id.replace(/^EBNK_K_/, 'EBNK_');
      expect(h[name], `${id} = #${i}`).toBe(F.CONSTANT_TABLE[i]);
    });
  });
  it('tape recorder numbers', () => {
    expect(ABI.H_N).toBe(F.H.N); expect(ABI.H_J).toBe(F.H.J); expect(ABI.H_K).toBe(F.H.K); expect(ABI.H_B).toBe(F.H.B);
    expect(ABI.H_BYTES).toBe(F.H.BYTES);
    for (const k of ['IMAGE', 'V', 'R', 'STATUS', 'COUNTERS', 'C_IN', 'X_IN', 'SPIKES_OUT', 'OS'] as const)
      expect(ABI[`P_${k}`], k).toBe(F.PTR[k]);
    expect([ABI.S_T, ABI.S_HASH, ABI.S_SPIKES]).toEqual([F.STATUS.T, F.STATUS.HASH, F.STATUS.SPIKES]);
    expect([ABI.RUN_LEARN, ABI.RUN_FEEDBACK, ABI.RUN_INPUT]).toEqual([F.RUN.LEARN, F.RUN.FEEDBACK, F.RUN.INPUT]);
    expect(COUNTER_ORDER).toEqual(F.COUNTER_NAMES);
    const w = Int32Array.from([0, -1, 123456789, -98765]);
    expect(fnvWords(w)).toBe(hostFnv(w));
  });
});
