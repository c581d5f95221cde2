import { describe, expect, it } from "vitest";
import { CODE_FORMAT, enrollInput, shortDeviceId } from "./enrollment";

describe("enrollInput", () => {
  it("prefers a pasted file", () => {
    expect(enrollInput({ address: "junk", code: "junk", file: ' {"first_contact_enrollment":1} \n' })).toEqual({
      center_address: "",
      code: "",
      enrollment_file: '{"first_contact_enrollment":1}',
    });
  });
  it("passes the address and code as typed, for the backend to check", () => {
    expect(enrollInput({ address: " https://c.example ", code: "abcd efgh", file: "  " })).toEqual({
      center_address: " https://c.example ",
      code: "abcd efgh",
      enrollment_file: null,
    });
  });
  it("shows the code's printed form the backend exported", () => {
    expect(CODE_FORMAT).toMatch(/^X{4}(-X{4})+$/);
  });
});

describe("shortDeviceId", () => {
  it("keeps the first group of a UUID", () => {
    expect(shortDeviceId("0190a5b2-7c3e-7abc-8def-0123456789ab")).toBe("0190a5b2");
  });
  it("keeps other ids short", () => {
    expect(shortDeviceId("abcdefghijklmnop")).toBe("abcdefgh");
    expect(shortDeviceId("ab-cdefghijkl")).toBe("ab-cdefg");
  });
});
