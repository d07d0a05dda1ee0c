// Types for playground-server.mjs (so TypeScript callers, e.g. a CLI command, can import it).
import type { Server } from 'node:http';

export interface ServeOptions {
  /** Folder of the built page (index.html, main.js, worker.js, style.css). */
  dir: string;
  /** Port; 0 picks a free one (default 0). */
  port?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** When `port` is busy, fall back to a free port instead of failing. */
  fallback?: boolean;
}

export function servePlayground(o: ServeOptions): Promise<{ server: Server; url: string }>;
