//! Roving focus for a list that is one Tab stop (the screening's checklist of a dimension):
//! which item holds the stop, and where a key press moves focus inside the list. Pure: the
//! component passes the keys and the pressed key, and focuses the answer.

/** What of a KeyboardEvent the move depends on. */
export type KeyPress = {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
};

/**
 * The index of the item that holds the list's Tab stop: the one focused last if it is still
 * in the list (a set change can take it away), otherwise the first. -1 for an empty list.
 */
export function stopIndex(keys: readonly string[], remembered: string | undefined): number {
  if (keys.length === 0) return -1;
  const found = remembered === undefined ? -1 : keys.indexOf(remembered);
  return found === -1 ? 0 : found;
}

/**
 * Where `press` moves focus from item `current` of a list of `count`, or null when the list
 * does not handle the key (it then keeps its default: Space toggles the checkbox, Tab leaves
 * the list). Down and Right go to the next item, Up and Left to the previous one — a vertical
 * list answers both, as a radio group does, and the interface has no right-to-left locale.
 * The ends do not wrap: at the last item ArrowDown stays, so the worker hears the list end
 * rather than being carried back to its top. A press with a modifier is left to the browser
 * and the system (Alt+Left is "back", Ctrl+Home scrolls the page).
 */
export function moveIndex(count: number, current: number, press: KeyPress): number | null {
  if (count <= 0 || press.altKey || press.ctrlKey || press.metaKey || press.shiftKey) return null;
  const from = Math.min(Math.max(current, 0), count - 1);
  switch (press.key) {
    case "ArrowDown":
    case "ArrowRight":
      return Math.min(from + 1, count - 1);
    case "ArrowUp":
    case "ArrowLeft":
      return Math.max(from - 1, 0);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}
