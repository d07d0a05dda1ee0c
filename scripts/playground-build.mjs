#!/usr/bin/env node
// Build the playground page into static files (default build/web): the page
// script (ES module), the kernel worker (classic script), HTML and CSS. Any
// static file server can host the result.
//   node scripts/playground-build.mjs [--out build/web] [--dev]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STATIC = ['index.html', 'style.css'];

/** Build the page; returns the output directory and its files with sizes. */
export async function buildPlayground({ outDir = join(ROOT, 'build/web'), dev = false } = {}) {
  if (!existsSync(join(ROOT, 'src/kernel/wasm-bytes.ts'))) {
    // the kernel is embedded into the bundle: build it first
    const r = spawnSync('npm', ['run', 'asbuild', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the kernel failed (npm run asbuild)');
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const common = {
    bundle: true, platform: 'browser', target: 'es2022', minify: !dev, sourcemap: dev ? 'linked' : false,
    legalComments: 'none', logLevel: 'warning', absWorkingDir: ROOT,
  };
  await build({ ...common, entryPoints: { main: 'web/src/main.ts' }, format: 'esm', outdir: outDir });
  await build({ ...common, entryPoints: { worker: 'web/src/worker.ts' }, format: 'iife', outdir: outDir });
  for (const f of STATIC) copyFileSync(join(ROOT, 'web', f), join(outDir, f));
  const files = readdirSync(outDir).map((f) => ({ file: f, bytes: statSync(join(outDir, f)).size }));
  return { outDir, files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const outDir = at >= 0 ? resolve(args[at + 1] ?? '') : undefined;
  try {
    const r = await buildPlayground({ ...(outDir ? { outDir } : {}), dev: args.includes('--dev') });
    console.log(`playground built into ${r.outDir}:`);
    for (const f of r.files) console.log(`  ${f.file.padEnd(16)} ${f.bytes.toLocaleString('en-US').padStart(9)} bytes`);
  } catch (e) {
    console.error(`playground build failed: ${e.message}`);
    process.exit(1);
  }
}
