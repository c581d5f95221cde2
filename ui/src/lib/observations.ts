//! Editing the observations array of a screening from a checklist. Observations
//! for indicators outside the shown set are never touched.
import type { Learnt } from "./bindings/Learnt";
import type { Observation } from "./bindings/Observation";

export const DEFAULT_LEARNT: Learnt = "observed";

export function findObservation(observations: Observation[], key: string): Observation | undefined {
  return observations.find((o) => o.indicator === key);
}

/**
 * Checks or unchecks an indicator in place. When unchecking, the removed
 * observation is returned so a re-check can restore its note (a wrong click
 * loses nothing); `restore` is that earlier observation, if any.
 */
export function setChecked(
  observations: Observation[],
  key: string,
  checked: boolean,
  restore?: Observation,
): Observation | undefined {
  const index = observations.findIndex((o) => o.indicator === key);
  if (checked) {
    if (index < 0) {
      observations.push(restore ? { ...restore, indicator: key } : { indicator: key, learnt: DEFAULT_LEARNT, note: "" });
    }
    return undefined;
  }
  if (index >= 0) return observations.splice(index, 1)[0];
  return undefined;
}

/** How many observations are for indicators not in `keys` (kept, not shown). */
export function countOutside(observations: Observation[], keys: Set<string>): number {
  return observations.filter((o) => !keys.has(o.indicator)).length;
}
