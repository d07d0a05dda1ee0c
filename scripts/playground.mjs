#!/usr/bin/env node
// `npm run playground`: build the page and serve it on 127.0.0.1.
//   node scripts/playground.mjs [--port 4173] [--no-build] [--dir build/web]
import { join, resolve } from 'node:path';
import { buildPlayground } from './playground-build.mjs';
import { servePlayground } from './playground-server.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const dir = resolve(opt('--dir') ?? join(ROOT, 'build/web'));
const portArg = opt('--port');
const port = portArg === undefined ? 4173 : Number(portArg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: "${portArg}" is not a port number (0-65535)`);
  process.exit(2);
}
try {
  if (!args.includes('--no-build')) await buildPlayground({ outDir: dir, dev: args.includes('--dev') });
  const { url } = await servePlayground({ dir, port, fallback: portArg === undefined });
  console.log(`ebnkit playground: ${url}`);
  console.log(`serving ${dir} (Ctrl+C to stop)`);
} catch (e) {
  console.error(`playground: ${e.message}`);
  process.exit(1);
}
