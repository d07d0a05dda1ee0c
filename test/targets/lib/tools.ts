// External tools: finding them, and running them with hard timeouts.
// (What a missing tool means for a test is in suite.ts.)
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { ROOT } from './paths.js';

export { ROOT };
export const CHROMIUM = process.env.EBNKIT_CHROMIUM ?? '/usr/bin/chromium';

export const isCI = () => !!process.env.CI && !['0', 'false', ''].includes(process.env.CI.toLowerCase());

function executable(p: string): boolean {
  try { accessSync(p, constants.X_OK); return true; } catch { return false; }
}

/** A tool on PATH (or an absolute path), or a pseudo-tool: 'picolibc'. */
export function haveTool(tool: string): boolean {
  if (tool === 'picolibc') {
    if (!haveTool('arm-none-eabi-gcc')) return false;
    try {
      const p = execFileSync('arm-none-eabi-gcc', ['-print-file-name=picolibc.specs'], { encoding: 'utf8' }).trim();
      return p !== 'picolibc.specs';
    } catch { return false; }
  }
  if (tool.includes('/')) return executable(tool);
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && executable(join(d, tool)));
}

export function missingTools(tools: string[]): string[] {
  return tools.filter((t) => !haveTool(t));
}

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

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Run a command with a hard timeout (the process group is killed on expiry). */
export function run(cmd: string, args: string[], o: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: o.cwd ?? ROOT, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '', stderr = '', timedOut = false;
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ }
    }, o.timeoutMs ?? 60_000);
    p.on('error', (e) => { clearTimeout(timer); reject(e); });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - t0, timedOut });
    });
  });
}

/** run(), throwing with the output if the command fails. */
export async function runOk(cmd: string, args: string[], o: Parameters<typeof run>[2] = {}): Promise<Ran> {
  const r = await run(cmd, args, o);
  if (r.code !== 0)
    throw new Error(`${cmd} ${args.join(' ')} ${r.timedOut ? 'timed out' : `exited ${r.code ?? r.signal}`}\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
  return r;
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
