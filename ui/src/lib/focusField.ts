//! Moving focus to the input of a field path (from the finalise problem list). Inputs carry
//! data-testid="ref-<field path>"; checkbox groups "ref-<field path>-<value>"; sections and
//! read-only entries data-focus="<field path>". The nearest enclosing part is used when the
//! field itself is not on screen.
import { focusCandidates } from "./referralFields";

/** The element that stands for `field` in `root`, or null. */
export function findFieldElement(root: ParentNode, field: string): HTMLElement | null {
  for (const candidate of focusCandidates(field.replace(/["\\]/g, ""))) {
    const found =
      root.querySelector<HTMLElement>(`[data-testid="ref-${candidate}"]`) ??
      root.querySelector<HTMLElement>(`[data-testid^="ref-${candidate}-"]`) ??
      root.querySelector<HTMLElement>(`[data-focus="${candidate}"]`);
    if (found) return found;
  }
  return null;
}

/**
 * Scrolls the field into view and focuses it, marked `data-moved-to` until it loses focus so
 * the focus ring shows even when a mouse click led here (browsers show none for a checkbox
 * focused after a click); false when nothing on screen stands for it.
 */
export function focusField(root: ParentNode, field: string): boolean {
  const element = findFieldElement(root, field);
  if (!element) return false;
  element.scrollIntoView({ block: "center" });
  element.dataset.movedTo = "";
  element.addEventListener("blur", () => delete element.dataset.movedTo, { once: true });
  element.focus({ preventScroll: true });
  return true;
}
