// Output paths are checked before any work is done (issue 14, F9: a bad
// --out used to be found only after minutes of training, with raw errno text
// and exit 1). The check is what a save will need: the path is not a
// directory, and its nearest existing ancestor is a writable directory (the
// save creates the missing folders below it).
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export class OutPathError extends RangeError {
  override name = 'OutPathError';
}

export function checkOutPath(flag: string, path: string, extensions?: readonly string[]): string {
  if (path.trim() === '') throw new OutPathError(`${flag}: the path is empty`);
  const abs = resolve(path);
  const st = statOrNull(abs);
  if (st?.isDirectory()) throw new OutPathError(`${flag}: ${path} is a directory; give a file name`);
  if (extensions && !extensions.some((e) => path.toLowerCase().endsWith(e)))
    throw new OutPathError(`${flag}: "${path}" must end in ${extensions.join(' or ')}`);
  let dir = dirname(abs);
  for (;;) {
    const d = statOrNull(dir);
    if (d) {
      if (!d.isDirectory()) throw new OutPathError(`${flag}: cannot write ${path}: ${dir} is a file, not a directory`);
      try {
        accessSync(dir, constants.W_OK | constants.X_OK);
      } catch {
        throw new OutPathError(`${flag}: cannot write ${path}: directory ${dir} is not writable`);
      }
      return path;
    }
    const up = dirname(dir);
    if (up === dir) throw new OutPathError(`${flag}: cannot write ${path}: no existing directory above it`);
    dir = up;
  }
}

function statOrNull(p: string) {
  try {
    return statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null; // ENOTDIR: an ancestor is a file; the walk up finds it
    throw new OutPathError(`cannot check ${p}: ${code ?? (e as Error).message}`);
  }
}
