// The JSON-lines results store: durable appends, one row per key, torn tails.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store, StoreError, type ResultRecord } from '../src/sweep/store.js';

const dir = mkdtempSync(join(tmpdir(), 'ebnkit-sweep-store-'));
const rec = (key: string, status: 'ok' | 'failed' = 'ok'): ResultRecord => ({
  kind: 'result',
  key,
  status,
  job: { train: { system: 'vanderpol' } },
  ...(status === 'ok' ? { result: { hash: `h-${key}`, imageSha256: '', specSha256: '', train: {} } } : { error: 'boom' }),
  timing: { wallSeconds: 1, host: 'h', engine: 'local', at: '' },
});

describe('results store', () => {
  it('stores a key once: a duplicate append is dropped, on disk and after reopening', () => {
    const p = join(dir, 'a.jsonl');
    const s = Store.open(p);
    expect(s.append(rec('k1'))).toBe(true);
    expect(s.append(rec('k1'))).toBe(false);
    expect(s.append(rec('k2', 'failed'))).toBe(true);
    s.close();
    expect(readFileSync(p, 'utf8').trim().split('\n')).toHaveLength(2);
    const t = Store.open(p);
    expect(t.results().map((r) => r.key)).toEqual(['k1', 'k2']);
    // a failure is replaced only when retrying failures
    expect(t.append(rec('k2'))).toBe(false);
    expect(t.append(rec('k2'), { replaceFailed: true })).toBe(true);
    expect(t.get('k2')!.status).toBe('ok');
    t.close();
    expect(Store.open(p).get('k2')!.status).toBe('ok');
  });
  it('cuts a torn last line (a kill mid-write) and keeps every whole record', () => {
    const p = join(dir, 'b.jsonl');
    const s = Store.open(p);
    s.append(rec('k1'));
    s.close();
    appendFileSync(p, JSON.stringify(rec('k2')).slice(0, 40));
    const t = Store.open(p);
    expect(t.repaired).toBe(40);
    expect(t.results().map((r) => r.key)).toEqual(['k1']);
    t.append(rec('k3'));
    t.close();
    expect(readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as ResultRecord).key)).toEqual(['k1', 'k3']);
  });
  it('refuses a damaged middle line instead of half-loading', () => {
    const p = join(dir, 'c.jsonl');
    writeFileSync(p, `${JSON.stringify(rec('k1'))}\nnot json\n${JSON.stringify(rec('k2'))}\n`);
    expect(() => Store.open(p)).toThrow(/line 2 is not a JSON record; the store is damaged/);
  });
  it('one writer at a time: a live lock is refused, a dead one taken over', () => {
    const p = join(dir, 'd.jsonl');
    const s = Store.open(p);
    writeFileSync(`${p}.x`, '');
    s.close();
    expect(existsSync(`${p}.lock`)).toBe(false);
    writeFileSync(`${p}.lock`, String(process.ppid));
    expect(() => Store.open(p)).toThrow(StoreError);
    writeFileSync(`${p}.lock`, '999999999');
    Store.open(p).close();
  });
});
