// Saving and loading in Node. Saves are atomic (write a temporary file in the
// same folder, then rename), so a failed save never destroys the previous
// file; loads validate everything before returning anything.
//
// Re-saving keeps what the user set up: a symlink is followed (the file it
// points to is replaced, the link stays a link) and the old file's permission
// bits are kept. Temporary files are named `<file>.<pid>.tmp`; one left behind
// by a process that was killed mid-write (SIGKILL cannot be caught) is removed
// by the next save to the same file, and pending ones are removed when the
// process exits or is interrupted during a streamed write (stream-file.ts).
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { decodeModel, encodeModel, ModelError, type Model } from '../model.js';

/** Temporary files this process has open and not yet renamed into place. */
export const pendingTemps = new Set<string>();
let exitHook = false;

/** The file a save to `path` really replaces: the target of a symlink, else `path`. */
export function saveTarget(path: string): string {
  try {
    if (lstatSync(path).isSymbolicLink()) return realpathSync(path);
  } catch {
    /* does not exist yet (or a dangling link: write the link's own path) */
  }
  return path;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Remove `<file>.<pid>.tmp` siblings left by processes that no longer exist. */
function sweepStale(target: string): void {
  const dir = dirname(target);
  const base = basename(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = n.startsWith(base + '.') ? /^\.(\d+)(\.[a-z]+)?\.tmp$/.exec(n.slice(base.length)) : null;
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) rmSync(join(dir, n), { force: true });
  }
}

/** Start a temporary file for `target` (registered for cleanup) and return its path; `part` names extra pieces. */
export function beginTemp(target: string, part = ''): string {
  mkdirSync(dirname(target), { recursive: true });
  sweepStale(target);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const t of pendingTemps) rmSync(t, { force: true });
    });
  }
  const tmp = `${target}.${process.pid}${part ? '.' + part : ''}.tmp`;
  pendingTemps.add(tmp);
  return tmp;
}

/** Move a finished temporary file over `target`, keeping the old file's permission bits. */
export function commitTemp(tmp: string, target: string): void {
  if (existsSync(target)) chmodSync(tmp, statSync(target).mode & 0o7777);
  renameSync(tmp, target);
  pendingTemps.delete(tmp);
}

export function dropTemp(tmp: string): void {
  rmSync(tmp, { force: true });
  pendingTemps.delete(tmp);
}

/**
 * Write several files so that either all are replaced or none is: every
 * temporary file is written first, then all are renamed (a model and its
 * figure never end up from two different runs).
 */
export function writeAtomicAll(files: { path: string; data: string | Uint8Array }[]): void {
  const done: [string, string][] = [];
  try {
    for (const f of files) {
      const target = saveTarget(f.path);
      // a rename cannot replace a directory: refuse before anything is written
      if (existsSync(target) && statSync(target).isDirectory()) throw new Error(`${f.path} is a directory, not a file`);
      const tmp = beginTemp(target);
      done.push([tmp, target]);
      writeFileSync(tmp, f.data);
    }
  } catch (e) {
    for (const [tmp] of done) dropTemp(tmp);
    throw e;
  }
  let q = 0;
  try {
    for (; q < done.length; q++) commitTemp(done[q]![0], done[q]![1]);
  } catch (e) {
    for (; q < done.length; q++) dropTemp(done[q]![0]);
    throw e;
  }
}

export function writeAtomic(path: string, data: string | Uint8Array): void {
  writeAtomicAll([{ path, data }]);
}

/** Encode (which validates) first, then write atomically. */
export function saveModel(path: string, m: Model): void {
  writeAtomic(path, encodeModel(m));
}

/** The same file on disk (after symlinks), when both exist. */
export function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** The bytes of a model file; a ModelError naming the path if it cannot be read. */
export function readModelBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ModelError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export function loadModel(path: string): Model {
  const bytes = readModelBytes(path);
  try {
    return decodeModel(bytes);
  } catch (e) {
    throw new ModelError(`${path}: ${(e as Error).message}`);
  }
}
