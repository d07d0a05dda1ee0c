// Terminal progress reporting. On a TTY: one line redrawn in place with "\r" (throttled).
// Otherwise (CI logs, pipes): a plain line per 10% step, so logs stay short.

export interface ProgressStream {
  isTTY?: boolean;
  /** Terminal width, if known (Node's tty.WriteStream has it). */
  columns?: number;
  write(s: string): unknown;
}

export interface ProgressOptions {
  total: number;
  label: string;
  /** Default: process.stderr (keeps stdout clean for data). */
  stream?: NodeJS.WriteStream | ProgressStream;
  /** Bar width in characters; default 24. */
  width?: number;
  /** Clock in milliseconds; injectable for tests. Default performance.now. */
  now?: () => number;
}

export interface Progress {
  update(done: number, info?: string): void;
  done(info?: string): void;
}

/** Min ms between TTY redraws (~10/s): redrawing faster just burns terminal bandwidth. */
const REDRAW_MS = 100;

function seconds(ms: number): string {
  const s = ms / 1000;
  if (!Number.isFinite(s)) return '?';
  return s < 10 ? `${s.toFixed(1)}s` : `${Math.round(s)}s`;
}

export function createProgress(opts: ProgressOptions): Progress {
  const stream: ProgressStream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now());
  const total = Math.max(0, opts.total);
  const barWidth = Math.max(1, Math.floor(opts.width ?? 24));
  const tty = stream.isTTY === true;
  const t0 = now();
  let lastDraw = -Infinity;
  let lastStep = 0; // non-TTY: highest 10% step already printed
  let finished = false;
  let lastDone = 0;
  let lastInfo = '';

  const fraction = (done: number): number =>
    total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;

  const ttyLine = (done: number, info: string): string => {
    const f = fraction(done);
    const filled = Math.round(f * barWidth);
    const elapsed = now() - t0;
    const eta = f > 0 ? (elapsed / f) * (1 - f) : NaN;
    const pct = `${Math.floor(f * 100)}`.padStart(3);
    let line = `${opts.label} ${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)} ${pct}% ${seconds(elapsed)} eta ${seconds(eta)}`;
    if (info) line += ` ${info}`;
    // A line longer than the terminal wraps, and "\r" then only rewinds the last row.
    const cols = stream.columns;
    if (cols && line.length > cols - 1) line = line.slice(0, Math.max(0, cols - 1));
    // "\x1b[K" clears leftovers of a previous, longer line.
    return `\r${line}\x1b[K`;
  };

  const plainLine = (done: number, info: string): string => {
    const f = fraction(done);
    const counts = total > 0 ? ` (${Math.min(Math.max(0, done), total)}/${total})` : '';
    return `${opts.label}: ${Math.floor(f * 100)}%${counts} ${seconds(now() - t0)}${info ? ` ${info}` : ''}\n`;
  };

  return {
    update(done: number, info = ''): void {
      if (finished) return;
      lastDone = done;
      lastInfo = info;
      if (tty) {
        const t = now();
        if (t - lastDraw < REDRAW_MS) return;
        lastDraw = t;
        stream.write(ttyLine(done, info));
      } else {
        // Steps 1..10 (10%..100%): at most 10 lines however often update() is called.
        const step = Math.floor(fraction(done) * 10 + 1e-9);
        if (step > lastStep) {
          lastStep = step;
          stream.write(plainLine(done, info));
        }
      }
    },
    done(info?: string): void {
      if (finished) return;
      finished = true;
      const text = info ?? lastInfo;
      if (tty) {
        // Final state at 100%, then newline so following output starts on a fresh line.
        stream.write(ttyLine(Math.max(lastDone, total), text) + '\n');
      } else {
        stream.write(`${opts.label}: done in ${seconds(now() - t0)}${text ? ` ${text}` : ''}\n`);
      }
    },
  };
}
