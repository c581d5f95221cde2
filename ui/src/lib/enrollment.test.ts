import { describe, expect, it } from "vitest";
import { enrollInput, normaliseAddress, normaliseCode, shortDeviceId } from "./enrollment";

describe("normaliseCode", () => {
  it("accepts any case, spaces and hyphens", () => {
    expect(normaliseCode("ABCD-EFGH-JKMN-PQRS")).toBe("ABCD-EFGH-JKMN-PQRS");
    expect(normaliseCode("abcd efgh jkmn pqrs")).toBe("ABCD-EFGH-JKMN-PQRS");
    expect(normaliseCode("  abcdefghjkmnpqrs ")).toBe("ABCD-EFGH-JKMN-PQRS");
    expect(normaliseCode("ab-cd\tef gh-jk mnpq rs")).toBe("ABCD-EFGH-JKMN-PQRS");
  });
  it("reads O, I and L as 0, 1 and 1, like the Center", () => {
    expect(normaliseCode("oooo-iiii-llll-0000")).toBe("0000-1111-1111-0000");
  });
  it("refuses wrong lengths and letters outside the alphabet", () => {
    expect(normaliseCode("")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN-PQRS-T")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN-PQRU")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN-PQR!")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN-PQRŠ")).toBeNull();
  });
});

describe("normaliseAddress", () => {
  it("accepts https://host[:port], with or without a trailing slash", () => {
    expect(normaliseAddress("https://center.example.rs")).toBe("https://center.example.rs");
    expect(normaliseAddress(" https://center.example.rs:8443/ ")).toBe("https://center.example.rs:8443");
    expect(normaliseAddress("HTTPS://Center.Example.RS")).toBe("https://center.example.rs");
    expect(normaliseAddress("https://127.0.0.1:9000")).toBe("https://127.0.0.1:9000");
  });
  it("refuses other schemes, paths, queries and credentials", () => {
    expect(normaliseAddress("http://center.example.rs")).toBeNull();
    expect(normaliseAddress("center.example.rs")).toBeNull();
    expect(normaliseAddress("https://center.example.rs/v1")).toBeNull();
    expect(normaliseAddress("https://center.example.rs?x=1")).toBeNull();
    expect(normaliseAddress("https://user:pw@center.example.rs")).toBeNull();
    expect(normaliseAddress("https://")).toBeNull();
    expect(normaliseAddress("")).toBeNull();
  });
});

describe("enrollInput", () => {
  it("sends the tidied address and code", () => {
    expect(enrollInput({ address: "https://c.example/", code: "abcd efgh jkmn pqrs", file: "" })).toEqual({
      input: { center_address: "https://c.example", code: "ABCD-EFGH-JKMN-PQRS", enrollment_file: null },
    });
  });
  it("prefers a pasted file", () => {
    expect(enrollInput({ address: "junk", code: "junk", file: ' {"first_contact_enrollment":1} \n' })).toEqual({
      input: { center_address: "", code: "", enrollment_file: '{"first_contact_enrollment":1}' },
    });
  });
  it("says what is missing or wrong", () => {
    const err = (form: { address: string; code: string; file: string }) => {
      const r = enrollInput(form);
      return "error" in r ? r.error.code : null;
    };
    expect(err({ address: " ", code: "", file: "  " })).toBe("enrollment_missing");
    expect(err({ address: "http://c.example", code: "ABCD-EFGH-JKMN-PQRS", file: "" })).toBe("sync_bad_address");
    expect(err({ address: "https://c.example", code: "", file: "" })).toBe("enrollment_code_format");
    expect(err({ address: "https://c.example", code: "ABCD", file: "" })).toBe("enrollment_code_format");
  });
  it("uses message keys that exist, with the format as a parameter", () => {
    const r = enrollInput({ address: "https://c.example", code: "x", file: "" });
    expect("error" in r && r.error).toEqual({
      code: "enrollment_code_format",
      message_key: "center.code_invalid",
      params: { format: "XXXX-XXXX-XXXX-XXXX" },
    });
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
