import { describe, expect, it } from "vitest";
import en from "../../locales/en.json";
import srLatn from "../../locales/sr-Latn.json";
import { flatten } from "./messages";
import { latinToCyrillic } from "./translit";
import type { AgePathReason } from "../bindings/AgePathReason";
import type { CaseFact } from "../bindings/CaseFact";
import type { DecisionOutcome } from "../bindings/DecisionOutcome";
import type { IssueCode } from "../bindings/IssueCode";
import type { SyncPhase } from "../bindings/SyncPhase";
import type { SyncProblem } from "../bindings/SyncProblem";

const english = flatten(en);
const serbian = flatten(srLatn);
const placeholders = (s: string) => [...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]).sort();

describe("locale files", () => {
  it("every English key exists in Serbian", () => {
    expect(Object.keys(english).filter((k) => !(k in serbian))).toEqual([]);
  });

  it("every Serbian key exists in English", () => {
    expect(Object.keys(serbian).filter((k) => !(k in english))).toEqual([]);
  });

  it("has no empty values", () => {
    expect(Object.entries(english).filter(([, v]) => v.trim() === "")).toEqual([]);
    expect(Object.entries(serbian).filter(([, v]) => v.trim() === "")).toEqual([]);
  });

  it("uses the same placeholders in both languages", () => {
    const differ = Object.keys(english).filter(
      (k) => JSON.stringify(placeholders(english[k])) !== JSON.stringify(placeholders(serbian[k] ?? "")),
    );
    expect(differ).toEqual([]);
  });

  it("plural messages have one, few and other forms", () => {
    const stems = new Set(
      Object.keys(english)
        .filter((k) => k.endsWith(".one"))
        .map((k) => k.slice(0, -".one".length)),
    );
    for (const stem of stems) {
      for (const form of ["one", "few", "other"]) {
        expect(english[`${stem}.${form}`], `${stem}.${form}`).toBeTruthy();
        expect(serbian[`${stem}.${form}`], `${stem}.${form}`).toBeTruthy();
      }
    }
  });

  it("localises every error and issue code of the contract", () => {
    const errors = [
      "wrong_passphrase", "passphrase_mismatch", "passphrase_too_weak", "display_name_required",
      "profile_exists", "no_profile", "locked", "not_found", "storage_read_only", "storage_full",
      "storage_failure", "database_newer", "database_corrupt", "catalogue_invalid", "invalid_input",
      "unknown_indicator_set", "unexpected", "center_key_missing", "center_key_malformed",
      "referral_incomplete", "seal_failed",
    ];
    // Typed against the generated bindings: a code added in Rust fails the type check here.
    const issueCodes = [
      "required", "invalid_date", "in_future", "age_over_120", "after_contact_date", "too_long",
      "control_characters", "too_many", "not_applicable", "consent_required", "must_be_confirmed",
      "invalid_country_code", "invalid_language_tag", "invalid_partial_date", "end_before_start",
      "age_mismatch",
    ] as const satisfies readonly IssueCode[];
    const allIssuesListed: Exclude<IssueCode, (typeof issueCodes)[number]> extends never ? true : false = true;
    expect(allIssuesListed).toBe(true);
    const issues = [...issueCodes, "unknown"];
    const reasons = [
      "under_18", "age_uncertain", "age_unknown", "adult_by_date_of_birth", "adult_by_estimate",
    ] as const satisfies readonly AgePathReason[];
    const allReasonsListed: Exclude<AgePathReason, (typeof reasons)[number]> extends never ? true : false = true;
    expect(allReasonsListed).toBe(true);
    for (const reason of reasons) {
      expect(english[`path.reason.${reason}`], reason).toBeTruthy();
    }
    for (const code of errors) expect(english[`errors.${code}`], code).toBeTruthy();
    for (const code of issues) expect(english[`issues.${code}`], code).toBeTruthy();
    expect(english["errors.passphrase_too_weak"]).toContain("{min_length}");
    expect(english["errors.database_newer"]).toContain("{found}");
    expect(english["errors.catalogue_invalid"]).toContain("{problem}");
    expect(english["issues.too_long"]).toContain("{max}");
    expect(english["issues.too_many"]).toContain("{max}");
    expect(english["issues.age_mismatch"]).toContain("{age}");
    expect(english["issues.age_mismatch"]).toContain("{max}");
    expect(english["errors.unexpected"]).toContain("{code}");
  });

  it("never labels a person a victim in the interface", () => {
    // The Center's official name contains the word; nothing else may. Even the Center's own
    // decision is shown as "identified by the Center", never as a label on the person.
    const withoutCenterName = (s: string) =>
      s.replace(/Center for the Protection of Victims of Trafficking in Human Beings/g, "").replace(
        /Centar za zaštitu žrtava trgovine ljudima/g,
        "",
      );
    const labelled = (dict: Record<string, string>, word: RegExp) =>
      Object.entries(dict)
        .filter(([, v]) => word.test(withoutCenterName(v)))
        .map(([key]) => key);
    expect(labelled(english, /victim/i)).toEqual([]);
    expect(labelled(serbian, /žrtv/i)).toEqual([]);
  });

  it("names every fact the who-to-call rules read", () => {
    const facts = [
      "child", "adult", "female", "male", "foreign_national", "asylum_seeker", "interpreter", "medical_need",
      "shelter_need", "food_need", "safety_need", "risk_to_person", "immediate_urgency",
    ] as const satisfies readonly CaseFact[];
    const allFacts: Exclude<CaseFact, (typeof facts)[number]> extends never ? true : false = true;
    expect(allFacts).toBe(true);
    for (const fact of facts) expect(english[`call.facts.${fact}`], fact).toBeTruthy();
  });

  it("localises every sync phase, sync problem and decision outcome", () => {
    const phases = [
      "not_enrolled", "paused", "offline", "connecting", "sending", "waiting_to_retry", "needs_enrollment",
      "up_to_date",
    ] as const satisfies readonly SyncPhase[];
    const allPhases: Exclude<SyncPhase, (typeof phases)[number]> extends never ? true : false = true;
    expect(allPhases).toBe(true);
    const problems = [
      "offline", "interrupted", "wrong_certificate", "clock_skew", "unexpected_response", "response_too_large",
      "bad_signature", "unauthorized", "enrollment_code_invalid", "enrollment_proof_failed", "bad_address",
      "center_unavailable", "storage",
    ] as const satisfies readonly SyncProblem[];
    const allProblems: Exclude<SyncProblem, (typeof problems)[number]> extends never ? true : false = true;
    expect(allProblems).toBe(true);
    const outcomes = ["identified", "not_identified", "more_information_needed"] as const satisfies readonly DecisionOutcome[];
    const allOutcomes: Exclude<DecisionOutcome, (typeof outcomes)[number]> extends never ? true : false = true;
    expect(allOutcomes).toBe(true);

    // Phases with a time have a variant without one.
    const phaseKeys = ["not_enrolled", "paused", "offline", "offline_retry", "connecting", "sending", "sending_some",
      "waiting_to_retry", "waiting", "needs_enrollment", "up_to_date", "up_to_date_never", "unknown"];
    for (const phase of phases) expect(phaseKeys, phase).toContain(phase);
    for (const key of phaseKeys) expect(english[`sync.phase.${key}`], key).toBeTruthy();
    for (const problem of problems) expect(english[`errors.sync_${problem}`], problem).toBeTruthy();
    for (const outcome of outcomes) expect(english[`outbox.outcome.${outcome}`], outcome).toBeTruthy();
    for (const state of ["queued", "delivered", "decided", "needs_attention"]) {
      expect(english[`outbox.states.${state}`], state).toBeTruthy();
    }
    for (const state of ["queued", "delivered", "answered", "needs_attention"]) {
      expect(english[`outbox.reconsideration_states.${state}`], state).toBeTruthy();
    }
    const errors = [
      "not_enrolled", "enrollment_file_invalid", "reconsideration_not_allowed", "reconsideration_grounds_required",
    ];
    for (const code of errors) expect(english[`errors.${code}`], code).toBeTruthy();
    expect(english["outbox.outcome.identified"]).toBe("Identified by the Center");
    expect(serbian["outbox.outcome.identified"]).toBe("Centar je identifikovao osobu");
  });

  it("the Serbian text transliterates to Cyrillic without leftover Serbian Latin letters", () => {
    for (const [key, value] of Object.entries(serbian)) {
      const cyrillic = latinToCyrillic(value).replace(/\{[^}]*\}/g, "");
      // IT and GGGG-style abbreviations become Cyrillic too; only non-Serbian letters may stay.
      expect(/[a-pr-vzčćđšžA-PR-VZČĆĐŠŽ]/.test(cyrillic.replace(/[qwxyQWXY]/g, "")), key).toBe(false);
    }
  });
});
