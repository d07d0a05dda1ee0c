// Footprint guard: every kernel build must stay within its byte budget and
// keep zero imports, and the inference-only and SIMD variants must export the same ABI.
// Prints the figures; exits 1 on a breach. The inference variant
// (asconfig target "inference", learning compiled out) is built here when it
// is missing or older than the kernel sources, so `npm test` always checks it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asbuild } from './asbuild.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUILDS = [
  { file: 'build/release.wasm', budget: 8192, what: 'release kernel' },
  { file: 'build/inference.wasm', budget: 8192, what: 'inference-only kernel', target: 'inference' },
  { file: 'build/simd.wasm', budget: 10240, what: 'SIMD128 kernel', target: 'simd' },
];

/** Newest modification time of the kernel sources and the build configuration. */
function sourcesTime() {
  const files = readdirSync(root + 'assembly', { recursive: true })
    .map((f) => root + 'assembly/' + f)
    .filter((f) => f.endsWith('.ts') && !f.includes('__tests__'));
  return Math.max(...[...files, root + 'asconfig.json'].map((f) => statSync(f).mtimeMs));
}

let ok = true;
const exportsOf = {};
for (const b of BUILDS) {
  const path = root + b.file;
  if (b.target && (!existsSync(path) || statSync(path).mtimeMs < sourcesTime())) {
    asbuild(b.target);
  }
  const bytes = readFileSync(path);
  const mod = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(mod);
  exportsOf[b.file] = WebAssembly.Module.exports(mod).map((e) => e.name).sort().join(',');
  console.log(`${b.file}: ${bytes.length} bytes (budget ${b.budget}, ${b.budget - bytes.length} to spare), ${imports.length} imports`);
  if (bytes.length > b.budget) {
    console.error(`${b.file} (${b.what}) is ${bytes.length} bytes: over the ${b.budget}-byte budget`);
    ok = false;
  }
  if (imports.length > 0) {
    console.error(`${b.file} imports ${imports.map((i) => `${i.module}.${i.name}`).join(', ')}: the kernel must instantiate with {}`);
    ok = false;
  }
}
for (const f of ['build/inference.wasm', 'build/simd.wasm'])
  if (exportsOf[f] !== exportsOf['build/release.wasm']) {
    console.error(`${f} exports differ from build/release.wasm: every build must speak the same ABI`);
    ok = false;
  }
process.exit(ok ? 0 : 1);
