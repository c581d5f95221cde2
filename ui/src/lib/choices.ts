//! The fixed choices offered in selects (labels come from the locale files).
import type { AgencyType } from "./bindings/AgencyType";
import type { ChildAct } from "./bindings/ChildAct";
import type { DetectionMethod } from "./bindings/DetectionMethod";
import type { ExploitationType } from "./bindings/ExploitationType";
import type { GuardianStatus } from "./bindings/GuardianStatus";
import type { IdentityDocuments } from "./bindings/IdentityDocuments";
import type { Learnt } from "./bindings/Learnt";
import type { LegalStatus } from "./bindings/LegalStatus";
import type { Sex } from "./bindings/Sex";
import type { Urgency } from "./bindings/Urgency";
import referralForm from "./bindings/referralForm.json";

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

/** Answers to the child path's act question, in the order they are offered. */
export const CHILD_ACTS: readonly ChildAct[] = ["yes", "no", "not_known"];

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

/** Further languages of the people screened, by caseload (DOMAIN.md §5), for the referral form. */
export const MORE_LANGUAGES: ReadonlyArray<{ code: string; endonym: string; dir: "ltr" | "rtl" }> = [
  { code: "ku", endonym: "Kurdî / کوردی", dir: "ltr" },
  { code: "bn", endonym: "বাংলা", dir: "ltr" },
  { code: "hi", endonym: "हिन्दी", dir: "ltr" },
  { code: "pa", endonym: "ਪੰਜਾਬੀ / پنجابی", dir: "ltr" },
  { code: "ne", endonym: "नेपाली", dir: "ltr" },
  { code: "vi", endonym: "Tiếng Việt", dir: "ltr" },
  { code: "tr", endonym: "Türkçe", dir: "ltr" },
  { code: "ru", endonym: "русский", dir: "ltr" },
  { code: "uk", endonym: "українська", dir: "ltr" },
  { code: "zh", endonym: "中文", dir: "ltr" },
];

/** Every language offered in the referral form's language pickers. */
export const PERSON_LANGUAGES = [...INTERVIEW_LANGUAGES, ...MORE_LANGUAGES];

export const DETECTION_METHODS: readonly DetectionMethod[] = [
  "inspection",
  "outreach",
  "self_report",
  "third_party_report",
  "police_operation",
  "border_check",
  "asylum_procedure",
  "other",
];

/** Serbian Criminal Code art. 388 purposes, then forced marriage and illegal adoption, then other
 * (the backend's list and order). */
export const EXPLOITATION_TYPES: readonly ExploitationType[] = referralForm.exploitation_types as ExploitationType[];

export const URGENCIES: readonly Urgency[] = ["routine", "urgent", "immediate"];

export const GUARDIAN_STATUSES: readonly GuardianStatus[] = [
  "not_yet_requested",
  "requested",
  "appointed",
  "parent_or_legal_guardian_present",
];

export const IDENTITY_DOCUMENTS: readonly IdentityDocuments[] = ["unknown", "held", "withheld_by_someone", "none"];

export const LEGAL_STATUSES: readonly LegalStatus[] = [
  "unknown",
  "serbian_citizen",
  "regular_stay",
  "asylum_seeker",
  "international_protection",
  "temporary_protection",
  "irregular_stay",
  "other",
];
