import { describe, expect, it } from "vitest";
import { findFieldElement, focusField } from "./focusField";

/** A stand-in for the document: elements by their attributes, and a log of what happened. */
function fakeRoot(elements: Record<string, string>[]) {
  const log: string[] = [];
  const made = elements.map((attrs) => {
    const listeners: Record<string, () => void> = {};
    return {
      attrs,
      dataset: {} as Record<string, string>,
      listeners,
      addEventListener: (type: string, listener: () => void) => (listeners[type] = listener),
      scrollIntoView: () => log.push(`scroll ${JSON.stringify(attrs)}`),
      focus: () => log.push(`focus ${JSON.stringify(attrs)}`),
    };
  });
  const root = {
    querySelector(selector: string) {
      const m = /^\[([a-z-]+)(\^?)="([^"]*)"\]$/.exec(selector);
      if (!m) throw new Error(`unexpected selector ${selector}`);
      const [, name, prefix, value] = m;
      return (
        made.find((e) => {
          const v = e.attrs[name];
          return v !== undefined && (prefix ? v.startsWith(value) : v === value);
        }) ?? null
      );
    },
  };
  return { root: root as unknown as ParentNode, log, made };
}

describe("focusing a field", () => {
  it("finds the input of the field by its test id", () => {
    const { root, made } = fakeRoot([{ "data-testid": "ref-person.name" }, { "data-testid": "ref-contact.place" }]);
    expect(findFieldElement(root, "contact.place")).toBe(made[1]);
  });

  it("finds the first checkbox of a group", () => {
    const { root, made } = fakeRoot([
      { "data-focus": "exploitation" },
      { "data-testid": "ref-exploitation.types-labour_exploitation" },
    ]);
    expect(findFieldElement(root, "exploitation.types")).toBe(made[1]);
  });

  it("falls back to the nearest enclosing part on screen", () => {
    const { root, made } = fakeRoot([{ "data-focus": "indicators.observations.0" }, { "data-focus": "consent" }]);
    expect(findFieldElement(root, "indicators.observations.0.note")).toBe(made[0]);
    expect(findFieldElement(root, "consent.consent_language")).toBe(made[1]);
    expect(findFieldElement(root, "child.child_views")).toBeNull();
  });

  it("ignores quotes that would break the selector", () => {
    const { root } = fakeRoot([{ "data-testid": "ref-person.name" }]);
    expect(findFieldElement(root, 'person.na"me')).not.toBeNull();
  });

  it("scrolls the element into view, then focuses it", () => {
    const { root, log } = fakeRoot([{ "data-testid": "ref-urgency" }]);
    expect(focusField(root, "urgency")).toBe(true);
    expect(log).toEqual(['scroll {"data-testid":"ref-urgency"}', 'focus {"data-testid":"ref-urgency"}']);
    expect(focusField(root, "nowhere")).toBe(false);
  });

  it("marks the field it moved to until the field loses focus, so its focus ring shows", () => {
    const { root, made } = fakeRoot([{ "data-testid": "ref-consent.consent_to_referral" }]);
    focusField(root, "consent.consent_to_referral");
    expect(made[0].dataset).toHaveProperty("movedTo");
    made[0].listeners.blur();
    expect(made[0].dataset).not.toHaveProperty("movedTo");
  });
});
