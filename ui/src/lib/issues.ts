//! Placing field issues returned by the backend next to the inputs they concern.
import type { FieldIssue } from "./bindings/FieldIssue";
import type { Observation } from "./bindings/Observation";

export function issuesFor(issues: FieldIssue[], field: string): FieldIssue[] {
  return issues.filter((i) => i.field === field);
}

// "observations.<indicator key>.note" (what the backend sends); "observations.<index>.note"
// and "observations[<index>]" are understood too.
const OBSERVATION_FIELD = /^observations(?:\.([^.[\]]+)|\[(\d+)\])(?:\.([a-z_]+))?$/;

/** For an issue about an observation, the indicator key it concerns. */
export function observationKeyOf(issue: FieldIssue, observations: Observation[]): string | undefined {
  const m = OBSERVATION_FIELD.exec(issue.field);
  if (!m) return undefined;
  const segment = m[1] ?? m[2];
  if (observations.some((o) => o.indicator === segment)) return segment;
  if (/^\d+$/.test(segment)) return observations[Number(segment)]?.indicator;
  return undefined;
}

/** Issues whose field is not shown next to an input (so they are listed together instead). */
export function unplacedIssues(
  issues: FieldIssue[],
  placedFields: ReadonlySet<string>,
  observations: Observation[],
  shownIndicators: ReadonlySet<string>,
): FieldIssue[] {
  return issues.filter((issue) => {
    if (placedFields.has(issue.field)) return false;
    const key = observationKeyOf(issue, observations);
    return key === undefined || !shownIndicators.has(key);
  });
}

/** Issues about the observation of one indicator. */
export function issuesForIndicator(issues: FieldIssue[], key: string, observations: Observation[]): FieldIssue[] {
  return issues.filter((issue) => observationKeyOf(issue, observations) === key);
}

/**
 * The locale key naming a field, with the 1-based position of a list entry as `{n}`:
 * "places.transit.1.country" → fields.places.transit.country, { n: 2 };
 * "person.languages.0" → fields.person.languages.item, { n: 1 }.
 */
export function fieldMessage(field: string): { key: string; params: { n?: number } } {
  const parts = field.split(".");
  let n: number | undefined;
  const named: string[] = [];
  parts.forEach((part, i) => {
    if (/^\d+$/.test(part)) {
      n = Number(part) + 1;
      if (i === parts.length - 1) named.push("item");
    } else {
      named.push(part);
    }
  });
  return { key: `fields.${named.join(".")}`, params: n === undefined ? {} : { n } };
}
