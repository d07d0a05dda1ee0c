// The fuzz loop shared by the bounded CI run (fuzz.ts) and the test suite
// (test/fuzz.test.ts): one target, fast-check generating from the corpus,
// either a number of runs or a time budget. A failing input is shrunk by
// fast-check and returned (fuzz.ts saves it into the corpus as crash-*).
import fc from 'fast-check';
import { cliInputs, exprInputs, imageInputs, modelInputs, profileInputs } from './inputs.js';
import { fuzzCli, fuzzExpr, fuzzImage, fuzzModel, fuzzProfile, type TargetName, type Verdict } from './targets.js';

export interface FuzzResult {
  target: TargetName;
  runs: number;
  accepted: number;
  refused: number;
  ms: number;
  failure?: { input: unknown; error: string };
}

type Entry<T> = { arb: () => fc.Arbitrary<T>; fn: (x: T) => Verdict };
const ENTRIES: { [K in TargetName]: Entry<never> } = {
  image: { arb: imageInputs, fn: fuzzImage } as unknown as Entry<never>,
  model: { arb: modelInputs, fn: fuzzModel } as unknown as Entry<never>,
  profile: { arb: profileInputs, fn: fuzzProfile } as unknown as Entry<never>,
  cli: { arb: cliInputs, fn: fuzzCli } as unknown as Entry<never>,
  expr: { arb: exprInputs, fn: fuzzExpr } as unknown as Entry<never>,
};

export function fuzz(target: TargetName, o: { seed: number; runs?: number; seconds?: number }): FuzzResult {
  const { arb, fn } = ENTRIES[target];
  let accepted = 0, refused = 0;
  const t0 = performance.now();
  const prop = fc.property(arb() as fc.Arbitrary<unknown>, (x) => {
    if ((fn as (x: unknown) => Verdict)(x) === 'accepted') accepted++;
    else refused++;
  });
  const r = fc.check(prop, {
    seed: o.seed,
    numRuns: o.runs ?? 1e9,
    ...(o.seconds ? { interruptAfterTimeLimit: o.seconds * 1000, markInterruptAsFailure: false } : {}),
  });
  const out: FuzzResult = { target, runs: r.numRuns, accepted, refused, ms: performance.now() - t0 };
  if (r.failed && r.counterexample) out.failure = { input: r.counterexample[0], error: String((r.errorInstance as Error)?.message ?? r.errorInstance) };
  return out;
}
