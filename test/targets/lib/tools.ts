// External tools: finding them, and running them with hard timeouts.
// (What a missing tool means for a test is in suite.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT } from './paths.js';
import { runOk } from '../../../src/tape/proc.js';

export { ROOT };
export { haveTool, missingTools, run, runOk } from '../../../src/tape/proc.js';
export type { Ran } from '../../../src/tape/proc.js';
export const CHROMIUM = process.env.EBNKIT_CHROMIUM ?? '/usr/bin/chromium';

export const isCI = () => !!process.env.CI && !['0', 'false', ''].includes(process.env.CI.toLowerCase());

const made: string[] = [];
/** A fresh directory under the OS temp dir; removeTempDirs() deletes them (unless EBNKIT_KEEP_TMP is set). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `ebnkit-${prefix}-`));
  made.push(d);
  return d;
}
export function removeTempDirs(): void {
  if (process.env.EBNKIT_KEEP_TMP) {
    if (made.length) console.log(`kept ${made.join(', ')}`);
    return;
  }
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Code section size of a wasm module (bytes of function bodies). */
export function codeSection(b: Uint8Array): number {
  let at = 8;
  const leb = () => { let v = 0, s = 0, x: number; do { x = b[at++]!; v |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return v >>> 0; };
  while (at < b.length) {
    const id = b[at++]!, size = leb();
    if (id === 10) return size;
    at += size;
  }
  return 0;
}

/** text/data/bss of ELF files, from arm-none-eabi-size. */
export async function armSizes(files: string[]): Promise<Record<string, { text: number; data: number; bss: number }>> {
  const r = await runOk('arm-none-eabi-size', files);
  const rows: Record<string, { text: number; data: number; bss: number }> = {};
  for (const line of r.stdout.trim().split('\n').slice(1)) {
    const [text, data, bss, , , file] = line.trim().split(/\s+/);
    rows[file!] = { text: Number(text), data: Number(data), bss: Number(bss) };
  }
  return rows;
}
