// The playground as a user gets it: the production build into a folder, then
// `node scripts/playground.mjs` serving it on 127.0.0.1 and printing the address.
import { spawn, type ChildProcess } from 'node:child_process';
import { fromRoot } from '../../targets/lib/paths.js';
import { runOk } from '../../targets/lib/tools.js';

export interface Served {
  url: string;
  /** What the command printed. */
  output: string;
  stop(): void;
}

export async function buildPage(outDir: string): Promise<string> {
  const r = await runOk('node', [fromRoot('scripts/playground-build.mjs'), '--out', outDir], { timeoutMs: 120_000 });
  return r.stdout;
}

export function servePage(dir: string): Promise<Served> {
  const child: ChildProcess = spawn('node', [fromRoot('scripts/playground.mjs'), '--no-build', '--dir', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the server printed no address in 20 s:\n${output}`)), 20_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(e);
    };
    child.on('exit', (code) => fail(new Error(`the server exited (${code}):\n${output}`)));
    child.stderr!.on('data', (d) => (output += d));
    child.stdout!.on('data', (d) => {
      output += d;
      const m = /ebnkit playground: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url: m[1]!, output, stop: () => child.kill() });
      }
    });
  });
}
