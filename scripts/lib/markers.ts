// Write generated text between two marker comments of a Markdown file, so a
// script's table lands in a document without anyone typing its numbers.
// The file is written atomically (temp file + rename): a failed write
// leaves the previous file whole.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export const begin = (tag: string) => `<!-- ${tag}:begin (generated; do not edit by hand) -->`;
export const end = (tag: string) => `<!-- ${tag}:end -->`;

/** Replace the block between the markers named `tag` in `path` (or append one). */
export function writeBetweenMarkers(path: string, tag: string, body: string): void {
  const text = readFileSync(path, 'utf8');
  const a = text.indexOf(begin(tag));
  const b = text.indexOf(end(tag));
  const block = `${begin(tag)}\n${body.trimEnd()}\n${end(tag)}`;
  const out = a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + end(tag).length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path + '.tmp', out);
  renameSync(path + '.tmp', path);
}

/** The block between the markers, or null. */
export function readBetweenMarkers(text: string, tag: string): string | null {
  const a = text.indexOf(begin(tag));
  const b = text.indexOf(end(tag));
  return a >= 0 && b > a ? text.slice(a + begin(tag).length, b).trim() : null;
}
