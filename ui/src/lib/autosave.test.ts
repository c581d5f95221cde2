import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosave, type SaveState } from "./autosave";

type Deferred = { value: number; resolve: (r: string) => void; reject: (e: unknown) => void };

function harness() {
  let local = 0;
  const calls: Deferred[] = [];
  const states: SaveState[] = [];
  const saved: Array<[string, number]> = [];
  const autosave = new Autosave<number, string>({
    snapshot: () => local,
    save: (value) =>
      new Promise<string>((resolve, reject) => {
        calls.push({ value, resolve, reject });
      }),
    onSaved: (result, sent) => saved.push([result, sent]),
    onStateChange: (s) => states.push(s),
  });
  return {
    autosave,
    calls,
    states,
    saved,
    edit(v: number) {
      local = v;
      autosave.changed();
    },
  };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe("Autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves 400 ms after the last change, with the latest value", async () => {
    const h = harness();
    h.edit(1);
    await vi.advanceTimersByTimeAsync(300);
    h.edit(2);
    await vi.advanceTimersByTimeAsync(399);
    expect(h.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.calls.map((c) => c.value)).toEqual([2]);
    expect(h.autosave.state).toBe("saving");
    h.calls[0].resolve("ok");
    await settle();
    expect(h.autosave.state).toBe("saved");
    expect(h.saved).toEqual([["ok", 2]]);
  });

  it("never waits more than 1 s while typing continues", async () => {
    const h = harness();
    for (let i = 1; i <= 8; i++) {
      h.edit(i);
      await vi.advanceTimersByTimeAsync(150);
    }
    expect(h.calls.length).toBeGreaterThanOrEqual(1);
    expect(h.calls[0].value).toBe(7);
  });

  it("does not overlap saves; a change during a save is saved afterwards", async () => {
    const h = harness();
    h.edit(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(h.calls).toHaveLength(1);
    h.edit(2);
    await vi.advanceTimersByTimeAsync(400);
    expect(h.calls).toHaveLength(1); // still waiting for the first
    h.calls[0].resolve("a");
    await settle();
    expect(h.calls.map((c) => c.value)).toEqual([1, 2]);
    expect(h.autosave.state).toBe("saving");
    h.calls[1].resolve("b");
    await settle();
    expect(h.autosave.state).toBe("saved");
  });

  it("flush saves at once and resolves when everything is stored", async () => {
    const h = harness();
    h.edit(5);
    const done = h.autosave.flush();
    await settle();
    expect(h.calls.map((c) => c.value)).toEqual([5]);
    h.calls[0].resolve("x");
    expect(await done).toBe(true);
    expect(h.autosave.unsaved).toBe(false);
    // Nothing to do: resolves at once.
    expect(await h.autosave.flush()).toBe(true);
  });

  it("flush also saves edits made while a save was in flight", async () => {
    const h = harness();
    h.edit(1);
    await vi.advanceTimersByTimeAsync(400);
    h.edit(2);
    const done = h.autosave.flush();
    h.calls[0].resolve("a");
    await settle();
    expect(h.calls.map((c) => c.value)).toEqual([1, 2]);
    h.calls[1].resolve("b");
    expect(await done).toBe(true);
  });

  it("an error keeps the change unsaved; the next change or flush retries", async () => {
    const h = harness();
    h.edit(1);
    await vi.advanceTimersByTimeAsync(400);
    h.calls[0].reject({ code: "storage_full" });
    await settle();
    expect(h.autosave.state).toBe("error");
    expect(h.autosave.unsaved).toBe(true);
    const retry = h.autosave.flush();
    await settle();
    expect(h.calls.map((c) => c.value)).toEqual([1, 1]);
    h.calls[1].resolve("ok");
    expect(await retry).toBe(true);
    expect(h.autosave.state).toBe("saved");
  });

  it("flush resolves false when the save fails", async () => {
    const h = harness();
    h.edit(1);
    const done = h.autosave.flush();
    await settle();
    h.calls[0].reject(new Error("x"));
    expect(await done).toBe(false);
  });
});
