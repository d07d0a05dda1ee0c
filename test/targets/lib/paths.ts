// The package root, whether this file runs in place (vitest) or bundled into
// a script by esbuild (scripts/run-ts.sh runs from the package root).
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = (/[/\\]test[/\\]targets[/\\]lib[/\\]$/.test(here) ? here.replace(/test[/\\]targets[/\\]lib[/\\]$/, '') : process.cwd() + '/').replace(/[/\\]$/, '');
export const fromRoot = (...p: string[]) => [ROOT, ...p].join('/');
