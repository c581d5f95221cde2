import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdleWatch } from "./idle";

describe("IdleWatch", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("calls onIdle after the idle time with no activity", () => {
    const onIdle = vi.fn();
    new IdleWatch({ idleMs: 60_000, onIdle, onReport: vi.fn() });
    vi.advanceTimersByTime(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("activity postpones the lock", () => {
    const onIdle = vi.fn();
    const w = new IdleWatch({ idleMs: 60_000, onIdle, onReport: vi.fn() });
    vi.advanceTimersByTime(50_000);
    w.activity();
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("reports activity at most every 30 s, on the leading edge", () => {
    const onReport = vi.fn();
    const w = new IdleWatch({ idleMs: 600_000, onIdle: vi.fn(), onReport });
    w.activity();
    expect(onReport).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 29; i++) {
      vi.advanceTimersByTime(1000);
      w.activity();
    }
    expect(onReport).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    w.activity();
    expect(onReport).toHaveBeenCalledTimes(2);
  });

  it("stop silences everything; setIdleMs re-checks", () => {
    const onIdle = vi.fn();
    const w = new IdleWatch({ idleMs: 600_000, onIdle, onReport: vi.fn() });
    vi.advanceTimersByTime(120_000);
    w.setIdleMs(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    const onIdle2 = vi.fn();
    const w2 = new IdleWatch({ idleMs: 1000, onIdle: onIdle2, onReport: vi.fn() });
    w2.stop();
    w2.activity();
    vi.advanceTimersByTime(5000);
    expect(onIdle2).not.toHaveBeenCalled();
  });
});
