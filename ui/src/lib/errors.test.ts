import { describe, expect, it } from "vitest";
import { errorMessage, isApiError, issueMessage, toApiError } from "./errors";

const known = (key: string) => ["errors.wrong_passphrase", "errors.locked", "issues.required"].includes(key);

describe("toApiError", () => {
  it("keeps an ApiError", () => {
    const e = { code: "locked", message_key: "errors.locked", params: {} };
    expect(toApiError(e)).toEqual(e);
    expect(isApiError(e)).toBe(true);
  });
  it("wraps anything else without leaking its text", () => {
    expect(toApiError(new Error("secret alias"))).toEqual({
      code: "unexpected",
      message_key: "errors.unexpected",
      params: {},
    });
    expect(toApiError("boom").code).toBe("unexpected");
  });
});

describe("errorMessage", () => {
  it("uses the message key when known", () => {
    expect(errorMessage({ code: "wrong_passphrase", message_key: "errors.wrong_passphrase", params: {} }, known).key).toBe(
      "errors.wrong_passphrase",
    );
  });
  it("falls back to errors.<code>, then to a generic message showing the code", () => {
    expect(errorMessage({ code: "locked", message_key: "x.y", params: {} }, known).key).toBe("errors.locked");
    expect(errorMessage({ code: "brand_new", message_key: "errors.brand_new", params: {} }, known)).toEqual({
      key: "errors.unexpected",
      params: { code: "brand_new" },
    });
  });
});

describe("issueMessage", () => {
  it("maps known and unknown codes", () => {
    expect(issueMessage({ code: "required", params: {} }, known).key).toBe("issues.required");
    expect(issueMessage({ code: "odd", params: { max: "3" } }, known)).toEqual({
      key: "issues.unknown",
      params: { code: "odd", max: "3" },
    });
  });
});
