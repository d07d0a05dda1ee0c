// Line and branch coverage of the wasm2c translation of the kernel, from
// gcov's intermediate text (gcov -b -t). Counted over the functions that
// translate the kernel's own code (w2c_*): wasm2c's runtime helpers in the
// same file (memory, table and float helpers the kernel never calls) are
// reported apart.
import { join } from 'node:path';
import { runOk } from '../../src/tape/proc.js';

export interface Coverage {
  lines: { hit: number; total: number; pct: number };
  branches: { hit: number; total: number; pct: number };
  /** Kernel functions with lines never run, and how many. */
  missed: { fn: string; lines: number[] }[];
  /** Same counts over the whole of kernel.c, helpers included. */
  wholeFile: { lines: { hit: number; total: number; pct: number }; branches: { hit: number; total: number; pct: number } };
}

const pct = (hit: number, total: number) => ({ hit, total, pct: total ? Math.floor((1000 * hit) / total) / 10 : 100 });

/** gcov's per-line text for kernel.c after the instrumented player has run. */
export async function gcovKernel(dir: string, kernelObj: string): Promise<Coverage> {
  const r = await runOk('gcov', ['-b', '-t', '-o', kernelObj, join(dir, 'kernel.c')], { cwd: dir, timeoutMs: 120_000 });
  return parseGcov(r.stdout);
}

/** Parse `gcov -t -b` output (annotated source): "count:line:source" and "branch N taken X%" lines. */
export function parseGcov(text: string): Coverage {
  let fn = '';
  const all = { l: 0, lh: 0, b: 0, bh: 0 }, k = { l: 0, lh: 0, b: 0, bh: 0 };
  const missed = new Map<string, number[]>();
  for (const raw of text.split('\n')) {
    const m = /^\s*([^:]+):\s*(\d+):(.*)$/.exec(raw);
    if (m) {
      const [, count, lineNo, src] = m;
      const def = /^(?:static\s+)?(?:inline\s+)?[\w\s*]+?\b(w2c_\w+|Z_kernel\w*|init_\w+|\w+)\s*\([^;]*$/.exec(src!);
      if (def && !/^\s/.test(src!) && !src!.includes('=')) fn = def[1]!;
      const c = count!.trim();
      if (c === '-') continue;
      const hit = c !== '#####' && c !== '=====';
      const kern = fn.startsWith('w2c_');
      all.l++; if (hit) all.lh++;
      if (kern) {
        k.l++; if (hit) k.lh++;
        else { const a = missed.get(fn) ?? []; a.push(Number(lineNo)); missed.set(fn, a); }
      }
      continue;
    }
    const b = /^branch\s+\d+\s+(taken (\d+)|never executed)/.exec(raw);
    if (b) {
      const taken = b[2] !== undefined && Number(b[2]) > 0;
      all.b++; if (taken) all.bh++;
      if (fn.startsWith('w2c_')) { k.b++; if (taken) k.bh++; }
    }
  }
  return {
    lines: pct(k.lh, k.l), branches: pct(k.bh, k.b),
    missed: [...missed].map(([f, lines]) => ({ fn: f, lines })),
    wholeFile: { lines: pct(all.lh, all.l), branches: pct(all.bh, all.b) },
  };
}
