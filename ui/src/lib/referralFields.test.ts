import { describe, expect, it } from "vitest";
import type { FieldIssue } from "./bindings/FieldIssue";
import type { Referral } from "./bindings/Referral";
import { focusCandidates, isPlaced, labourSectorShown, unplacedReferralIssues } from "./referralFields";

function referral(): Referral {
  const place = { country: "", locality: "", from: "", to: "" };
  return {
    id: "r1",
    created_at: "",
    updated_at: "",
    screening_id: null,
    referrer: { agency: "police", officer_name: "", officer_contact: "" },
    contact: { date: "", place: "", circumstances: "", detection: null },
    person: {
      name: "",
      sex: "not_recorded",
      date_of_birth: "",
      estimated_age: null,
      age_uncertain: false,
      nationality: "",
      stateless: false,
      languages: ["ar"],
      interpreter_used: false,
      identity_documents: "unknown",
      legal_status: "unknown",
      legal_status_note: "",
    },
    places: { recruitment: { ...place }, transit: [{ ...place }, { ...place }], exploitation: { ...place } },
    exploitation: { types: [], labour_sector: "" },
    indicators: {
      indicator_set: "s",
      catalogue_version: "1",
      observations: [{ indicator: "a", learnt: "observed", note: "" }],
      narrative: "",
    },
    needs: { medical: false, shelter: false, food: false, safety: false, note: "" },
    risks: { to_person: false, to_family: false, to_staff: false, note: "" },
    urgency: "routine",
    consent: { consent_to_referral: false, consent_to_data_processing: false, consent_language: "" },
    child: {
      act: null,
      child_views: "",
      social_work_centre_notified: false,
      social_work_centre: "",
      guardian_status: "not_yet_requested",
    },
  };
}

const issue = (field: string): FieldIssue => ({ field, code: "required", params: {} });

describe("referral fields", () => {
  it("shows the labour sector for a labour type, or while it holds text", () => {
    expect(labourSectorShown({ types: [], labour_sector: "" })).toBe(false);
    expect(labourSectorShown({ types: ["begging"], labour_sector: "" })).toBe(false);
    expect(labourSectorShown({ types: ["forced_labour"], labour_sector: "" })).toBe(true);
    expect(labourSectorShown({ types: ["labour_exploitation"], labour_sector: "" })).toBe(true);
    expect(labourSectorShown({ types: [], labour_sector: "farm" })).toBe(true);
  });

  it("places fixed fields and list entries that exist", () => {
    const r = referral();
    for (const field of ["referrer.officer_name", "contact.detection", "person.nationality", "urgency", "exploitation.types"]) {
      expect(isPlaced(field, r, "adult"), field).toBe(true);
    }
    expect(isPlaced("places.recruitment.from", r, "adult")).toBe(true);
    expect(isPlaced("places.transit.1.country", r, "adult")).toBe(true);
    expect(isPlaced("places.transit.2.country", r, "adult")).toBe(false);
    expect(isPlaced("places.transit.1.colour", r, "adult")).toBe(false);
    expect(isPlaced("person.languages.0", r, "adult")).toBe(true);
    expect(isPlaced("person.languages.1", r, "adult")).toBe(false);
    expect(isPlaced("indicators.observations.0.note", r, "adult")).toBe(true);
    expect(isPlaced("indicators.observations.3.note", r, "adult")).toBe(false);
    expect(isPlaced("person.unknown", r, "adult")).toBe(false);
  });

  it("places consent on the adult path and child safeguards on the child path only", () => {
    const r = referral();
    expect(isPlaced("consent.consent_to_referral", r, "adult")).toBe(true);
    expect(isPlaced("consent.consent_to_referral", r, "child")).toBe(false);
    expect(isPlaced("child.child_views", r, "child")).toBe(true);
    expect(isPlaced("child.child_views", r, "adult")).toBe(false);
  });

  it("places the labour sector only while it is shown", () => {
    const r = referral();
    expect(isPlaced("exploitation.labour_sector", r, "adult")).toBe(false);
    r.exploitation.types = ["forced_labour"];
    expect(isPlaced("exploitation.labour_sector", r, "adult")).toBe(true);
  });

  it("lists the issues with no field on screen", () => {
    const all = [issue("person.name"), issue("child.child_views"), issue("places.transit.5.from"), issue("odd")];
    expect(unplacedReferralIssues(all, referral(), "adult").map((i) => i.field)).toEqual([
      "child.child_views",
      "places.transit.5.from",
      "odd",
    ]);
  });

  it("finds focus targets from the field outwards", () => {
    expect(focusCandidates("places.transit.1.country")).toEqual([
      "places.transit.1.country",
      "places.transit.1",
      "places.transit",
      "places",
    ]);
    expect(focusCandidates("urgency")).toEqual(["urgency"]);
    expect(focusCandidates("")).toEqual([]);
  });
});
