import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { debounce } from "./debounce";

describe("debounce", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs once, with the last arguments, after the quiet period", () => {
    const fn = vi.fn();
    const d = debounce(fn, 400);
    d(1);
    vi.advanceTimersByTime(200);
    d(2);
    vi.advanceTimersByTime(399);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith(2);
  });

  it("never waits longer than maxWait during continuous calls", () => {
    const fn = vi.fn();
    const d = debounce(fn, 400, { maxWaitMs: 1000 });
    for (let i = 0; i < 10; i++) {
      d(i);
      vi.advanceTimersByTime(150);
    }
    // 10 calls spread over 1.5 s: the first burst must have run by 1 s.
    expect(fn).toHaveBeenCalled();
    expect(fn.mock.calls[0][0]).toBe(6);
    vi.advanceTimersByTime(400);
    expect(fn).toHaveBeenLastCalledWith(9);
  });

  it("flush runs a pending call at once; cancel drops it", () => {
    const fn = vi.fn();
    const d = debounce(fn, 400);
    expect(d.flush()).toBe(false);
    d("a");
    expect(d.pending()).toBe(true);
    expect(d.flush()).toBe(true);
    expect(fn).toHaveBeenCalledWith("a");
    d("b");
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
