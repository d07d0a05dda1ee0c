// The results store: JSON lines beside the sweep file, one record per line.
//
// Why JSON lines and not SQLite: no dependency (better-sqlite3 is native code
// that must match the Node ABI on every machine), readable with any tool, and
// crash-safe with two rules: (1) a record is one write() of a whole line
// followed by fsync(), so after a kill the file holds every acknowledged
// record plus at most one torn last line; (2) opening the store cuts a torn
// tail back to the last newline (that job simply runs again). A key is stored
// once: appends of a key already stored are dropped, so a duplicate delivery
// or a rerun never duplicates a row. One process writes (a lock file says
// which); workers hand their results to it.
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../commands/common.js';
import type { Job } from './config.js';
import { parseStoreText, RecordsError, StoreRecords } from './records.js';

export interface Timing {
  wallSeconds: number;
  /** The worker thread's CPU seconds, and seconds it waited for a CPU, during the job (Linux; src/sweep/cpu.ts). */
  cpuSeconds?: number;
  waitSeconds?: number;
  host: string;
  engine: string;
  at: string;
}

export interface ResultRecord {
  kind: 'result';
  key: string;
  status: 'ok' | 'failed';
  job: Job;
  /** Deterministic part: the same bits on every engine and machine. */
  result?: JobResult;
  /** Why it failed (message; "timeout after n s" for a job that overran). */
  error?: string;
  timing: Timing;
}

export interface VerifyRecord {
  kind: 'verify';
  key: string;
  match: boolean;
  at: string;
}

export type StoreRecord = ResultRecord | VerifyRecord;

export interface JobResult {
  /** SHA-256 of the canonical JSON of everything below: equal hashes = bit-identical results. */
  hash: string;
  /** SHA-256 of the trained weight image and of the learned spec. */
  imageSha256: string;
  specSha256: string;
  train: Record<string, unknown>;
  eval?: Record<string, unknown>;
  energy?: Record<string, unknown>;
}

/** A damaged or locked store: bad input (exit code 2), never half-loaded. */
export class StoreError extends UsageError {}

export class Store {
  private fd: number;
  private readonly records: StoreRecords;
  get verifies(): VerifyRecord[] {
    return this.records.verifies;
  }
  /** Bytes cut from a torn last line when the store was opened (0 if none). */
  readonly repaired: number;

  private constructor(readonly path: string, private lock: string | null, readOnly: boolean) {
    if (!readOnly) mkdirSync(dirname(path), { recursive: true });
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    // the parser the playground's sweep viewer uses too (records.ts)
    let parsed: ReturnType<typeof parseStoreText>;
    try {
      parsed = parseStoreText(text, path);
    } catch (e) {
      throw e instanceof RecordsError ? new StoreError(e.message) : e;
    }
    this.records = parsed.records;
    this.repaired = parsed.repaired;
    const end = text.length - this.repaired;
    this.fd = -1;
    if (readOnly) return;
    if (this.repaired) {
      const fd = openSync(path, 'r+');
      ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
      fsyncSync(fd);
      closeSync(fd);
    }
    this.fd = openSync(path, 'a');
  }

  /** Open (or create) a store to write, taking the writer's lock. */
  static open(path: string): Store {
    const lock = takeLock(`${path}.lock`);
    try {
      return new Store(path, lock, false);
    } catch (e) {
      unlinkSync(lock);
      throw e;
    }
  }

  /** Read a store without writing or locking (a torn last line is ignored, not cut): reports while a sweep runs. */
  static read(path: string): Store {
    if (!existsSync(path)) throw new StoreError(`${path}: no results store there (run the sweep first)`);
    return new Store(path, null, true);
  }

  get(key: string): ResultRecord | undefined {
    return this.records.byKey.get(key);
  }

  results(): ResultRecord[] {
    return this.records.results();
  }

  /** Append a record durably. A result for a key already stored is dropped (returns false). */
  append(r: StoreRecord, o: { replaceFailed?: boolean } = {}): boolean {
    if (this.fd < 0) throw new StoreError(`${this.path}: opened read-only`);
    if (r.kind === 'result') {
      const old = this.records.byKey.get(r.key);
      if (old && !(old.status === 'failed' && o.replaceFailed)) return false;
    }
    writeSync(this.fd, `${JSON.stringify(r)}\n`);
    fsyncSync(this.fd);
    this.records.remember(r); // the checks above leave nothing it would refuse
    return true;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    if (this.lock) {
      try {
        unlinkSync(this.lock);
      } catch {
        /* already gone */
      }
      this.lock = null;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file holding the writer's pid; a lock whose process is gone (killed) is taken over. */
function takeLock(lock: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return lock;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new StoreError(`${lock}: another sweep (pid ${pid}) is writing this store; wait for it or stop it`);
      unlinkSync(lock);
    }
  }
  throw new StoreError(`${lock}: cannot take the store's lock`);
}
