#!/usr/bin/env node
// Build the playground page into static files (default build/web): the page
// script (ES module), the kernel worker (classic script), HTML and CSS. Any
// static file server can host the result. It first regenerates the built-in
// systems' form defaults (web/src/engine/builtin-defaults.ts, from
// scripts/playground-defaults.ts), so the page never configures them at load.
//   node scripts/playground-build.mjs [--out build/web] [--dev]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildSync } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STATIC = ['index.html', 'style.css'];

/** Build the page; returns the output directory and its files with sizes. */
export async function buildPlayground({ outDir = join(ROOT, 'build/web'), dev = false } = {}) {
  if (!existsSync(join(ROOT, 'src/kernel/wasm-bytes.ts'))) {
    // the kernel is embedded into the bundle: build it first
    const r = spawnSync('npm', ['run', 'asbuild', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the kernel failed (npm run asbuild)');
  }
  regenerateDefaults();
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

/** Rewrite web/src/engine/builtin-defaults.ts from the automatic configuration (scripts/playground-defaults.ts, bundled for Node and run). */
function regenerateDefaults() {
  const tmp = mkdtempSync(join(tmpdir(), 'ebnkit-defaults-'));
  try {
    const script = join(tmp, 'defaults.mjs');
    buildSync({
      entryPoints: [join(ROOT, 'scripts/playground-defaults.ts')], bundle: true, platform: 'node', format: 'esm', outfile: script, logLevel: 'warning',
      // CommonJS dependencies call require() for Node built-ins: give the ESM bundle a real require (as scripts/run-ts.sh does)
      banner: { js: "import { createRequire as __ebnCreateRequire } from 'node:module'; const require = __ebnCreateRequire(import.meta.url);" },
    });
    const r = spawnSync('node', [script, join(ROOT, 'web/src/engine/builtin-defaults.ts')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`computing the built-in systems' defaults failed: ${r.stderr}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
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
