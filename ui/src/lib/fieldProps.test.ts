import { describe, expect, it } from "vitest";
import { describedBy, fieldId, fieldTestId } from "./fieldProps";

describe("a referral field's ids", () => {
  it("makes the field path safe in an id, keeping it as it is in the test id", () => {
    expect(fieldId("person.estimated_age")).toBe("f-person-estimated_age");
    expect(fieldId("places[0].country")).toBe("f-places-0--country");
    expect(fieldTestId("places[0].country")).toBe("ref-places[0].country");
  });

  it("describes the control by its own hint first, then by the one elsewhere", () => {
    expect(describedBy("f-a", true, "shared")).toBe("f-a-hint shared");
    expect(describedBy("f-a", true, undefined)).toBe("f-a-hint");
    expect(describedBy("f-a", false, "shared")).toBe("shared");
    expect(describedBy("f-a", false, undefined)).toBeUndefined();
  });
});
