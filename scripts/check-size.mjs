// Footprint guard: the release kernel must stay within its byte budget and
// keep zero imports. Prints the figures; exits 1 on a breach.
import { readFileSync } from 'node:fs';

const BUDGET = 8192;
const bytes = readFileSync(new URL('../build/release.wasm', import.meta.url));
const mod = new WebAssembly.Module(bytes);
const imports = WebAssembly.Module.imports(mod);
const exports = WebAssembly.Module.exports(mod).map((e) => e.name);
console.log(`release.wasm: ${bytes.length} bytes (budget ${BUDGET}), ${imports.length} imports, ${exports.length} exports`);
let ok = true;
if (bytes.length > BUDGET) {
  console.error(`release.wasm is ${bytes.length} bytes: over the ${BUDGET}-byte budget`);
  ok = false;
}
if (imports.length > 0) {
  console.error(`release.wasm imports ${imports.map((i) => `${i.module}.${i.name}`).join(', ')}: the kernel must instantiate with {}`);
  ok = false;
}
process.exit(ok ? 0 : 1);
