import { describe, expect, it, vi } from "vitest";
import type { Profile } from "./bindings/Profile";

vi.mock("./api", () => ({
  api: { appStatus: async () => ({ language: "en", unlocked: true, profile_exists: true }) },
}));
vi.mock("./i18n/index.svelte", () => ({ applyLanguage: () => undefined }));

const { enterUnlocked, keepUntilUnlock, openNewScreening, takeNewScreening } = await import("./state.svelte");

const profile = {} as Profile;

describe("application state", () => {
  it("saves the latest refused draft of each kind after unlock, and keeps one that fails again", async () => {
    const saved: string[] = [];
    keepUntilUnlock("screening", async () => saved.push("screening, first"));
    keepUntilUnlock("screening", async () => saved.push("screening, latest"));
    let referralFails = true;
    keepUntilUnlock("referral", async () => {
      if (referralFails) throw new Error("locked again");
      saved.push("referral");
    });

    await enterUnlocked(profile);
    expect(saved).toEqual(["screening, latest"]);

    referralFails = false;
    await enterUnlocked(profile);
    expect(saved).toEqual(["screening, latest", "referral"]);
    await enterUnlocked(profile);
    expect(saved).toHaveLength(2);
  });

  it("hands a new screening to its editor once, and to no other", () => {
    const view = { screening: { id: "s1" } } as Parameters<typeof openNewScreening>[0];
    openNewScreening(view);
    expect(takeNewScreening("s1")).toBe(view);
    expect(takeNewScreening("s1")).toBeNull();
    openNewScreening(view);
    expect(takeNewScreening("s2")).toBeNull();
    expect(takeNewScreening("s1")).toBeNull();
  });
});
