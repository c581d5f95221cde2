import { describe, expect, it } from "vitest";
import { enrollInput, isOldCode, normaliseAddress, normaliseCode, shortDeviceId } from "./enrollment";

describe("normaliseCode", () => {
  const CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01";
  it("accepts any case, spaces and hyphens", () => {
    expect(normaliseCode(CODE)).toBe(CODE);
    expect(normaliseCode("abcd efgh jkmn pqrs tvwx yz01")).toBe(CODE);
    expect(normaliseCode("  abcdefghjkmnpqrstvwxyz01 ")).toBe(CODE);
    expect(normaliseCode("ab-cd\tef gh-jk mnpq rs tv-wxyz 01")).toBe(CODE);
  });
  it("reads O, I and L as 0, 1 and 1, like the Center", () => {
    expect(normaliseCode("oooo-iiii-llll-0000-1111-2222")).toBe("0000-1111-1111-0000-1111-2222");
  });
  it("refuses wrong lengths and letters outside the alphabet", () => {
    expect(normaliseCode("")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN-PQRS")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN-PQRS-TVWX")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0!")).toBeNull();
    expect(normaliseCode("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0Š")).toBeNull();
  });
});

describe("isOldCode", () => {
  it("recognises the earlier four-group form however it is typed", () => {
    expect(isOldCode("ABCD-EFGH-JKMN-PQRS")).toBe(true);
    expect(isOldCode("abcd efgh jkmn pqrs")).toBe(true);
    expect(isOldCode("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01")).toBe(false);
    expect(isOldCode("ABCD-EFGH-JKMN")).toBe(false);
    expect(isOldCode("ABCD-EFGH-JKMN-PQR!")).toBe(false);
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
    expect(enrollInput({ address: "https://c.example/", code: "abcd efgh jkmn pqrs tvwx yz01", file: "" })).toEqual({
      input: { center_address: "https://c.example", code: "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01", enrollment_file: null },
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
    expect(err({ address: "http://c.example", code: "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01", file: "" })).toBe("sync_bad_address");
    expect(err({ address: "https://c.example", code: "", file: "" })).toBe("enrollment_code_format");
    expect(err({ address: "https://c.example", code: "ABCD", file: "" })).toBe("enrollment_code_format");
    expect(err({ address: "https://c.example", code: "ABCD-EFGH-JKMN-PQRS", file: "" })).toBe("enrollment_code_old");
  });
  it("uses message keys that exist, with the format as a parameter", () => {
    const r = enrollInput({ address: "https://c.example", code: "x", file: "" });
    expect("error" in r && r.error).toEqual({
      code: "enrollment_code_format",
      message_key: "center.code_invalid",
      params: { format: "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" },
    });
    const old = enrollInput({ address: "https://c.example", code: "abcd efgh jkmn pqrs", file: "" });
    expect("error" in old && old.error).toEqual({ code: "enrollment_code_old", message_key: "center.code_old", params: {} });
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
