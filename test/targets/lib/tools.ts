// Which external tools a target needs, and what happens when one is missing:
// outside CI the target is skipped with "skipped: <tool> not found"; under
// CI (CI=true) the missing tool is a failure.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

export const ROOT = new URL('../../../', import.meta.url).pathname.replace(/\/$/, '');
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

/** describe() for a target that needs external tools. */
export function describeTarget(title: string, tools: string[], body: () => void): void {
  const missing = missingTools(tools);
  if (!missing.length) {
    describe(title, body);
    return;
  }
  if (isCI()) {
    describe(title, () => {
      it('has its tools', () => {
        throw new Error(`${title}: ${missing.join(', ')} not found, and CI=true requires every target (.ci/run installs them)`);
      });
    });
    return;
  }
  const reason = `skipped: ${missing[0]} not found`;
  console.log(`${title}: ${reason}`);
  describe.skip(`${title} (${reason})`, body);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `ebnkit-${prefix}-`));
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
