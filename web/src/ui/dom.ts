// Small DOM helpers.
export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

/** Set text only when it changed (no needless layout work). */
export function setText(el: Element, s: string): void {
  if (el.textContent !== s) el.textContent = s;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A definition list from label/value pairs, updated in place. */
export function fillList(dl: HTMLElement, rows: [string, string][]): void {
  if (dl.children.length !== rows.length * 2) {
    dl.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
    return;
  }
  rows.forEach(([k, v], i) => {
    setText(dl.children[2 * i]!, k);
    setText(dl.children[2 * i + 1]!, v);
  });
}
