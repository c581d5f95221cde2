//! The fixed choices offered in selects (labels come from the locale files).
import type { AgencyType } from "./bindings/AgencyType";
import type { Learnt } from "./bindings/Learnt";
import type { Sex } from "./bindings/Sex";

export const AGENCIES: readonly AgencyType[] = [
  "labour_inspection",
  "police",
  "border_police",
  "asylum_office",
  "social_work_centre",
  "ngo",
  "health",
  "school",
  "other",
];

export const SEXES: readonly Sex[] = ["female", "male", "other", "not_recorded"];

export const LEARNT: readonly Learnt[] = ["observed", "disclosed", "documents"];

/** Interview languages (BCP-47), with each language's own name shown beside the translated one. */
export const INTERVIEW_LANGUAGES: ReadonlyArray<{ code: string; endonym: string; dir: "ltr" | "rtl" }> = [
  { code: "sr", endonym: "srpski / српски", dir: "ltr" },
  { code: "rom", endonym: "romani čhib", dir: "ltr" },
  { code: "ar", endonym: "العربية", dir: "rtl" },
  { code: "fa", endonym: "فارسی / دری", dir: "rtl" },
  { code: "ps", endonym: "پښتو", dir: "rtl" },
  { code: "ur", endonym: "اردو", dir: "rtl" },
  { code: "fr", endonym: "français", dir: "ltr" },
  { code: "en", endonym: "English", dir: "ltr" },
];
