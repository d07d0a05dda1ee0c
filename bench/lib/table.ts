// A markdown table with right-aligned numeric columns.
export function markdownTable(head: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const width = head.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c]?.length ?? 0)));
  const numeric = head.map((_, c) => cells.length > 0 && cells.every((r) => /^[-+\d.,x%µ ]*[\d-][\w/%µ. ]*$/.test(r[c] ?? '')));
  const line = (r: string[]) => '| ' + r.map((x, c) => (numeric[c] ? x.padStart(width[c]!) : x.padEnd(width[c]!))).join(' | ') + ' |';
  const rule = '|' + width.map((w, c) => (numeric[c] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(head), rule, ...cells.map(line)].join('\n');
}
