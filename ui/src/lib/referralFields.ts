//! The referral form's field paths (as the backend names them in FieldIssue.field): which are
//! shown next to an input, how a path is named to the worker, and where focus goes to fix it.
import type { AgePathKind } from "./bindings/AgePathKind";
import type { ExploitationType } from "./bindings/ExploitationType";
import type { FieldIssue } from "./bindings/FieldIssue";
import type { Referral } from "./bindings/Referral";
import type { ReferralExploitation } from "./bindings/ReferralExploitation";

/** Exploitation types that ask for the labour sector. */
export const LABOUR_TYPES: readonly ExploitationType[] = ["labour_exploitation", "forced_labour"];

/** The labour sector is shown for a labour type, and whenever it holds text (so it can be cleared). */
export function labourSectorShown(exploitation: ReferralExploitation): boolean {
  return (
    exploitation.types.some((type) => LABOUR_TYPES.includes(type)) || exploitation.labour_sector.trim() !== ""
  );
}

// Fields with an input (or a list) of their own, whatever the path.
const ALWAYS = new Set([
  "referrer.agency",
  "referrer.officer_name",
  "referrer.officer_contact",
  "contact.date",
  "contact.place",
  "contact.circumstances",
  "contact.detection",
  "person.name",
  "person.sex",
  "person.date_of_birth",
  "person.estimated_age",
  "person.age_uncertain",
  "person.nationality",
  "person.stateless",
  "person.languages",
  "person.interpreter_used",
  "person.identity_documents",
  "person.legal_status",
  "person.legal_status_note",
  "places.transit",
  "exploitation.types",
  "indicators.indicator_set",
  "indicators.catalogue_version",
  "indicators.observations",
  "indicators.narrative",
  "needs.medical",
  "needs.shelter",
  "needs.food",
  "needs.safety",
  "needs.note",
  "risks.to_person",
  "risks.to_family",
  "risks.to_staff",
  "risks.note",
  "urgency",
]);
const PLACE_PARTS = new Set(["country", "locality", "from", "to"]);
const CONSENT = /^consent\.(consent_to_referral|consent_to_data_processing|consent_language)$/;
const CHILD = /^child\.(child_views|social_work_centre_notified|social_work_centre|guardian_status)$/;

/** Whether an issue about `field` is shown next to its input in the form as it now stands. */
export function isPlaced(field: string, referral: Referral, path: AgePathKind): boolean {
  if (ALWAYS.has(field)) return true;
  if (field === "exploitation.labour_sector") return labourSectorShown(referral.exploitation);
  if (CONSENT.test(field)) return path === "adult";
  if (CHILD.test(field)) return path === "child";
  const parts = field.split(".");
  const index = Number(parts[2]);
  const indexed = /^\d+$/.test(parts[2] ?? "");
  if (parts[0] === "places" && (parts[1] === "recruitment" || parts[1] === "exploitation")) {
    return parts.length === 3 && PLACE_PARTS.has(parts[2]);
  }
  if (!indexed) return false;
  if (parts[0] === "places" && parts[1] === "transit") {
    return parts.length === 4 && PLACE_PARTS.has(parts[3]) && index < referral.places.transit.length;
  }
  if (parts[0] === "person" && parts[1] === "languages") {
    return parts.length === 3 && index < referral.person.languages.length;
  }
  if (parts[0] === "indicators" && parts[1] === "observations") {
    return (
      parts.length === 4 &&
      (parts[3] === "indicator" || parts[3] === "note") &&
      index < referral.indicators.observations.length
    );
  }
  return false;
}

/** Issues with no input on screen (listed together at the top of the form). */
export function unplacedReferralIssues(issues: FieldIssue[], referral: Referral, path: AgePathKind): FieldIssue[] {
  return issues.filter((issue) => !isPlaced(issue.field, referral, path));
}

/**
 * Where to put focus for an issue, most specific first: the field itself, then each enclosing
 * part ("places.transit.1.country" → …, "places.transit.1", "places.transit", "places").
 */
export function focusCandidates(field: string): string[] {
  const parts = field.split(".").filter((p) => p !== "");
  const out: string[] = [];
  for (let end = parts.length; end > 0; end--) out.push(parts.slice(0, end).join("."));
  return out;
}
