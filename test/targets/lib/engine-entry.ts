// Entry of the one-file script run by gjs (SpiderMonkey) and bun (JavaScriptCore):
// the harness (engines.test.ts) prepends EBNK_WASM and EBNK_TAPES as base64 strings.
import { fromBase64, replayBundle } from './replay-js.js';

declare const EBNK_WASM: string;
declare const EBNK_TAPES: string;
const g = globalThis as { print?: (s: string) => void; console?: { log(s: string): void } };
const out = g.print ?? ((s: string) => g.console!.log(s));
const bad = replayBundle(fromBase64(EBNK_WASM), fromBase64(EBNK_TAPES), out);
out(`engine exit ${bad}`);
