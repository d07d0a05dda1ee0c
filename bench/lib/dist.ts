// The built package (dist/), loaded at run time so that the benchmarks time
// what users install, not the sources; types come from the sources it was built from.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Lib = typeof import('../../src/index.js');

const entry = resolve('dist/index.js'); // npm scripts run from the package root
if (!existsSync(entry)) throw new Error('dist/index.js is missing: run `npm run build` first');
export const lib = (await import(pathToFileURL(entry).href)) as Lib;
