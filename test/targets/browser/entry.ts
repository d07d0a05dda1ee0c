// Browser entry of the Chromium runner. Bundled at test time by esbuild with
// every import of src/ rewritten to the package's browser bundle
// (/dist/index.js, served next to this file), so the golden scenarios run in
// the page against the package exactly as a user imports it.
import { SCENARIOS } from '../../golden/scenarios.js';
import { KERNEL_SHA256, kernelModule, kernelVariant } from '../../../src/index.js';
import { recordTape } from '../lib/tape.js';

async function runGoldens() {
  // compile asynchronously first (main-thread friendly); KernelExecutor reuses the cached module
  await kernelModule();
  const results: Record<string, unknown> = {};
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    const t0 = performance.now();
    const rec = recordTape(name, () => scenario());
    const r = rec.result;
    results[name] = {
      marks: r.marks,
      raster: Array.from(r.raster),
      state: r.state && { V: Array.from(r.state.V), r: Array.from(r.state.r), Os: Array.from(r.state.Os) },
      record: rec.value,
      ms: performance.now() - t0,
    };
  }
  return { kernelSha256: KERNEL_SHA256, kernelVariant: kernelVariant(), userAgent: navigator.userAgent, results };
}

(globalThis as unknown as { ebnkitGoldens: typeof runGoldens }).ebnkitGoldens = runGoldens;
