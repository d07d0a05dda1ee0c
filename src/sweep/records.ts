// The results store's records without the file: parsing its JSON lines and
// the rule for which record of a key counts. Pure (no Node imports), so the
// playground reads a store the user opens with the same code as `ebnkit sweep`
// (src/sweep/store.ts keeps the file, the lock and the appends).
import type { ResultRecord, StoreRecord, VerifyRecord } from './store.js';

/** A line that is not a JSON record (anywhere but a torn last line). */
export class RecordsError extends Error {
  override name = 'RecordsError';
}

/** The records of a store, a key stored once: the first success wins; a later record only replaces a failure (a retried job). */
export class StoreRecords {
  readonly byKey = new Map<string, ResultRecord>();
  readonly verifies: VerifyRecord[] = [];

  remember(r: StoreRecord): void {
    if (r.kind === 'verify') this.verifies.push(r);
    else if (r.kind === 'result') {
      const old = this.byKey.get(r.key);
      if (!old || old.status === 'failed') this.byKey.set(r.key, r);
    }
  }

  results(): ResultRecord[] {
    return [...this.byKey.values()];
  }
}

/**
 * Parse a store's text (`name` for messages). A torn last line (no newline
 * after it: a writer killed mid-line) is left out and its length returned as
 * `repaired`; any other line that is not JSON throws RecordsError.
 */
export function parseStoreText(text: string, name: string): { records: StoreRecords; repaired: number } {
  const end = text.lastIndexOf('\n') + 1;
  const records = new StoreRecords();
  text
    .slice(0, end)
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let r: StoreRecord;
      try {
        r = JSON.parse(line) as StoreRecord;
      } catch {
        throw new RecordsError(`${name}: line ${i + 1} is not a JSON record; the store is damaged (only a torn last line is repaired by itself)`);
      }
      records.remember(r);
    });
  return { records, repaired: text.length - end };
}
