//! Moving keyboard focus when a view appears (a Svelte action).

/** Focuses the element once it is in the document. Headings need tabindex="-1". */
export function focusOnMount(node: HTMLElement): void {
  queueMicrotask(() => node.focus());
}
