// A file written in pieces and put in place atomically at the end: the
// streaming output of `ebnkit run` (issue 14, F6: a 3,600 s run used to build
// its whole CSV as one string, 2 GB, and die). Text is buffered up to 1 MiB
// and written with writeSync; commit() renames the temporary file over the
// target (files.ts keeps the old file's permissions and follows symlinks),
// abort() removes it.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { beginTemp, commitTemp, dropTemp, saveTarget } from './files.js';

const FLUSH = 1 << 20;

export class StreamFile {
  readonly target: string;
  readonly tmp: string;
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  bytes = 0;

  /** `part`: a piece to be append()ed into another StreamFile for the same path, never committed itself. */
  constructor(path: string, part = '') {
    this.target = saveTarget(path);
    this.tmp = beginTemp(this.target, part);
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.buf.push(text);
    this.size += text.length;
    if (this.size >= FLUSH) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    this.bytes += writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }

  /** Append the whole content of another (finished, flushed) part file. */
  append(part: StreamFile): void {
    this.flush();
    part.flush();
    const fd = openSync(part.tmp, 'r');
    const chunk = Buffer.alloc(FLUSH);
    let pos = 0;
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, pos)) > 0; pos += n) this.bytes += writeSync(this.fd, chunk, 0, n);
    closeSync(fd);
  }

  commit(): void {
    this.flush();
    closeSync(this.fd);
    commitTemp(this.tmp, this.target);
  }

  /** Close and delete the temporary file (the target is untouched). */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    dropTemp(this.tmp);
  }
}
