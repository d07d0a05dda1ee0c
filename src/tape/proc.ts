// External tools for the tape runtimes: finding them (PATH, or the package's
// node_modules/.bin) and running them with a hard timeout.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

/** The package root (where package.json names "ebnkit"), from src/tape or dist/. */
export function packageRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(d, 'package.json');
    if (existsSync(p) && (JSON.parse(readFileSync(p, 'utf8')) as { name?: string }).name === 'ebnkit') return d;
    d = dirname(d);
  }
  return process.cwd();
}

function executable(p: string): boolean {
  try { accessSync(p, constants.X_OK); return true; } catch { return false; }
}

/** Full path of a tool, or undefined. 'picolibc' is a pseudo-tool (the ARM C library). */
export function findTool(tool: string): string | undefined {
  if (tool === 'picolibc') {
    if (!findTool('arm-none-eabi-gcc')) return undefined;
    try {
      const p = execFileSync('arm-none-eabi-gcc', ['-print-file-name=picolibc.specs'], { encoding: 'utf8' }).trim();
      return p !== 'picolibc.specs' ? p : undefined;
    } catch { return undefined; }
  }
  if (tool === 'playwright-core') { // an npm package, resolved from the working directory or the package
    for (const from of [join(process.cwd(), 'x.js'), join(packageRoot(), 'x.js')])
      try { return createRequire(from).resolve('playwright-core'); } catch { /* next */ }
    return undefined;
  }
  if (tool.includes('/')) return executable(tool) ? tool : undefined;
  for (const d of [...(process.env.PATH ?? '').split(delimiter), join(packageRoot(), 'node_modules', '.bin')])
    if (d && executable(join(d, tool))) return join(d, tool);
  return undefined;
}

export const haveTool = (tool: string) => findTool(tool) !== undefined;
export const missingTools = (tools: string[]) => tools.filter((t) => !haveTool(t));

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
    const p = spawn(cmd, args, { cwd: o.cwd ?? packageRoot(), env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
