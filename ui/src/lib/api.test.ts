import { describe, expect, it, vi } from "vitest";

type Listener = (event: { payload: unknown }) => void;
const listeners = new Map<string, Listener>();
const unlisten = vi.fn();
vi.mock("@tauri-apps/api/event", () => ({
  listen: async (name: string, listener: Listener) => {
    listeners.set(name, listener);
    return () => {
      unlisten(name);
      listeners.delete(name);
    };
  },
}));
const invoke = vi.fn(async (): Promise<unknown> => {
  throw { code: "locked", message_key: "errors.locked", params: {} };
});
vi.mock("@tauri-apps/api/core", () => ({ invoke: () => invoke() }));

const { api, setLockedListener } = await import("./api");

describe("the locked listener", () => {
  it("hears the backend's own lock event and a command answering locked, until cleared", async () => {
    const locked = vi.fn();
    setLockedListener(locked);
    await Promise.resolve();
    listeners.get("locked")?.({ payload: null });
    expect(locked).toHaveBeenCalledTimes(1);
    await expect(api.newScreening()).rejects.toMatchObject({ code: "locked" });
    expect(locked).toHaveBeenCalledTimes(2);
    setLockedListener(null);
    await Promise.resolve();
    await Promise.resolve();
    expect(unlisten).toHaveBeenCalledWith("locked");
    expect(listeners.has("locked")).toBe(false);
  });
});
