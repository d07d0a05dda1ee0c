// A job's identity. The key is the SHA-256 of the canonical JSON of its full
// configuration, the kernel module's SHA-256, the package version and (for a
// system module) the module file's SHA-256: change any of them and the stored
// result no longer answers the question, so the job runs again.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { KERNEL_SHA256 } from '../kernel/module.js';
import type { Job } from './config.js';

/** The package version, stamped into every key (bump it when defaults change). */
export const PACKAGE_VERSION = '0.4.1';

/** JSON with object keys sorted at every level, so equal objects hash equal. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) return JSON.stringify(String(v));
    return JSON.stringify(v) ?? 'null';
  }
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function jobKey(job: Job): string {
  // A module is named by its content (moduleSha256) and file name, not by the
  // absolute path the sweep resolved it to: the same module in another
  // checkout (or a committed store read in a fresh clone) is the same job.
  const named = job.moduleSha256 ? { ...job, train: { ...job.train, system: basename(job.train.system) } } : job;
  return sha256(canonical({ job: named, kernel: KERNEL_SHA256, version: PACKAGE_VERSION }));
}
