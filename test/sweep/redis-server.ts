// A throwaway redis-server for tests: Debian's binary, loopback only, no
// persistence, on a free port; stopped by the test. restart() kills it hard
// and starts a fresh, empty one on the same port (a Redis crash).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { haveTool, isCI } from '../targets/lib/tools.js';

export const REDIS = process.env.EBNKIT_REDIS_SERVER ?? 'redis-server';
/** Why the Redis tests cannot run here (CI must have it: then they fail instead). */
export const redisMissing = !haveTool(REDIS) && !isCI() ? `skipped: ${REDIS} not found` : '';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export class RedisServer {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const r = new RedisServer(await freePort());
    await r.spawn();
    return r;
  }

  private spawn(): Promise<void> {
    const child = spawn(REDIS, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    return new Promise((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${log}`)), 10_000);
      child.stdout!.on('data', (d: Buffer) => {
        log += d.toString();
        if (log.includes('Ready to accept connections')) (clearTimeout(timer), resolve());
      });
      child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`redis-server exited (${code}): ${log}`))));
    });
  }

  private kill(): Promise<void> {
    const c = this.child;
    this.child = null;
    if (!c || c.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      c.removeAllListeners('exit');
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.spawn();
  }

  stop(): Promise<void> {
    return this.kill();
  }
}
