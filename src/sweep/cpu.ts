// CPU time of one thread, and of every thread of this process, from Linux's
// scheduler statistics (/proc/<pid>/task/<tid>/schedstat: nanoseconds on a
// CPU, nanoseconds runnable but waiting for one, time slices; see the kernel's
// Documentation/scheduler/sched-stats.rst). Node 20 has no per-thread CPU
// clock (process.cpuUsage() sums all threads), and the waiting time is what
// tells a worker slowed by other load from a worker that had nothing to do.
// Elsewhere than Linux these return null and the figures are left out.
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadTimes {
  /** Seconds on a CPU. */
  cpu: number;
  /** Seconds runnable but waiting for a CPU (taken by other threads or processes). */
  wait: number;
}

function parse(text: string): ThreadTimes {
  const [run, wait] = text.split(' ').map(Number);
  return { cpu: run! / 1e9, wait: wait! / 1e9 };
}

/** The calling thread's times (a sync read runs on the calling thread, so thread-self is this one). */
export function threadTimes(): ThreadTimes | null {
  try {
    return parse(readFileSync('/proc/thread-self/schedstat', 'utf8'));
  } catch {
    return null;
  }
}

/** The calling thread's Linux thread id. */
export function threadId(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

/** Times of every thread of this process, by thread id. */
export function processThreads(): Map<number, ThreadTimes> | null {
  try {
    const out = new Map<number, ThreadTimes>();
    for (const t of readdirSync('/proc/self/task')) {
      try {
        out.set(Number(t), parse(readFileSync(`/proc/self/task/${t}/schedstat`, 'utf8')));
      } catch {
        // the thread ended between the listing and the read
      }
    }
    return out;
  } catch {
    return null;
  }
}

/** Seconds every CPU of the machine spent busy (all processes), from /proc/stat; null elsewhere. */
export function machineBusy(): number | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
    const busy = f.slice(0, 8).reduce((s, x, i) => (i === 3 || i === 4 ? s : s + x), 0);
    return busy / 100;
  } catch {
    return null;
  }
}
